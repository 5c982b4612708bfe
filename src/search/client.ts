/**
 * The search page's script, `/assets/search.js` (bundled with lunr by bundle-client.ts).
 *
 * Loaded as an ES module on `/search/` only. It wires the page together: query.ts reads
 * what the reader types, search.ts runs it on the sharded index (sharded-index.ts, which
 * fetches only the chunks a query needs), facets.ts counts the filters,
 * results-view.ts draws. Results appear as the reader types; the whole state (query,
 * year, source, topic) lives in the URL, so a search can be shared and Back/Forward work.
 *
 * Keyboard: `/` anywhere focuses the search box; ↓ from the box moves into the results,
 * ↑ and ↓ move between them, Enter opens the one with focus.
 *
 * Everything is found relative to this script's own URL, so the site works under any
 * path prefix. No inline script or handler is needed in the page (CSP `script-src 'self'`).
 * After each search is drawn the script sets the performance mark `search-rendered`
 * (the benchmark reads it) and fires `search:rendered` on the document.
 */
import type { SearchDoc } from './document-store.ts';
import { DocFacets, type Filters } from './facets.ts';
import { parseQuery } from './query.ts';
import { drawFilters, resultElement, statusMessage, type ResultItem } from './results-view.ts';
import { runSearch, type SearchOutcome } from './search.ts';
import { paths, type Manifest } from './shard-format.ts';
import { ShardedIndex, type Hit } from './sharded-index.ts';
import { indexTokens } from './tokenize.ts';
import { readState, sameState, withState, type SearchState } from './url-state.ts';

const SITE_ROOT = new URL('../', import.meta.url);

/** The archive's manifest, as JSON, put in by the build (bundle-client.ts); `null` in a bundle made without one. */
declare const __SEARCH_MANIFEST__: string | null;
/** Named once, so the build puts the manifest into the bundle once (bundle-client.ts `MANIFEST_SLOT`). */
const EMBEDDED_MANIFEST = __SEARCH_MANIFEST__;

/** Wait this long after the last keystroke: fast enough to feel instant, and skips the words in between. */
const TYPING_DEBOUNCE_MS = 120;
/** Results drawn at first and per "more results": a screenful, and ten small files to fetch. */
const RESULTS_PAGE = 10;
/** The longest the URL waits for a painted frame before it follows the search anyway. */
const HISTORY_FALLBACK_MS = 100;

async function fetchJson(path: string): Promise<unknown> {
  const url = new URL(path, SITE_ROOT);
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`search index: ${url.pathname} answered ${response.status}`);
  return response.json();
}

