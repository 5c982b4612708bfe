/**
 * `npm run screenshots`: build the real articles and photograph the home page and an
 * article in Chromium, for the README (docs/*.png). Look at them after a design change.
 */
import path from 'node:path';
import { build } from '../src/build.ts';
import { launchChromium } from './lib/chromium.ts';
import { serveStatic } from './lib/static-server.ts';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const site = path.join(await mkdtemp(path.join(os.tmpdir(), 'news-archive-shots-')), '_site');
await build({ input: path.join(root, 'articles'), output: site });
const server = await serveStatic(site);
const browser = await launchChromium();

const shots = [
  { name: 'home', url: '', width: 1280, height: 1000, colorScheme: 'light' },
  { name: 'article', url: 'articles/n-koreans-storm-spanish-embassy/', width: 1280, height: 1000, colorScheme: 'light' },
  { name: 'article-dark-mobile', url: 'articles/n-koreans-storm-spanish-embassy/', width: 390, height: 844, colorScheme: 'dark' },
  { name: 'search', url: 'search/?q=embassy', width: 1280, height: 900, colorScheme: 'light' },
] as const;
for (const shot of shots) {
  const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: shot.colorScheme });
  await page.goto(server.base + shot.url);
  if (shot.name === 'search') await page.waitForSelector('#search-results li');
  const file = path.join(root, 'docs', `${shot.name}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(root, file)}`);
  await page.close();
}
await browser.close();
await server.close();
