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
 * esbuild is deterministic for the same sources and options: no source map, no
 * absolute paths in minified output, lunr's licence comment kept once at the end.
 * `target: 'es2020'` covers every browser with ES modules and `import.meta`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const CLIENT_ENTRY = fileURLToPath(new URL('./client.ts', import.meta.url));

export async function bundleSearchClient(manifestJson: string | null = null): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    // A string literal, parsed once by JSON.parse: faster than a large object literal, and one copy.
    define: { __SEARCH_MANIFEST__: JSON.stringify(manifestJson) },
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file || result.outputFiles.length !== 1) throw new Error('search client: esbuild produced no single output file');
  return file.contents;
}
