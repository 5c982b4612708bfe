/**
 * The search client's bundle (src/search/bundle-client.ts): the code bundled once with a
 * slot, each build's manifest put in it; from the command's bundle, the code is kept beside
 * it and read back by the next build.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { bundleSearchClient, MANIFEST_SLOT } from '../../src/search/bundle-client.ts';
import { tempDir } from '../helpers/site-files.ts';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('the search client bundle', () => {
  afterEach(() => {
    globalThis.__newsArchiveBundleDir = undefined;
  });

  test('the manifest goes in once, as a string literal the client parses back; none leaves null', async () => {
    // Quotes, a backslash, a line separator and non-Latin text: what a string literal must escape or may keep.
    const manifest = JSON.stringify({ sources: ['Le "Monde"', 'C:\\news', 'a\u2028b', 'Київ'] });
    const js = text(await bundleSearchClient(manifest));
    assert.equal(occurrences(js, MANIFEST_SLOT), 0);
    assert.equal(occurrences(js, JSON.stringify(manifest)), 1);
    // The literal is JavaScript: evaluated, it is the manifest's JSON again.
    const literal = js.slice(js.indexOf(JSON.stringify(manifest)), js.indexOf(JSON.stringify(manifest)) + JSON.stringify(manifest).length);
    assert.equal(new Function(`return ${literal};`)(), manifest);
    const none = text(await bundleSearchClient(null));
    assert.equal(occurrences(none, MANIFEST_SLOT), 0);
    assert.equal(none.length, js.length - JSON.stringify(manifest).length + 'null'.length);
  });

  test('from the command\'s bundle: the code is kept beside it by the first build, read by the next, the same bytes as bundled anew', async () => {
    const dir = await tempDir('bundle-dir');
    const kept = path.join(dir, 'search-client.js');
    const fresh = text(await bundleSearchClient('{"chunks":[]}'));
    globalThis.__newsArchiveBundleDir = dir;
    assert.equal(text(await bundleSearchClient('{"chunks":[]}')), fresh);
    assert.ok(existsSync(kept));
    // The next build reads it (a planted comment shows it was not bundled again).
    writeFileSync(kept, `/* kept */${readFileSync(kept, 'utf8')}`);
    assert.equal(text(await bundleSearchClient('{"chunks":[]}')), `/* kept */${fresh}`);
  });
});
