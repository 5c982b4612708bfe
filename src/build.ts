/**
 * The pipeline: read → extract → render → Eleventy → search index → swap.
 *
 * Everything is written into a temporary folder beside the output folder; the output
 * folder is replaced only once the new site is complete, so a failed or interrupted
 * build leaves the previous site exactly as it was.
 */
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { readArticles, type ReadProblem } from './read/index.ts';
import type { ArticleRecord } from './record.ts';
import { renderBody } from './render/markdown.ts';
import { writeSearchAssets } from './search/index.ts';
import { renderSite } from './site/index.ts';
import { toSiteData } from './site/site-data.ts';
import type { SiteOptions } from './site/types.ts';
import { assignUniqueSlugs } from './slugs.ts';

export interface BuildOptions {
  /** Folder of article text files. */
  input: string;
  /** Folder the site is written to; replaced only when the build succeeds. */
  output: string;
  /** URL prefix when the site lives in a subfolder, e.g. `/archive/`. */
  pathPrefix?: string;
  /** Absolute URL of the published site, for feeds and the sitemap. */
  siteUrl?: string;
  /** Site title. */
  title?: string;
  /** Treat every warning as an error: nothing is written if any file has one. */
  strict?: boolean;
  /** Progress and summary lines; silent when omitted. */
  log?: (line: string) => void;
}

export interface FileMessage {
  file: string;
  message: string;
}

export interface BuildResult {
  articles: number;
  pages: number;
  warnings: FileMessage[];
  errors: FileMessage[];
  /** Milliseconds per stage, in pipeline order. */
  stages: Record<string, number>;
  totalMs: number;
}

export class BuildError extends Error {
  constructor(
    message: string,
    readonly result?: BuildResult,
  ) {
    super(message);
  }
}

export const DEFAULT_SITE: Omit<SiteOptions, 'pathPrefix'> = {
  title: 'News Archive',
  description: 'Articles copied from news pages, extracted, dated and searchable.',
  siteUrl: 'http://localhost:8080',
};

/** Temporary folders beside the output folder start with this, so they are easy to find and ignore. */
export const TEMP_PREFIX = '.news-archive-';

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const stages: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const value = await work();
    stages[stage] = Math.round(performance.now() - t0);
    return value;
  };

  const { records, problems, sources } = await timed('read + extract', () => readArticles(options.input));
  const unique = assignUniqueSlugs(records);
  const errors = problems.filter((p) => p.level === 'error').map(toMessage);
  const warnings = [
    ...problems.filter((p) => p.level === 'warning').map(toMessage),
    ...unique.flatMap((r) => r.warnings.map((message) => ({ file: r.file, message }))),
  ].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const partial = (): BuildResult => ({
    articles: unique.length,
    pages: 0,
    warnings,
    errors,
    stages,
    totalMs: Math.round(performance.now() - started),
  });
  if (options.strict && (errors.length > 0 || warnings.length > 0)) {
    throw new BuildError(
      `--strict: ${errors.length} error(s) and ${warnings.length} warning(s); nothing was written`,
      partial(),
    );
  }

  const site: SiteOptions = {
    ...DEFAULT_SITE,
    ...(options.title ? { title: options.title } : {}),
    siteUrl: (options.siteUrl ?? DEFAULT_SITE.siteUrl).replace(/\/+$/, ''),
    pathPrefix: normalizePathPrefix(options.pathPrefix),
  };

  const output = path.resolve(options.output);
  const temp = path.join(path.dirname(output), `${TEMP_PREFIX}${path.basename(output)}-${process.pid}`);
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  const removeTemp = () => void rm(temp, { recursive: true, force: true });
  process.once('exit', removeTemp);
  try {
    const bodies = await timed('render markdown', () => new Map(unique.map((r) => [r.slug, renderBody(r.body)])));
    const data = toSiteData(unique, bodies, site);
    const { pages } = await timed('eleventy', () => renderSite(data, temp));
    await timed('search index', () => writeSearchAssets(data, temp));
    await timed('source texts', () => copySourceTexts(unique, sources, temp));
    await timed('swap', () => swapInto(temp, output));
    const result = { ...partial(), pages };
    return result;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  } finally {
    process.removeListener('exit', removeTemp);
  }
}

function toMessage(problem: ReadProblem): FileMessage {
  return { file: problem.file, message: problem.message };
}

/** `/`, `sub`, `/sub`, `sub/` → `/` or `/sub/`. Anything but URL-safe path segments is refused. */
export function normalizePathPrefix(prefix: string | undefined): string {
  const segments = (prefix ?? '/').split('/').filter((s) => s !== '');
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || !/^[\w.~-]+$/.test(segment)) {
      throw new BuildError(`--path-prefix: "${prefix}" is not a plain URL path such as /archive/`);
    }
  }
  return segments.length === 0 ? '/' : `/${segments.join('/')}/`;
}

/** `/articles/<slug>/source.txt` is the file the article came from, byte for byte. */
async function copySourceTexts(records: ArticleRecord[], sources: Map<string, string>, siteDir: string): Promise<void> {
  for (const record of records) {
    const from = sources.get(record.file);
    if (from === undefined) continue;
    const dir = safeJoin(siteDir, 'articles', record.slug);
    await mkdir(dir, { recursive: true });
    await copyFile(from, path.join(dir, 'source.txt'));
  }
}

/** Join below `root`, refusing any result that would land outside it. */
export function safeJoin(root: string, ...segments: string[]): string {
  const joined = path.resolve(root, ...segments);
  const base = path.resolve(root);
  if (joined !== base && !joined.startsWith(base + path.sep)) {
    throw new BuildError(`refusing to write outside the output folder: ${segments.join('/')}`);
  }
  return joined;
}

/** Replace `output` with `fresh` using renames, so readers never see a half-written site. */
async function swapInto(fresh: string, output: string): Promise<void> {
  const old = path.join(path.dirname(output), `${TEMP_PREFIX}old-${path.basename(output)}-${process.pid}`);
  await rm(old, { recursive: true, force: true });
  let hadOld = true;
  try {
    await rename(output, old);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadOld = false;
  }
  try {
    await rename(fresh, output);
  } catch (error) {
    if (hadOld) await rename(old, output);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}