function start(): void {
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  const filterBox = document.getElementById('search-filters');
  const more = document.getElementById('search-more');
  if (!(input instanceof HTMLInputElement) || !list || !status || !filterBox || !(more instanceof HTMLButtonElement)) return;
  const form = input.form;

  let state = readState(window.location.search);
  input.value = state.q;
  status.textContent = 'Loading the search index…';

  const opened = EMBEDDED_MANIFEST === null ? ShardedIndex.open(fetchJson) : Promise.resolve(new ShardedIndex(JSON.parse(EMBEDDED_MANIFEST) as Manifest, fetchJson));
  const docs = new Map<number, Promise<SearchDoc>>();
  const loadDoc = (doc: number) => {
    let promise = docs.get(doc);
    if (!promise) {
      promise = fetchJson(paths.doc(doc)) as Promise<SearchDoc>;
      docs.set(doc, promise);
      promise.catch(() => docs.delete(doc));
    }
    return promise;
  };
  const item = async (hit: Hit): Promise<ResultItem> => ({ doc: await loadDoc(hit.doc), terms: new Set(Object.values(hit.terms).flat()) });

  let facets: DocFacets | undefined;
  let generation = 0;
  /** The filtered hits of the search on screen, and how many are drawn. */
  let shown: { hits: Hit[]; drawn: number } = { hits: [], drawn: 0 };
  /** A result's data and its element, made as soon as its document arrives (the others may still be on their way). */
  const drawn = (hit: Hit) => item(hit).then((i) => ({ item: i, element: resultElement(i, SITE_ROOT) }));

  const render = async (next: SearchState): Promise<void> => {
    const mine = ++generation;
    state = next;
    try {
      const index = await opened;
      const outcome = await runSearch(index, parseQuery(next.q));
      if (mine !== generation) return;
      const filters: Filters = { ...(next.year ? { year: next.year } : {}), ...(next.source ? { source: next.source } : {}), ...(next.topic ? { topic: next.topic } : {}) };
      const filtered = filters.year !== undefined || filters.source !== undefined || filters.topic !== undefined;
      // Unfiltered, the first results are known before the facets are: their documents
      // are asked for first, and the filter counts worked out while they are on the way.
      if (filtered) facets ??= new DocFacets(index.manifest);
      const hits = filtered ? outcome.hits.filter((hit) => facets!.matches(hit.doc, filters)) : outcome.hits;
      const results = Promise.all(hits.slice(0, RESULTS_PAGE).map(drawn));
      facets ??= new DocFacets(index.manifest);
      const counts = outcome.hits.length > 0 ? facets.count(outcome.hits.map((h) => h.doc), filters) : undefined;
      const page = await results;
      if (mine !== generation) return;

      list.replaceChildren(...page.map((r) => r.element));
      shown = { hits, drawn: page.length };
      more.hidden = hits.length <= page.length;
      filterBox.hidden = counts === undefined;
      if (counts) drawFilters(filterBox, counts, filters, (chosen) => navigate({ q: state.q, ...chosen }, true));
      const corrected = outcome.mode === 'typo' ? correctedQuery(next.q, outcome, page[0]?.item) : undefined;
      status.textContent = statusMessage(next.q, { mode: outcome.mode, ...(corrected ? { corrected } : {}) }, hits.length, index.manifest.docCount, filtered);
      performance.clearMarks('search-rendered'); // keep one: a long session would pile them up
      performance.mark('search-rendered', { detail: { query: next.q, results: hits.length } });
      document.dispatchEvent(new CustomEvent('search:rendered', { detail: { query: next.q, results: hits.length } }));
    } catch (error) {
      if (mine !== generation) return;
      status.textContent = 'Search is unavailable: the search index could not be loaded.';
      console.error(error);
    }
  };

  /**
   * The URL follows the search drawn, a moment later: `history.pushState` takes from a
   * fraction of a millisecond to several, and the reader is waiting for results, not for
   * the address bar. It is written after the next frame is painted (or after
   * `HISTORY_FALLBACK_MS` where frames do not come, as in a hidden tab). Searches in
   * between are folded into one: the latest state, as a new history entry if any of them
   * asked for one.
   */
  let pendingHistory: { state: SearchState; push: boolean } | undefined;
  const writeHistory = (): void => {
    const pending = pendingHistory;
    pendingHistory = undefined;
    if (!pending) return;
    const url = withState(new URL(window.location.href), pending.state);
    if (pending.push && !sameState(pending.state, readState(window.location.search))) window.history.pushState(null, '', url);
    else if (url.href !== window.location.href) window.history.replaceState(null, '', url);
  };

  /** Draw `next` and keep it in the URL: a new history entry when `push`, else the current one updated. */
  const navigate = (next: SearchState, push: boolean): void => {
    const scheduled = pendingHistory !== undefined;
    pendingHistory = { state: next, push: push || (pendingHistory?.push ?? false) };
    if (!scheduled) {
      requestAnimationFrame(() => setTimeout(writeHistory, 0));
      setTimeout(writeHistory, HISTORY_FALLBACK_MS);
    }
    void render(next);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const fromInput = (): SearchState => ({ ...state, q: input.value });
  input.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => navigate(fromInput(), false), TYPING_DEBOUNCE_MS);
  });
  // Enter answers at once, as a step in the history; without this script the form
  // submits to the same page, which is also fine.
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    if (timer !== undefined) clearTimeout(timer);
    navigate(fromInput(), true);
  });
  window.addEventListener('popstate', () => {
    pendingHistory = undefined; // the reader went elsewhere in the history: that wins
    const next = readState(window.location.search);
    input.value = next.q;
    void render(next);
  });
  more.addEventListener('click', async () => {
    const mine = generation;
    const page = await Promise.all(shown.hits.slice(shown.drawn, shown.drawn + RESULTS_PAGE).map(drawn));
    if (mine !== generation) return;
    const first = list.children.length;
    list.append(...page.map((r) => r.element));
    shown.drawn += page.length;
    more.hidden = shown.hits.length <= shown.drawn;
    list.children[first]?.querySelector('a')?.focus();
  });

  keyboard(input, list);
  void render(state);
}

/** The query with each corrected word replaced by the word as the best result writes it. */
function correctedQuery(query: string, outcome: SearchOutcome, best: ResultItem | undefined): string {
  let corrected = query;
  for (const { from, to } of outcome.corrections) {
    const text = best ? `${best.doc.title} ${best.doc.text}` : '';
    const token = indexTokens(text).find((t) => t.term === to);
    const word = token ? text.slice(token.position[0], token.position[0] + token.position[1]).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') : to;
    corrected = corrected.replace(from, word);
  }
  return corrected.trim();
}

function keyboard(input: HTMLInputElement, list: HTMLElement): void {
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('.search-result-title a')];
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const first = links()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowUp' && at === 0) input.focus();
    else all[Math.max(0, Math.min(all.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
