/**
 * The built five-article site as validators, crawlers, feed readers and search engines
 * see it, without a browser: the Nu Html Checker on every page (HTML, CSS, SVG), Jing
 * on the Atom feed and the sitemap, the JSON Feed rules, a link crawl with and without
 * a path prefix, the security headers, the metadata for search engines and link
 * previews, and the weight of an article page. The browser checks (axe-core, the CSP
 * in action) are in browser.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkSiteUrl, crawl } from './lib/crawl.ts';
import { checkAtom, checkJsonFeed } from './lib/feeds.ts';
import { parseHeadersFile } from './lib/headers-server.ts';
import { jsonLd, metaProperties, startTags } from './lib/html.ts';
import { jing, vnu, type VnuMessage } from './lib/java.ts';
import { buildSite, type BuiltSite, PATH_PREFIX, pageType, pageUrl, qualityRoot, REAL_ARTICLES, REAL_DIGEST_STORIES, SITE_URL, STORIES } from './lib/sites.ts';

const SCHEMAS = fileURLToPath(new URL('schemas/', import.meta.url));
/** The budget: an article page's HTML and CSS, before compression. */
const ARTICLE_WEIGHT_LIMIT = 30_000;
/** Every kind of page the site has; each must be present in the five-article build. */
const PAGE_TYPES = ['home', 'article', 'archive', 'year', 'month', 'undated', 'sources index', 'source', 'topics index', 'topic', 'search', '404'];

/**
 * Warnings the checker gives that are not problems of the site, each with its reason.
 * Any other warning fails the test.
 */
const KNOWN_VNU_WARNINGS: [RegExp, string][] = [
  [
    /^Resource violates Content Security Policy \(meta tag\): external (?:stylesheet|script) “[^”]+” blocked by “(?:style|script)-src” directive\.$/,
    "checked as file: URLs, the pages have no origin for 'self' to match; the browser test loads them over HTTP under the same policy",
  ],
  [
    /^Inline script violates Content Security Policy \(meta tag\)/,
    'the only <script> with content is JSON-LD, a data block the browser never runs, so CSP does not apply to it (HTML § "prepare the script element"); the browser test sees no violation',
  ],
];

let root: string;
let plain: BuiltSite;
let prefixed: BuiltSite;
/** Started as soon as both sites exist; it runs while the other checks do. */
let vnuMessages: Promise<VnuMessage[]>;

before(async () => {
  root = await qualityRoot();
  plain = await buildSite(root, 'plain');
  prefixed = await buildSite(root, 'prefixed', PATH_PREFIX);
  // The prefixed build differs only in its URLs, which the link crawl checks; one site
  // is enough for the checker, whose run is the slowest part of this file.
  vnuMessages = vnu(plain.dir);
  // Do not leave an unhandled rejection if a test fails before awaiting it.
  vnuMessages.catch(() => {});
});

after(async () => {
  await vnuMessages?.catch(() => {});
  if (root) await rm(root, { recursive: true, force: true });
});

const read = (site: BuiltSite, file: string) => readFileSync(path.join(site.dir, file), 'utf8');

describe('the site of the five articles and two language fixtures', () => {
  test('has every page type', () => {
    const types = new Set(plain.pages.map(pageType));
    for (const type of PAGE_TYPES) assert.ok(types.has(type), `no ${type} page in ${plain.pages.join(', ')}`);
    assert.ok(!types.has('other'), `pages of no known type: ${plain.pages.filter((p) => pageType(p) === 'other')}`);
  });

  test('Nu Html Checker: no errors in any page, stylesheet or SVG', async (t) => {
    const messages = await vnuMessages;
    const describe = (m: VnuMessage) => `${path.relative(root, fileURLToPath(m.url))}:${m.lastLine ?? '?'}: ${m.message}`;
    const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
    const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
    const unexpected = warnings.filter((m) => !KNOWN_VNU_WARNINGS.some(([pattern]) => pattern.test(m.message)));
    t.diagnostic(`${plain.pages.length} pages checked: ${errors.length} errors, ${warnings.length} warnings (${warnings.length - unexpected.length} known, see KNOWN_VNU_WARNINGS)`);
    assert.deepEqual(errors.map(describe), []);
    assert.deepEqual(unexpected.map(describe), []);
  });

  for (const [name, site] of [
    ['at the site root', () => plain],
    [`under the path prefix ${PATH_PREFIX}`, () => prefixed],
  ] as const) {
    test(`link crawl ${name}: every link resolves, every page is reached`, (t) => {
      const report = crawl(site());
      t.diagnostic(`${report.reached.length} pages reached, ${report.links} links checked`);
      assert.deepEqual(report.broken, []);
      assert.deepEqual(report.unreached, []);
      assert.ok(report.links > 300, `only ${report.links} links`);
    });
  }

  test('with a prefix, every internal link starts with it', () => {
    for (const file of prefixed.pages) {
      for (const tag of startTags(read(prefixed, file))) {
        for (const attr of ['href', 'src', 'action']) {
          const url = tag.attrs.get(attr);
          if (url !== undefined && url.startsWith('/')) assert.ok(url.startsWith(PATH_PREFIX), `${file}: ${tag.raw}`);
        }
      }
    }
  });
});

