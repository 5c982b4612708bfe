/**
 * A static server that behaves like a host reading the site's `_headers` file (the
 * Netlify / Cloudflare Pages format): each rule is a path pattern (`*` matches any
 * rest of the path) followed by indented `Name: value` lines, and every matching rule's
 * headers are sent. Missing paths get `404.html` with status 404, as those hosts do.
 * So the browser tests see the site exactly under the policy it ships with.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { contentType, resolveSiteFile } from '../../../scripts/lib/static-server.ts';


export interface HeaderRule {
  pattern: string;
  headers: [string, string][];
}

/** Parse a `_headers` file: a pattern line, then its indented `Name: value` lines; `#` comments. */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    if (!rule || colon === -1) throw new Error(`_headers: a header line outside a rule, or without a colon: ${line}`);
    rule.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

function matches(pattern: string, pathname: string): boolean {
  if (!pattern.includes('*')) return pattern === pathname;
  const [head, ...rest] = pattern.split('*');
  return pathname.startsWith(head!) && rest.every((part) => pathname.includes(part));
}

/** Serve `root` at the server's root with the headers its `_headers` file gives. */
export async function serveWithHeaders(root: string): Promise<{ base: string; rules: HeaderRule[]; close(): Promise<void> }> {
  const rules = parseHeadersFile(readFileSync(path.join(root, '_headers'), 'utf8'));
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const headers: Record<string, string> = {};
    for (const rule of rules.filter((r) => matches(r.pattern, pathname))) {
      for (const [name, value] of rule.headers) headers[name.toLowerCase()] = value;
    }
    const found = await resolveSiteFile(root, pathname);
    const file = found ?? path.join(root, '404.html');
    const status = found ? 200 : 404;
    response.writeHead(status, {
      'content-type': contentType(file),
      'cache-control': 'no-store',
      ...headers,
    });
    response.end(await readFile(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/`,
    rules,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
