/**
 * A plain-text teaser from the body Markdown, for article lists and feed summaries
 * when the article has no standfirst. Plain text only: templates escape it like any
 * other field, so nothing here needs to be (or may be) HTML.
 */

/** About two lines of a list item at a comfortable measure; long enough to recognise the story. */
export const EXCERPT_WORDS = 40;

export function excerpt(markdown: string, words = EXCERPT_WORDS): string {
  const text = markdown
    .split('\n')
    // Headings and table rows are not lead text; quotes and list items are.
    .filter((line) => !/^\s*#{1,6}\s/.test(line) && !/^\s*\|/.test(line))
    .map((line) => line.replace(/^\s*(?:>\s?)+/, '').replace(/^\s*(?:[-*+]|\d+[.)])\s+/, ''))
    .join(' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([^]*?\S)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!>|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  const all = text === '' ? [] : text.split(' ');
  if (all.length <= words) return all.join(' ');
  return `${all.slice(0, words).join(' ').replace(/[\s,;:.–—-]+$/u, '')}…`;
}
