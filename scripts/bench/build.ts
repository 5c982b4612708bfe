/**
 * Whole builds of generated archives (1,000 and 10,000 articles by default;
 * `npm run bench -- build --sizes=1000,100000` for others), each `news-archive build` run
 * as a user runs it (the command line, a process of its own), timed by /usr/bin/time
 * (wall time, CPU time, peak RSS):
 *
 * - cold: an empty cache and no previous output — everything is extracted and rendered;
 * - nothing changed: the same build again (three times, the median);
 * - one article edited: a sentence added to one article's text (three articles, the median);
 * - 100 articles added: the day's articles, dated after every other and in the same month
 *   (three days, the median);
 * - one article removed, and 10 older articles added (dated in 2003-2005, among the
 *   others): every search document after them takes another number (three each, the
 *   median; no target, shown for what an archivist's other changes cost);
 * - 100 added on a month's first day (once): the day the "similar articles" weights take
 *   the month before in, and thousands of lists move (no target of its own; the day's
 *   target holds for the other days);
 * - serve: the same kind of edit while `serve` runs — the time until the changed page is
 *   rewritten, then the full rebuild after it;
 * - plain Eleventy + Pagefind: the same pages from already-extracted Markdown with the
 *   same templates (scripts/bench/plain-eleventy.ts), then Pagefind over the article
 *   pages: what a user would otherwise run. The cold build is divided by the two.
 *
 * The machine is shared: the load average is printed with the tables, and CPU time
 * (user + system) beside each wall time, which moves less with the load.
 *
 * The corpus is written once to the system's temporary folder and reused (it is the same
 * for the same size: scripts/generate-corpus.ts, seed 1); each run works on a copy.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateArticle, generateCorpus } from '../generate-corpus.ts';
import { formatBytes, type Table } from './table.ts';
import { sampleTreeRss, TREE_SAMPLE_MS } from './tree-rss.ts';

const DEFAULT_SIZES = [1000, 10000];
const SEED = 1;
const ROOT = process.env.BENCH_ROOT ?? path.join(os.tmpdir(), 'news-archive-bench');
const PROJECT = path.join(import.meta.dirname, '..', '..');
const CLI = path.join(PROJECT, 'bin', 'news-archive.js');
const CHILD = path.join(import.meta.dirname, 'build-child.ts');
const PAGEFIND_BIN = path.join(PROJECT, 'node_modules/@pagefind/linux-x64/bin/pagefind_extended');
/** Measured runs of each incremental kind; the median is reported. */
const REPEATS = 3;
/** Articles added per "day". */
const ADDED = 100;
/** Older articles added at once (an archive filled in backwards). */
const BACKFILLED = 10;
const run = promisify(execFile);

interface Timed {
  wallMs: number;
  cpuMs: number;
  maxRssKb: number;
  /** The command's own summary lines (stages, what was done again). */
  stdout: string;
}

/**
 * One `news-archive build` through /usr/bin/time; its peak RSS is the larger of the
 * command's own (time's) and its process tree's, sampled (`sampleTreeRss`): extraction
 * runs in processes of its own.
 */
async function cli(args: string[]): Promise<Timed> {
  settleDisk();
  const child = execFile('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, CLI, 'build', ...args], { maxBuffer: 64 << 20 });
  const tree = sampleTreeRss(child.pid!);
  const [stdout, stderr] = await new Promise<[string, string]>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve([out, err]) : reject(new Error(`news-archive build exited ${code}: ${err.slice(-2000)}`))));
  });
  const treeKb = tree.stop();
  const match = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(stderr);
  if (!match) throw new Error(`no timing from /usr/bin/time: ${stderr.slice(-2000)}`);
  return { wallMs: Number(match[1]) * 1000, cpuMs: (Number(match[2]) + Number(match[3])) * 1000, maxRssKb: Math.max(Number(match[4]), treeKb), stdout };
}

/**
 * Write out what the runs before left in the page cache (`sync`, not timed): back to back,
 * a run otherwise shares the disk and the cores with the kernel's writing of the last
 * one's ~1,300 files (and the cold build's gigabyte), which an archivist's daily build,
 * hours after the last, does not.
 */
function settleDisk(): void {
  execFileSync('sync', { stdio: 'ignore' });
}

