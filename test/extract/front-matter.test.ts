import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ArticleError, extract } from '../../src/extract/index.ts';
import { fixture, PROSE } from './helpers.ts';

const PAGE = ['Harbour ferry to close after ninety years', '', '3 May 2021', '', ...PROSE].join('\n');

function errorOf(text: string): ArticleError {
  try {
    extract(text, { file: 'x.txt' });
  } catch (error) {
    assert.ok(error instanceof ArticleError, String(error));
    return error;
  }
  assert.fail('expected an ArticleError');
}

describe('front matter', () => {
  test('valid fields override the extracted ones', () => {
    const record = fixture(`---\ntitle: Ferry service ends\ndate: 2021-05-04\nbyline: Ann Example\nslug: ferry-ends\n---\n${PAGE}`);
    assert.equal(record.title, 'Ferry service ends');
    assert.equal(record.titleSource, 'front-matter');
    assert.equal(record.date, '2021-05-04');
    assert.equal(record.dateSource, 'front-matter');
    assert.deepEqual(record.byline, ['Ann Example']);
    assert.equal(record.slug, 'ferry-ends');
    assert.ok(record.body.startsWith(PROSE[0] as string));
  });
  test('without front matter the text gives the fields', () => {
    const record = fixture(PAGE);
    assert.equal(record.title, 'Harbour ferry to close after ninety years');
    assert.equal(record.date, '2021-05-03');
    assert.equal(record.dateSource, 'text');
  });
  test('unknown fields and wrong types are warnings; valid fields still apply', () => {
    const record = fixture(`---\ntitle: Ferry service ends\ncolour: blue\ndate: not a date\n---\n${PAGE}`);
    assert.equal(record.title, 'Ferry service ends');
    assert.equal(record.date, '2021-05-03');
    assert.equal(record.warnings.filter((w) => w.startsWith('front matter:')).length, 1);
    assert.match(record.warnings[0] as string, /date/);
    assert.match(record.warnings[0] as string, /colour|Unrecognized/);
  });
  test('invalid YAML is an error with its line', () => {
    const error = errorOf(`---\ntitle: ok\nbyline: [unclosed\n---\n${PAGE}`);
    assert.match(error.message, /^invalid YAML front matter/);
    assert.equal(typeof error.line, 'number');
    assert.ok(!error.message.includes('\n'));
  });
  test('front matter that is not a mapping is an error', () => {
    assert.match(errorOf(`---\n- a\n- b\n---\n${PAGE}`).message, /mapping/);
    assert.match(errorOf(`---\njust a string\n---\n${PAGE}`).message, /mapping/);
  });
  test('JavaScript front matter is refused, not run', () => {
    (globalThis as Record<string, unknown>).__ran = false;
    for (const language of ['js', 'javascript', 'coffee']) {
      const error = errorOf(`---${language}\n{ title: (globalThis.__ran = true, 'x') }\n---\n${PAGE}`);
      assert.match(error.message, /not allowed/);
    }
    assert.equal((globalThis as Record<string, unknown>).__ran, false);
  });
  test('an unclosed front matter block is an error', () => {
    assert.match(errorOf(`---\ntitle: x\n${PAGE}`).message, /not closed/);
  });
  test('a file without text is an error', () => {
    assert.match(errorOf('').message, /no text/);
    assert.match(errorOf('\n \n\t\n').message, /no text/);
  });
});
