/**
 * The site the browser test searches, and a tiny static server for it.
 *
 * The site is served under a path prefix (`/news/`) so the test also proves that the
 * search client finds its index and links the articles relative to itself.
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from '../../src/build.ts';
import { renderBody } from '../../src/render/markdown.ts';
import { writeSearchAssets } from '../../src/search/index.ts';
import { renderSite, toSiteData } from '../../src/site/index.ts';
import { ARTICLES_DIR } from '../helpers/site-files.ts';
import { RECORDS, XSS_TITLE } from '../search/articles.ts';

export { serveStatic } from '../../scripts/lib/static-server.ts';

export const PATH_PREFIX = '/news/';

/**
 * Build the site into `output`, served under `PATH_PREFIX`: the five real articles plus
 * one whose headline is markup, through the whole pipeline. (`buildStandInSite` below
 * is the search and site stages alone over invented records, for when the extractor is
 * broken: swap it in on this one line.)
 */
export async function buildTestSite(output: string): Promise<void> {
  await build({ input: await inputWithMarkupHeadline(`${output}-input`), output, pathPrefix: PATH_PREFIX });
}

/** The five real articles plus one whose headline is markup (the escaping check) and one with names in several scripts. */
export async function inputWithMarkupHeadline(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const file of await readdir(ARTICLES_DIR)) await copyFile(path.join(ARTICLES_DIR, file), path.join(folder, file));
  await writeFile(
    path.join(folder, 'markup-headline.txt'),
    `---\ntitle: ${JSON.stringify(XSS_TITLE)}\nsource: Test Press\ndate: 2020-01-02\n---\n` +
      'A headline written as markup must show as text in the search results, not as an image.\n',
  );
  await writeFile(
    path.join(folder, 'names-as-written.txt'),
    `---\ntitle: "Envoys meet in P'yŏngyang after Zürich round"\nsource: Yonhap\ndate: 2018-06-01\n---\n` +
      'Kim Jong-un received the envoys in the capital. 평양에서 회담이 열렸다. The talks had moved from Zurich.\n',
  );
  return folder;
}

/** What build() does after extraction, for the invented records of test/search. */
export async function buildStandInSite(output: string): Promise<void> {
  const bodies = new Map(RECORDS.map((r) => [r.slug, renderBody(r.body)]));
  const data = toSiteData(RECORDS, bodies, {
    title: 'News Archive',
    description: 'Articles copied from news pages, extracted, dated and searchable.',
    siteUrl: 'http://localhost:8080',
    pathPrefix: PATH_PREFIX,
  });
  await renderSite(data, output);
  await writeSearchAssets(data, output);
}
