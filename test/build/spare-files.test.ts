/**
 * Files a rebuild writes its staged pages over (src/pipeline/spare-files.ts): the files
 * the last commit replaced, kept beside the output's state instead of removed.
 */
import assert from 'node:assert/strict';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { flatStagingPath, stagedFiles, stageFlat } from '../../src/pipeline/commit.ts';
import { keepSpares, listSpares, writeOver } from '../../src/pipeline/spare-files.ts';
import { tempDir } from '../helpers/site-files.ts';

/** `count` spare files of `size` bytes each in a new folder, with their inodes. */
async function spares(count: number, size = 5000): Promise<{ root: string; folder: string; paths: string[]; inodes: Set<number> }> {
  const root = await tempDir('spares');
  const folder = path.join(root, 'spare');
  mkdirSync(folder);
  for (let n = 0; n < count; n++) writeFileSync(path.join(folder, String(n)), 'Z'.repeat(size));
  const paths = listSpares(folder);
  return { root, folder, paths, inodes: new Set(paths.map((file) => statSync(file).ino)) };
}

describe('spare files', () => {
  test('a page is written over a spare: the spare\'s file takes the page\'s name and holds only the page (a longer spare is cut to it)', async () => {
    const { root, paths, inodes } = await spares(1, 20_000);
    const target = path.join(root, 'page.html');
    writeOver(target, '<p>Café</p>', paths[0]);
    assert.equal(readFileSync(target, 'utf8'), '<p>Café</p>');
    assert.ok(inodes.has(statSync(target).ino), 'the spare\'s own file');
    assert.equal(existsSync(paths[0]!), false, 'the spare is taken');
  });

  test('without a spare, or with one gone meanwhile (another build took it), the page is a new file', async () => {
    const { root } = await spares(0);
    writeOver(path.join(root, 'a.html'), 'page a', undefined);
    writeOver(path.join(root, 'b.html'), 'page b', path.join(root, 'spare', 'gone'));
    assert.equal(readFileSync(path.join(root, 'a.html'), 'utf8'), 'page a');
    assert.equal(readFileSync(path.join(root, 'b.html'), 'utf8'), 'page b');
  });

  test('a spare another name links (a copy of the output made with hard links) keeps its bytes: the page is a new file', async () => {
    const { root, paths, inodes } = await spares(1);
    const copy = path.join(root, 'backup.html');
    linkSync(paths[0]!, copy);
    const target = path.join(root, 'page.html');
    writeOver(target, 'the new page', paths[0]);
    assert.equal(readFileSync(target, 'utf8'), 'the new page');
    assert.equal(inodes.has(statSync(target).ino), false);
    assert.equal(readFileSync(copy, 'utf8'), 'Z'.repeat(5000), 'the linked copy is as it was');
  });

  test('a spare that is not a file (a folder) is removed and the page made anew', async () => {
    const { root, folder } = await spares(0);
    mkdirSync(path.join(folder, 'odd', 'inner'), { recursive: true });
    const target = path.join(root, 'page.html');
    writeOver(target, 'page', path.join(folder, 'odd'));
    assert.equal(readFileSync(target, 'utf8'), 'page');
  });

  test('a render thread\'s run staged over spares is staged as one without them', async () => {
    const { root, paths, inodes } = await spares(1);
    const staging = path.join(root, 'staging');
    const given = [...paths];
    stageFlat(flatStagingPath(staging), '3-0', ['articles/a/index.html', 'topics/b/index.html'], ['page a', 'page b'], () => given.shift());
    const staged = stagedFiles(staging);
    assert.deepEqual(staged.map(({ file }) => file), ['articles/a/index.html', 'topics/b/index.html']);
    assert.deepEqual(staged.map(({ from }) => readFileSync(path.join(staging, from), 'utf8')), ['page a', 'page b']);
    assert.ok(inodes.has(statSync(path.join(staging, staged[0]!.from)).ino), 'the first page over the one spare');
  });

  test('after a commit, the files it replaced are the spares and the ones left untaken go with the staging folder', async () => {
    const { root, folder } = await spares(2);
    const old = path.join(root, 'staging', 'old');
    mkdirSync(old, { recursive: true });
    for (const n of [0, 1, 2]) writeFileSync(path.join(old, String(n)), `replaced ${n}`);
    const spent = path.join(root, 'staging', 'spent');
    keepSpares(old, folder, spent);
    assert.deepEqual(readdirSync(folder).sort(), ['0', '1', '2']);
    assert.equal(readFileSync(path.join(folder, '2'), 'utf8'), 'replaced 2');
    assert.deepEqual(readdirSync(spent).sort(), ['0', '1'], 'the untaken spares, to be removed with the staging folder');
  });

  test('a commit that replaced more files than are kept leaves the rest to be removed', async () => {
    const { root, folder } = await spares(0);
    const old = path.join(root, 'staging', 'old');
    mkdirSync(old, { recursive: true });
    for (let n = 0; n < 5; n++) writeFileSync(path.join(old, String(n)), `replaced ${n}`);
    keepSpares(old, folder, path.join(root, 'staging', 'spent'), 3);
    assert.equal(readdirSync(folder).length, 3);
    assert.equal(readdirSync(old).length, 2);
  });
});
