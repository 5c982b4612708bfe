/**
 * Whole builds of generated archives (1,000 and 10,000 articles by default;
 * `npm run bench -- build --sizes=1000,100000` for others), each run in a process of
 * its own so its peak RSS is its own:
 *
 * - cold: an empty cache and no previous output — everything is extracted and rendered;
 * - warm: the same build again, nothing changed (`npm run build` twice);
 * - one file: one article's text changed, then `npm run build`;
 * - watch: the same change while `serve` runs — the time until the changed page is
 *   rewritten, then the full incremental rebuild after it;
 * - plain Eleventy: the same pages from already-extracted Markdown with the same
 *   templates (scripts/bench/plain-eleventy.ts), the baseline the cold build is divided by.
 *
 * The corpus is written once to the system's temporary folder and reused (it is the same
 * for the same size: scripts/generate-corpus.ts, seed 1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BuildResult } from '../../src/build.ts';
import { generateCorpus } from '../generate-corpus.ts';
import { formatBytes, type Table } from './table.ts';

const DEFAULT_SIZES = [1000, 10000];
const SEED = 1;
const ROOT = path.join(os.tmpdir(), 'news-archive-bench');
const CHILD = path.join(import.meta.dirname, 'build-child.ts');
/** A child gets this much heap: enough for the targets (1 GiB at 10,000, 2 GiB at 100,000) to be what is measured. */
const CHILD_HEAP_MB = 4096;

interface ChildReport {
  maxRssKb: number;
  wallMs: number;
  result?: BuildResult;
  previewMs?: number;
  rebuildMs?: number;
  eleventyMs?: number;
  pages?: number;
}

function runChild(args: string[]): ChildReport {
  const t0 = performance.now();
  const stdout = execFileSync(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MB}`, '--import', 'tsx', CHILD, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  const last = stdout.trim().split('\n').at(-1)!;
  return { ...(JSON.parse(last) as Omit<ChildReport, 'wallMs'>), wallMs };
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

const seconds = (ms: number | undefined) => (ms === undefined ? '' : (ms / 1000).toFixed(2));
const mib = (kb: number) => `${Math.round(kb / 1024)} MiB`;

export async function benchBuild(): Promise<Table[]> {
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : DEFAULT_SIZES;
  const rows: (string | number)[][] = [];
  const summary: (string | number)[][] = [];
  for (const size of sizes) {
    const input = await corpus(size);
    const work = path.join(ROOT, `run-${size}`);
    const output = path.join(work, '_site');
    const cacheDir = path.join(work, 'cache');
    await rm(work, { recursive: true, force: true });
    const changed = path.join(input, readdirSync(input).filter((f) => f.endsWith('.txt')).sort()[Math.floor(size / 2)]!);

    const cold = runChild(['build', input, output, cacheDir]);
    const bytes = folderBytes(output);
    const warm = runChild(['build', input, output, cacheDir]);
    const watch = runChild(['watch', input, output, cacheDir, changed]);
    const original = readFileSync(changed, 'utf8');
    let oneFile: ChildReport;
    try {
      writeFileSync(changed, original.replace(/\n\nShare on Facebook/, ' A sentence added for the one-file build.\n\nShare on Facebook'));
      oneFile = runChild(['build', input, output, cacheDir]);
    } finally {
      writeFileSync(changed, original);
    }
    const plain = runChild(['baseline', input, path.join(work, 'plain'), cacheDir]);
    await rm(work, { recursive: true, force: true });

    const row = (label: string, r: ChildReport) => {
      const s = r.result!.stages;
      return [
        `${size.toLocaleString('en')} ${label}`,
        seconds(s['read']),
        seconds(s['extract + render markdown']),
        seconds(s['site data']),
        seconds(s['eleventy']),
        seconds(s['search index']),
        seconds((s['source texts'] ?? 0) + (s['swap'] ?? 0)),
        seconds(r.result!.totalMs),
        seconds(r.wallMs),
        mib(r.maxRssKb),
        label === 'cold' ? formatBytes(bytes) : '',
        Math.round(size / (r.result!.totalMs / 1000)),
      ];
    };
    rows.push(row('cold', cold), row('warm, nothing changed', warm), row('one file changed', oneFile));
    rows.push([`${size.toLocaleString('en')} plain Eleventy`, '', '', '', seconds(plain.eleventyMs), '', '', seconds(plain.eleventyMs), seconds(plain.wallMs), mib(plain.maxRssKb), '', Math.round(size / (plain.eleventyMs! / 1000))]);
    const ratio = cold.result!.totalMs / plain.eleventyMs!;
    summary.push(
      [`${size.toLocaleString('en')}`, 'full build ÷ plain Eleventy', (ratio).toFixed(2), '≤ 1.3', ratio <= 1.3 ? 'yes' : 'no'],
      [`${size.toLocaleString('en')}`, 'one file, serve: save → page rewritten', `${seconds(watch.previewMs)} s`, '≤ 1 s', watch.previewMs! <= 1000 ? 'yes' : 'no'],
      [`${size.toLocaleString('en')}`, 'one file, serve: full rebuild after it', `${seconds(watch.rebuildMs)} s`, '', ''],
      [`${size.toLocaleString('en')}`, 'one file, npm run build', `${seconds(oneFile.result!.totalMs)} s`, '', ''],
      [`${size.toLocaleString('en')}`, 'warm, nothing changed ÷ cold', (warm.result!.totalMs / cold.result!.totalMs).toFixed(2), '≤ 0.3', warm.result!.totalMs <= 0.3 * cold.result!.totalMs ? 'yes' : 'no'],
      [`${size.toLocaleString('en')}`, 'peak RSS, cold build', mib(cold.maxRssKb), size <= 10000 ? '≤ 1 GiB' : '≤ 2 GiB', cold.maxRssKb <= (size <= 10000 ? 1 : 2) * 1024 * 1024 ? 'yes' : 'no'],
    );
  }
  return [
    {
      title: 'Build, generated archives (seconds)',
      columns: ['archive, run', 'read', 'extract + md', 'site data', 'Eleventy', 'search', 'write', 'total', 'wall', 'peak RSS', 'output', 'articles / s'],
      rows,
      notes: [
        `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}; each run in its own process (wall includes Node's start and loading the code).`,
        'read: list, read and hash the files; extract + md: extraction and Markdown rendering in worker threads (cache misses only);',
        'site data: toSiteData (orders, groups, similar articles); Eleventy: listing pages + changed article pages (unchanged ones are linked from the previous output);',
        'write: source texts + swap. Plain Eleventy: Eleventy\'s write of the same pages from Markdown files (writing those files is not timed).',
      ],
    },
    { title: 'Build targets', columns: ['articles', 'measure', 'measured', 'target', 'met'], rows: summary },
  ];
}
