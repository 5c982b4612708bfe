/**
 * The built five-article site in Chromium, served the way a static host that reads
 * its `_headers` file serves it (lib/headers-server.ts): axe-core on every page in the
 * light and the dark scheme and at 320 px, the Content-Security-Policy in force on
 * every page with nothing blocked, search working under it, keyboard focus, and the
 * print stylesheet. One build, one server, one browser for the whole file.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH, launchChromium } from '../../scripts/lib/chromium.ts';
import { type AxeViolation, axeViolations } from './lib/axe.ts';
import { serveWithHeaders } from './lib/headers-server.ts';
import { buildSite, type BuiltSite, pageType, pageUrl, qualityRoot } from './lib/sites.ts';

/** The narrowest phone the layout is made for. */
const PHONE = { width: 320, height: 640 };
const DESKTOP = { width: 1280, height: 900 };
const SCHEMES = ['light', 'dark'] as const;

let root: string;
let site: BuiltSite;
let server: Awaited<ReturnType<typeof serveWithHeaders>>;
let browser: Browser;
let page: Page;
/** What went wrong while a page loaded: console errors (CSP reports among them), page errors, failed requests. */
let problems: string[] = [];

before(async () => {
  assert.ok(existsSync(CHROMIUM_PATH), `Chromium not found at ${CHROMIUM_PATH}; install it with: sudo apt-get install -y chromium`);
  root = await qualityRoot();
  site = await buildSite(root, 'site');
  server = await serveWithHeaders(site.dir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: DESKTOP });
  page.on('console', (message) => {
    // A missing file is reported by the response handler below, with its URL.
    if (message.text().startsWith('Failed to load resource')) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    // Chromium fetches the favicon after the load event and cancels it when the test moves to the
    // next page (seen under load); a missing favicon still shows as a 404 below.
    if (error === 'net::ERR_ABORTED' && /\/favicon\.[a-z]+$/u.test(new URL(request.url()).pathname)) return;
    problems.push(`${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    const expected404 = response.url().endsWith('/no-such-page/');
    if (response.status() >= 400 && !expected404) problems.push(`${response.status()} for ${response.url()}`);
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

async function visit(file: string, scheme: (typeof SCHEMES)[number] = 'light') {
  await page.emulateMedia({ colorScheme: scheme, media: 'screen' });
  const response = await page.goto(server.base + pageUrl(file), { waitUntil: 'load' });
  return response!;
}

const describeViolations = (where: string, violations: AxeViolation[]) =>
  violations.map((v) => `${where}: ${v.id} (${v.impact}): ${v.help} — ${v.targets.slice(0, 3).join(', ')}`);

describe('in Chromium, under the site’s own headers', () => {
  test('axe-core finds no violations on any page, light scheme', async (t) => {
    const found: string[] = [];
    problems = [];
    await page.setViewportSize(DESKTOP);
    for (const file of site.pages) {
      const response = await visit(file);
      assert.equal(response.status(), 200, file);
      found.push(...describeViolations(file, await axeViolations(page)));
    }
    t.diagnostic(`${site.pages.length} pages`);
    assert.deepEqual(found, []);
    assert.deepEqual(problems, [], 'nothing was blocked or failed while the pages loaded');
  });

  test('axe-core finds no violations in the dark scheme (one page of each type)', async (t) => {
    const found: string[] = [];
    problems = [];
    const oneOfEach = [...new Map(site.pages.map((p) => [pageType(p), p])).values()];
    for (const file of oneOfEach) {
      await visit(file, 'dark');
      assert.equal(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true);
      found.push(...describeViolations(`${file} (dark)`, await axeViolations(page)));
    }
    t.diagnostic(oneOfEach.join(', '));
    assert.deepEqual(found, []);
    assert.deepEqual(problems, []);
  });

  test('at 320 px: no violations, and no page wider than the screen (home, article, year, search)', async () => {
    const found: string[] = [];
    const files = ['index.html', site.pages.find((p) => pageType(p) === 'article')!, site.pages.find((p) => pageType(p) === 'year')!, 'search/index.html'];
    await page.setViewportSize(PHONE);
    try {
      for (const file of files) {
        for (const scheme of SCHEMES) {
          await visit(file, scheme);
          found.push(...describeViolations(`${file} (${scheme}, 320 px)`, await axeViolations(page)));
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(width <= PHONE.width, `${file}: the page is ${width} px wide at ${PHONE.width} px`);
        }
      }
    } finally {
      await page.setViewportSize(DESKTOP);
    }
    assert.deepEqual(found, []);
  });

  test('the CSP is in force: sent with every page, and an inline script is refused', async () => {
    for (const file of ['index.html', 'search/index.html', site.pages.find((p) => pageType(p) === 'article')!]) {
      const response = await visit(file);
      assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/, file);
    }
    problems = [];
    await assert.rejects(page.addScriptTag({ content: 'window.__inline = 1' }));
    assert.equal(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline), undefined);
    assert.ok(problems.some((p) => /Content Security Policy/.test(p)), `the refusal is reported: ${problems.join('; ')}`);
    problems = [];
  });

  test('search works under the CSP: a query in the URL shows linked results', async () => {
    // Leave the last test's page first: a request of its own that leaving aborts (its
    // favicon, still loading) is not a problem of the search page.
    await page.goto('about:blank');
    problems = [];
    await page.goto(`${server.base}search/?q=embassy`);
    const result = page.locator('main a[href*="/articles/"]').first();
    await result.waitFor({ timeout: 10_000 });
    assert.match((await result.getAttribute('href'))!, /\/articles\/[^/]+\/$/);
    assert.deepEqual(problems, []);
  });

  test('a missing page is answered with the 404 page, which works at any depth', async () => {
    problems = [];
    const response = await page.goto(`${server.base}articles/no-such-page/`);
    assert.equal(response!.status(), 404);
    assert.equal(await page.locator('h1').textContent(), 'Page not found');
    // Its stylesheet loaded although the page is served from another folder.
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).fontFamily), 'Times New Roman');
    assert.equal(await page.evaluate(() => document.styleSheets.length), 2);
    assert.deepEqual(problems, []);
  });

  test('keyboard: the first Tab shows the skip link, focus is outlined, the timeline bars take focus visibly', async () => {
    await visit('index.html');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { text: el.textContent, top: box.top, height: box.height, outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
    });
    assert.equal(skip.text, 'Skip to content');
    assert.ok(skip.top >= 0 && skip.height > 0, `the skip link is on screen when focused: ${JSON.stringify(skip)}`);
    assert.notEqual(skip.outline, 'none');
    assert.ok(skip.outlineWidth >= 2);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    // Tab to the first bar of the timeline: its column gets the focus ring's colour.
    let onBar = false;
    for (let i = 0; i < 10 && !onBar; i++) {
      await page.keyboard.press('Tab');
      onBar = await page.evaluate(() => document.activeElement?.classList.contains('timeline-link') ?? false);
    }
    assert.ok(onBar, 'the timeline bars are in the tab order');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!.querySelector('.timeline-hit')!).stroke);
    const focus = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--focus').trim());
    assert.equal(ring, hexToRgb(focus));
  });

  test('print: the article without the site’s chrome', async () => {
    // An English article: it has similar articles to hide.
    await visit(site.pages.find((p) => pageType(p) === 'article' && readFileSync(path.join(site.dir, p), 'utf8').startsWith('<!doctype html>\n<html lang="en">'))!);
    await page.emulateMedia({ media: 'print' });
    const shown = await page.evaluate(() =>
      Object.fromEntries(
        ['.site-nav', '.site-search', '.site-footer', '.pager', '.extraction', '.similar', '.article-title', '.article-body'].map((s) => [
          s,
          getComputedStyle(document.querySelector(s)!).display !== 'none',
        ]),
      ),
    );
    assert.deepEqual(shown, {
      '.site-nav': false,
      '.site-search': false,
      '.site-footer': false,
      '.pager': false,
      '.extraction': false,
      '.similar': false,
      '.article-title': true,
      '.article-body': true,
    });
    await page.emulateMedia({ media: 'screen' });
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