describe('feeds, sitemap, robots', () => {
  for (const [name, site] of [
    ['at the root', () => plain],
    ['under a prefix', () => prefixed],
  ] as const) {
    test(`Atom ${name}: valid against RFC 4287's schema and rules; absolute URLs of real pages`, async () => {
      assert.deepEqual(await jing(path.join(SCHEMAS, 'atom.rnc'), [path.join(site().dir, 'feed.xml')]), []);
      const atom = checkAtom(read(site(), 'feed.xml'));
      assert.deepEqual(atom.problems, []);
      assert.equal(atom.self, `${SITE_URL}${site().prefix}feed.xml`);
      assert.equal(atom.entries.length, REAL_ARTICLES + 2 + STORIES);
      for (const entry of atom.entries) assert.equal(checkSiteUrl(site(), entry.alternate), undefined);
      // Only known dates are published; undated articles (002, 004's five stories) carry the feed's updated time alone.
      assert.equal(atom.entries.filter((e) => e.published !== undefined).length, 5 + STORIES);
    });

    test(`JSON Feed 1.1 ${name}: required members, absolute URLs of real pages, RFC 3339 dates`, () => {
      const { feed, problems } = checkJsonFeed(read(site(), 'feed.json'));
      assert.deepEqual(problems, []);
      assert.equal(feed.feed_url, `${SITE_URL}${site().prefix}feed.json`);
      const items = feed.items as { url: string }[];
      assert.equal(items.length, REAL_ARTICLES + 2 + STORIES);
      for (const item of items) assert.equal(checkSiteUrl(site(), item.url), undefined);
    });

    test(`sitemap ${name}: valid, and lists every page but search and 404; robots.txt points at it`, async () => {
      assert.deepEqual(await jing(path.join(SCHEMAS, 'sitemap.rnc'), [path.join(site().dir, 'sitemap.xml')]), []);
      const locs = [...read(site(), 'sitemap.xml').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
      for (const loc of locs) assert.equal(checkSiteUrl(site(), loc), undefined);
      const expected = site()
        .pages.filter((p) => !['search', '404'].includes(pageType(p)))
        .map((p) => `${SITE_URL}${site().prefix}${encodeURI(pageUrl(p))}`);
      assert.deepEqual([...locs].sort(), expected.sort());
      assert.match(read(site(), 'robots.txt'), new RegExp(`^Sitemap: ${SITE_URL}${site().prefix}sitemap\\.xml$`, 'm'));
    });
  }
});

describe('search engines and link previews', () => {
  test('every page but 404 has a canonical URL on --site-url, and Open Graph and Twitter card meta', () => {
    for (const site of [plain, prefixed]) {
      for (const file of site.pages) {
        const html = read(site, file);
        const meta = metaProperties(html);
        const canonical = startTags(html).find((t) => t.name === 'link' && t.attrs.get('rel') === 'canonical')?.attrs.get('href');
        if (pageType(file) === '404') {
          assert.equal(canonical, undefined, '404: no canonical');
          assert.deepEqual(meta.get('robots'), ['noindex']);
          continue;
        }
        const url = `${SITE_URL}${site.prefix}${encodeURI(pageUrl(file))}`;
        assert.equal(canonical, url, `${file}: canonical`);
        assert.deepEqual(meta.get('og:url'), [url], `${file}: og:url`);
        assert.deepEqual(meta.get('og:type'), [pageType(file) === 'article' ? 'article' : 'website'], `${file}: og:type`);
        for (const key of ['og:title', 'og:description', 'og:site_name', 'twitter:card', 'description']) {
          assert.equal(meta.get(key)?.length, 1, `${file}: one ${key}`);
          assert.notEqual(meta.get(key)![0], '', `${file}: ${key} is empty`);
        }
        assert.ok(meta.get('description')![0]!.length <= 160, `${file}: description of ${meta.get('description')![0]!.length} characters`);
      }
    }
  });

  test('every article has NewsArticle JSON-LD: headline, datePublished only when known, publisher, isBasedOn its source text', () => {
    for (const file of plain.pages.filter((p) => pageType(p) === 'article')) {
      const html = read(plain, file);
      const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!;
      assert.doesNotMatch(script, /[<>&]/, `${file}: markup characters are \\u-escaped in JSON-LD`);
      const [data, ...more] = jsonLd(html) as Record<string, unknown>[];
      assert.equal(more.length, 0, `${file}: one JSON-LD block`);
      assert.equal(data!['@context'], 'https://schema.org');
      assert.equal(data!['@type'], 'NewsArticle');
      const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!;
      assert.equal(data!.headline, h1.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'), `${file}: headline`);
      const dated = /<p class="dateline"><time datetime="([^"]+)">/.exec(html);
      assert.equal(data!.datePublished, dated?.[1], `${file}: datePublished only when the page shows a date`);
      assert.equal(typeof (data!.publisher as { name?: unknown }).name, 'string', `${file}: publisher`);
      assert.equal(data!.isBasedOn, encodeURI(`${SITE_URL}${sourceTextOf(html)}`), `${file}: isBasedOn the source text the page links`);
      assert.equal(checkSiteUrl(plain, data!.isBasedOn as string), undefined);
    }
  });
});

