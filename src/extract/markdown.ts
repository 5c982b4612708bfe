/**
 * Markdown output, with the article text escaped.
 *
 * The page text is untrusted and was never meant as Markdown: a paragraph
 * `<script>…</script>` must render as those characters, and a line that happens to
 * start with `# `, `* `, `+`, `>`, `|` or `1999.` must not become a heading, a list, a
 * quote or a table. `escapeMarkdownText` backslash-escapes every character CommonMark
 * or GFM could read as syntax (CommonMark allows a backslash before any ASCII
 * punctuation, so the escapes render as the plain characters).
 */

/** Characters that are syntax anywhere in a line (emphasis, code, links, HTML, tables, strikethrough, entities). */
const INLINE_SYNTAX = /[\\`*_[\]<>|~&]/g;
/** Characters that are syntax at the start of a line (headings, lists, quotes, setext underlines, fences). */
const LINE_START_SYNTAX = /^(\s*)([#+\-=>:])/;
/** "1999. text" or "3) text" at the start of a line would be an ordered list. */
const ORDERED_LIST_START = /^(\s*\d{1,9})([.)])/;

/** Escape one line (or paragraph) of article text for use as Markdown text. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(INLINE_SYNTAX, '\\$&')
    .replace(LINE_START_SYNTAX, '$1\\$2')
    .replace(ORDERED_LIST_START, '$1\\$2');
}

/** The blocks a body is made of. */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'quote'; text: string; attribution?: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'fact-box'; heading?: string; rows: string[]; source?: string };

/** Render blocks as Markdown: paragraphs separated by blank lines, `##` subheadings, `>` quotes, lists and tables. */
export function toMarkdown(blocks: readonly Block[]): string {
  return blocks.map(renderBlock).join('\n\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return escapeMarkdownText(block.text);
    case 'heading':
      return `## ${escapeMarkdownText(block.text)}`;
    case 'quote':
      return block.attribution === undefined
        ? `> ${escapeMarkdownText(block.text)}`
        : `> ${escapeMarkdownText(block.text)}\n>\n> — ${escapeMarkdownText(block.attribution)}`;
    case 'list':
      return block.items.map((item) => `- ${escapeMarkdownText(item)}`).join('\n');
    case 'table':
      return renderTable(block.rows);
    case 'fact-box': {
      // A fact box is an aside inside the body: its heading in bold, its rows as a list, its source below.
      const parts: string[] = [];
      if (block.heading !== undefined) parts.push(`**${escapeMarkdownText(block.heading)}**`);
      parts.push(block.rows.map((row) => `- ${escapeMarkdownText(row)}`).join('\n'));
      if (block.source !== undefined) parts.push(`*${escapeMarkdownText(block.source)}*`);
      return parts.join('\n\n');
    }
  }
}

function renderTable(rows: readonly string[][]): string {
  const width = Math.max(...rows.map((row) => row.length));
  const line = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => escapeMarkdownText(cells[i] ?? '')).join(' | ')} |`;
  const [head = [], ...rest] = rows;
  return [line(head), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...rest.map(line)].join('\n');
}

/**
 * Markdown back to plain text, for word counts and the evaluation: drops block markers
 * (`## `, `> `, `- `, table pipes and delimiter rows) and backslash escapes.
 */
export function markdownToText(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\|(?:\s*---\s*\|)+$/.test(line) && line !== '>')
    .map((line) =>
      line
        .replace(/^(?:## |> — |> |- )/, '')
        .replace(/^\*\*(.*)\*\*$/, '$1')
        .replace(/^\*(.*)\*$/, '$1')
        .replace(/^\| | \|$/g, '')
        .replace(/ (?<!\\)\| /g, ' ')
        .replace(/\\([!-/:-@[-`{-~])/g, '$1'),
    )
    .join('\n');
}
