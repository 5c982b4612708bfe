/**
 * A rebuild put into the output folder in place (src/pipeline/commit.ts): the new files
 * go in, the changed ones are replaced, the gone ones go; a commit stopped at any step is
 * undone to the previous folder, by the interrupted build or by the next one.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { TEMP_PREFIX } from '../../src/build.ts';
import { commitInPlace, commitSteps, flatStagingPath, rollBack, stagedFiles, stageFlat, stagedPath } from '../../src/pipeline/commit.ts';
import { removeStaleTemps } from '../../src/output-folder.ts';
import { snapshotFolder, tempDir } from '../helpers/site-files.ts';

/**
 * A previous site, and a staging folder that changes one page and one search file, adds a
 * page in a new folder and a search file, and deletes a page whose folder then empties. The
 * new page and the changed search file are staged side by side, as a render thread does
 * (`stageFlat`); the others at their paths under new/.
 */
async function scene(): Promise<{ output: string; staging: string; deleted: string[]; before: Map<string, Buffer> }> {
  const root = await tempDir('commit');
  const output = path.join(root, 'site');
  const files: Record<string, string> = {
    'index.html': 'old home',
    'articles/a/index.html': 'page a',
    'articles/b/index.html': 'page b',
    'articles/b/source.txt': 'source b',
    'search/docs/0.json': 'doc 0',
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(output, file)), { recursive: true });
    writeFileSync(path.join(output, file), text);
  }
  const staging = path.join(root, `${TEMP_PREFIX}site-999999999`);
  for (const [file, text] of Object.entries({ 'index.html': 'new home', 'search/docs/1.json': 'doc 1' })) {
    mkdirSync(path.dirname(stagedPath(staging, file)), { recursive: true });
    writeFileSync(stagedPath(staging, file), text);
  }
  stageFlat(flatStagingPath(staging), '7-0', ['articles/c/index.html', 'search/docs/0.json'], ['page c', 'doc 0, new']);
  return { output, staging, deleted: ['articles/b/index.html', 'articles/b/source.txt'], before: snapshotFolder(output) };
}

describe('an in-place commit', () => {
  test('puts the new files in, replaces the changed ones, takes the gone ones out with their emptied folder', async () => {
    const { output, staging, deleted } = await scene();
    commitInPlace(staging, output, deleted);
    assert.deepEqual(
      Object.fromEntries([...snapshotFolder(output)].map(([file, bytes]) => [file, bytes.toString()])),
      { 'index.html': 'new home', 'articles/a/index.html': 'page a', 'articles/c/index.html': 'page c', 'search/docs/0.json': 'doc 0, new', 'search/docs/1.json': 'doc 1' },
    );
    assert.equal(existsSync(path.join(output, 'articles/b')), false, 'no empty folder is left');
    rollBack(staging, output);
    assert.equal(snapshotFolder(output).get('index.html')!.toString(), 'new home', 'a finished commit is not undone');
  });

  test('finds the files staged at their paths and side by side, in the order of the paths; a run staged side by side counts once its list is written', async () => {
    const { staging } = await scene();
    // A run stopped before its list: its page is not staged.
    writeFileSync(path.join(flatStagingPath(staging), '8-0-0.html'), 'half a run');
    assert.deepEqual(stagedFiles(staging), [
      { file: 'articles/c/index.html', from: 'flat/7-0-0.html' },
      { file: 'index.html', from: 'new/index.html' },
      { file: 'search/docs/0.json', from: 'flat/7-0-1.html' },
      { file: 'search/docs/1.json', from: 'new/search/docs/1.json' },
    ]);
  });

  test('a page staged side by side whose path would lead out of the output folder is refused before anything is written', async () => {
    const { staging } = await scene();
    for (const file of ['../escape/index.html', 'articles/../../escape.html', '/etc/escape.html']) {
      assert.throws(() => stageFlat(flatStagingPath(staging), '9-0', [file], ['x']), /leads out of the output folder/, file);
    }
    assert.deepEqual(readdirSync(flatStagingPath(staging)).filter((name) => name.startsWith('9-')), []);
  });

  test('stopped after any step, it is undone to the previous folder, byte for byte and folder for folder', async () => {
    const counted = await scene();
    const steps = [...commitSteps(counted.staging, counted.output, counted.deleted)].length;
    assert.ok(steps >= 6, `${steps} steps`);
    for (let stop = 0; stop <= steps; stop++) {
      const { output, staging, deleted, before } = await scene();
      const commit = commitSteps(staging, output, deleted);
      for (let i = 0; i < stop; i++) commit.next();
      rollBack(staging, output);
      rollBack(staging, output);
      assert.deepEqual(snapshotFolder(output), before, `stopped after ${stop} step(s)`);
      assert.deepEqual(readdirSync(path.join(output, 'articles')).sort(), ['a', 'b'], `stopped after ${stop} step(s): no new folder left`);
    }
  });

  // Older code kept the replaced files at `old/<path>`; a commit it left halfway is undone too.
  test('a commit left halfway with the replaced files at old/<path> (the layout before 2026-12) is undone', async () => {
    const { output, staging, deleted, before } = await scene();
    const commit = commitSteps(staging, output, deleted);
    for (let i = 0; i < 2; i++) commit.next();
    // Two steps: the old home moved aside to old/0, the new one in place. Moved to where the older code put it:
    mkdirSync(path.join(staging, 'old-layout'), { recursive: true });
    writeFileSync(path.join(staging, 'old-layout', 'index.html'), before.get('index.html')!);
    rmSync(path.join(staging, 'old'), { recursive: true });
    renameSync(path.join(staging, 'old-layout'), path.join(staging, 'old'));
    rollBack(staging, output);
    assert.deepEqual(snapshotFolder(output), before);
  });

  test('a commit left halfway by a killed build is undone by the next build of the output', async () => {
    const { output, staging, deleted, before } = await scene();
    const commit = commitSteps(staging, output, deleted);
    for (let i = 0; i < 3; i++) commit.next();
    // The build is gone (its process number is not running): the next build cleans up first.
    await removeStaleTemps(output, TEMP_PREFIX);
    assert.deepEqual(snapshotFolder(output), before);
    assert.equal(existsSync(staging), false);
  });
});
