/**
 * The results view: draws the result list and the status line.
 *
 * Everything shown comes from article files and is untrusted, so nothing here parses
 * HTML: elements are made with `createElement` and filled with `textContent` / text
 * nodes. A headline such as `<img src=x onerror=alert(1)>` shows as those characters.
 * Links are resolved against the site root and refused unless they stay inside it.
 * Browser only.
 */
import type lunr from 'lunr';
import type { SearchDoc } from './document-store.ts';
import type { QueryOutcome } from './query.ts';
import { fieldPositions, highlight, snippet, type Segment } from './snippet.ts';

export interface ResultItem {
  doc: SearchDoc;
  matchData: lunr.MatchData;
}

/** Results drawn at most; more would make a long page nobody scrolls, and cost time per keystroke. */
export const MAX_RESULTS = 50;

export function drawResults(list: HTMLElement, items: ResultItem[], siteRoot: URL): void {
  list.replaceChildren(...items.slice(0, MAX_RESULTS).map((item) => resultElement(item, siteRoot)));
}

function resultElement({ doc, matchData }: ResultItem, siteRoot: URL): HTMLLIElement {
  const item = element('li', 'search-result');

  const heading = element('h2', 'search-result-title');
  const href = articleHref(doc.url, siteRoot);
  const link = href === undefined ? element('span') : element('a');
  if (link instanceof HTMLAnchorElement && href !== undefined) link.href = href;
  appendSegments(link, highlight(doc.title, fieldPositions(matchData, 'title')));
  heading.append(link);
  item.append(heading);

  const meta = element('p', 'search-result-meta');
  const date = element(doc.date === undefined ? 'span' : 'time', 'search-result-date');
  if (date instanceof HTMLTimeElement && doc.date !== undefined) date.dateTime = doc.date;
  date.textContent = doc.dateLabel;
  meta.append(date);
  if (doc.source !== undefined) {
    const source = element('span', 'search-result-source');
    source.textContent = doc.source;
    meta.append(document.createTextNode(' · '), source);
  }
  item.append(meta);

  const text = element('p', 'search-result-snippet');
  const segments = snippet(doc.text ?? doc.excerpt, fieldPositions(matchData, 'body'));
  appendSegments(text, segments ?? [{ text: doc.excerpt, marked: false }]);
  item.append(text);

  return item;
}

/** `/articles/<slug>/` → an absolute path under the site root, or `undefined` if it would leave it. */
export function articleHref(url: string, siteRoot: URL): string | undefined {
  try {
    const target = new URL(url.replace(/^\/+/, ''), siteRoot);
    if (target.origin !== siteRoot.origin || !target.pathname.startsWith(siteRoot.pathname)) return undefined;
    return target.pathname + target.search + target.hash;
  } catch {
    return undefined;
  }
}

function appendSegments(parent: HTMLElement, segments: Segment[]): void {
  for (const segment of segments) {
    if (segment.marked) {
      const mark = document.createElement('mark');
      mark.textContent = segment.text;
      parent.append(mark);
    } else {
      parent.append(document.createTextNode(segment.text));
    }
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** The status line, read out by screen readers (`aria-live="polite"`). */
export function statusMessage(
  input: string,
  outcome: Pick<QueryOutcome, 'mode' | 'error'>,
  found: number,
  articleCount: number,
): string {
  const query = input.trim();
  if (query === '') return `Type a word to search ${count(articleCount, 'article')}.`;
  const quoted = `“${query}”`;
  if (outcome.error !== undefined) return `No results for ${quoted}: the search could not be read (${outcome.error}).`;
  if (found === 0) return `No results for ${quoted}.`;
  const shown = found > MAX_RESULTS ? `; showing the first ${MAX_RESULTS}` : '';
  if (outcome.mode === 'any-word') {
    return `No article has all the words of ${quoted}; ${count(found, 'article')} ${found === 1 ? 'has' : 'have'} some of them${shown}.`;
  }
  return `${count(found, 'result')} for ${quoted}${shown}.`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