describe('security headers', () => {
  test('_headers sends a CSP that allows no inline script, and every page carries the same policy in a <meta>', () => {
    for (const site of [plain, prefixed]) {
      const rules = parseHeadersFile(read(site, '_headers'));
      const all = rules.find((r) => r.pattern === `${site.prefix}*`);
      assert.ok(all, `a rule for every path under ${site.prefix}`);
      const headers = new Map(all.headers);
      const csp = headers.get('Content-Security-Policy')!;
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
      assert.deepEqual(directives.get('script-src'), ["'self'"]);
      assert.deepEqual(directives.get('default-src'), ["'none'"]);
      assert.deepEqual(directives.get('frame-ancestors'), ["'none'"]);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
      for (const name of ['X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options']) assert.ok(headers.has(name), name);
      assert.deepEqual(rules.find((r) => r.pattern === `${site.prefix}feed.xml`)?.headers, [['Content-Type', 'application/atom+xml; charset=utf-8']]);
      const metaPolicy = csp.replace(/; frame-ancestors 'none'$/, '');
      for (const file of site.pages) {
        const meta = startTags(read(site, file)).find((t) => t.name === 'meta' && t.attrs.get('http-equiv') === 'Content-Security-Policy');
        assert.equal(meta?.attrs.get('content'), metaPolicy, file);
      }
    }
  });

  test('no page has a script but JSON-LD data, except the search page, whose scripts are files', () => {
    for (const file of plain.pages) {
      const scripts = startTags(read(plain, file)).filter((t) => t.name === 'script');
      for (const script of scripts) {
        if (script.attrs.get('type') === 'application/ld+json') continue;
        assert.equal(pageType(file), 'search', `${file}: ${script.raw}`);
        assert.ok(script.attrs.get('src'), `${file}: ${script.raw} is loaded from a file`);
      }
    }
  });
});

describe('weight', () => {
  test(`each article page, HTML and stylesheets, is under ${ARTICLE_WEIGHT_LIMIT / 1000} KB before compression`, (t) => {
    for (const file of plain.pages.filter((p) => pageType(p) === 'article')) {
      const html = read(plain, file);
      const sheets = startTags(html)
        .filter((tag) => tag.name === 'link' && tag.attrs.get('rel') === 'stylesheet')
        .map((tag) => tag.attrs.get('href')!.slice(1));
      const bytes = Buffer.byteLength(html) + sheets.reduce((sum, sheet) => sum + Buffer.byteLength(read(plain, sheet)), 0);
      t.diagnostic(`${file}: ${Buffer.byteLength(html)} B HTML + ${sheets.join(', ')} = ${bytes} B`);
      assert.ok(bytes < ARTICLE_WEIGHT_LIMIT, `${file}: ${bytes} bytes`);
    }
  });
});

