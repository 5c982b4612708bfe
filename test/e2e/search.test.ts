/**
 * The search page in a real browser: Debian's Chromium driven by playwright-core.
 *
 * Builds a site into a temporary folder under a path prefix, serves it on 127.0.0.1,
 * types a query, checks the results, the highlights and the escaping, follows a result
 * to its article, and fails on any console error, page error or missing file.
 *
 * Chromium is required: `npm test` runs scripts/ensure-test-tools.js first, which installs
 * it or names the command that does. Without it this test fails; it is never skipped.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH as CHROMIUM, launchChromium } from '../../scripts/lib/chromium.ts';
import { tempDir } from '../helpers/site-files.ts';
import { XSS_TITLE } from '../search/articles.ts';
import { buildTestSite, PATH_PREFIX, serveStatic } from './site.ts';

const INSTALL_HINT = `Chromium not found at ${CHROMIUM}; the browser tests need it. Install it with: sudo apt-get install -y chromium (or run npm test, which does when it can)`;

describe('the search page in Chromium', () => {
  let browser: Browser;
  let folder: string;
  let server: Awaited<ReturnType<typeof serveStatic>>;
  /** Everything that went wrong in any page, checked after each test. */
  let problems: string[] = [];

  before(async () => {
    assert.ok(existsSync(CHROMIUM), INSTALL_HINT);
    folder = await tempDir('e2e');
    const site = path.join(folder, '_site');
    await buildTestSite(site);
    server = await serveStatic(site, PATH_PREFIX);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function openPage(): Promise<Page> {
    problems = [];
    const page = await browser.newPage();
    page.on('console', (message) => {
      // A missing file is reported below with its URL; the console line adds nothing.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    return page;
  }

  async function results(page: Page) {
    return page.locator('#search-results > li').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('h2')?.textContent ?? '',
        href: item.querySelector('h2 a')?.getAttribute('href') ?? '',
        marks: [...item.querySelectorAll('mark')].map((mark) => mark.textContent ?? ''),
        meta: item.querySelector('.search-result-meta')?.textContent ?? '',
        snippet: item.querySelector('.search-result-snippet')?.textContent ?? '',
      })),
    );
  }

  const status = (page: Page) => page.locator('#search-status');
  const rendered = (page: Page) => page.waitForFunction(() => performance.getEntriesByName('search-rendered').length > 0);

  test('typing a word shows highlighted results; a result leads to its article', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/`);
    await status(page).filter({ hasText: /Type a word to search \d+ articles/ }).waitFor();

    await page.locator('#search-input').pressSequentially('embassy', { delay: 40 });
    await status(page).filter({ hasText: /results? for “embassy”/ }).waitFor();
    assert.equal(await status(page).getAttribute('role'), 'status', 'the count is announced (live region)');
    const found = await results(page);
    assert.ok(found.length >= 2, `results: ${JSON.stringify(found)}`);
    assert.match(found[0]!.title, /embassy/i, 'a headline match ranks first');
    const allMarks = found.flatMap((r) => r.marks);
    assert.ok(allMarks.length >= found.length, `every result has a highlight: ${JSON.stringify(found)}`);
    for (const mark of allMarks) assert.match(mark, /^embass/i);
    for (const result of found) {
      assert.ok(result.href.startsWith('/news/articles/'), `${result.href} is under the path prefix`);
      assert.match(result.meta, /\d{4}|Undated/);
      assert.ok(result.snippet.length > 20);
    }
    // The URL follows the results drawn, after the frame that shows them.
    await page.waitForURL((url) => url.searchParams.get('q') === 'embassy');

    const first = page.locator('#search-results > li h2 a').first();
    const title = (await first.textContent()) ?? '';
    await Promise.all([page.waitForURL(`${server.base}articles/**`), first.click()]);
    assert.equal((await page.locator('h1').textContent())?.trim(), title);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('?q= on load searches at once: AND, then typo correction, then any word', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/?q=embassy+madrid`);
    await status(page).filter({ hasText: '1 result for “embassy madrid”' }).waitFor();
    assert.equal(await page.locator('#search-input').inputValue(), 'embassy madrid');
    const [only] = await results(page);
    assert.deepEqual([...new Set(only?.marks.map((m) => m.toLowerCase()))].sort(), ['embassy', 'madrid'], 'both words are marked');

    await page.locator('#search-input').fill('embasy madrid');
    await status(page).filter({ hasText: 'No results for “embasy madrid”; showing 1 result for “embassy madrid”.' }).waitFor();

    await page.locator('#search-input').fill('madrid kaesong');
    // Madrid is in 003; Kaesong in the first two stories of 004.
    await status(page).filter({ hasText: /^No article has all of “madrid kaesong”; showing 3 articles with some of it/ }).waitFor();
    assert.equal((await results(page)).length, 3);

    await page.locator('#search-input').fill('"spanish embassy" -madrid');
    await status(page).filter({ hasText: '1 result for “"spanish embassy" -madrid”.' }).waitFor();
    assert.match((await results(page))[0]!.title, /Spanish embassy/);

    await page.locator('#search-input').fill('embas*');
    await status(page).filter({ hasText: /results? for “embas\*”/ }).waitFor();

    await page.locator('#search-input').fill('');
    await status(page).filter({ hasText: /Type a word/ }).waitFor();
    await page.waitForURL((url) => url.search === ''); // an empty query leaves the URL clean
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a search on load asks for the chunk of its word and the results shown, nothing else (the manifest is in the script)', async () => {
    const page = await openPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      const file = new URL(request.url()).pathname;
      if (file.endsWith('.json')) fetched.push(file.replace(/^.*\/search\//, ''));
    });
    await page.goto(`${server.base}search/?q=embassy`);
    await rendered(page);
    assert.ok((await results(page)).length >= 2);
    // One chunk from each segment that has any: this archive is smaller than a segment's block, so all its documents are in the second.
    assert.deepEqual(fetched.filter((file) => /terms\//.test(file)).map((file) => file.replace(/[0-9a-f]{16}/, 'x')), ['recent/terms/x.json'], fetched.join(' '));
    assert.deepEqual(fetched.filter((file) => !/^(?:(?:recent\/)?terms\/[0-9a-f]{16}|docs\/\d+)\.json$/.test(file)), [], 'no manifest, no positions, no vocabulary');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('names as written: accents both ways, hyphens, Korean', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/`);
    await status(page).filter({ hasText: /Type a word/ }).waitFor();
    for (const [query, marked] of [
      ['Pyongyang', "P'yŏngyang"],
      ['Zurich', 'Zürich'],
      ['Zürich', 'Zurich'],
      ['Jong-un', 'Jong-un'],
      ['평양', '평양에서'],
    ] as const) {
      await page.locator('#search-input').fill(query);
      await status(page).filter({ hasText: new RegExp(`^\\d+ results? for “${query}”`) }).waitFor();
      const hit = (await results(page)).find((r) => /Envoys meet/.test(r.title));
      assert.ok(hit, `${query} finds the article`);
      assert.ok(hit!.marks.includes(marked), `${query} marks ${marked}: ${JSON.stringify(hit!.marks)}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('filters by year and source with counts; the state is in the URL; reload and Back/Forward keep it', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/?q=korea`);
    await status(page).filter({ hasText: /results? for “korea”/ }).waitFor();
    const total = (await results(page)).length;
    assert.ok(total >= 3);
    const yearButtons = page.locator('.search-filter').first().locator('button');
    const labels = await yearButtons.allInnerTexts();
    assert.equal(labels[0], `All ${total}`);
    const year = page.locator('.search-filter').first().locator('button', { hasText: /^2019 / });
    const count = Number((await year.locator('.search-filter-count').textContent()) ?? 'NaN');
    await year.click();
    await status(page).filter({ hasText: /with these filters/ }).waitFor();
    assert.equal((await results(page)).length, count);
    assert.equal(await year.getAttribute('aria-pressed'), 'true');
    for (const result of await results(page)) assert.match(result.meta, /2019/);
    await page.waitForURL((url) => url.searchParams.get('year') === '2019');
    const shared = page.url();

    await page.goBack();
    await status(page).filter({ hasText: new RegExp(`^${total} results for “korea”\\.$`) }).waitFor();
    assert.equal((await results(page)).length, total);
    await page.goForward();
    await status(page).filter({ hasText: /with these filters/ }).waitFor();
    assert.equal((await results(page)).length, count);

    const again = await openPage();
    await again.goto(shared);
    await status(again).filter({ hasText: /with these filters/ }).waitFor();
    assert.equal((await results(again)).length, count);
    assert.equal(await again.locator('#search-input').inputValue(), 'korea');
    await again.locator('.search-filter').first().locator('button').first().click();
    await again.waitForURL((url) => !url.searchParams.has('year'));
    // The filters are drawn again for the unfiltered results; read the source button from those, not the ones being replaced.
    await status(again).filter({ hasText: new RegExp(`^${total} results for “korea”\\.$`) }).waitFor();
    const source = again.locator('.search-filter').nth(1).locator('button').nth(1);
    const name = (await source.locator('span').first().textContent()) ?? '';
    const sourceCount = Number(await source.locator('.search-filter-count').textContent());
    await source.click();
    await again.waitForURL((url) => url.searchParams.get('source') === name);
    await status(again).filter({ hasText: /with these filters/ }).waitFor();
    const filtered = await results(again);
    assert.equal(filtered.length, sourceCount);
    for (const result of filtered) assert.ok(result.meta.includes(name), `${result.meta} is from ${name}`);
    assert.deepEqual(problems, []);
    await again.close();
    await page.close();
  });

  test('filters by topic beside year and source; each result is an article about that topic', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/?q=korea`);
    await status(page).filter({ hasText: /results? for “korea”/ }).waitFor();
    const total = (await results(page)).length;
    const group = page.locator('.search-filter', { has: page.locator('.search-filter-label', { hasText: 'Topic' }) });
    assert.equal(await group.count(), 1, 'a Topic filter group');
    assert.equal(await group.locator('button').first().innerText(), `All ${total}`);
    // The most frequent topic among the results is listed first; choose the second, which some results lack.
    const option = group.locator('button').nth(2);
    const name = (await option.locator('span').first().textContent()) ?? '';
    const count = Number(await option.locator('.search-filter-count').textContent());
    assert.ok(name !== '' && count >= 1 && count <= total, `${name}: ${count} of ${total}`);
    await option.click();
    await page.waitForURL((url) => url.searchParams.get('topic') === name);
    await status(page).filter({ hasText: /with these filters/ }).waitFor();
    const filtered = await results(page);
    assert.equal(filtered.length, count);
    assert.equal(await option.getAttribute('aria-pressed'), 'true');
    for (const result of filtered) {
      const html = await (await fetch(new URL(result.href, page.url()))).text();
      const topics = [...html.matchAll(/<a href="[^"]*\/topics\/[^"]*"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
      assert.ok(topics.includes(name), `${result.title} lists ${name} among its topics: ${topics.join(', ')}`);
    }
    // Reloading the shared URL keeps the topic filter.
    const again = await openPage();
    await again.goto(page.url());
    await status(again).filter({ hasText: /with these filters/ }).waitFor();
    assert.equal((await results(again)).length, count);
    assert.deepEqual(problems, []);
    await again.close();
    await page.close();
  });

  test('keyboard: / focuses the box, arrows move through the results, Enter opens', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/?q=korea`);
    await status(page).filter({ hasText: /results? for “korea”/ }).waitFor();
    await page.locator('h1').click();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
    assert.equal(await page.locator('#search-input').inputValue(), 'korea', '/ is not typed into the box');
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const titles = (await results(page)).map((r) => r.title);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), titles[0]);
    await page.keyboard.press('ArrowDown');
    assert.equal(await focused(), titles[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(`${server.base}articles/**`), page.keyboard.press('Enter')]);
    assert.equal((await page.locator('h1').textContent())?.trim(), titles[1]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('without JavaScript the page says search needs it and links to browsing', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.base}search/?q=embassy`);
    const message = page.locator('.search-noscript');
    assert.match((await message.textContent()) ?? '', /Search needs JavaScript/);
    assert.deepEqual(await message.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['/news/archive/', '/news/sources/']);
    await context.close();
  });

  test('a headline written as markup shows as text', async () => {
    const page = await openPage();
    await page.goto(`${server.base}search/?q=${encodeURIComponent('headline markup')}`);
    await rendered(page);
    await page.locator('#search-results > li').first().waitFor();
    const [first] = await results(page);
    assert.equal(first?.title, XSS_TITLE);
    assert.equal(await page.locator('#search-results img, #search-results script, #search-results b').count(), 0);
    assert.deepEqual(problems, [], 'no dialog, no error');
    await page.close();
  });
});
