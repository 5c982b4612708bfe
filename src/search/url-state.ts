/**
 * The search's whole state in the URL: `?q=…&year=…&source=…&topic=…`, so a search can be
 * shared, bookmarked and reloaded, and Back/Forward step through searches. Pure.
 */
import type { Filters } from './facets.ts';

export interface SearchState extends Filters {
  q: string;
}

export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const state: SearchState = { q: params.get('q') ?? '' };
  const year = params.get('year');
  const source = params.get('source');
  const topic = params.get('topic');
  if (year) state.year = year;
  if (source) state.source = source;
  if (topic) state.topic = topic;
  return state;
}

/** `url` with the state's parameters (and nothing for empty ones), other parameters kept. */
export function withState(url: URL, state: SearchState): URL {
  const next = new URL(url.href);
  for (const key of ['q', 'year', 'source', 'topic'] as const) {
    const value = key === 'q' ? state.q.trim() === '' ? undefined : state.q : state[key];
    if (value === undefined) next.searchParams.delete(key);
    else next.searchParams.set(key, value);
  }
  return next;
}

export function sameState(a: SearchState, b: SearchState): boolean {
  return a.q === b.q && a.year === b.year && a.source === b.source && a.topic === b.topic;
}
