/**
 * A tiny static server for a built site, for the browser tests, the screenshots and the
 * benchmarks. Not for production: any static host serves the site.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** The types a built site (and Pagefind's bundle, in the benchmark) is made of. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/**
 * The file a URL path names below `root`: a folder means its `index.html`. Undefined
 * when there is no such file, or the path would lead outside `root`.
 */
export async function resolveSiteFile(root: string, urlPath: string): Promise<string | undefined> {
  let file = path.join(root, decodeURIComponent(urlPath));
  if (file !== path.resolve(root) && !file.startsWith(path.resolve(root) + path.sep)) return undefined;
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serve `root` at `http://127.0.0.1:<random port><prefix>`. Every response carries a
 * CSP that forbids inline scripts and handlers, so a page that needs one logs an error.
 */
export async function serveStatic(root: string, prefix = '/'): Promise<{ origin: string; base: string; close(): Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const notFound = () => {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    };
    if (!pathname.startsWith(prefix)) return notFound();
    const file = await resolveSiteFile(root, pathname.slice(prefix.length));
    if (file === undefined) return notFound();
    response.writeHead(200, {
      'content-type': contentType(file),
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
