/**
 * The browser bundle: `client.ts` and lunr in one ES module, `/assets/search.js`.
 *
 * The build bundles the archive's manifest (shard-format.ts: chunk boundaries, year and
 * source of each document) into the script as `__SEARCH_MANIFEST__`, the same JSON as
 * `search/manifest.json`. Every search needs it before anything else, and a fetch of its
 * own cost the first result a round trip plus a wait for the page's first frame (the
 * response was handled only after it): with the manifest in the script, the first term
 * chunk is requested while the module evaluates. Without one (`null`), the client fetches
 * `search/manifest.json`.
 *
 * The client's code is bundled once, with a slot where the manifest goes (`MANIFEST_SLOT`),
 * and each build puts its manifest there as a string literal: from the command's bundle
 * (bin/bundle.js), the code is kept beside it (`search-client.js`), made by the first build
 * that needs it, so a build does not start esbuild (~25–45 ms of its search stage).
 *
 * esbuild is deterministic for the same sources and options: no source map, no
 * absolute paths in minified output, lunr's licence comment kept once at the end.
 * `target: 'es2020'` covers every browser with ES modules and `import.meta`.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare global {
  /** The folder of the command's bundle (bin/news-archive.js), where the client's code is kept. */
  var __newsArchiveBundleDir: string | undefined;
}

export const CLIENT_ENTRY = fileURLToPath(new URL('./client.ts', import.meta.url));

/** What `__SEARCH_MANIFEST__` is bundled as: a global name esbuild leaves as it is, which client.ts reads once. */
export const MANIFEST_SLOT = '__NEWS_ARCHIVE_MANIFEST_SLOT__';

/** The bundled client with `manifestJson` in its slot, as a JavaScript string literal (or `null`). */
export async function bundleSearchClient(manifestJson: string | null = null): Promise<Uint8Array> {
  const code = await clientCode();
  const at = code.indexOf(MANIFEST_SLOT);
  if (at === -1 || code.indexOf(MANIFEST_SLOT, at + 1) !== -1) throw new Error('search client: the bundle does not name the manifest exactly once');
  // JSON's string syntax is JavaScript's (U+2028 and U+2029 included, since ES2019).
  return Buffer.from(`${code.slice(0, at)}${JSON.stringify(manifestJson)}${code.slice(at + MANIFEST_SLOT.length)}`);
}

/** The client's bundled code, its manifest slot empty: kept beside the command's bundle, else bundled now. */
async function clientCode(): Promise<string> {
  const dir = globalThis.__newsArchiveBundleDir;
  if (dir === undefined) return bundleClientCode();
  const file = path.join(dir, 'search-client.js');
  try {
    return readFileSync(file, 'utf8');
  } catch {
    const code = await bundleClientCode();
    const temp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, code);
      renameSync(temp, file);
    } catch {
      // A bundle installed read-only: bundled again by the next build, as under tsx.
    }
    return code;
  }
}

async function bundleClientCode(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    define: { __SEARCH_MANIFEST__: MANIFEST_SLOT },
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file || result.outputFiles.length !== 1) throw new Error('search client: esbuild produced no single output file');
  return file.text;
}
