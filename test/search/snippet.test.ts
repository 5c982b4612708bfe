import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import lunr from 'lunr';
import { buildSearchIndex } from '../../src/search/build-index.ts';
import { fieldPositions, highlight, snippet, SNIPPET_LEAD_WORDS, SNIPPET_WORDS, type Segment } from '../../src/search/snippet.ts';
import { articlePage, articleRecord } from './articles.ts';

/** Segments as text with [marks], for readable comparisons. */
const show = (segments: Segment[] | undefined) => segments?.map((s) => (s.marked ? `[${s.text}]` : s.text)).join('');

describe('highlight', () => {
  test('marks the positions, narrowed to letters and digits', () => {
    assert.equal(show(highlight('the “urgent situation” inside', [[4, 7], [12, 11]])), 'the “[urgent] [situation]” inside');
  });

  test('merges overlapping positions and ignores ones outside the text', () => {
    assert.equal(show(highlight('abc def', [[0, 3], [1, 2], [40, 3], [-5, 2]])), '[abc] def');
  });

  test('no positions: the text as it is', () => {
    assert.deepEqual(highlight('<img src=x>', []), [{ text: '<img src=x>', marked: false }]);
  });
});

describe('snippet', () => {
  const words = Array.from({ length: 100 }, (_, i) => `w${i}`);
  const text = words.join(' ');
  const at = (word: string): [number, number] => [text.indexOf(` ${word} `) + 1, word.length];

  test('a window around the first match, with every match inside it marked', () => {
    const result = show(snippet(text, [at('w50'), at('w52'), at('w95')]))!;
    const expected = words.slice(50 - SNIPPET_LEAD_WORDS, 50 - SNIPPET_LEAD_WORDS + SNIPPET_WORDS).join(' ').replace('w50', '[w50]').replace('w52', '[w52]');
    assert.equal(result, `… ${expected} …`);
  });

  test('a match in the first half of a snippet begins at the start', () => {
    assert.equal(show(snippet(text, [at('w2')])), `${words.slice(0, SNIPPET_WORDS).join(' ').replace('w2', '[w2]')} …`);
    const late = `w${SNIPPET_WORDS / 2 - 1}`;
    assert.equal(show(snippet(text, [at(late)])), `${words.slice(0, SNIPPET_WORDS).join(' ').replace(late, `[${late}]`)} …`);
  });

  test('a match near the end ends at the end', () => {
    assert.ok(show(snippet(text, [at('w98')]))!.endsWith('[w98] w99'));
  });

  test('undefined when no match falls inside the stored text', () => {
    assert.equal(snippet('short text', [[500, 4]]), undefined);
    assert.equal(snippet('short text', []), undefined);
  });

  test('works on real lunr positions, stemmed words included', () => {
    const page = articlePage(articleRecord({ slug: 'a', title: 'Embassies stormed', body: 'Guards at the embassy gates. The embassies were closed.' }));
    const { index, docs } = buildSearchIndex([page]);
    const [hit] = lunr.Index.load(index).search('embassy');
    assert.equal(show(highlight(docs['a']!.title, fieldPositions(hit!.matchData, 'title'))), '[Embassies] stormed');
    assert.equal(show(snippet(docs['a']!.excerpt, fieldPositions(hit!.matchData, 'body'))), 'Guards at the [embassy] gates. The [embassies] were closed.');
  });
});
