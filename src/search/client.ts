/**
 * The search page's script, `/assets/search.js` (bundled with lunr by bundle-client.ts).
 *
 * Loaded as an ES module on `/search/` only. It wires the page together:
 * index-loader.ts fetches the index, query.ts turns what the reader types into lunr
 * queries, results-view.ts draws the list. Answers as the reader types and keeps the
 * query in the URL (`/search/?q=…`), so a search can be bookmarked and shared.
 *
 * Everything is found relative to this script's own URL, so the site works under any
 * path prefix: the script is `<root>/assets/search.js`, the index
 * `<root>/search/index.json`, the articles `<root>/articles/<slug>/`.
 * No inline script or handler is needed in the page (CSP `script-src 'self'`).
 */
import { loadSearchIndex, type LoadedIndex } from './index-loader.ts';
import { runQuery } from './query.ts';
import { drawResults, statusMessage, type ResultItem } from './results-view.ts';

const SITE_ROOT = new URL('../', import.meta.url);
const INDEX_URL = new URL('../search/index.json', import.meta.url);

/** Wait this long after the last keystroke: fast enough to feel instant, and skips the words in between. */
const TYPING_DEBOUNCE_MS = 100;

function start(): void {
  const input = document.getElementById('search-input');
  const list = document.getElementById('search-results');
  const status = document.getElementById('search-status');
  if (!(input instanceof HTMLInputElement) || !list || !status) return;
  const form = input.form;

  input.value = new URLSearchParams(window.location.search).get('q') ?? '';
  status.textContent = 'Loading the search index…';

  let loaded: LoadedIndex | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const update = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!loaded) return;
    const query = input.value;
    keepInUrl(query);
    const outcome = runQuery(loaded.index, query);
    const docs = loaded.docs;
    const items: ResultItem[] = outcome.results.flatMap((result) => {
      const doc = docs[result.ref];
      return doc ? [{ doc, matchData: result.matchData }] : [];
    });
    drawResults(list, items, SITE_ROOT);
    status.textContent = statusMessage(query, outcome, items.length, Object.keys(docs).length);
  };

  input.addEventListener('input', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(update, TYPING_DEBOUNCE_MS);
  });
  // Enter answers at once and stays on the page; without this script the form would
  // submit to the same URL, which is also fine.
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    update();
  });

  loadSearchIndex(INDEX_URL).then(
    (index) => {
      loaded = index;
      update();
    },
    (error: unknown) => {
      status.textContent = 'Search is unavailable: the search index could not be loaded.';
      console.error(error);
    },
  );
}

/** `?q=` mirrors the input without adding a history entry per keystroke. */
function keepInUrl(query: string): void {
  const url = new URL(window.location.href);
  if (query.trim() === '') url.searchParams.delete('q');
  else url.searchParams.set('q', query);
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
