/**
 * Plain text from an article body, for the search index and the result snippets.
 *
 * The body is Markdown (`##` headings, `>` quotes, lists, tables, escapes such as `\<`).
 * Indexing the Markdown source would index `##`, `|` and `\` as parts of words and make
 * lunr's match positions point into syntax the reader never sees. So the body is parsed
 * with the same parser the page renderer uses (remark-parse + remark-gfm) and only the
 * words a reader sees are kept: text, inline code, image alt text. Raw HTML is left out,
 * as the sanitizing renderer leaves it out of the page.
 *
 * Blocks are joined with a single space and all whitespace is collapsed, so the text is
 * one line: lunr's positions and the client's snippet windows then count the same
 * characters the document store holds.
 */
import type { Nodes, Parents } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

export function markdownToPlainText(markdown: string): string {
  const tree = parser.parse(markdown);
  const parts: string[] = [];
  collect(tree, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function collect(node: Nodes, parts: string[]): void {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      parts.push(node.value);
      return;
    case 'image':
    case 'imageReference':
      if (node.alt) parts.push(node.alt);
      return;
    case 'break':
      parts.push(' ');
      return;
    case 'html':
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      return;
    default:
      break;
  }
  if (!('children' in node)) return;
  const parent: Parents = node;
  for (const child of parent.children) {
    collect(child, parts);
    // A block (paragraph, heading, list item, table cell…) ends a word even when the
    // Markdown had no space there, e.g. between two table cells.
    if (isBlock(child)) parts.push(' ');
  }
}

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'table',
  'tableRow',
  'tableCell',
  'code',
  'thematicBreak',
]);

function isBlock(node: Nodes): boolean {
  return BLOCKS.has(node.type);
}
