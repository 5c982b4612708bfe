/**
 * Feed checks beyond the schema. Atom (RFC 4287) is validated against the RFC's RELAX
 * NG schema with Jing (java.ts); these are the rules the RFC states in prose or in
 * Schematron, which RELAX NG cannot express. JSON Feed 1.1 has no schema; its rules
 * are checked here from the spec (https://www.jsonfeed.org/version/1.1/).
 */
import { decode } from './html.ts';

/** RFC 3339 date-time, as both formats require. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

const isAbsoluteHttp = (url: unknown) => typeof url === 'string' && /^https?:\/\/[^/]+\//.test(url);

export interface AtomSummary {
  id: string;
  self: string;
  entries: { id: string; alternate: string; updated: string; published?: string; hasAuthor: boolean; hasContent: boolean }[];
  problems: string[];
}

/** The RFC 4287 rules outside its schema, and every URL of the feed. */
export function checkAtom(xml: string): AtomSummary {
  const problems: string[] = [];
  const [head = '', ...rest] = xml.split(/<entry(?:\s[^>]*)?>/);
  const links = (text: string) =>
    [...text.matchAll(/<link href="([^"]*)" rel="([^"]*)"/g)].map((m) => ({ href: decode(m[1]!), rel: m[2]! }));
  const text = (block: string, name: string) => {
    const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(block);
    return m ? decode(m[1]!) : undefined;
  };
  const feedLinks = links(head);
  const self = feedLinks.find((l) => l.rel === 'self')?.href ?? '';
  // RFC 4287 §4.1.1: a feed SHOULD have a self link; its id is an IRI.
  if (!isAbsoluteHttp(self)) problems.push(`feed: no absolute rel="self" link (${self})`);
  const id = text(head, 'id') ?? '';
  if (!isAbsoluteHttp(id)) problems.push(`feed: id is not an absolute URL (${id})`);
  const feedHasAuthor = /<author>/.test(head);
  const entries = rest.map((block, i) => {
    const entry = {
      id: text(block, 'id') ?? '',
      alternate: links(block).find((l) => l.rel === 'alternate')?.href ?? '',
      updated: text(block, 'updated') ?? '',
      ...(text(block, 'published') !== undefined ? { published: text(block, 'published')! } : {}),
      hasAuthor: /<author>/.test(block),
      hasContent: /<content[\s>]/.test(block),
    };
    const where = `entry ${i + 1} (${entry.id})`;
    // §4.1.2: an entry without an author inherits the feed's; one of them must exist.
    if (!entry.hasAuthor && !feedHasAuthor) problems.push(`${where}: no author, and the feed has none`);
    // §4.1.2: an entry without content must have an alternate link.
    if (!entry.hasContent && !entry.alternate) problems.push(`${where}: neither content nor an alternate link`);
    if (!isAbsoluteHttp(entry.id)) problems.push(`${where}: id is not an absolute URL`);
    if (!isAbsoluteHttp(entry.alternate)) problems.push(`${where}: alternate link is not an absolute URL`);
    for (const date of [entry.updated, entry.published]) {
      if (date !== undefined && !RFC3339.test(date)) problems.push(`${where}: ${date} is not an RFC 3339 date-time`);
    }
    return entry;
  });
  // §4.1.1: no two entries with the same id (and the same updated).
  const idsSeen = new Set<string>();
  for (const entry of entries) {
    if (idsSeen.has(entry.id)) problems.push(`two entries with id ${entry.id}`);
    idsSeen.add(entry.id);
  }
  return { id, self, entries, problems };
}

/** JSON Feed 1.1: the required members, their types, absolute URLs, RFC 3339 dates. */
export function checkJsonFeed(raw: string): { feed: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  let feed: Record<string, unknown>;
  try {
    feed = JSON.parse(raw) as Record<string, unknown>;
  } catch (error) {
    return { feed: {}, problems: [`not JSON: ${(error as Error).message}`] };
  }
  const need = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  need(feed.version === 'https://jsonfeed.org/version/1.1', `version is ${String(feed.version)}`);
  need(typeof feed.title === 'string' && feed.title !== '', 'title (required) is missing');
  need(Array.isArray(feed.items), 'items (required) is not an array');
  for (const key of ['home_page_url', 'feed_url'] as const) need(isAbsoluteHttp(feed[key]), `${key} is not an absolute URL`);
  if (feed.language !== undefined) need(/^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(String(feed.language)), `language ${String(feed.language)}`);
  const ids = new Set<string>();
  for (const [i, item] of ((feed.items as Record<string, unknown>[] | undefined) ?? []).entries()) {
    const where = `item ${i + 1}`;
    // "id (required, string)… unique for that item for that feed over time."
    need(typeof item.id === 'string' && item.id !== '', `${where}: id (required string) missing`);
    need(!ids.has(String(item.id)), `${where}: duplicate id ${String(item.id)}`);
    ids.add(String(item.id));
    // "content_html and content_text are each optional strings — but one or both must be present."
    need(typeof item.content_html === 'string' || typeof item.content_text === 'string', `${where}: neither content_html nor content_text`);
    if (item.url !== undefined) need(isAbsoluteHttp(item.url), `${where}: url is not absolute`);
    for (const key of ['title', 'summary'] as const) {
      if (item[key] !== undefined) need(typeof item[key] === 'string', `${where}: ${key} is not a string`);
    }
    for (const key of ['date_published', 'date_modified'] as const) {
      if (item[key] !== undefined) need(RFC3339.test(String(item[key])), `${where}: ${key} ${String(item[key])} is not RFC 3339`);
    }
    if (item.authors !== undefined) {
      need(
        Array.isArray(item.authors) && item.authors.every((a: { name?: unknown }) => typeof a.name === 'string'),
        `${where}: authors must be objects with a name`,
      );
    }
    if (item.tags !== undefined) need(Array.isArray(item.tags) && item.tags.every((t) => typeof t === 'string'), `${where}: tags must be strings`);
  }
  return { feed, problems };
}
