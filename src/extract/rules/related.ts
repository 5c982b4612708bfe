/**
 * "See also" lists: a header ("See also:", "Related articles", "Lire aussi") followed by
 * short link lines. A "14 Mar 02 | Asia-Pacific" line before a title gives that link's
 * date and section.
 */
import type { RelatedLink } from '../../record.ts';
import { parseDatePrefix } from '../dates.ts';
import type { Line } from '../segment.ts';
import { RELATED_HEADERS, RELATED_MAX_ITEMS, RELATED_TITLE_MAX_WORDS } from '../settings.ts';
import { isBoxMarker, isChrome, isEndMarker } from './chrome.ts';

const HEADER = new RegExp(`^(?:${RELATED_HEADERS.join('|')})\\s*[:.]?$`, 'iu');
/** "Internet links:" — another box begins. */
const BOX_HEADER = /:$/u;

export interface RelatedList {
  links: RelatedLink[];
  /** Indices of the lines the list used (header included). */
  used: number[];
}

/** Read every "see also" list in lines [from, to). */
export function readRelated(lines: readonly Line[], from: number, to: number): RelatedList {
  const result: RelatedList = { links: [], used: [] };
  for (let i = from; i < to; i++) {
    if (!HEADER.test((lines[i] as Line).text)) continue;
    const before = result.links.length;
    const used = [i];
    let meta: { date?: string; section?: string } = {};
    let j = i + 1;
    for (; j < to && result.links.length - before < RELATED_MAX_ITEMS; j++) {
      const line = lines[j] as Line;
      const dated = line.text.includes('|') ? parseDatePrefix(line.text) : undefined;
      if (dated) {
        const section = dated.rest.replace(/^\s*\|\s*/, '').trim();
        meta = { date: dated.iso, ...(section === '' ? {} : { section }) };
        used.push(j);
        continue;
      }
      if (line.prose || BOX_HEADER.test(line.text) || isEndMarker(line) || isBoxMarker(line) || isChrome(line) || line.words > RELATED_TITLE_MAX_WORDS) break;
      result.links.push({ title: line.text, ...meta });
      used.push(j);
      meta = {};
    }
    if (result.links.length > before) result.used.push(...used);
    i = j - 1;
  }
  return result;
}

