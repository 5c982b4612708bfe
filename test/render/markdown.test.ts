import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { escapeMarkdownText } from '../../src/extract/markdown.ts';
import { GFM_TRIGGER, MAX_MARKDOWN_BLOCK_CHARS, renderBody } from '../../src/render/markdown.ts';

test('markup written in article text renders as text, never as elements', () => {
  const html = renderBody(escapeMarkdownText('He typed <script>alert(1)</script> and <img src=x onerror=alert(1)> into the form.'));
  assert.equal(html, '<p>He typed &#x3C;script>alert(1)&#x3C;/script> and &#x3C;img src=x onerror=alert(1)> into the form.</p>');
});

test('raw HTML and javascript: links in Markdown are removed by the sanitizer', () => {
  const html = renderBody('<b onclick="x()">bold</b> [link](javascript:alert(1))');
  assert.doesNotMatch(html, /onclick|javascript:|<b/);
});

test('structure survives: subheadings, quotes, lists and tables', () => {
  const html = renderBody('## Sub\n\n> A quote\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |');
  assert.match(html, /<h2>Sub<\/h2>/);
  assert.match(html, /<blockquote>\n<p>A quote<\/p>\n<\/blockquote>/);
  assert.match(html, /<li>one<\/li>/);
  assert.match(html, /<td>2<\/td>/);
});

test('an overlong block is one paragraph of escaped text; the blocks around it are still Markdown', () => {
  const hostile = escapeMarkdownText('![a](b <i> '.repeat(Math.ceil(MAX_MARKDOWN_BLOCK_CHARS / 10) + 1)).trim();
  const html = renderBody(`## Before\n\n${hostile}\n\n> After`);
  const parts = html.split('\n');
  assert.equal(parts[0], '<h2>Before</h2>');
  assert.ok(parts[1]!.startsWith('<p>![a](b &lt;i&gt; ![a](b &lt;i&gt;'), parts[1]!.slice(0, 60));
  assert.doesNotMatch(parts[1]!, /<i>|\\/);
  assert.match(html, /<blockquote>\n<p>After<\/p>\n<\/blockquote>$/);
});

const withGfm = unified().use(remarkParse).use(remarkGfm).use(remarkHtml, { sanitize: true }).freeze();
const gfmHtml = (markdown: string) => String(withGfm.processSync(markdown)).trim();

test('a body without GFM syntax skips remark-gfm and renders exactly as with it', () => {
  const plain = '## A subheading\n\nA *first* paragraph with a [link](https://example.org) and `code`.\n\n> A quote\n\n1. one\n2. two';
  assert.equal(GFM_TRIGGER.test(plain), true, 'the link URL holds a scheme, so this one goes through remark-gfm');
  assert.equal(renderBody(plain), gfmHtml(plain));
  const noTrigger = plain.replace('https://example.org', '/a/b');
  assert.equal(GFM_TRIGGER.test(noTrigger), false);
  assert.equal(renderBody(noTrigger), gfmHtml(noTrigger));
  for (const gfmOnly of ['| a | b |\n| --- | --- |\n| 1 | 2 |', '~~gone~~', 'see www.example.org now', 'mail ann@example.org', 'x[^1]\n\n[^1]: note', '- [ ] todo\n- [x] done', 'go to HTTPS://EXAMPLE.ORG']) {
    assert.equal(renderBody(gfmOnly), gfmHtml(gfmOnly), gfmOnly);
  }
});

test('property: rendering equals unified with remark-gfm on any Markdown-like text', () => {
  const pieces = ['a', 'word', ' ', '\n', '\n\n', '*', '_', '`', '[', ']', '(', ')', '!', '#', '>', '-', '+', '1.', '|', '~', '@', 'www.', 'http://', ':', '/', '\\', '<', '&', 'x', '^', '.', '=', '  \n', '    '];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
      const markdown = parts.join('');
      assert.equal(renderBody(markdown), gfmHtml(markdown));
    }),
    { numRuns: 3000, seed: 7 },
  );
});
