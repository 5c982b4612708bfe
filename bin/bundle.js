// The command's code as one bundle, made by esbuild from src/ and kept in
// node_modules/.cache/news-archive/: node then loads a few files at its own speed, where
// loading every TypeScript module of src/ through tsx's loader hooks took 0.4 s before
// `--help`, and up to 2 s more with the extractor and Eleventy (each module of a package
// passes the hooks too). The bundle is made again whenever a file below src/ or the
// lockfile changes (its name is a hash of them all), by whichever process first needs it.
//
// Packages stay outside the bundle (node loads them from node_modules, which is why the
// bundle lives inside it), but for the extraction worker's and the render worker's: each
// extraction thread starts by loading the extractor and its packages (compromise, chrono,
// unified, zod, …: 1,163 files), which took 1.8 s from node_modules and 1.0 s from one
// file (a process that extracts one article, on a loaded machine), and a rebuild after
// one edit waits for it. A render thread loads Eleventy and its packages: ~0.9 s of the
// other core's time from node_modules, ~0.6 s from one file, in a rebuild where that core
// also runs the extraction (an edit's build took ~0.3 s less CPU in all). The packages in
// them that find files beside their own code (`import.meta.url`) are given their own
// file's URL, as src/'s modules are; esbuild (which runs its binary from beside its code)
// and Eleventy's development server (loaded only by Eleventy's own watch mode) stay outside.
// Dynamic imports stay separate chunks, so a build that finds nothing changed does not
// load Eleventy or the extractor. Each module's `import.meta.url` is its own source
// file's URL, as under tsx, so the paths the code computes from it (templates,
// package.json, the search client's source) are unchanged; worker threads start from
// bundled entries of their own (src/pipeline/worker-thread.ts).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = path.join(ROOT, 'src');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'news-archive');
/** The entry points: the command line, and the modules worker threads run. */
const ENTRIES = { cli: 'src/cli.ts', 'extract-worker': 'src/pipeline/extract-worker.ts', 'render-worker': 'src/pipeline/render-worker.ts', 'prune-worker': 'src/cache/prune-worker.ts' };
/** The entries bundled with their packages (see above). */
const SELF_CONTAINED = ['extract-worker', 'render-worker'];
/** The extraction process's entry: bundled as CommonJS with its packages, and run once to make a start-up snapshot (src/pipeline/extract-process.ts). */
const SNAPSHOT_ENTRY = { 'extract-process': 'src/pipeline/extract-process.ts' };
/**
 * The extraction process's heap (MB of old generation; a thread's is extract-pool.ts
 * `WORKER_HEAP_MB`, the same, which bin/news-archive.js gives the thread it starts where
 * there is no snapshot): fixed when its snapshot is made, since V8 refuses a snapshot under
 * other heap flags. One article at a time needs a few MB; this leaves room for the code
 * and its caches.
 */
export const EXTRACT_HEAP_MB = 192;
/**
 * V8's interrupt budget for the command and its extraction processes (how much a function
 * runs before V8 considers optimising it): eight times its default of 67,584. A build's
 * code runs for seconds, and V8 otherwise optimises hundreds of lukewarm functions (in
 * every thread and process) on the cores the build needs. Two extraction processes × 300
 * generated articles: 4.7 s against 5.1–6.0 s; a day's build at 10,000 articles ~0.4 s
 * sooner with ~0.9 s less CPU (docs/performance-history.md). An extraction process's
 * snapshot is made under it (a snapshot runs only under the flags it was made with).
 */
export const INTERRUPT_BUDGET = 8 * 67584;
/** A bundle's or snapshot's temporary folder or file older than this was left by a process stopped while making it. */
const STALE_TEMP_MS = 10 * 60 * 1000;
/** Bundles of older sources kept besides the current one (another checkout's command may still use one). */
const KEEP_OLD = 3;

/**
 * The bundle of the current sources: `{ cli, workers, extractSnapshot }`, the file URL of
 * the command line's entry, by worker module source URL the bundled entry to start
 * instead, and the path of the extractor's start-up snapshot for this Node (undefined
 * where it could not be made: extraction then runs in worker threads).
 */