function runChild(args: string[]): Record<string, number> & { maxRssKb: number } {
  settleDisk();
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: PROJECT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

async function corpus(size: number): Promise<string> {
  const dir = path.join(ROOT, `corpus-${size}-seed-${SEED}`);
  const done = path.join(dir, '.complete');
  if (!existsSync(done)) {
    await rm(dir, { recursive: true, force: true });
    await generateCorpus({ count: size, seed: SEED, out: dir });
    await writeFile(done, '');
  }
  return dir;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

/** Add a sentence to the body of `file` (a different one each time it is called). */
function editArticle(file: string, n: number): void {
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace(/\n\nShare on Facebook/, ` An added sentence, number ${n}, for the benchmark.\n\nShare on Facebook`));
}

/** The build's own stage line (`previous state 412 ms · read 301 ms · …`), without its units. */
const stagesOf = (timed: Timed) => (/^\s+((?:previous state|read) .*ms)$/m.exec(timed.stdout)?.[1] ?? '(none printed)').replace(/ ms/g, '');

const seconds = (ms: number | undefined) => (ms === undefined || Number.isNaN(ms) ? '' : (ms / 1000).toFixed(2));
const mib = (kb: number) => `${Math.round(kb / 1024)} MiB`;
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

export async function benchBuild(): Promise<Table[]> {
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
  const rows: (string | number)[][] = [];
  const summary: (string | number)[][] = [];
  const loads: string[] = [`start ${load()}`];
  const stageLines: string[] = [];
  // The command makes its bundle and the extractor's snapshot on its first run after the
  // code changed (~5 s, and a snapshot process's memory): made now, so the cold row is a
  // build's alone.
  execFileSync(process.execPath, [CLI, '--version'], { stdio: 'ignore' });
  for (const size of sizes) {
    const work = path.join(ROOT, `run-${size}-${process.pid}`);
    await rm(work, { recursive: true, force: true });
    const input = path.join(work, 'articles');
    cpSync(await corpus(size), input, { recursive: true });
    const output = path.join(work, '_site');
    const cacheDir = path.join(work, 'cache');
    // Not --quiet: the command's stage line of the median edit and day is reported below the table.
    const build = () => cli(['--input', input, '--output', output, '--cache-dir', cacheDir]);
    const files = readdirSync(input).filter((f) => f.endsWith('.txt')).sort();
    const label = size.toLocaleString('en');
    const row = (what: string, runs: Timed[], extra: string[] = []) => {
      const pick = runs.length === 1 ? runs[0]! : [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)]!;
      rows.push([`${label} ${what}`, seconds(pick.wallMs), seconds(pick.cpuMs), mib(pick.maxRssKb), runs.length > 1 ? runs.map((r) => seconds(r.wallMs)).join(' / ') : '', ...extra]);
      return pick;
    };

    const cold = row('cold', [await build()]);
    const bytes = folderBytes(output);
    rows.at(-1)!.push(formatBytes(bytes));
    const unchanged = row('nothing changed', [await build(), await build(), await build()]);
    const edits: Timed[] = [];
    for (let i = 0; i < REPEATS; i++) {
      editArticle(path.join(input, files[Math.floor(((i + 1) * size) / (REPEATS + 1))]!), i);
      edits.push(await build());
    }
    const edited = row('one article edited', edits);
    const adds: Timed[] = [];
    for (let day = 0; day < REPEATS; day++) {
      // The day's articles: dated after every other one (the generated pages without a date
      // line are dated by their header, 25 November 2026; the rest end in 2025).
      const date = new Date(Date.UTC(2026, 10, 26 + day));
      for (let k = 0; k < ADDED; k++) {
        const { text } = generateArticle(size + day * ADDED + k, SEED, { date });
        writeFileSync(path.join(input, `day-${day}-${String(k).padStart(3, '0')}.txt`), text);
      }
      adds.push(await build());
    }
    const added = row(`${ADDED} articles added`, adds);
    const removals: Timed[] = [];
    for (let i = 0; i < REPEATS; i++) {
      // Not one of the edited articles, nor serve's below.
      rmSync(path.join(input, files[Math.floor(((i + 1) * size) / (REPEATS + 2))]!));
      removals.push(await build());
    }
    row('one article removed', removals);
    const backfills: Timed[] = [];
    for (let i = 0; i < REPEATS; i++) {
      for (let k = 0; k < BACKFILLED; k++) {
        const { text } = generateArticle(size + REPEATS * ADDED + i * BACKFILLED + k, SEED, { date: new Date(Date.UTC(2003 + i, k, 1 + k)) });
        writeFileSync(path.join(input, `older-${i}-${String(k).padStart(2, '0')}.txt`), text);
      }
      backfills.push(await build());
    }
    row(`${BACKFILLED} older articles added`, backfills);
    // A month's first day: the "similar articles" word weights take the month before in
    // (src/site/similar.ts `similarReference`), and every list that uses a word whose
    // weight moved is made again. Once, as it comes once a month.
    const monthDay = new Date(Date.UTC(2026, 11, 1));
    for (let k = 0; k < ADDED; k++) {
      const { text } = generateArticle(size + REPEATS * (ADDED + BACKFILLED) + k, SEED, { date: monthDay });
      writeFileSync(path.join(input, `month-${String(k).padStart(3, '0')}.txt`), text);
    }
    const month = row(`${ADDED} added, a month's first day`, [await build()]);
    stageLines.push(
      `${label}, the median edit's stages (ms): ${stagesOf(edited)}`,
      `${label}, the median day's stages (ms): ${stagesOf(added)}`,
      `${label}, a month's first day's stages (ms): ${stagesOf(month)}`,
    );

    const watch = runChild(['watch', input, output, cacheDir, path.join(input, files[Math.floor(size / 3)]!)]);
    rows.push([`${label} serve: save → page rewritten`, seconds(watch.previewMs), '', '', '']);
    // The baseline: plain Eleventy on the same pages, then Pagefind over its article pages.
    const plainDir = path.join(work, 'plain');
    const plain = runChild(['baseline', input, plainDir, cacheDir]);
    rows.push([`${label} plain Eleventy`, seconds(plain.eleventyMs), '', mib(plain.maxRssKb), '']);
    settleDisk();
    const pagefind = await run('/usr/bin/time', ['-f', 'TIME %e %U %S %M', PAGEFIND_BIN, '--site', path.join(plainDir, '_site'), '--glob', 'articles/*/index.html', '--quiet'], { maxBuffer: 64 << 20 });
    const pf = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(pagefind.stderr)!;
    const pagefindMs = Number(pf[1]) * 1000;
    rows.push([`${label} Pagefind on it`, seconds(pagefindMs), seconds((Number(pf[2]) + Number(pf[3])) * 1000), mib(Number(pf[4])), '']);
    await rm(work, { recursive: true, force: true });
    loads.push(`after ${label}: ${load()}`);

    const baseline = plain.eleventyMs! + pagefindMs;
    const ratio = cold.wallMs / baseline;
    const target = (measure: string, value: string, goal: string, met: boolean) => summary.push([label, measure, value, goal, met ? 'yes' : 'no']);
    target('`news-archive build`, nothing changed', `${seconds(unchanged.wallMs)} s`, '≤ 1 s', unchanged.wallMs <= 1000);
    target('one article edited', `${seconds(edited.wallMs)} s`, '≤ 2 s', edited.wallMs <= 2000);
    target(`${ADDED} articles added`, `${seconds(added.wallMs)} s`, '≤ 5 s', added.wallMs <= 5000);
    target('cold ÷ (plain Eleventy + Pagefind)', `${ratio.toFixed(2)} (${seconds(cold.wallMs)} ÷ ${seconds(baseline)})`, '≤ 0.8', ratio <= 0.8);
    target('peak RSS, cold build', mib(cold.maxRssKb), size <= 10000 ? '≤ 1 GiB' : '≤ 2 GiB', cold.maxRssKb <= (size <= 10000 ? 1 : 2) * 1024 * 1024);
    target('serve: save → page rewritten', `${seconds(watch.previewMs)} s`, '≤ 1 s', watch.previewMs! <= 1000);
  }
  return [
    {
      title: 'Build, generated archives (`news-archive build`, seconds)',
      columns: ['archive, run', 'wall', 'CPU', 'peak RSS', 'each run (wall)', 'output'],
      rows,
      notes: [
        `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; load average (1, 5, 15 min) ${loads.join('; ')}.`,
        `Each build is the command line in a process of its own (wall includes starting Node and loading the code), after \`sync\` (not timed) has written out what the runs before left to the disk; CPU is user + system time of all its threads and extraction processes; peak RSS is the larger of the command's own (/usr/bin/time) and that of the command with its extraction processes together, sampled every ${TREE_SAMPLE_MS} ms.`,
        `Incremental runs: the median of ${REPEATS}. Plain Eleventy: Eleventy's write of the same pages from Markdown files (writing those files is not timed); Pagefind ${path.basename(PAGEFIND_BIN)} over its article pages.`,
        ...stageLines,
      ],
    },
    { title: 'Build targets', columns: ['articles', 'measure', 'measured', 'target', 'met'], rows: summary },
  ];
}

