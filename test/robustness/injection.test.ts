/**
 * Script injection through every field of an article that reaches the site: pages,
 * the Atom and JSON feeds, the sitemap, JSON-LD and the search index. The built files
 * are inspected: no script or event handler from an article can run, no `javascript:`
 * URL is linked, and template syntax is printed as text, never evaluated.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { build } from '../../src/build.ts';
import { articleSlugs, listFiles, PARAGRAPHS, readSiteFile, tempDir, writeFiles } from './helpers.ts';

/** Breaks out of HTML text, attributes, a `<script>` (JSON-LD) and XML, and tries Nunjucks. */
const PAYLOAD = `"'><script>alert(1)</script><img src=x onerror=alert(2)></script><!-- {{ 7*7 }} {% raw %}{% endraw %} \${7*7}`;
const DANGEROUS_URL = /^\s*(?:javascript|vbscript|data):/i;

const EVIL_BODY = [
  `${PARAGRAPHS[0]} ${PAYLOAD}`,
  '',
  `${PARAGRAPHS[1]} [click here](javascript:alert(3)) and [again](JaVaScRiPt:alert(4)) and [encoded](jav&#x61;script:alert(5)).`,
  '',
  `${PARAGRAPHS[2]} <a href="javascript:alert(6)">a link</a> <javascript:alert(7)> ![image](javascript:alert(8)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==).`,
  '',
  `Officials said the <iframe src="javascript:alert(10)"></iframe> <svg onload=alert(11)> <style>body{display:none}</style> plan would go ahead as announced.`,
  '',
  '[reference link][evil] in a sentence that talks about the harbour and the ferry for long enough to be prose.',
  '',
  '[evil]: javascript:alert(12)',
].join('\n');

const FRONT_MATTER = [
  '---',
  `title: ${JSON.stringify(`Harbour ${PAYLOAD}`)}`,
  `subtitle: ${JSON.stringify(`Standfirst ${PAYLOAD}`)}`,
  `source: ${JSON.stringify(`Source ${PAYLOAD}`)}`,
  `section: ${JSON.stringify(`Section ${PAYLOAD}`)}`,
  `byline: [${JSON.stringify(`Author ${PAYLOAD}`)}]`,
  `captions: [${JSON.stringify(`Caption ${PAYLOAD}`)}]`,
  'related:',
  `  - { title: ${JSON.stringify(`Related ${PAYLOAD}`)}, section: ${JSON.stringify(`Related section ${PAYLOAD}`)}, url: "javascript:alert(13)" }`,
  'date: 2021-05-03',
  '---',
].join('\n');

let site: string;
let files: string[];

