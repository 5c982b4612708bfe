#!/usr/bin/env node
// Make sure the programs the tests drive are there, before `npm test` runs them:
//   - Chromium for the browser tests (test/e2e, test/quality): $CHROMIUM_PATH, else
//     Debian's /usr/bin/chromium (package `chromium`);
//   - Java for the Nu Html Checker and Jing in vnu.jar (test/quality): `java` on PATH
//     (package `default-jre-headless`).
// When one is missing and this runs as root on a machine with apt-get (CI, containers),
// it installs the Debian package and checks again. Otherwise it exits 1 naming the one
// command that fixes it: those tests are never skipped silently.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';

const TOOLS = [
  {
    name: 'Chromium',
    package: 'chromium',
    find: () => {
      const executable = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
      return isExecutable(executable) ? executable : undefined;
    },
    // A wrong $CHROMIUM_PATH is the user's to fix; installing the package would not help.
    refuseInstall: () =>
      process.env.CHROMIUM_PATH
        ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable file; point it at a Chromium or unset it`
        : undefined,
  },
  {
    name: 'Java',
    package: 'default-jre-headless',
    find: () => (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'java')).find(isExecutable),
    refuseInstall: () => undefined,
  },
];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function fail(message) {
  console.error(`ensure-test-tools: ${message}`);
  process.exit(1);
}

const missing = TOOLS.filter((tool) => tool.find() === undefined);
if (missing.length === 0) process.exit(0);

const fix = `sudo apt-get install -y ${missing.map((tool) => tool.package).join(' ')}`;
for (const tool of missing) {
  const refusal = tool.refuseInstall();
  if (refusal) fail(refusal);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const aptGet = ['/usr/bin/apt-get', '/bin/apt-get'].find((p) => existsSync(p));
const names = missing.map((tool) => tool.name).join(' and ');
if (!isRoot || !aptGet) fail(`${names} not found; the tests need it. Install with: ${fix}`);

console.error(`ensure-test-tools: ${names} not found; installing ${missing.map((t) => t.package).join(' ')} with apt-get…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', ...missing.map((tool) => tool.package)]]) {
  const run = spawnSync(aptGet, args, { stdio: 'inherit', env });
  if (run.status !== 0) fail(`apt-get ${args.join(' ')} failed (exit ${run.status ?? run.signal}); install with: ${fix}`);
}
const still = missing.filter((tool) => tool.find() === undefined);
if (still.length > 0) fail(`apt-get ran but ${still.map((t) => t.name).join(' and ')} is still missing; install with: ${fix}`);
console.error(`ensure-test-tools: installed ${missing.map((t) => t.package).join(' ')}`);
