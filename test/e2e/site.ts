/**
 * The site the browser test searches, and a tiny static server for it.
 *
 * The site is served under a path prefix (`/news/`) so the test also proves that the
 * search client finds its index and links the articles relative to itself.
 */
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from '../../src/build.ts';
import { renderBody } from '../../src/render/markdown.ts';
import { writeSearchAssets } from '../../src/search/index.ts';
import { renderSite, toSiteData } from '../../src/site/index.ts';
import { ARTICLES_DIR } from '../helpers/site-files.ts';
import { RECORDS, XSS_TITLE } from '../search/articles.ts';

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

/** The five real articles plus one whose headline is markup, for the escaping check. */
export async function inputWithMarkupHeadline(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  for (const file of await readdir(ARTICLES_DIR)) await copyFile(path.join(ARTICLES_DIR, file), path.join(folder, file));
  await writeFile(
    path.join(folder, 'markup-headline.txt'),
    `---\ntitle: ${JSON.stringify(XSS_TITLE)}\nsource: Test Press\ndate: 2020-01-02\n---\n` +
      'A headline written as markup must show as text in the search results, not as an image.\n',
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

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/**
 * Serve `root` at `http://127.0.0.1:<random port><prefix>`. Every response carries a
 * CSP that forbids inline scripts and handlers, so a page that needs one logs an error.
 */
export async function serveStatic(root: string, prefix = PATH_PREFIX): Promise<{ origin: string; base: string; close(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const notFound = () => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    };
    if (!pathname.startsWith(prefix)) return notFound();
    let file = path.join(root, decodeURIComponent(pathname.slice(prefix.length)));
    if (!file.startsWith(path.resolve(root))) return notFound();
    try {
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      await stat(file);
    } catch {
      return notFound();
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': "script-src 'self'; object-src 'none'; base-uri 'none'",
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    base: `${origin}${prefix}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
