/**
 * Failures and interruptions leave the previous site exactly as it was, and nothing
 * beside it; the same input always gives the same bytes, whatever the working folder
 * or the time zone.
 *
 * A build is made to fail midway without any test hook: the child process runs under
 * `ulimit -f` (the largest file it may write), so writing one large page or source text
 * fails with EFBIG, as on a full disk.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { build, TEMP_PREFIX } from '../../src/build.ts';
import { removeStaleTemps, runInterruptActions, undoSwap, whenInterrupted } from '../../src/output-folder.ts';
import { article, CLI, collect, listFiles, PARAGRAPHS, runCli, snapshotFolder, strayBeside, tempDir, writeFiles } from './helpers.ts';

/** `ulimit -f` counts 1024-byte blocks in bash: no file larger than 512 KB may be written. */
const FILE_SIZE_LIMIT_BLOCKS = 512;
/** ~650 KB of body text: its page is over the limit, every other file of the site far under it. */
const LARGE_BODY = Array.from({ length: 5000 }, (_, i) => `${PARAGRAPHS[i % 3]} (${i})`).join('\n\n');

/** A small archive that builds cleanly: the "previous site" of each test. */
async function previousSite(name: string): Promise<{ input: string; output: string; snapshot: Map<string, Buffer> }> {
  const input = await tempDir(`${name}-in`);
  await writeFiles(input, {
    'one.txt': article('The first article of the previous site'),
    'two.txt': article('The second article of the previous site', { date: '4 May 2021' }),
  });
  const output = path.join(await tempDir(`${name}-out`), 'site');
  await build({ input, output, cache: false });
  return { input, output, snapshot: snapshotFolder(output) };
}

describe('a build that fails midway', () => {
  const large = [`Large article with a very long body`, '', '5 May 2021', '', LARGE_BODY].join('\n');
  for (const [stage, files, flags, message] of [
    ['writing the pages (Eleventy)', { 'large.txt': large }, ['--no-cache'], /^news-archive: build failed: site: Having trouble writing to .*: EFBIG: file too large, write$/m],
    ['copying the source texts', { 'large-source.txt': `---\n${'# a long comment in the front matter\n'.repeat(20000)}---\n${article('Small page with a large source file')}` }, ['--no-cache'], /^news-archive: build failed: EFBIG: file too large, copyfile .*large-source\.txt' -> .*source\.txt'$/m],
    ['writing the record cache', { 'large.txt': large }, [], /^news-archive: build failed: .*EFBIG/m],
  ] as const) {
    test(`${stage}: exit code 1, the previous site byte for byte, no temporary folder`, async () => {
      const { input, output, snapshot } = await previousSite('midway');
      await writeFiles(input, files);
      const cwd = await tempDir('midway-cwd');
      const run = await runCli(['build', '--input', input, '--output', output, ...flags], { cwd, shellPrefix: `ulimit -f ${FILE_SIZE_LIMIT_BLOCKS}` });
      assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stderr.trim().split('\n').filter((l) => l.startsWith('news-archive: build failed')).length, 1);
      assert.deepEqual(snapshotFolder(output), snapshot);
      assert.deepEqual(strayBeside(output), []);
    });
  }
});

