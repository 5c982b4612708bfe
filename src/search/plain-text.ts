/**
 * Plain text from an article body, for the search index and the result snippets.
 *
 * The body's Markdown has already been rendered to sanitized HTML by the render stage
 * (unified: remark-parse → remark-gfm → remark-html with sanitize on), so the words a
 * reader sees are read from that HTML instead of parsing the Markdown a second time,
 * which would cost more than all the indexing (about 4 ms an article). The HTML is the
 * sanitizer's output, not arbitrary markup: tags are well formed, attributes quoted,
 * text escaped with character references. Kept: text, image alt text. Every block
 * (paragraph, heading, list item, table cell…) ends a word, even where the source had
 * no space. Whitespace is collapsed, so the text is one line: lunr's positions and the
 * client's snippet windows then count the same characters the document files hold.
 */

const BLOCK_TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'table', 'thead', 'tbody', 'tfoot',
  'tr', 'th', 'td', 'pre', 'hr', 'br', 'div', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'section', 'details', 'summary',
]);

const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlToPlainText(html: string): string {
  const text = html.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g, (_, _close: string, tag: string, attributes: string) => {
    const name = tag.toLowerCase();
    if (name === 'img') {
      const alt = /\balt="([^"]*)"/.exec(attributes);
      return alt ? alt[1]! : '';
    }
    return BLOCK_TAGS.has(name) ? ' ' : '';
  });
  return decodeReferences(text).replace(/\s+/g, ' ').trim();
}

export function decodeReferences(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_REFERENCES[body] ?? whole;
  });
}