describe('languages', () => {
  /** `lang` of the <html> element, and of the site's header and footer. */
  const langs = (file: string) => {
    const html = readFileSync(path.join(plain.dir, file), 'utf8');
    return {
      page: /<html lang="([^"]+)">/.exec(html)?.[1],
      header: /<header class="site-header"(?: lang="([^"]+)")?>/.exec(html)?.[1],
      footer: /<footer class="site-footer"(?: lang="([^"]+)")?>/.exec(html)?.[1],
      html,
    };
  };
  test('an article page is in its article\'s language; the site\'s own words on it stay English', () => {
    const articles = plain.pages.filter((p) => pageType(p) === 'article');
    const byLanguage = new Map<string, string[]>();
    for (const file of articles) {
      const { page, header, footer, html } = langs(file);
      byLanguage.set(page!, [...(byLanguage.get(page!) ?? []), file]);
      if (page === 'en') {
        assert.equal(header, undefined, `${file}: an English page needs no lang on its header`);
        assert.equal(footer, undefined, file);
      } else {
        assert.equal(header, 'en', `${file}: the site's header is English`);
        assert.equal(footer, 'en', file);
        assert.match(html, /<div class="article-meta" lang="en">/, `${file}: "By", the date and the reading time are the site's`);
        assert.match(html, /<footer class="article-footer" lang="en">/, file);
        const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]!) as { inLanguage: string };
        assert.equal(ld.inLanguage, page, `${file}: JSON-LD inLanguage`);
      }
    }
    assert.equal(byLanguage.get('ko')?.length, 1, [...byLanguage.keys()].join(' '));
    assert.equal(byLanguage.get('pt')?.length, 1);
    assert.equal(byLanguage.get('en')?.length, REAL_ARTICLES + STORIES);
  });
  test('lists mark the headlines in other languages; the feeds carry each entry\'s language', () => {
    const home = langs('index.html');
    assert.equal(home.page, 'en');
    assert.match(home.html, /<a href="\/articles\/[^"]+\/" lang="ko">항구 여객선, 90년 만에 운항 중단<\/a>/);
    assert.match(home.html, /<a href="\/articles\/[^"]+\/" lang="pt">/);
    const atom = readFileSync(path.join(plain.dir, 'feed.xml'), 'utf8');
    assert.match(atom, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
    assert.match(atom, /<entry xml:lang="ko">/);
    const feed = JSON.parse(readFileSync(path.join(plain.dir, 'feed.json'), 'utf8')) as { language: string; items: { title: string; language?: string }[] };
    assert.equal(feed.language, 'en');
    assert.equal(feed.items.find((item) => item.title.startsWith('항구'))?.language, 'ko');
    assert.equal(feed.items.filter((item) => item.language === undefined).length, REAL_ARTICLES + STORIES, 'English items need no language of their own');
  });
});

/** The source text an article page links (site-relative, percent-encoded as in the page). */
function sourceTextOf(html: string): string {
  return /<a href="([^"]+source\.txt)" type="text\/plain">/.exec(html)![1]!;
}

