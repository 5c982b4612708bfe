#!/usr/bin/env node
// Make sure a Chromium is there for the browser tests (test/e2e), before `npm test` runs them.
//
// Uses $CHROMIUM_PATH when set, else Debian's /usr/bin/chromium. When it is missing and
// this runs as root on a machine with apt-get (CI, containers), installs Debian's
// `chromium` package and checks again. Otherwise exits 1 with the command that fixes
// it: the browser tests are never skipped silently.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';
const FIX = 'sudo apt-get install -y chromium';

const executable = process.env.CHROMIUM_PATH || DEFAULT_PATH;

function present() {
  try {
    accessSync(executable, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

if (present()) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  fail(`CHROMIUM_PATH=${executable} is not an executable file; point it at a Chromium or unset it and run: ${FIX}`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((p) => existsSync(p));
if (!isRoot || !aptGet) {
  fail(`${DEFAULT_PATH} not found; the browser tests need it. Install it with: ${FIX}`);
}

console.error(`ensure-chromium: ${DEFAULT_PATH} not found; installing Debian's chromium package with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', 'chromium']]) {
  const run = spawnSync(aptGet, args, { stdio: 'inherit', env });
  if (run.status !== 0) fail(`apt-get ${args.join(' ')} failed (exit ${run.status ?? run.signal}); install it with: ${FIX}`);
}
if (!present()) fail(`apt-get installed chromium but ${DEFAULT_PATH} is still missing; install it with: ${FIX}`);
console.error(`ensure-chromium: installed ${DEFAULT_PATH}`);
