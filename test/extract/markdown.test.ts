import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { escapeMarkdownText, markdownToText, toMarkdown } from '../../src/extract/markdown.ts';
import { renderBody } from '../../src/render/markdown.ts';
import { fixture, PROSE } from './helpers.ts';

describe('escapeMarkdownText', () => {
  test('HTML in the text renders as text', () => {
    const html = renderBody(escapeMarkdownText('<script>alert(1)</script>'));
    assert.equal(html, '<p>&#x3C;script>alert(1)&#x3C;/script></p>');
  });
  for (const [line, why] of [
    ['# not a heading', 'heading'],
    ['* not a list', 'bullet list'],
    ['+ not a list', 'plus list'],
    ['- not a list', 'dash list'],
    ['> not a quote', 'block quote'],
    ['| not | a table |', 'table'],
    ['1999. not a list', 'ordered list'],
    ['3) not a list', 'ordered list with parenthesis'],
    ['**not bold** and _not emphasis_', 'emphasis'],
    ['[not a link](javascript:alert(1))', 'link'],
    ['`not code`', 'code'],
    ['&amp; stays an ampersand entity in text', 'entity'],
  ]) {
    test(`${why}: ${line}`, () => {
      const html = renderBody(escapeMarkdownText(line as string));
      assert.ok(html.startsWith('<p>') && html.endsWith('</p>'), html);
      assert.ok(!/<(?:h\d|ul|ol|li|blockquote|table|strong|em|a|code)\b/.test(html), html);
    });
  }
  test('"1999 - 148" stays a paragraph', () => {
    assert.equal(renderBody(escapeMarkdownText('1999 - 148')), '<p>1999 - 148</p>');
  });
  test('any text round-trips through markdownToText', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (text) => {
        const line = text.replace(/\s+/g, ' ').trim();
        return markdownToText(escapeMarkdownText(line)) === line;
      }),
    );
  });
});

describe('toMarkdown', () => {
  test('every block kind', () => {
    assert.equal(
      toMarkdown([
        { kind: 'paragraph', text: 'One.' },
        { kind: 'heading', text: 'Two' },
        { kind: 'quote', text: 'Three', attribution: 'Four' },
        { kind: 'list', items: ['a', 'b'] },
        { kind: 'table', rows: [['Pos', 'Name'], ['1', 'Ann']] },
        { kind: 'fact-box', heading: 'Rates', rows: ['2001 - 5'], source: 'Source: X' },
      ]),
      'One.\n\n## Two\n\n> Three\n>\n> — Four\n\n- a\n- b\n\n| Pos | Name |\n| --- | --- |\n| 1 | Ann |\n\n**Rates**\n\n- 2001 - 5\n\n*Source: X*',
    );
  });
  test('an article paragraph with markup stays text through the renderer', () => {
    const record = fixture(['Harbour ferry to close', '', ...PROSE.slice(0, 2), '<img src=x onerror=alert(1)> is what the page said, the council added today.', ...PROSE.slice(2)]);
    const html = renderBody(record.body);
    assert.ok(!html.includes('<img'), html);
    assert.ok(html.includes('&#x3C;img src=x onerror=alert(1)>'), html);
  });
});
