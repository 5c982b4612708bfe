/**
 * The output folder is replaced whole, so it must be safe to replace, and an interrupted
 * build must leave nothing behind.
 *
 * Before a build, `assertReplaceable` refuses an output folder that would take something
 * else with it: the input folder (or one inside it, whose `source.txt` files the next
 * build would read as articles), the current folder, the home folder, a file-system root.
 *
 * The build registers what must be undone while it works (the temporary folder; during
 * the swap, the renamed previous site). When the process gets SIGINT, SIGTERM or SIGHUP,
 * or exits early, those actions run synchronously, newest first, and the process exits
 * with 128 + the signal number, as shells expect. A build killed outright (SIGKILL, a
 * power cut) cannot clean up: the next build of the same output removes the temporary
 * folders of processes that no longer exist, and puts a previous site back if the kill
 * came between the two renames of the swap.
 */
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { rollBack } from './pipeline/commit.ts';

export class UnsafeOutputError extends Error {}

/** Throws when replacing `output` would delete or disturb something that is not a built site. */
export function assertReplaceable(input: string, output: string): void {
  const out = realLocation(output);
  const inp = realLocation(input);
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
  const refuse = (why: string) => {
    throw new UnsafeOutputError(`refusing to use ${output} as the output folder: ${why}; choose another --output`);
  };
  if (path.parse(out).root === out) refuse('it is the root of a file system');
  if (inp === out) refuse('it is the input folder');
  if (within(inp, out)) refuse(`the input folder ${input} is inside it, and would be deleted with the previous site`);
  if (within(out, inp)) refuse(`it is inside the input folder ${input}, so its source.txt files would be read as articles`);
  if (within(realLocation(process.cwd()), out)) refuse('it holds the current folder, which would be deleted with the previous site');
  if (within(realLocation(os.homedir()), out)) refuse('it holds the home folder, which would be deleted with the previous site');
}

/** The real path of `target`, or of its nearest existing ancestor joined with the rest (the output may not exist yet). */
function realLocation(target: string): string {
  const absolute = path.resolve(target);
  const rest: string[] = [];
  for (let dir = absolute; ; dir = path.dirname(dir)) {
    try {
      return path.join(realpathSync(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return absolute;
      rest.push(path.basename(dir));
    }
  }
}

const pending = new Set<() => void>();

/** Run `undo` if the process is interrupted before the returned function is called. */
export function whenInterrupted(undo: () => void): () => void {
  pending.add(undo);
  return () => void pending.delete(undo);
}

/** Run every pending action now, newest first; each one's failure is reported and the rest still run. Returns them (each can run again). */
export function runInterruptActions(actions: Array<() => void> = [...pending].reverse()): Array<() => void> {
  pending.clear();
  for (const action of actions) {
    try {
      action();
    } catch (error) {
      process.stderr.write(`news-archive: cleanup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return actions;
}

/**
 * How long an interrupted build waits, blocked (so none of it runs on), for the
 * file-system calls it had already started: they run on libuv's threads, and one that
 * lands after the clean-up (a `mkdir` of a folder in the temporary site) would leave
 * that folder behind. The clean-up then runs again; every action can run twice.
 */
export const IN_FLIGHT_GRACE_MS = 100;

/** Signals that end a build, with their numbers (exit code = 128 + number). */
const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

let installed = false;
/** What the message after an interrupt says of the output. */
let interruptNote = 'the previous output is unchanged';

/** Set what an interrupt from now on leaves in the output (the build sets it once its files are in place). */
export function setInterruptNote(note = 'the previous output is unchanged'): void {
  interruptNote = note;
}

/** For the command line: clean up and exit on SIGINT, SIGTERM and SIGHUP, and on any early exit. */
export function installInterruptHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of Object.entries(SIGNALS)) {
    process.on(signal, () => {
      const actions = runInterruptActions();
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, IN_FLIGHT_GRACE_MS);
      runInterruptActions(actions);
      process.stderr.write(`news-archive: interrupted (${signal}); ${interruptNote}\n`);
      process.exit(128 + number);
    });
  }
  process.on('exit', () => runInterruptActions());
}

/**
 * Undo of the swap's middle step: between `output → old` and `fresh → output` the
 * previous site is in `old` and nothing is at `output`; put it back. After the second
 * rename the new site is in place and `old` only needs removing.
 */
export function undoSwap(output: string, old: string): () => void {
  return () => {
    if (!existsSync(output)) {
      try {
        renameSync(old, output);
        return;
      } catch {
        // The new site's rename won the race: it is in place.
      }
    }
    rmSync(old, { recursive: true, force: true });
  };
}

/**
 * Remove what killed builds of `output` left beside it: `<prefix><name>-<pid>` (a
 * half-written site, or the staging folder of a rebuild, whose commit into the output is
 * rolled back if it started: src/pipeline/commit.ts) and `<prefix>old-<name>-<pid>` (a
 * previous site being swapped out, put back when `output` is missing), for processes
 * that are no longer running.
 */
export async function removeStaleTemps(output: string, prefix: string): Promise<void> {
  const parent = path.dirname(output);
  const name = path.basename(output);
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return;
  }
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const temp = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(old-)?${escaped}-(\\d+)$`);
  for (const entry of entries.sort()) {
    const match = temp.exec(entry);
    if (!match || isRunning(Number(match[2]))) continue;
    const folder = path.join(parent, entry);
    if (match[1] !== undefined && !existsSync(output)) {
      await rename(folder, output);
    } else {
      // A rebuild killed while it put its files into the output: the output gets its own back first.
      if (match[1] === undefined) rollBack(folder, output);
      await rm(folder, { recursive: true, force: true });
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