describe('browsing', () => {
  test('the home page timeline: an SVG bar per year with articles, each a named link to the year', () => {
    const html = read(plain, 'index.html');
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    const links = startTags(svg).filter((t) => t.name === 'a');
    const years = plain.pages.flatMap((p) => (pageType(p) === 'year' ? [p.split('/')[1]!] : []));
    assert.deepEqual(
      links.map((a) => a.attrs.get('href')),
      [...years.sort().map((y) => `/archive/${y}/`), '/archive/undated/'],
    );
    for (const a of links) assert.match(a.attrs.get('aria-label')!, /^(?:\d{4}|Undated): \d+ articles?$/);
  });

  test('archive by year and by month; each dated article links its month', () => {
    for (const file of plain.pages.filter((p) => pageType(p) === 'article')) {
      const html = read(plain, file);
      const date = /<p class="dateline"><time datetime="(\d{4})-(\d{2})/.exec(html);
      if (!date) continue;
      const month = `/archive/${date[1]}/${date[2]}/`;
      assert.ok(html.includes(`href="${month}"`), `${file} links ${month}`);
      assert.ok(read(plain, `archive/${date[1]}/index.html`).includes(`href="${month}"`), `the year page links ${month}`);
      assert.ok(read(plain, `${month.slice(1)}index.html`).includes(`href="/${pageUrl(file)}"`), `${month} lists ${file}`);
    }
  });

  test('each article: reading time, previous/next, up to three similar articles, and how it was extracted', () => {
    const articles = plain.pages.filter((p) => pageType(p) === 'article');
    for (const file of articles) {
      const html = read(plain, file);
      assert.match(html, /\d+ min read/, `${file}: reading time`);
      assert.match(html, /<nav class="pager" aria-label="More articles"[^>]*>[\s\S]*?rel="(?:prev|next)"/, `${file}: previous/next`);
      const similar = /<section class="similar"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      const links = startTags(similar).filter((t) => t.name === 'a').map((t) => t.attrs.get('href')!);
      // The real English articles share words; the Korean and Portuguese fixtures and the invented stories share none with them, and may have none.
      const story = html.includes('<section class="similar same-page"');
      const english = /<html lang="en">/.test(html) && !story;
      assert.ok(links.length >= (english ? 1 : 0) && links.length <= 3, `${file}: ${links.length} similar articles`);
      const siblings = startTags(/<section class="similar same-page"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '').filter((t) => t.name === 'a').map((t) => t.attrs.get('href')!);
      for (const link of links) {
        assert.notEqual(link, `/${pageUrl(file)}`, `${file} lists itself`);
        assert.ok(!siblings.includes(link), `${file}: ${link} is a story of the same page, not a similar article`);
        assert.ok(articles.includes(`${link.slice(1)}index.html`), `${file}: ${link}`);
      }
      const details = /<details class="extraction">([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '';
      assert.match(details, /<summary>How this page was extracted<\/summary>/, file);
      // The stories of one page link the one copy of its source text, in the first story's folder.
      const source = sourceTextOf(html);
      assert.ok(story || source === `/${pageUrl(file)}source.txt`, `${file}: its own source text`);
      const said = Number(/<dt>Left out<\/dt>\s*<dd>(\d+) lines?/.exec(details)?.[1]);
      assert.equal((details.match(/<li>/g) ?? []).length, said, `${file}: every removed line is listed`);
      // source.txt is the input file, byte for byte.
      const copy = readFileSync(path.join(plain.dir, source));
      const input = /href="[^"]+source\.txt" type="text\/plain">([^<]+)<\/a>/.exec(details)![1]!;
      assert.deepEqual(copy, readFileSync(path.join(plain.input, input)), `${file}: source.txt is ${input}`);
    }
  });

  test('a page of several stories: an article each, each listing all of them "From the same page" in page order (itself named, not linked), one source text', () => {
    const stories = plain.pages.filter((p) => pageType(p) === 'article' && read(plain, p).includes('>news-in-brief.txt</a>'));
    assert.equal(stories.length, STORIES);
    const lists = stories.map((file) => {
      const section = /<section class="similar same-page"[^>]*>([\s\S]*?)<\/section>/.exec(read(plain, file))?.[1] ?? '';
      assert.match(section, /<h2 id="same-page-heading">From the same page<\/h2>/, file);
      const items = [...section.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]!);
      assert.equal(items.length, STORIES, file);
      const current = items.findIndex((item) => item.includes('aria-current="page"'));
      assert.ok(current >= 0 && !items[current]!.includes('<a '), `${file}: itself named, not linked`);
      assert.equal(items.filter((item) => item.includes('<a ')).length, STORIES - 1, `${file}: its siblings linked`);
      // The same titles in the same order on every page: the first story's headline opens the list.
      return { file, current, titles: items.map((item) => item.replace(/<[^>]+>/g, '').replace(/\s*this article$/, '').trim()) };
    });
    for (const list of lists) {
      assert.deepEqual(list.titles, lists[0]!.titles, list.file);
      assert.equal(/<h1 class="article-title">([^<]*)<\/h1>/.exec(read(plain, list.file))![1], list.titles[list.current], `${list.file}: its place in the list is its own`);
    }
    assert.deepEqual(lists.map((l) => l.current).sort(), [0, 1, 2]);
    assert.match(lists[0]!.titles[0]!, /^Volunteers in Millbrook/);
    const sources = new Set(stories.map((file) => sourceTextOf(read(plain, file))));
    assert.equal(sources.size, 1, 'one source text for the page');
    const articles = plain.pages.filter((p) => pageType(p) === 'article').length;
    assert.equal(plain.files.filter((f) => f.startsWith('articles/') && f.endsWith('/source.txt')).length, articles - (STORIES - 1) - (REAL_DIGEST_STORIES - 1), 'a source text per file, not per story');
  });
});