export async function loadBundle() {
  const hash = createHash('sha256');
  // The bundle names its sources' paths (import.meta.url): another checkout needs its own.
  hash.update(`${ROOT}\0`);
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(readFileSync(path.join(ROOT, 'node_modules', 'esbuild', 'package.json')));
  // The packages inside the self-contained entries: the locked versions.
  hash.update(readFileSync(path.join(ROOT, 'package-lock.json')));
  for (const file of sourceFiles()) hash.update(`\0${path.relative(ROOT, file)}\0`).update(readFileSync(file));
  const dir = path.join(CACHE, `bundle-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(path.join(dir, 'cli.js'))) await make(dir);
  const workers = {};
  for (const [name, source] of Object.entries(ENTRIES)) {
    if (name !== 'cli') workers[pathToFileURL(path.join(ROOT, source)).href] = pathToFileURL(path.join(dir, `${name}.js`)).href;
  }
  return { cli: pathToFileURL(path.join(dir, 'cli.js')).href, workers, extractSnapshot: extractSnapshotOrNone(dir) };
}

/**
 * The start-up snapshot of the extraction process (`node --build-snapshot`, ~1 s), made
 * once per bundle and Node binary, by whichever process first needs it, and checked by
 * extracting the sample page from it (~0.4 s). A snapshot is
 * Node's own experimental feature: should it fail, the reason is kept beside it (and the
 * snapshot not tried again) and extraction runs in worker threads, as without it.
 */
function extractSnapshot(dir) {
  const entry = path.join(dir, 'extract-process.cjs');
  if (!existsSync(entry)) return undefined;
  const name = path.join(dir, `extract-process-${process.version}-${process.arch}-${nodeBinaryId()}`);
  if (existsSync(`${name}.blob`)) return `${name}.blob`;
  if (existsSync(`${name}.failed`)) return undefined;
  const temp = `${name}.${process.pid}.tmp`;
  removeStaleTemps(dir);
  const made = spawnSync(process.execPath, [...extractV8Flags(), '--snapshot-blob', temp, '--build-snapshot', entry], { cwd: dir, env: ownEnv(), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  // Checked once as it will run: a process started on it extracts the sample page.
  const checked = made.status === 0 && existsSync(temp) ? spawnSync(process.execPath, [...extractProcessArgs(temp), 'check-snapshot'], { env: ownEnv(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' }) : undefined;
  if (checked?.status === 0 && checked.stdout.startsWith('ok ')) {
    renameSync(temp, `${name}.blob`);
    return `${name}.blob`;
  }
  rmSync(temp, { force: true });
  const failed = checked ?? made;
  writeFileSync(`${name}.failed`, `${checked ? 'the check of the snapshot failed: ' : ''}${failed.error ?? ''}${failed.stdout ?? ''}${failed.stderr ?? ''}(exit ${failed.status ?? failed.signal})\n`);
  return undefined;
}

/** `extractSnapshot`, or none where the cache folder cannot be written (a bundle installed read-only): threads then. */
function extractSnapshotOrNone(dir) {
  try {
    return extractSnapshot(dir);
  } catch {
    return undefined;
  }
}

/** The Node binary, beyond its version (a snapshot runs only on the binary that made it): its size and time. */
function nodeBinaryId() {
  const { size, mtimeMs } = statSync(process.execPath);
  return createHash('sha256').update(`${process.execPath}\0${size}\0${mtimeMs}`).digest('hex').slice(0, 8);
}

/** V8's flags for an extraction process: a process on the snapshot must run under those it was made with. */
function extractV8Flags() {
  return [`--max-old-space-size=${EXTRACT_HEAP_MB}`, `--interrupt-budget=${INTERRUPT_BUDGET}`];
}

/** Node's arguments for a process on the snapshot `blob`. */
function extractProcessArgs(blob) {
  return [...extractV8Flags(), '--snapshot-blob', blob];
}

/** An extraction process on the snapshot `blob` (src/pipeline/extract-process.ts). */
export function startExtractProcess(blob) {
  return spawn(process.execPath, extractProcessArgs(blob), { env: ownEnv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
}

/** The environment for a process started on the snapshot: without NODE_OPTIONS, whose loaders (tsx's, a test runner's) a snapshot cannot take. */
function ownEnv() {
  const { NODE_OPTIONS: _, ...env } = process.env;
  return env;
}

function sourceFiles() {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(?:ts|js|json)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function make(dir) {
  const { build } = await import('esbuild');
  const temp = `${dir}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  const common = { absWorkingDir: ROOT, outdir: temp, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent', plugins: [ownImportMeta] };
  const [shared, contained] = [false, true].map((inside) => Object.fromEntries(Object.entries(ENTRIES).filter(([name]) => SELF_CONTAINED.includes(name) === inside)));
  await build({ ...common, entryPoints: shared, splitting: true, packages: 'external' });
  // CommonJS packages inside an ES module bundle require node's own modules through this.
  const banner = { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" };
  await build({ ...common, entryPoints: contained, banner, external: ['@11ty/eleventy-dev-server', 'esbuild'] });
  await build({ ...common, entryPoints: SNAPSHOT_ENTRY, format: 'cjs', outExtension: { '.js': '.cjs' } });
  mkdirSync(CACHE, { recursive: true });
  try {
    renameSync(temp, dir);
  } catch (error) {
    // Another process made the same bundle first: use it.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'cli.js'))) throw error;
  }
  const old = readdirSync(CACHE)
    .filter((name) => name.startsWith('bundle-') && !name.endsWith('.tmp') && path.join(CACHE, name) !== dir)
    .map((name) => path.join(CACHE, name));
  old.sort((a, b) => statTime(b) - statTime(a));
  for (const stale of old.slice(KEEP_OLD)) rmSync(stale, { recursive: true, force: true });
  removeStaleTemps(CACHE);
}

/** The `.tmp` entries of `dir` that a process stopped midway left (another may be making one now: only old ones go). */
function removeStaleTemps(dir) {
  for (const name of readdirSync(dir)) {
    const entry = path.join(dir, name);
    if (name.endsWith('.tmp') && Date.now() - statTime(entry) > STALE_TEMP_MS) rmSync(entry, { recursive: true, force: true });
  }
}

function statTime(dir) {
  try {
    return statSync(dir).mtimeMs;
  } catch {
    return 0;
  }
}

/** esbuild plugin: in each source module, `import.meta.url` (and `dirname`, `filename`) are that module's own. */
const ownImportMeta = {
  name: 'own-import-meta',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => ({ contents: withOwnImportMeta(readFileSync(args.path, 'utf8'), args.path), loader: 'ts' }));
    // A package's ES module in a self-contained entry (CommonJS ones have no `import.meta`).
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      return source.includes('import.meta') ? { contents: withOwnImportMeta(source, args.path), loader: 'js' } : undefined;
    });
  },
};

/** `source` with its `import.meta` URL, folder and file name those of `file`, where it was read from. */
function withOwnImportMeta(source, file) {
  return source
    .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(file).href))
    .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(file)))
    .replaceAll('import.meta.filename', JSON.stringify(file));
}