describe('determinism', () => {
  let input: string;
  before(async () => {
    input = await tempDir('determinism-in');
    await writeFiles(input, {
      'a.txt': article('Same headline in two files'),
      'b.txt': article('Same headline in two files'),
      'zoned.txt': `---\ndate: 2021-12-31T23:30-05:00\nsource: Ünïcode Times\n---\n${article('Late on New Year’s Eve in New York')}`,
      'early.txt': `---\ndate: 2022-01-01T00:30+14:00\nsource: Kiritimati Post\n---\n${article('Early on New Year’s Day in Kiritimati')}`,
      'undated.txt': ['A headline with no date anywhere', '', ...PARAGRAPHS].join('\n\n'),
      'source-a.txt': `---\nsource: ábc\n---\n${article('Sources that sort differently by locale')}`,
      'source-b.txt': `---\nsource: Abd\n---\n${article('Another source for the collation test')}`,
      '북한.txt': article('북한 대사관 습격 사건 조사'),
      'sub/deeper/nested.txt': article('A nested article'),
      'cp1252.txt': Buffer.from(article('Caf\xe9 owners say \x93no\x94'), 'latin1'),
    });
  });

  test('two builds, a different working folder, time zone and locale: the same bytes', async () => {
    const parent = await tempDir('determinism-out');
    const first = path.join(parent, 'first');
    const second = path.join(parent, 'second');
    const cwdA = await tempDir('determinism-cwd-a');
    const env = (tz: string, lang: string) => ({ ...process.env, TZ: tz, LANG: lang, LC_ALL: lang });
    const a = await runCli(['build', '--input', input, '--output', first], { cwd: cwdA, env: env('UTC', 'C') });
    // From the input's parent folder, with relative paths; far east of UTC; another locale.
    const b = await runCli(['build', '--input', path.basename(input), '--output', path.relative(path.dirname(input), second)], {
      cwd: path.dirname(input),
      env: env('Pacific/Kiritimati', 'de_DE.UTF-8'),
    });
    // The same folder again, with the record cache now warm (reused records and pages).
    const c = await runCli(['build', '--input', input, '--output', first], { cwd: cwdA, env: env('America/Los_Angeles', 'C') });
    for (const run of [a, b, c]) assert.equal(run.code, 0, run.stderr);
    const reference = snapshotFolder(first);
    assert.deepEqual([...snapshotFolder(second).keys()], [...reference.keys()]);
    for (const [file, bytes] of snapshotFolder(second)) assert.ok(bytes.equals(reference.get(file)!), `${file} differs`);
    assert.ok(reference.size > 20);
  });
});

/** Enough articles that a build takes a few seconds, so it can be interrupted while it writes pages. */
const INTERRUPTED_ARTICLES = 200;

describe('interrupting a build', () => {
  /** Start a build of `input` over `output`; resolve once `ready(tempFolder)` holds, then send `signal`. */
  async function interrupt(input: string, output: string, signal: NodeJS.Signals, ready: (temp: string) => boolean) {
    const child = spawn(process.execPath, [CLI, 'build', '--input', input, '--output', output, '--no-cache'], { cwd: path.dirname(output) });
    const done = collect(child);
    const temp = path.join(path.dirname(output), `${TEMP_PREFIX}${path.basename(output)}-${child.pid}`);
    let sent = false;
    for (let waited = 0; waited < 120_000 && child.exitCode === null; waited += 20) {
      if (existsSync(temp) && ready(temp)) {
        child.kill(signal);
        sent = true;
        break;
      }
      await sleep(20);
    }
    return { run: await done, sent };
  }

  let input: string;
  before(async () => {
    input = await tempDir('interrupt-in');
    // Enough articles that the build takes a few seconds.
    const files: Record<string, string> = {};
    for (let i = 0; i < INTERRUPTED_ARTICLES; i++) files[`${String(i).padStart(3, '0')}.txt`] = article(`Harbour notice number ${i} for the island ferry`);
    await writeFiles(input, files);
  });

  for (const [moment, ready] of [
    ['as soon as the temporary folder exists', () => true],
    ['while the pages are being written', (temp: string) => existsSync(path.join(temp, 'articles')) && readdirSync(path.join(temp, 'articles')).length > 20],
  ] as const) {
    test(`SIGINT ${moment}: exit code 130, the previous site byte for byte, no temporary folder`, async () => {
      const { output, snapshot } = await previousSite('sigint');
      const { run, sent } = await interrupt(input, output, 'SIGINT', ready);
      assert.ok(sent, `the build ended before it could be interrupted: ${run.stdout}`);
      assert.equal(run.code, 130, run.stderr);
      assert.match(run.stderr, /^news-archive: interrupted \(SIGINT\); the previous output is unchanged$/m);
      assert.deepEqual(snapshotFolder(output), snapshot);
      assert.deepEqual(strayBeside(output), []);
    });
  }

  test('SIGKILL leaves a temporary folder; the next build removes it and builds', async () => {
    const { output, snapshot } = await previousSite('sigkill');
    const { run, sent } = await interrupt(input, output, 'SIGKILL', () => true);
    assert.ok(sent);
    assert.equal(run.signal, 'SIGKILL');
    assert.deepEqual(snapshotFolder(output), snapshot, 'even a kill leaves the previous site');
    assert.equal(strayBeside(output).length, 1, 'the killed build could not clean up');
    const next = await runCli(['build', '--input', input, '--output', output, '--no-cache', '--quiet'], { cwd: path.dirname(output) });
    assert.equal(next.code, 0, next.stderr);
    assert.deepEqual(strayBeside(output), []);
    assert.equal(listFiles(output).filter((f) => /^articles\/[^/]+\/index\.html$/.test(f)).length, INTERRUPTED_ARTICLES);
  });
});

