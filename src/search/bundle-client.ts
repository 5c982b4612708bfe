/**
 * The browser bundle: `client.ts` and lunr in one ES module, `/assets/search.js`.
 *
 * esbuild is deterministic for the same sources and options: no source map, no
 * absolute paths in minified output, lunr's licence comment kept once at the end.
 * `target: 'es2020'` covers every browser with ES modules and `import.meta`.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export const CLIENT_ENTRY = fileURLToPath(new URL('./client.ts', import.meta.url));

export async function bundleSearchClient(): Promise<Uint8Array> {
  const result = await build({
    entryPoints: [CLIENT_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
    legalComments: 'eof',
    write: false,
    logLevel: 'silent',
  });
  const [file] = result.outputFiles;
  if (!file || result.outputFiles.length !== 1) throw new Error('search client: esbuild produced no single output file');
  return file.contents;
}