/** Attributes of every start tag in `html`, as [tag, name, value] (values entity-decoded). */
function attributes(html: string): [string, string, string][] {
  const found: [string, string, string][] = [];
  const withoutScripts = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/gi, '$1</script>');
  for (const [, tag, attrs] of withoutScripts.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g)) {
    for (const [, name, , dq, sq, bare] of attrs!.matchAll(/\s+([^\s"'>/=]+)(\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      found.push([tag!.toLowerCase(), name!.toLowerCase(), decodeEntities(dq ?? sq ?? bare ?? '')]);
    }
  }
  return found;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** What HTML in `html` could run: script elements, event handlers, dangerous URLs. */
function activeContent(html: string, allowScript: (open: string, content: string) => boolean): string[] {
  const problems: string[] = [];
  for (const [, open, content] of html.matchAll(/(<script\b[^>]*>)([\s\S]*?)<\/script>/gi)) {
    if (!allowScript(open!, content!)) problems.push(`script: ${open}${content!.slice(0, 80)}`);
  }
  if ((html.match(/<script\b/gi) ?? []).length !== (html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []).length) problems.push('unclosed <script');
  for (const [tag, name, value] of attributes(html)) {
    if (name.startsWith('on')) problems.push(`event handler: <${tag} ${name}="${value}">`);
    if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'data'].includes(name) && DANGEROUS_URL.test(value)) {
      problems.push(`dangerous URL: <${tag} ${name}="${value}">`);
    }
    if (['iframe', 'object', 'embed', 'base', 'frame'].includes(tag)) problems.push(`element: <${tag}>`);
  }
  return problems;
}

/** The site's own scripts (module scripts from /assets/) and JSON-LD that cannot close its element. */
function allowedScript(open: string, content: string): boolean {
  if (/^<script type="module" src="\/(?:[\w-]+\/)*[\w.-]+\.js"><\/script>$/.test(`${open}</script>`) && content === '') return true;
  if (/^<script type="application\/(?:ld\+)?json">$/.test(open)) {
    if (/[<>]/.test(content)) return false;
    JSON.parse(content);
    return true;
  }
  return false;
}

describe('script injection in every field', () => {
  before(async () => {
    const input = await tempDir('inject-in');
    site = path.join(await tempDir('inject-out'), 'site');
    await writeFiles(input, {
      'evil.txt': `${FRONT_MATTER}\n${EVIL_BODY}\n`,
      // The same payload found in the text itself rather than in front matter.
      'evil-text.txt': [`Ferry ${PAYLOAD}`, '', '3 May 2021', '', `By Ann ${PAYLOAD}`, '', EVIL_BODY].join('\n'),
      [`<img src=x onerror=alert(14)> {{ 7*7 }}.txt`]: ['Harbour ferry file name test', '', '4 May 2021', '', ...PARAGRAPHS].join('\n\n'),
    });
    await build({ input, output: site, cache: false });
    files = listFiles(site);
  });

  test('all three articles are built', () => {
    assert.equal(articleSlugs(files).length, 3, articleSlugs(files).join(', '));
  });

  test('no HTML page has a script, handler or URL from an article', () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      assert.deepEqual(activeContent(readSiteFile(site, file), allowedScript), [], file);
    }
  });

  test('the fields show as text, escaped once', () => {
    const [slug] = articleSlugs(files).filter((s) => s.startsWith('harbour-script'));
    const page = readSiteFile(site, `articles/${slug}/index.html`);
    const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    for (const field of ['Harbour', 'Standfirst', 'Source', 'Section', 'Author', 'Caption', 'Related', 'Related section']) {
      assert.ok(page.includes(escaped(`${field} ${PAYLOAD}`)), `${field}: ${escaped(`${field} ${PAYLOAD}`)}`);
    }
    assert.ok(!page.includes('&amp;lt;'), 'nothing is escaped twice');
  });

  test('template syntax is printed, never evaluated', () => {
    const html = files.filter((f) => f.endsWith('.html')).map((f) => readSiteFile(site, f)).join('\n');
    assert.ok(html.includes('{{ 7*7 }}'));
    assert.ok(html.includes('{% raw %}{% endraw %}'));
    assert.ok(!/\b49\b/.test(html), '7*7 was evaluated somewhere');
    const feed = readSiteFile(site, 'feed.json');
    assert.ok(feed.includes('{{ 7*7 }}'));
    assert.ok(!/\b49\b/.test(feed));
  });

  test('the Atom feed: escaped text, and its HTML content is sanitized', () => {
    const xml = readSiteFile(site, 'feed.xml');
    assert.ok(!/<script|<img|<iframe|<svg/i.test(xml), 'no raw markup from an article');
    for (const [, content] of xml.matchAll(/<content type="html">([\s\S]*?)<\/content>/g)) {
      assert.deepEqual(activeContent(decodeEntities(content!), () => false), []);
    }
    for (const [, title] of xml.matchAll(/<title>([\s\S]*?)<\/title>/g)) assert.ok(!title!.includes('<'));
  });

  test('the JSON feed: valid JSON, titles as data, HTML sanitized', () => {
    const feed = JSON.parse(readSiteFile(site, 'feed.json')) as { items: { title: string; content_html: string; url: string }[] };
    assert.ok(feed.items.some((item) => item.title === `Harbour ${PAYLOAD}`));
    for (const item of feed.items) {
      assert.deepEqual(activeContent(item.content_html, () => false), [], item.title);
      assert.ok(!DANGEROUS_URL.test(item.url));
    }
    assert.ok(!/<\/script/i.test(readSiteFile(site, 'feed.json')), 'safe to inline');
  });

  test('the sitemap lists only site URLs', () => {
    const xml = readSiteFile(site, 'sitemap.xml');
    assert.ok(!/<script|<img/i.test(xml));
    for (const [, loc] of xml.matchAll(/<loc>([^<]*)<\/loc>/g)) assert.match(loc!, /^http:\/\/localhost:8080\/[\w%./-]*$/);
  });

  test('JSON-LD, when present, cannot be closed from inside and holds the text as data', () => {
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      for (const [, content] of readSiteFile(site, file).matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
        assert.ok(!/<\/script/i.test(content!), file);
        JSON.parse(content!);
      }
    }
  });

  test('the search files are valid JSON that hold the text as data', () => {
    const searchFiles = files.filter((f) => f.startsWith('search/') && f.endsWith('.json'));
    assert.ok(searchFiles.length > 0);
    const all = searchFiles.map((f) => readSiteFile(site, f)).join('\n');
    for (const f of searchFiles) JSON.parse(readSiteFile(site, f));
    assert.ok(all.includes('Harbour ') && all.includes('alert(1)'), 'the title is indexed as text');
  });

  test('an article folder holds only its page and its source text (served as text/plain by its .txt name)', () => {
    for (const file of files.filter((f) => f.startsWith('articles/'))) assert.match(file, /^articles\/[^/]+\/(?:index\.html|source\.txt)$/);
    assert.equal(files.filter((f) => f.endsWith('/source.txt')).length, 3);
  });
});
