/**
 * A rebuild put into the output folder in place: the files that changed are renamed
 * over the old ones, and the files that are gone are moved out, so a build that changed
 * one article touches a few dozen files instead of re-linking every unchanged page into
 * a new folder (10,000 articles: 35,000 links and as many unlinks, about 2.5 s).
 *
 * The new files are written first into a staging folder beside the output folder (the
 * same `.news-archive-<name>-<pid>` a full build uses): at `new/<path>`, or, for the pages
 * a render thread writes, side by side in `flat/` (`stageFlat`: a page's own folder under
 * `new/` would be made for it, ~0.5 ms a folder on ext4, a third of a page's render). Nothing
 * in the output changes until all of them are there. Then the commit, in one synchronous loop (no
 * signal handler runs in the middle of it, and no file-system call is left in flight):
 * each file the output has at a new file's path, and each file that is gone, is moved to
 * `old/<n>` (`n`: its place in the journal, so `old/` needs no folder per page), and each
 * new file is moved into place. `commit.json` lists the files of
 * the commit; while it exists the commit can be undone from what is in `new/` and `old/`
 * (`rollBack`), which the next build does if this one was killed midway. Once every file
 * is in place it is deleted, then the staging folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareCodeUnits } from '../site/code-units.ts';
import { writeOver } from './spare-files.ts';

const JOURNAL = 'commit.json';
/** The folder of the pages staged side by side (`stageFlat`). */
const FLAT = 'flat';

interface Journal {
  files: string[];
  deleted: string[];
  /** Where each of `files` is staged, relative to the staging folder (absent in a journal before 2026-12-05: `new/<file>`). */
  from?: string[];
}

/** Where a staged file goes: `<staging>/new/<file>`. */
export function stagedPath(staging: string, file: string): string {
  return path.join(staging, 'new', file);
}

/** The folder a render thread stages its pages in side by side (`stageFlat`). */
export function flatStagingPath(staging: string): string {
  return path.join(staging, FLAT);
}

/**
 * Stage `files` (paths in the output, `/`-separated) with their `contents` side by side in
 * `flat` (`flatStagingPath`), as `<run>-<n>.html`, and then `<run>.json`, the list of the
 * files: only a run whose list is written counts (`stagedFiles`). `run` is a name no other
 * run of the build takes. Each page is written over a spare file where `spare` gives one
 * (spare-files.ts).
 */
export function stageFlat(flat: string, run: string, files: readonly string[], contents: readonly string[], spare: () => string | undefined = () => undefined): void {
  // The commit renames each to `<output>/<file>`: none may lead out of it (the build checks every page's URL before its render; this is the last look).
  const outside = files.find((file) => path.isAbsolute(file) || file.split('/').includes('..'));
  if (outside !== undefined) throw new Error(`a page's path leads out of the output folder: ${JSON.stringify(outside)}`);
  mkdirSync(flat, { recursive: true });
  for (const [n, content] of contents.entries()) writeOver(path.join(flat, `${run}-${n}.html`), content, spare());
  writeFileSync(path.join(flat, `${run}.json`), JSON.stringify(files));
}

/** Every file staged (at `new/<path>` or by `stageFlat`): its path in the output, `/`-separated, and where it is, relative to the staging folder; in the order of the paths. */
export function stagedFiles(staging: string): Array<{ file: string; from: string }> {
  const staged = new Map<string, string>();
  const root = path.join(staging, 'new');
  if (existsSync(root)) {
    for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      staged.set(file, `new/${file}`);
    }
  }
  const flat = flatStagingPath(staging);
  if (existsSync(flat)) {
    for (const list of readdirSync(flat).filter((name) => name.endsWith('.json'))) {
      const run = list.slice(0, -'.json'.length);
      for (const [n, file] of (JSON.parse(readFileSync(path.join(flat, list), 'utf8')) as string[]).entries()) staged.set(file, `${FLAT}/${run}-${n}.html`);
    }
  }
  return [...staged].sort(([a], [b]) => compareCodeUnits(a, b)).map(([file, from]) => ({ file, from }));
}

/**
 * Move the staged files into `output`, and the files of `deleted` out of it. Returns once
 * every file is in place (the staging folder then holds only what was replaced, in
 * `oldFolder`, for the caller to remove or keep).
 */
export function commitInPlace(staging: string, output: string, deleted: string[]): void {
  for (const _step of commitSteps(staging, output, deleted));
}

/** The commit one rename at a time (each step done when it yields); `commitInPlace` runs them all at once. */
export function* commitSteps(staging: string, output: string, deleted: string[]): Generator<string> {
  const staged = stagedFiles(staging);
  const journal: Journal = { files: staged.map(({ file }) => file), deleted: deleted.filter((file) => existsSync(path.join(output, file))), from: staged.map(({ from }) => from) };
  writeFileSync(path.join(staging, JOURNAL), JSON.stringify(journal));
  mkdirSync(oldFolder(staging), { recursive: true });
  const folders = new Folders();
  for (const [n, file] of journal.files.entries()) {
    const target = path.join(output, file);
    if (existsSync(target)) {
      renameSync(target, oldPath(staging, n));
      yield file;
    } else {
      folders.make(path.dirname(target));
    }
    renameSync(path.join(staging, journal.from![n]!), target);
    yield file;
  }
  for (const [k, file] of journal.deleted.entries()) {
    renameSync(path.join(output, file), oldPath(staging, journal.files.length + k));
    removeEmptyFolders(output, path.dirname(file));
    yield file;
  }
  rmSync(path.join(staging, JOURNAL));
}

/** Where the commit keeps the output's file of place `n` in the journal (files, then deleted) until it is done. */
function oldPath(staging: string, n: number): string {
  return path.join(oldFolder(staging), String(n));
}

/** The folder of the files the commit replaced or removed (`oldPath`). */
export function oldFolder(staging: string): string {
  return path.join(staging, 'old');
}

/** Folders made (or found) once each: a commit of thousands of files puts them in a few dozen. */
class Folders {
  private readonly made = new Set<string>();

  make(folder: string): void {
    if (this.made.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    this.made.add(folder);
  }
}

/**
 * Undo a commit that did not finish (`commit.json` still in `staging`): the output gets
 * back every file it had. Safe to run again, and on a staging folder whose commit never
 * started (then it does nothing).
 */
export function rollBack(staging: string, output: string): void {
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(path.join(staging, JOURNAL), 'utf8')) as Journal;
  } catch {
    return;
  }
  const added = new Map(journal.files.map((file, n) => [file, path.join(staging, journal.from?.[n] ?? path.join('new', file))]));
  for (const [n, file] of [...journal.files, ...journal.deleted].entries()) {
    const target = path.join(output, file);
    // (A commit of the code before 2026-12 kept it at `old/<path>`.)
    const old = [oldPath(staging, n), path.join(staging, 'old', file)].find((candidate) => existsSync(candidate));
    if (old !== undefined) {
      mkdirSync(path.dirname(target), { recursive: true });
      renameSync(old, target);
    } else if (added.has(file) && !existsSync(added.get(file)!) && existsSync(target)) {
      // A new file where there was none: it goes.
      rmSync(target);
      removeEmptyFolders(output, path.dirname(file));
    }
  }
  rmSync(path.join(staging, JOURNAL), { force: true });
}

/** Remove `folder` (relative to `root`) and its parents while they are empty, up to `root`. */
function removeEmptyFolders(root: string, folder: string): void {
  for (let dir = folder; dir !== '.' && dir !== '' && dir !== path.sep; dir = path.dirname(dir)) {
    try {
      rmdirSync(path.join(root, dir));
    } catch {
      return;
    }
  }
}
