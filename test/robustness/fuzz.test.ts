/**
 * Fuzzing the whole per-file path, read → extract → render, with fast-check: random
 * bytes, random text in every encoding the reader knows, and random front matter. Every
 * input gives either a valid record whose body renders to HTML without active content,
 * or one of the two expected errors (DecodeError, ArticleError) with a one-line message.
 * Never anything else.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ArticleError } from '../../src/extract/index.ts';
import { DecodeError } from '../../src/read/decode.ts';
import { describe as describeProblem, recordFromBytes } from '../../src/read/index.ts';
import { articleRecordSchema } from '../../src/record.ts';
import { renderBody } from '../../src/render/markdown.ts';
import { assignUniqueSlugs } from '../../src/slugs.ts';
import { PARAGRAPHS } from './helpers.ts';

const RUNS = 250;

/** read → extract → render; throws only on an unexpected failure. */
function pipeline(bytes: Uint8Array): 'record' | 'refused' {
  let record;
  try {
    record = recordFromBytes('fuzz.txt', bytes);
  } catch (error) {
    if (!(error instanceof DecodeError || error instanceof ArticleError)) throw error;
    const message = describeProblem(error);
    assert.ok(message.length > 0 && !message.includes('\n'), `one line: ${JSON.stringify(message)}`);
    return 'refused';
  }
  assert.ok(articleRecordSchema.safeParse(record).success, 'a valid record');
  const [unique] = assignUniqueSlugs([record]);
  assert.match(unique!.slug, /^[\p{L}\p{N}][\p{L}\p{N}-]*$/u);
  const html = renderBody(record.body);
  // Active content lives in markup: a script or frame element, an event handler or a javascript: URL in a tag.
  // (The words "javascript:" in a paragraph are text, as an article about web attacks may print them.)
  const tags = (html.replace(/&[^;\s]*;/g, '').match(/<[^>]*>/g) ?? []).join(' ');
  assert.ok(!/<script|<iframe|\son\w+=|javascript:/i.test(tags), `no active content: ${html.slice(0, 200)}`);
  return 'record';
}

const encodings = ['utf8', 'utf16le', 'latin1'] as const;
const bom: Record<(typeof encodings)[number], number[]> = { utf8: [0xef, 0xbb, 0xbf], utf16le: [0xff, 0xfe], latin1: [] };

/** Text in one of the reader's encodings, with or without its byte-order mark. */
const encodedText = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.constantFrom(...encodings), fc.boolean()).map(([value, encoding, withBom]) =>
    Uint8Array.from([...(withBom ? bom[encoding] : []), ...Buffer.from(value, encoding)]),
  );

const LINES = [
  ...PARAGRAPHS,
  'Harbour ferry to close after ninety years',
  '3 May 2021',
  'By Ann Example and Bob Sample',
  'Home | News | Sport',
  'Share this article',
  '---',
  '```',
  '> quoted',
  '- item',
  '1. item',
  '| a | b |',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '{{ 7*7 }} {% include "x" %}',
  '\u202Eevil',
  '\uFEFF',
  '\u0000',
  '\uFFFD',
  'e\u0301',
  '🚢',
  '북한 대사관',
  '   ',
  '\t\t',
];

const FRONT_MATTER_LINES = [
  'title: A headline',
  'title: [1, 2]',
  'title: !!js/function "function () {}"',
  'date: 2021-02-30',
  'date: yesterday',
  'date: 2021-05-03T08:26+09:00',
  'slug: ../../etc',
  'slug: /etc/passwd',
  'slug: con',
  'byline: [Ann, 3]',
  '__proto__: { polluted: true }',
  'constructor: { prototype: { polluted: true } }',
  'a: &a [x, x]',
  'b: [*a, *a]',
  'related: [{ title: x, date: 2021-01-01 }]',
  'related: javascript:alert(1)',
  'captions: ~',
  '? complex key',
  ': value',
  '- list item',
  '"unclosed',
  '  indented: value',
];

describe('fuzz: read → extract → render', () => {
  test('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => void pipeline(bytes)), { numRuns: RUNS });
  });

  test('random Unicode text, in UTF-8, UTF-16 or Latin-1, with or without a BOM', () => {
    fc.assert(fc.property(encodedText(fc.string({ unit: 'binary', maxLength: 1500 })), (bytes) => void pipeline(bytes)), { numRuns: RUNS });
  });

  test('pages made of article-like, hostile and odd lines', () => {
    const page = fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 80 })), { maxLength: 40 }).map((lines) => lines.join('\n'));
    fc.assert(fc.property(encodedText(page), (bytes) => void pipeline(bytes)), { numRuns: RUNS });
  });

  test('random front matter above an article', () => {
    const frontMatter = fc.array(fc.oneof(fc.constantFrom(...FRONT_MATTER_LINES), fc.string({ maxLength: 40 })), { maxLength: 12 });
    const opening = fc.constantFrom('---', '---yaml', '---js', '--- ', '---\t');
    const file = fc.tuple(opening, frontMatter, fc.boolean()).map(
      ([open, lines, closed]) => [open, ...lines, ...(closed ? ['---'] : []), 'Harbour ferry to close after ninety years', '', '3 May 2021', '', ...PARAGRAPHS].join('\n'),
    );
    const outcomes = new Set<string>();
    fc.assert(fc.property(file, (text) => void outcomes.add(pipeline(Buffer.from(text)))), { numRuns: RUNS });
    assert.deepEqual([...outcomes].sort(), ['record', 'refused'], 'both paths were exercised');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});
