/**
 * Hostile input folders, built through the real command line: every bad file gets one
 * line naming it (and the line of the problem, where there is one), the rest of the
 * archive builds, `--strict` fails with exit code 1 and writes nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { build } from '../../src/build.ts';
import { readArticle } from '../../src/read/index.ts';
import {
  article,
  articleSlugs,
  type CliRun,
  listFiles,
  messagesAbout,
  PARAGRAPHS,
  readSiteFile,
  runCli,
  snapshotFolder,
  strayBeside,
  tempDir,
  writeFiles,
} from './helpers.ts';

const MB = 1024 * 1024;
const utf16 = (text: string, order: 'le' | 'be', bom = true): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  const bytes = order === 'le' ? le : Buffer.from(le).swap16();
  return bom ? Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), bytes]) : bytes;
};
/** Deterministic bytes 1–255 (no NUL), like a compressed or encrypted file. */
const noise = (length: number): Buffer => {
  const bytes = Buffer.alloc(length);
  for (let i = 0, x = 2463534242; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = ((x >>> 0) % 255) + 1;
  }
  return bytes;
};

/** What happens to each file: an error (not built), a warning (built) or nothing (built). */
type Outcome = { error: RegExp } | { warning: RegExp; slug: string } | { built: string };

const CASES: Record<string, { content: string | Buffer; outcome: Outcome }> = {
  // Not text, or no article in it.
  'empty.txt': { content: '', outcome: { error: /^the file is empty \(0 bytes\)$/ } },
  'whitespace.txt': { content: ' \n\t\n   \r\n', outcome: { error: /^the file has only whitespace, no text$/ } },
  'only-chrome.txt': {
    content: 'Home\nNews\nSport\nWeather\nShare on Facebook\nAccept all cookies\nSign in\n',
    outcome: { error: /^no article text: only page chrome \(\d+ lines of menus, links and notices\)/ },
  },
  'photo.txt': { content: Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'), outcome: { error: /^binary data \(a PNG image\), not a text file$/ } },
  'report.txt': { content: Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), outcome: { error: /^binary data \(a PDF document\)/ } },
  'nul-bytes.txt': { content: `${article('Text with a NUL byte in it')}\0\0more`, outcome: { error: /^binary data \(NUL bytes\), not a text file$/ } },
  'noise.txt': { content: noise(4096), outcome: { error: /^binary data \(control characters\), not a text file/ } },
  'utf32.txt': { content: Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('H\0\0\0i\0\0\0')]), outcome: { error: /^UTF-32 text is not supported; save the file as UTF-8$/ } },
  'huge.txt': { content: '', outcome: { error: /^50\.0 MB is larger than the 2 MB limit for one article; not read$/ } },

  // Encodings: unambiguous ones silently, guessed or repaired ones with a warning.
  'utf8-bom.txt': { content: `\uFEFF${article('Byte-order mark is not part of the headline')}`, outcome: { built: 'byte-order-mark-is-not-part-of-the-headline' } },
  'utf16le-bom.txt': { content: utf16(article('Little-endian UTF-16 headline with a mark'), 'le'), outcome: { built: 'little-endian-utf-16-headline-with-a-mark' } },
  'utf16be-bom.txt': { content: utf16(article('Big-endian UTF-16 headline with a mark'), 'be'), outcome: { built: 'big-endian-utf-16-headline-with-a-mark' } },
  'utf16le-no-bom.txt': {
    content: utf16(article('Little-endian UTF-16 headline without a mark'), 'le', false),
    outcome: { warning: /^no byte-order mark; read as UTF-16LE \(NUL bytes in every other byte\)$/, slug: 'little-endian-utf-16-headline-without-a-mark' },
  },
  'windows-1252.txt': {
    content: Buffer.from(article('Café owners say “no” to the new harbour rules').replace(/“/g, '\x93').replace(/”/g, '\x94'), 'latin1'),
    outcome: { warning: /^not UTF-8; read as windows-1252 \(detected\); save the file as UTF-8 to be sure$/, slug: 'cafe-owners-say-no-to-the-new-harbour-rules' },
  },
  'broken-utf8.txt': {
    content: Buffer.concat([Buffer.from(article('Crème brûlée café reopens after the fire’s damage is repaired')), Buffer.from([0xc3, 0x28])]),
    outcome: { warning: /^1 invalid UTF-8 byte sequence\(s\) replaced with U\+FFFD$/, slug: 'creme-brulee-cafe-reopens-after-the-fires-damage-is-repaired' },
  },
  'crlf.txt': { content: article('Windows line endings in a copied page').replace(/\n/g, '\r\n'), outcome: { built: 'windows-line-endings-in-a-copied-page' } },
  'lone-cr.txt': { content: article('Old Mac line endings in a copied page').replace(/\n/g, '\r'), outcome: { built: 'old-mac-line-endings-in-a-copied-page' } },
  'nfd.txt': { content: article('Zoe\u0308 and Rene\u0301 open a cafe\u0301 on the quay').normalize('NFD'), outcome: { built: 'zoe-and-rene-open-a-cafe-on-the-quay' } },
  'long-line.txt': {
    content: `${'The ferry will close next month, the harbour council said on Tuesday. '.repeat(Math.ceil(MB / 70))}`,
    outcome: { warning: /^no headline found; derived one from the lead sentence$/, slug: 'the-ferry-will-close-next-month-the-harbour-council-said-on-tuesday' },
  },

  // Front matter.
  'invalid-yaml.txt': { content: `---\ntitle: fine\nbyline: [unclosed\n---\n${article('Invalid YAML')}`, outcome: { error: /^line 5: invalid YAML front matter: unexpected end of the stream within a flow collection$/ } },
  'not-a-mapping.txt': { content: `---\n- a list\n- not a mapping\n---\n${article('A list as front matter')}`, outcome: { error: /^line 1: front matter must be a mapping of field: value$/ } },
  'js-engine.txt': { content: `---js\n{ title: (globalThis.pwned = true, 'x') }\n---\n${article('JavaScript front matter')}`, outcome: { error: /^line 1: front matter in JavaScript is not allowed; use YAML$/ } },
  'toml.txt': { content: `---toml\ntitle = "x"\n---\n${article('TOML front matter')}`, outcome: { error: /^line 1: front matter in "toml" is not allowed; use YAML$/ } },
  'js-tag.txt': { content: `---\ntitle: !!js/function "function () { globalThis.pwned = true }"\n---\n${article('A YAML tag that would run code')}`, outcome: { error: /^line 3: invalid YAML front matter: unknown tag !<tag:yaml\.org,2002:js\/function>/ } },
  'python-tag.txt': { content: `---\ntitle: !!python/object:os.system [ls]\n---\n${article('A YAML tag that would build an object')}`, outcome: { error: /^line 3: invalid YAML front matter: unknown tag/ } },
  'unknown-field.txt': { content: `---\ncolour: blue\n---\n${article('Unknown front matter field')}`, outcome: { warning: /^front matter: line 2: unknown field "colour"$/, slug: 'unknown-front-matter-field' } },
  'wrong-types.txt': {
    content: `---\ndate: yesterday\ntitle: [1, 2]\n---\n${article('Wrong types in the front matter')}`,
    outcome: { warning: /^front matter: line 2: date: must be an ISO 8601 date such as .*; line 3: title: Invalid input: expected string, received array$/, slug: 'wrong-types-in-the-front-matter' },
  },
  'proto.txt': { content: `---\n__proto__: { polluted: true }\n---\n${article('Prototype key in the front matter')}`, outcome: { warning: /^front matter: line 2: unknown field "__proto__"$/, slug: 'prototype-key-in-the-front-matter' } },
  'feb-30.txt': { content: `---\ndate: 2021-02-30\n---\n${article('A date that is not in the calendar')}`, outcome: { warning: /^front matter: line 2: date: "2021-02-30" is not a real calendar date$/, slug: 'a-date-that-is-not-in-the-calendar' } },
  'billion-laughs.txt': {
    content: `---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\ncaptions: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n${article('Nested YAML aliases')}`,
    outcome: { warning: /^front matter: line 2: unknown field "a"; .*; line 7: captions\.0: Invalid input: expected string, received array$/, slug: 'nested-yaml-aliases' },
  },

  // Slugs.
  'same-a.txt': { content: article('The same headline twice'), outcome: { built: 'the-same-headline-twice' } },
  'same-b.txt': { content: article('The same headline twice'), outcome: { built: 'the-same-headline-twice-2' } },
  'hangul.txt': { content: article('북한 대사관 습격 사건 조사'), outcome: { built: '북한-대사관-습격-사건-조사' } },
  'cyrillic.txt': { content: article('Посольство Северной Кореи в Мадриде'), outcome: { built: 'posolstvo-severnoy-korei-v-madride' } },
  'emoji-only.txt': { content: `---\ntitle: 🚢⚓🌊\n---\n${article('Ignored headline')}`, outcome: { built: 'emoji-only' } },
  'slug-dots.txt': {
    content: `---\nslug: ../../etc\n---\n${article('Slug that climbs out of the folder')}`,
    outcome: { warning: /^front matter: line 2: slug: "\.\.\/\.\.\/etc" is not a plain URL segment .*; the headline gives the slug$/, slug: 'slug-that-climbs-out-of-the-folder' },
  },
  'slug-absolute.txt': {
    content: `---\nslug: /tmp/escaped\n---\n${article('Slug that is an absolute path')}`,
    outcome: { warning: /^front matter: line 2: slug: "\/tmp\/escaped" is not a plain URL segment/, slug: 'slug-that-is-an-absolute-path' },
  },
  'slug-con.txt': { content: `---\nslug: con\n---\n${article('Windows device name as a slug')}`, outcome: { built: 'con-article' } },
  'slug-lpt1.txt': { content: `---\nslug: lpt1\n---\n${article('Another Windows device name')}`, outcome: { built: 'lpt1-article' } },

  // File names.
  'with spaces in the name.txt': { content: article('A file name with spaces'), outcome: { built: 'a-file-name-with-spaces' } },
  [`it's "quoted".txt`]: { content: article('A file name with quotes'), outcome: { built: 'a-file-name-with-quotes' } },
  'ünïcödé-名前.txt': { content: article('A file name in Unicode'), outcome: { built: 'a-file-name-in-unicode' } },
  '-leading-dash.txt': { content: article('A file name with a leading dash'), outcome: { built: 'a-file-name-with-a-leading-dash' } },
  '--strict.txt': { content: article('A file name that looks like a flag'), outcome: { built: 'a-file-name-that-looks-like-a-flag' } },
  'sub folder/nested.md': { content: article('An article in a subfolder'), outcome: { built: 'an-article-in-a-subfolder' } },
};

