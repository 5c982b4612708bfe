/**
 * Bylines: "By Jane Doe and John Roe", "Von Anna Muster", "Oleh Budi" — a short line
 * whose words after the prefix are mostly capitalised names.
 */
import type { Line } from '../segment.ts';
import { BYLINE_MAX_WORDS, BYLINE_PREFIXES } from '../settings.ts';

const PREFIX = new RegExp(`^(?:${BYLINE_PREFIXES.join('|')})\\s+(?=\\p{Lu})`, 'iu');
/** Between two authors. */
const AUTHOR_SEPARATOR = /\s*(?:,|;|\||&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bdan\b|\bи\b)\s*/u;

/** The authors named on a byline line, or undefined when the line is not one. */
export function parseByline(line: Line): string[] | undefined {
  const prefix = line.text.match(PREFIX);
  if (!prefix || line.prose) return undefined;
  const rest = line.text.slice(prefix[0].length).split(/\s[|·•–—-]\s|\s{2,}/u)[0]?.trim() ?? '';
  const words = rest.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0 || words.length > BYLINE_MAX_WORDS) return undefined;
  const names = rest
    .split(AUTHOR_SEPARATOR)
    .map((name) => name.replace(/[.,:;]+$/u, '').trim())
    .filter((name) => /^\p{Lu}/u.test(name));
  return names.length > 0 ? names : undefined;
}
