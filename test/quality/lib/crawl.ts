/**
 * A link crawler for a built site on disk: starts at the home page (and the 404 page,
 * which nothing links to), follows every internal href, src and action in every HTML
 * page it reaches, and reports each link whose target file is missing, each `#fragment`
 * with no such id on its page, each internal link that escapes the path prefix, and
 * each page that no link reaches.
 *
 * URLs map to files the way a static host maps them: `/x/` → `x/index.html`, the path
 * prefix removed first. Absolute URLs on the site's own address (canonical links,
 * og:url) count as internal; other origins are not followed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ids, startTags } from './html.ts';
import type { BuiltSite } from './sites.ts';

/** Attributes that hold a URL the browser follows or loads. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'xlink:href'];
/** Meta properties whose content is a URL of this site. */
const URL_META = new Set(['og:url']);

export interface CrawlReport {
  /** Site-relative paths of the pages reached, in crawl order. */
  reached: string[];
  /** `page → link: problem`, one per broken link. */
  broken: string[];
  /** HTML pages on disk that no link reaches. */
  unreached: string[];
  /** How many links were checked. */
  links: number;
}

export function crawl(site: BuiltSite): CrawlReport {
  const origin = 'http://site.invalid';
  const base = `${origin}${site.prefix}`;
  const queue = [base, `${base}404.html`];
  const seen = new Set(queue);
  const reached: string[] = [];
  const broken: string[] = [];
  const fragments: { from: string; file: string; id: string; link: string }[] = [];
  let links = 0;

  /** A URL of this site → the file that serves it, or a reason it is not one. */
  const toFile = (url: URL): { file: string } | { problem: string } => {
    if (!url.pathname.startsWith(site.prefix)) return { problem: `outside the path prefix ${site.prefix}` };
    let rel = decodeURIComponent(url.pathname.slice(site.prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    return { file: rel };
  };

  while (queue.length > 0) {
    const pageUrl = queue.shift()!;
    const target = toFile(new URL(pageUrl));
    if ('problem' in target) continue;
    const file = path.join(site.dir, target.file);
    if (!existsSync(file)) continue; // reported where it was linked
    reached.push(target.file);
    const html = readFileSync(file, 'utf8');
    for (const tag of startTags(html)) {
      const values = URL_ATTRIBUTES.flatMap((a) => (tag.attrs.has(a) ? [tag.attrs.get(a)!] : []));
      if (tag.name === 'meta' && URL_META.has(tag.attrs.get('property') ?? '')) values.push(tag.attrs.get('content') ?? '');
      for (const value of values) {
        if (/^(?:mailto|tel|data):/i.test(value)) continue;
        const siteOwn = value.startsWith(`${site.siteUrl}/`);
        if (/^[a-z][a-z+.-]*:/i.test(value) && !siteOwn) continue; // another origin
        links++;
        const url = siteOwn ? new URL(value.slice(site.siteUrl.length), base) : new URL(value, pageUrl);
        const where = `${target.file} → ${value}`;
        const linked = toFile(url);
        if ('problem' in linked) {
          broken.push(`${where}: ${linked.problem}`);
          continue;
        }
        if (!existsSync(path.join(site.dir, linked.file))) {
          broken.push(`${where}: no file ${linked.file}`);
          continue;
        }
        if (url.hash.length > 1) fragments.push({ from: target.file, file: linked.file, id: decodeURIComponent(url.hash.slice(1)), link: value });
        const page = `${url.origin}${url.pathname}`;
        if (linked.file.endsWith('.html') && !seen.has(page)) {
          seen.add(page);
          queue.push(page);
        }
      }
    }
  }

  const idCache = new Map<string, Set<string>>();
  for (const { from, file, id, link } of fragments) {
    if (!idCache.has(file)) idCache.set(file, ids(readFileSync(path.join(site.dir, file), 'utf8')));
    if (!idCache.get(file)!.has(id)) broken.push(`${from} → ${link}: no id "${id}" in ${file}`);
  }
  const unreached = site.pages.filter((p) => !reached.includes(p));
  return { reached, broken, unreached, links };
}

/**
 * An absolute URL from a feed, the sitemap or JSON-LD: it must be on the site's
 * address, under the prefix, and name a file of the build. Returns the problem, if any.
 */
export function checkSiteUrl(site: BuiltSite, absolute: string): string | undefined {
  const home = `${site.siteUrl}${site.prefix}`;
  if (!absolute.startsWith(home)) return `${absolute} is not under ${home}`;
  let rel = decodeURIComponent(new URL(absolute).pathname.slice(site.prefix.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  return existsSync(path.join(site.dir, rel)) ? undefined : `${absolute}: no file ${rel}`;
}