describe('an output folder that must not be replaced', () => {
  test('the input folder, a folder holding it, one inside it: refused before anything is read or written', async () => {
    const parent = await tempDir('guard');
    const input = path.join(parent, 'articles');
    await writeFiles(input, { 'one.txt': article('An article that must survive') });
    const before_ = snapshotFolder(parent);
    await assert.rejects(build({ input, output: input, cache: false }), /^Error: refusing to use .* as the output folder: it is the input folder; choose another --output$/);
    await assert.rejects(build({ input, output: parent, cache: false }), /the input folder .* is inside it, and would be deleted with the previous site/);
    await assert.rejects(build({ input, output: path.join(input, '_site'), cache: false }), /it is inside the input folder .*, so its source\.txt files would be read as articles/);
    await assert.rejects(build({ input, output: '/', cache: false }), /it is the root of a file system/);
    // Through the command line, from the folder that holds the articles: `--output .`.
    const run = await runCli(['build', '--input', 'articles', '--output', '.'], { cwd: parent });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^news-archive: build failed: refusing to use \. as the output folder: the input folder articles is inside it/m);
    assert.deepEqual(snapshotFolder(parent), before_);
  });
});

describe('clean-up actions', () => {
  test('an interrupted swap puts the previous site back; after the swap only the old copy goes', async () => {
    const parent = await tempDir('swap');
    const output = path.join(parent, 'site');
    const old = path.join(parent, `${TEMP_PREFIX}old-site-1`);
    mkdirSync(old);
    writeFileSync(path.join(old, 'index.html'), 'previous');
    const forget = whenInterrupted(undoSwap(output, old));
    runInterruptActions();
    forget();
    assert.deepEqual(snapshotFolder(output), new Map([['index.html', Buffer.from('previous')]]));
    assert.deepEqual(strayBeside(output), []);

    mkdirSync(old);
    writeFileSync(path.join(old, 'index.html'), 'previous');
    undoSwap(output, old)();
    assert.deepEqual(snapshotFolder(output), new Map([['index.html', Buffer.from('previous')]]), 'the new site stays');
    assert.deepEqual(strayBeside(output), []);
  });

  test('stale temporary folders of dead processes are removed, a live one is kept, a lost site is restored', async () => {
    const parent = await tempDir('stale');
    const output = path.join(parent, 'site');
    const sleeper = spawn('sleep', ['30']);
    try {
      for (const name of [`${TEMP_PREFIX}site-999999999`, `${TEMP_PREFIX}old-site-999999998`, `${TEMP_PREFIX}site-${sleeper.pid}`, `${TEMP_PREFIX}other-1`]) {
        mkdirSync(path.join(parent, name));
        writeFileSync(path.join(parent, name, 'index.html'), name);
      }
      await removeStaleTemps(output, TEMP_PREFIX);
      assert.deepEqual(readdirSync(parent).sort(), [`${TEMP_PREFIX}other-1`, `${TEMP_PREFIX}site-${sleeper.pid}`, 'site'].sort());
      assert.deepEqual(listFiles(output), ['index.html']);
    } finally {
      sleeper.kill();
    }
  });
});