/** Files that are passed over without a word. */
const IGNORED: Record<string, string> = {
  '.hidden.txt': article('Hidden file headline'),
  '.git/config.txt': article('Hidden folder headline'),
  'draft.txt~': article('Editor backup headline'),
  '#draft.txt#': article('Emacs autosave headline'),
  'draft.txt.swp': article('Vim swap headline'),
  'notes.bak': article('Backup headline'),
  'image.jpg': 'not an article',
};

const NEWLINE_NAME = 'bad\nname.txt';

/** The problem part of `error: <input>/<name>: <problem>`. */
function problemOf(line: string, name: string): string {
  return line.slice(line.indexOf(`/${name}: `) + name.length + 3);
}

let input: string;
let outside: string;
let output: string;
let loose: CliRun;
let strict: CliRun;
let previousSite: Map<string, Buffer>;
let afterStrict: Map<string, Buffer>;
let strayAfterStrict: string[];

describe('a folder of hostile files, through the command line', () => {
  before(async () => {
    input = await tempDir('hostile-in');
    outside = await tempDir('hostile-outside');
    output = path.join(await tempDir('hostile-out'), 'site');
    await writeFiles(input, Object.fromEntries(Object.entries(CASES).map(([name, c]) => [name, c.content])));
    await truncate(path.join(input, 'huge.txt'), 50 * MB); // sparse: 50 MB without writing them
    await writeFiles(input, IGNORED);
    await writeFile(path.join(input, NEWLINE_NAME), '');
    // Links and a pipe: never followed, never opened.
    await writeFiles(outside, { 'secret.txt': article('Secret outside the archive'), 'dir/inner.txt': article('Folder outside the archive') });
    await symlink(path.join(outside, 'secret.txt'), path.join(input, 'link-out.txt'));
    await symlink(path.join(outside, 'dir'), path.join(input, 'link-dir'));
    await symlink(path.join(input, 'crlf.txt'), path.join(input, 'link-in.txt'));
    await symlink(path.join(outside, 'missing.txt'), path.join(input, 'link-broken.txt'));
    execFileSync('mkfifo', [path.join(input, 'pipe.txt')]);

    // A previous site, then --strict (fails, leaves it), then a normal build over it.
    const previousInput = await tempDir('hostile-previous');
    await writeFiles(previousInput, { 'old.txt': article('The previous site') });
    await build({ input: previousInput, output, cache: false });
    previousSite = snapshotFolder(output);
    const cwd = await tempDir('hostile-cwd');
    strict = await runCli(['build', '--input', input, '--output', output, '--strict'], { cwd });
    afterStrict = snapshotFolder(output);
    strayAfterStrict = strayBeside(output);
    loose = await runCli(['build', '--input', input, '--output', output], { cwd });
  });
  test('--strict: exit code 1, a message per file, the previous site untouched, no temporary folder', () => {
    assert.equal(strict.code, 1, strict.stderr);
    assert.match(strict.stderr, /^news-archive: build failed: --strict: \d+ error\(s\) and \d+ warning\(s\); nothing was written$/m);
    for (const [name, { outcome }] of Object.entries(CASES)) {
      if ('error' in outcome) assert.equal(messagesAbout(strict.stderr, name).length, 1, `${name}: ${strict.stderr}`);
      if ('warning' in outcome) assert.ok(messagesAbout(strict.stderr, name).length >= 1, `${name}: ${strict.stderr}`);
    }
    assert.deepEqual(afterStrict, previousSite);
    assert.deepEqual(strayAfterStrict, []);
  });

  test('without --strict: exit code 0, the good articles built, the bad ones skipped', () => {
    assert.equal(loose.code, 0, loose.stderr);
    const built = Object.values(CASES).filter((c) => !('error' in c.outcome)).length;
    const skipped = Object.values(CASES).filter((c) => 'error' in c.outcome).length + 1; // + the newline-named file
    assert.match(loose.stdout, new RegExp(`^news-archive: built ${built} article\\(s\\), \\d+ page\\(s\\) into .* \\(\\d+ warning\\(s\\), ${skipped} file\\(s\\) skipped\\)$`, 'm'));
  });

  test('every message is one line: "error:" or "warning:", the file, the problem', () => {
    const lines = loose.stderr.split('\n').filter(Boolean);
    for (const line of lines) assert.match(line, /^(?:error|warning): \S[^\n]*: \S/, line);
  });

  for (const [name, { outcome }] of Object.entries(CASES)) {
    test(`${JSON.stringify(name)}: ${'error' in outcome ? 'error, not built' : 'warning' in outcome ? 'warning, built' : 'built, no message'}`, () => {
      const messages = messagesAbout(loose.stderr, name);
      const slugs = articleSlugs(listFiles(output));
      if ('error' in outcome) {
        assert.equal(messages.length, 1, messages.join('\n'));
        assert.ok(messages[0]!.startsWith('error: '), messages[0]);
        assert.match(problemOf(messages[0]!, name), outcome.error);
        assert.ok(!slugs.some((slug) => slug.startsWith(name.replace(/\.txt$/, ''))), `${name} is not built`);
        return;
      }
      const slug = 'built' in outcome ? outcome.built : outcome.slug;
      assert.ok(slugs.includes(slug), `${slug} not among ${slugs.join(', ')}`);
      if ('warning' in outcome) {
        assert.ok(
          messages.some((line) => line.startsWith('warning: ') && outcome.warning.test(problemOf(line, name))),
          `${name}: no warning like ${outcome.warning} in\n${messages.join('\n')}`,
        );
      } else {
        assert.deepEqual(messages, [], `${name} builds without a message`);
      }
    });
  }

  test('a file name with a newline is shown on one line, escaped', () => {
    assert.match(loose.stderr, /^error: .*\/bad\\u\{a\}name\.txt: the file is empty \(0 bytes\)$/m);
  });

  test('hidden files, hidden folders, editor backups and other extensions are ignored without a word', () => {
    for (const name of Object.keys(IGNORED)) assert.ok(!loose.stderr.includes(name.replace(/^.*\//, '')), name);
    const site = listFiles(output).filter((f) => f.endsWith('.html')).map((f) => readSiteFile(output, f)).join('\n');
    for (const headline of ['Hidden file headline', 'Hidden folder headline', 'Editor backup headline', 'Emacs autosave headline', 'Vim swap headline', 'Backup headline']) {
      assert.ok(!site.includes(headline), headline);
    }
  });

  test('symbolic links are not followed, and a named pipe is not opened', () => {
    const warning = (name: string) => messagesAbout(loose.stderr, name).map((line) => problemOf(line, name));
    assert.deepEqual(warning('link-out.txt'), ['symbolic link to a file outside the input folder, not followed']);
    assert.deepEqual(warning('link-dir'), ['symbolic link to a folder outside the input folder, not followed']);
    assert.deepEqual(warning('link-in.txt'), ['symbolic link to a file inside the input folder, not followed']);
    assert.deepEqual(warning('link-broken.txt'), ['broken symbolic link; ignored']);
    assert.deepEqual(warning('pipe.txt'), ['a named pipe, not a regular file; not read']);
    const site = listFiles(output).filter((f) => f.endsWith('.html')).map((f) => readSiteFile(output, f)).join('\n');
    assert.ok(!site.includes('Secret outside the archive'));
    assert.ok(!site.includes('Folder outside the archive'));
  });

  test('nothing is written outside the output folder; no temporary folder is left', async () => {
    assert.deepEqual(strayBeside(output), []);
    assert.deepEqual(listFiles(outside).sort(), ['dir/inner.txt', 'secret.txt']);
    assert.ok(listFiles(output).every((f) => !f.includes('..')));
    assert.ok(!listFiles(output).some((f) => f.startsWith('etc') || f.startsWith('tmp')));
  });

  test('the record says which encoding was assumed; decoded text is right', async () => {
    const encodingOf = async (name: string) => (await readArticle(name, path.join(input, name))).encoding;
    assert.equal(await encodingOf('windows-1252.txt'), 'windows-1252');
    assert.equal(await encodingOf('utf16le-bom.txt'), 'utf-16le');
    assert.equal(await encodingOf('utf16be-bom.txt'), 'utf-16be');
    assert.equal(await encodingOf('utf16le-no-bom.txt'), 'utf-16le');
    assert.equal(await encodingOf('utf8-bom.txt'), 'utf-8');
    assert.equal(await encodingOf('crlf.txt'), 'utf-8');
    const page = readSiteFile(output, 'articles/cafe-owners-say-no-to-the-new-harbour-rules/index.html');
    assert.match(page, /<h1[^>]*>Café owners say “no” to the new harbour rules<\/h1>/);
    assert.match(page, /windows-1252\.txt<\/a>[^<]*read as windows-1252/);
    const nfd = readSiteFile(output, 'articles/zoe-and-rene-open-a-cafe-on-the-quay/index.html');
    assert.ok(nfd.includes('Zoe\u0308 and Rene\u0301 open a cafe\u0301'.normalize('NFC')), 'the headline is NFC');
    const crlf = readSiteFile(output, 'articles/windows-line-endings-in-a-copied-page/index.html');
    assert.ok(!crlf.includes('\r'));
    assert.equal((crlf.match(/<p>/g) ?? []).length >= PARAGRAPHS.length, true);
  });

  test('a Unicode slug is percent-encoded in the sitemap and the feeds, and linked as it is in pages', () => {
    const encoded = encodeURI('/articles/북한-대사관-습격-사건-조사/');
    assert.ok(readSiteFile(output, 'sitemap.xml').includes(`<loc>http://localhost:8080${encoded}</loc>`));
    assert.ok(readSiteFile(output, 'feed.xml').includes(`http://localhost:8080${encoded}`));
    assert.ok(readSiteFile(output, 'archive/2021/index.html').includes('href="/articles/북한-대사관-습격-사건-조사/"'));
  });

  test('YAML cannot pollute Object.prototype or run code', async () => {
    await readArticle('proto.txt', path.join(input, 'proto.txt'));
    await readArticle('js-tag.txt', path.join(input, 'js-tag.txt')).catch(() => {});
    await readArticle('js-engine.txt', path.join(input, 'js-engine.txt')).catch(() => {});
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
  });

  test('source.txt keeps each built file byte for byte, whatever its encoding', () => {
    for (const [name, slug] of [['windows-1252.txt', 'cafe-owners-say-no-to-the-new-harbour-rules'], ['utf16le-bom.txt', 'little-endian-utf-16-headline-with-a-mark']] as const) {
      assert.deepEqual(snapshotFolder(output).get(`articles/${slug}/source.txt`), Buffer.from(CASES[name]!.content as string | Buffer));
    }
  });
});

describe('--strict through the command line', () => {
  test('fails on a single warning (a guessed encoding), passes on a clean folder', async () => {
    const cwd = await tempDir('strict-cwd');
    const warned = await tempDir('strict-warned');
    await writeFiles(warned, { 'legacy.txt': Buffer.from(article('Café owners reopen'), 'latin1') });
    const out = path.join(await tempDir('strict-out'), 'site');
    const failed = await runCli(['build', '--input', warned, '--output', out, '--strict'], { cwd });
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^warning: .*legacy\.txt: not UTF-8; read as windows-1252/m);
    assert.deepEqual(strayBeside(out), []);
    const clean = await tempDir('strict-clean');
    await writeFiles(clean, { 'good.txt': article('A clean article builds strictly') });
    const passed = await runCli(['build', '--input', clean, '--output', out, '--strict'], { cwd });
    assert.equal(passed.code, 0, passed.stderr);
    assert.equal(passed.stderr, '');
    assert.deepEqual(articleSlugs(listFiles(out)), ['a-clean-article-builds-strictly']);
  });
});
