// temporary profiling script (not part of the project); removed after use
import { rm, mkdir } from 'node:fs/promises';
import { DiskRecordCache } from '../../src/cache/record-cache.ts';
import { collectArticles } from '../../src/pipeline/collect.ts';
import { fingerprintPages, renderPages } from '../../src/pipeline/render-pages.ts';
import { searchStage } from '../../src/pipeline/search-stage.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import { assignUniqueSlugs } from '../../src/slugs.ts';
import { DEFAULT_SITE } from '../../src/build.ts';
const [input, cacheDir, out, skip] = process.argv.slice(2) as [string, string, string, string?];
const mark = (label: string, t0: number) => console.log(`${label.padEnd(14)} ${((performance.now() - t0) / 1000).toFixed(1)} s  maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB  rss now ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB`);
let t = performance.now();
const c = await collectArticles(input, new DiskRecordCache(cacheDir));
mark('collect', t); t = performance.now();
const records = assignUniqueSlugs(c.articles.map((a) => a.extracted.record));
const keys = new Map(records.map((r, i) => [r.slug, c.articles[i]!.key]));
const bodies = new Map(records.map((r, i) => [r.slug, c.articles[i]!.extracted.bodyHtml]));
const data = toSiteData(records, bodies, { ...DEFAULT_SITE, pathPrefix: '/' });
mark('site data', t); t = performance.now();
const fp = fingerprintPages(data, keys);
await rm(out, { recursive: true, force: true }); await mkdir(out, { recursive: true });
if (!skip?.includes('e')) { await renderPages(data, out, fp, undefined); mark('eleventy', t); t = performance.now(); }
if (!skip?.includes('s')) { await searchStage(data, out, fp.articles, undefined); mark('search', t); }
