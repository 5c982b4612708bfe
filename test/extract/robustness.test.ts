import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ArticleError, extract, markdownToText } from '../../src/extract/index.ts';
import { articleRecordSchema } from '../../src/record.ts';
import { PROSE } from './helpers.ts';

const line = fc.oneof(
  fc.constantFrom(...PROSE, 'Home', 'Share', '4 May 2021', 'By Ann Example', 'Photo AFP', '', '---', '# x', '2019 - 12', 'See also:', 'a\tb\tc'),
  fc.string({ maxLength: 120 }),
);

describe('robustness', () => {
  test('any text gives a valid record or an ArticleError, the same every time', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        let first: unknown;
        try {
          first = extract(text, { file: 'p.txt' });
        } catch (error) {
          return error instanceof ArticleError;
        }
        assert.ok(articleRecordSchema.safeParse(first).success);
        assert.deepEqual(extract(text, { file: 'p.txt' }), first);
        return true;
      }),
      { numRuns: 300 },
    );
  });
  test('every body line comes from the input', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const text = lines.join('\n');
        let record;
        try {
          record = extract(text, { file: 'p.txt' });
        } catch (error) {
          return error instanceof ArticleError;
        }
        const input = text.replace(/\s+/gu, ' ');
        for (const bodyLine of markdownToText(record.body).split('\n')) {
          const words = bodyLine.replace(/\s+/gu, ' ').trim();
          if (words === '') continue;
          // Table rows are re-joined from their cells: each cell comes from the input.
          for (const part of words.split(' | ')) assert.ok(input.includes(part.trim()), `not in the input: ${JSON.stringify(part)}`);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
  test('long pathological lines stay fast (no catastrophic backtracking)', () => {
    const started = performance.now();
    for (const text of ['a '.repeat(20000), '-'.repeat(50000), `${'Home / '.repeat(5000)}x`, `${'1 - '.repeat(10000)}`, `x${' \t'.repeat(10000)}`, `${'A: '.repeat(10000)}`]) {
      try {
        extract(text, { file: 'p.txt' });
      } catch (error) {
        assert.ok(error instanceof ArticleError);
      }
    }
    assert.ok(performance.now() - started < 2000, `took ${performance.now() - started} ms`);
  });
});
