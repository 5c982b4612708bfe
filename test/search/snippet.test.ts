import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { indexedDocs } from '../../src/search/build-index.ts';
import { buildReferenceIndex } from '../../src/search/reference-index.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { asciiTermStart, highlight, snippet, SNIPPET_LEAD_WORDS, SNIPPET_WORDS, snippetOf, termPositions, TextScan, type Segment } from '../../src/search/snippet.ts';
import { indexTokens, scanWords, termOf } from '../../src/search/tokenize.ts';
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
  });

  test('a match near the end ends at the end', () => {
    assert.ok(show(snippet(text, [at('w98')]))!.endsWith('[w98] w99'));
  });

  test('undefined when no match falls inside the stored text', () => {
    assert.equal(snippet('short text', [[500, 4]]), undefined);
    assert.equal(snippet('short text', []), undefined);
  });
});

describe('termPositions', () => {
  test('are the positions lunr itself records (metadataWhitelist: position)', () => {
    const page = articlePage(articleRecord({ slug: 'a', title: "Embassies in P'yŏngyang", body: 'Guards at the embassy gates, Kim Jong-un said. The embassies were closed in Zürich.' }));
    const docs = indexedDocs([page]);
    const lunrIndex = buildReferenceIndex(docs);
    for (const query of ['embassi', 'pyongyang', 'jong-un', 'zurich', 'gate']) {
      const [hit] = lunrIndex.query((q) => q.term(query, { usePipeline: false }));
      const metadata = hit!.matchData.metadata as Record<string, Record<string, { position: Array<[number, number]> }>>;
      docs[0]!.fields.forEach((text, field) => {
        const name = ['title', 'subtitle', 'body', 'source'][field]!;
        const expected = Object.values(metadata).flatMap((fields) => fields[name]?.position ?? []).sort((a, b) => a[0] - b[0]);
        assert.deepEqual(termPositions(text, new Set(Object.keys(metadata))), expected, `${query} in ${name}`);
      });
    }
  });

  test('mark stemmed, folded and hyphenated words as written', () => {
    const text = "Embassies in P'yŏngyang; Kim Jong-un.";
    assert.equal(show(highlight(text, termPositions(text, new Set(['embassi', 'pyongyang', 'jong-un'])))), "[Embassies] in [P'yŏngyang]; Kim [Jong-un].");
  });
});

describe('snippetOf (a text scanned only as far as its snippet)', () => {
  const words = Array.from({ length: 120 }, (_, i) => (i % 7 === 3 ? `Jong-un${i}` : i % 11 === 5 ? `embassies—talks${i}` : i % 13 === 0 ? `P'yŏngyang,` : `w${i}`));
  /** Words whose first letter is not simply their term's: quotes, apostrophes, accents, capitals, digits, a leading `y`. */
  const awkward = "“Urgent” 'tis Øresund Énergie éclair (Yearly) yelling Y-shaped 42nd ½ Zürich's Ärzte _under_ ...and — 평양에서 P'yŏngyang";
  const texts = [words.join(' '), words.slice(0, 40).join('  '), 'short text about the embassy', '', "Embassies in P'yŏngyang; Kim Jong-un.", words.slice(0, 31).join(' '), awkward, `${awkward} ${words.slice(0, 50).join(' ')} ${awkward}`];

  test('equals snippet over every position, for every term and for sets of terms, on a scan kept across queries', () => {
    for (const text of texts) {
      const scan = new TextScan(text);
      const terms = [...new Set(indexTokens(text).map((t) => t.term)), 'absent'];
      const sets = [...terms.map((t) => new Set([t])), new Set(terms.slice(-3)), new Set(terms.slice(5, 9)), new Set<string>()];
      for (const set of sets.reverse()) {
        assert.deepEqual(snippetOf(scan, set), snippet(text, termPositions(text, set)), `${JSON.stringify([...set])} in ${text.slice(0, 40)}`);
        const fresh = new TextScan(text);
        assert.deepEqual(snippetOf(fresh, set), snippet(text, termPositions(text, set)));
      }
    }
  });
});

describe('asciiTermStart (which words a snippet can skip without stemming)', () => {
  test('is the first character of the index term of every ASCII-led word in the five articles and in awkward cases', () => {
    const words: string[] = ["“Urgent”", "'tis", 'Yearly', 'yelling', 'Y-shaped', '42nd', '(Zürich)', '...and', 'Ärzte', '_under_', 'e\u0301clair', 'O’Brien', 'sky', 'flies'];
    for (const file of readdirSync('articles')) scanWords(readFileSync(`articles/${file}`, 'utf8'), (word) => words.push(word));
    let checked = 0;
    for (const word of words) {
      const start = asciiTermStart(word);
      const term = termOf(word);
      if (start === undefined || term === '') continue;
      assert.equal(start, term.charCodeAt(0), `${word} → ${term}`);
      checked++;
    }
    assert.ok(checked > 1000, `checked ${checked} words`);
  });

  test('gives up on words that start with other characters, and gives 0 for words with no letter or digit', () => {
    assert.equal(asciiTermStart('“Urgent'), undefined);
    assert.equal(asciiTermStart('Øresund'), undefined);
    assert.equal(asciiTermStart('평양'), undefined);
    assert.equal(asciiTermStart('...'), 0);
    assert.equal(asciiTermStart('(Yes)'), 'y'.charCodeAt(0));
  });
});
