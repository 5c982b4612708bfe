/**
 * The site every quality check looks at: the five real articles, the invented Korean
 * and Portuguese pages of test/fixtures/languages and the invented page of three stories
 * of test/fixtures/stories, built by the real pipeline, once at the site root and once
 * under a path prefix.
 */
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from '../../../src/build.ts';
import { ARTICLES_DIR, listFiles, PROJECT_ROOT, STORIES_PAGE, tempDir } from '../../helpers/site-files.ts';

/** Article pages in other languages than English (invented text). */
export const LANGUAGE_FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'languages');

/** Published address of the test builds; feeds, sitemap and canonical links must use it. */
export const SITE_URL = 'https://archive.example.org';
/** The subfolder of the prefixed build. */
export const PATH_PREFIX = '/news/';

export interface BuiltSite {
  dir: string;
  /** The folder the site was built from. */
  input: string;
  prefix: string;
  siteUrl: string;
  /** Every file, relative and `/`-separated. */
  files: string[];
  /** The HTML pages among them. */
  pages: string[];
}

/** How many articles the stories page gives (one per story). */
export const STORIES = 3;
/** articles/004 is a digest of five stories: the five real files give nine articles. */
export const REAL_DIGEST_STORIES = 5;
export const REAL_ARTICLES = 4 + REAL_DIGEST_STORIES;

/** Build the real articles, the language fixtures and the stories page into `<root>/<name>`. */
export async function buildSite(root: string, name: string, prefix = '/'): Promise<BuiltSite> {
  const dir = path.join(root, name);
  const input = path.join(root, `${name}-input`);
  mkdirSync(input, { recursive: true });
  cpSync(ARTICLES_DIR, input, { recursive: true });
  cpSync(LANGUAGE_FIXTURES, input, { recursive: true });
  cpSync(STORIES_PAGE, path.join(input, path.basename(STORIES_PAGE)));
  await build({ input, output: dir, pathPrefix: prefix, siteUrl: SITE_URL });
  const files = listFiles(dir);
  return { dir, input, prefix, siteUrl: SITE_URL, files, pages: files.filter((f) => f.endsWith('.html')) };
}

export async function qualityRoot(): Promise<string> {
  return tempDir('quality');
}

/**
 * The page types the issue names, each with one page of the five-article site, so a
 * failure says which kind of page broke. (Every page is checked; these are named.)
 */
export function pageType(file: string): string {
  if (file === 'index.html') return 'home';
  if (file === '404.html') return '404';
  if (file === 'search/index.html') return 'search';
  if (file === 'sources/index.html') return 'sources index';
  if (file === 'archive/index.html') return 'archive';
  if (file === 'archive/undated/index.html') return 'undated';
  if (/^archive\/\d{4}\/\d{2}\/index\.html$/.test(file)) return 'month';
  if (/^archive\/\d{4}\/index\.html$/.test(file)) return 'year';
  if (file.startsWith('sources/')) return 'source';
  if (file === 'topics/index.html') return 'topics index';
  if (file.startsWith('topics/')) return 'topic';
  if (file.startsWith('articles/')) return 'article';
  return 'other';
}

/** Site-relative URL of a page file: `articles/x/index.html` → `articles/x/`. */
export function pageUrl(file: string): string {
  return file === 'index.html' ? '' : file.replace(/index\.html$/, '');
}
