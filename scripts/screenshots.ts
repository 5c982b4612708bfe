/**
 * `npm run screenshots`: build the real articles and photograph the home page, an
 * article, the topics index and a topic page in Chromium, on a desktop screen and a phone, in the light and the dark
 * scheme, plus the search page and one story of a digest (whole page), for the README (docs/*.png). Look at them after a
 * design change.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from '../src/build.ts';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';

const root = new URL('..', import.meta.url).pathname;
const temp = await mkdtemp(path.join(os.tmpdir(), 'news-archive-shots-'));
const site = path.join(temp, '_site');
await build({ input: path.join(root, 'articles'), output: site });
const server = await serveStatic(site);
const browser = await launchChromium();

const ARTICLE = 'articles/n-koreans-storm-spanish-embassy/';
/** The third story of articles/004 (a digest): a short story page with its siblings under "From the same page". */
const STORY = 'articles/south-korea-has-decided-to-quadruple-the-reward-it-pays-defectors-from-north/';
/** The topic the most real articles share. */
const TOPIC = 'topics/north-korea/';
const DESKTOP = { width: 1280, height: 1000 };
/** A common phone; the layout is also checked at 320 px in test/quality. */
const PHONE = { width: 390, height: 844 };

/** Each page on a desktop screen and a phone, in the light and the dark scheme. */
const PAGES = [
  { name: 'home', url: '' },
  { name: 'article', url: ARTICLE },
  { name: 'topics', url: 'topics/' },
  { name: 'topic', url: TOPIC },
] as const;
const VARIANTS = [
  { suffix: '', viewport: DESKTOP, colorScheme: 'light' },
  { suffix: '-dark', viewport: DESKTOP, colorScheme: 'dark' },
  { suffix: '-mobile', viewport: PHONE, colorScheme: 'light' },
  { suffix: '-dark-mobile', viewport: PHONE, colorScheme: 'dark' },
] as const;
const shots = [
  ...PAGES.flatMap((page) => VARIANTS.map((v) => ({ name: page.name + v.suffix, url: page.url, viewport: v.viewport, colorScheme: v.colorScheme }))),
  { name: 'search', url: 'search/?q=embassy', viewport: { width: 1280, height: 900 }, colorScheme: 'light' as const },
  { name: 'story', url: STORY, viewport: DESKTOP, colorScheme: 'light' as const, fullPage: true },
];
try {
  for (const shot of shots) {
    const page = await browser.newPage({ viewport: shot.viewport, colorScheme: shot.colorScheme });
    await page.goto(server.base + shot.url);
    if (shot.name === 'search') await page.locator('main a[href*="/articles/"]').first().waitFor();
    const file = path.join(root, 'docs', `${shot.name}.png`);
    await page.screenshot({ path: file, fullPage: 'fullPage' in shot });
    console.log(`wrote ${path.relative(root, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(temp, { recursive: true, force: true });
}
