/**
 * The results view: draws the result list, the filters and the status line.
 *
 * Everything shown comes from article files and is untrusted, so nothing here parses
 * HTML: elements are made with `createElement` and filled with `textContent` / text
 * nodes. A headline such as `<img src=x onerror=alert(1)>` shows as those characters.
 * Links are resolved against the site root and refused unless they stay inside it.
 * Browser only (the message functions are pure and tested in Node).
 */
import { EXCERPT_WORDS, firstWords, type SearchDoc } from './document-store.ts';
import { UNDATED, type FacetCount, type Facets, type Filters } from './facets.ts';
import type { SearchOutcome } from './search.ts';
import { highlight, positionsOf, scanTerms, snippetOf, TextScan, type ScannedTerms, type Segment } from './snippet.ts';

export interface ResultItem {
  doc: SearchDoc;
  /** Index terms that matched this result. */
  terms: ReadonlySet<string>;
}

/**
 * Each drawn document's title and text, tokenized once, and its link: a reader refining
 * a query sees the same articles again. The text (up to 4,000 characters) is tokenized
 * only as far as the snippets drawn from it have needed (snippet.ts `TextScan`).
 */
const scans = new WeakMap<SearchDoc, { title: ScannedTerms; text: TextScan; href: string | undefined }>();

function scanned(doc: SearchDoc, siteRoot: URL): { title: ScannedTerms; text: TextScan; href: string | undefined } {
  let scan = scans.get(doc);
  if (!scan) scans.set(doc, (scan = { title: scanTerms(doc.title), text: new TextScan(doc.text), href: articleHref(doc.url, siteRoot) }));
  return scan;
}

export function resultElement({ doc, terms }: ResultItem, siteRoot: URL): HTMLLIElement {
  const scan = scanned(doc, siteRoot);
  const item = element('li', 'search-result');

  const heading = element('h2', 'search-result-title');
  const href = scan.href;
  const link = href === undefined ? element('span') : element('a');
  if (link instanceof HTMLAnchorElement && href !== undefined) link.href = href;
  appendSegments(link, highlight(doc.title, positionsOf(scan.title, terms)));
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
  const segments = snippetOf(scan.text, terms);
  appendSegments(text, segments ?? [{ text: firstWords(doc.text, EXCERPT_WORDS), marked: false }]);
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

/** Sources listed before "more sources": a long list of publishers would push the results down. */
export const SOURCES_SHOWN = 12;
/** Topics listed, the most frequent among the results (and the chosen one): a result list can have hundreds. */
export const TOPICS_SHOWN = 12;

/**
 * The filter groups (year, source, topic), as toggle buttons (`aria-pressed`) with counts. `onChoose` gets
 * the new filters. Values come from article files and are set as text only.
 */
export function drawFilters(container: HTMLElement, facets: Facets, filters: Filters, onChoose: (next: Filters) => void): void {
  const group = (label: string, key: keyof Filters, counts: FacetCount[], total: number, name: (value: string) => string) => {
    const box = element('div', 'search-filter');
    box.setAttribute('role', 'group');
    const heading = element('span', 'search-filter-label');
    heading.id = `search-filter-${key}`;
    heading.textContent = label;
    box.setAttribute('aria-labelledby', heading.id);
    box.append(heading);
    const chosen = filters[key];
    let shown = counts;
    const limit = key === 'source' ? SOURCES_SHOWN : key === 'topic' ? TOPICS_SHOWN : Infinity;
    if (counts.length > limit) {
      shown = counts.slice(0, limit);
      const selected = counts.find((c) => c.value === chosen);
      if (selected && !shown.includes(selected)) shown = [...shown, selected];
    }
    box.append(filterButton(`All`, total, chosen === undefined, () => onChoose(without(filters, key))));
    for (const { value, count } of shown) {
      box.append(filterButton(name(value), count, chosen === value, () => onChoose({ ...filters, [key]: value })));
    }
    if (chosen !== undefined && !counts.some((c) => c.value === chosen)) {
      box.append(filterButton(name(chosen), 0, true, () => onChoose(without(filters, key))));
    }
    return box;
  };
  container.replaceChildren(group('Year', 'year', facets.years, facets.yearTotal, (value) => (value === UNDATED ? 'Undated' : value)));
  if (facets.sources.length > 0 || filters.source !== undefined) {
    container.append(group('Source', 'source', facets.sources, facets.sourceTotal, (value) => value));
  }
  if (facets.topics.length > 0 || filters.topic !== undefined) {
    container.append(group('Topic', 'topic', facets.topics, facets.topicTotal, (value) => value));
  }
}

function filterButton(label: string, count: number, pressed: boolean, onClick: () => void): HTMLButtonElement {
  const button = element('button', 'search-filter-option');
  button.type = 'button';
  button.setAttribute('aria-pressed', String(pressed));
  const name = element('span');
  name.textContent = label;
  const number = element('span', 'search-filter-count');
  number.textContent = String(count);
  button.append(name, document.createTextNode(' '), number);
  button.addEventListener('click', onClick);
  return button;
}

function without(filters: Filters, key: keyof Filters): Filters {
  const next = { ...filters };
  delete next[key];
  return next;
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

/** The status line, read out by screen readers (`role="status"`). */
export function statusMessage(
  input: string,
  outcome: Pick<SearchOutcome, 'mode'> & { corrected?: string },
  found: number,
  articleCount: number,
  filtered: boolean,
): string {
  const query = input.trim();
  if (outcome.mode === 'empty') {
    return query === '' ? `Type a word to search ${count(articleCount, 'article')}.` : `Nothing to search for in “${query}”: add a word that is not excluded.`;
  }
  const quoted = `“${query}”`;
  const scope = filtered ? ' with these filters' : '';
  if (outcome.mode === 'none') return `No results for ${quoted}.`;
  if (found === 0) return `No results for ${quoted}${scope}.`;
  if (outcome.mode === 'typo') {
    return `No results for ${quoted}; showing ${count(found, 'result')} for “${outcome.corrected ?? query}”${scope}.`;
  }
  if (outcome.mode === 'any') {
    return `No article has all of ${quoted}; showing ${count(found, 'article')} with some of it, best first${scope}.`;
  }
  return `${count(found, 'result')} for ${quoted}${scope}.`;
}

function count(n: number, noun: string): string {
  return `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * `n.toLocaleString('en-GB')` for a count (`12,345`), without it: the first call loads
 * the browser's locale data, about 15 ms on the way to the first result.
 */
export function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
