/**
 * The baseline the build is measured against: plain Eleventy building the same pages
 * from already-extracted Markdown with the same templates.
 *
 * One `.md` file per article (the page's data as JSON front matter, the body as
 * Markdown, rendered by Eleventy's own markdown-it), every other template of templates/
 * as it is, the article layout with `{{ content }}` in place of the pre-rendered body,
 * and the same Eleventy configuration (filters, global data, HtmlBasePlugin). Writing
 * the input files is not timed; `eleventyMs` is Eleventy's write, from construction to
 * the last file.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Eleventy from '@11ty/eleventy';
import { DiskRecordCache } from '../../src/cache/record-cache.ts';
import { normalizePathPrefix, DEFAULT_SITE } from '../../src/build.ts';
import { collectArticles } from '../../src/pipeline/collect.ts';
import { configure } from '../../src/site/config.ts';
import { TEMPLATES_DIR } from '../../src/site/folders.ts';
import { toSiteData } from '../../src/site/site-data.ts';
import { assignUniqueSlugs } from '../../src/slugs.ts';

export async function plainEleventyBaseline(input: string, workDir: string, cacheDir: string) {
  const collected = await collectArticles(input, new DiskRecordCache(cacheDir));
  const records = assignUniqueSlugs(collected.articles.map((a) => a.extracted.record));
  const bodies = new Map(records.map((r, i) => [r.slug, collected.articles[i]!.extracted.bodyHtml]));
  const data = toSiteData(records, bodies, { ...DEFAULT_SITE, pathPrefix: normalizePathPrefix('/') });

  const src = path.join(workDir, 'src');
  const out = path.join(workDir, '_site');
  await rm(workDir, { recursive: true, force: true });
  await cp(TEMPLATES_DIR, src, { recursive: true });
  await rm(path.join(src, 'article.njk'));
  const layout = await readFile(path.join(src, '_includes/layouts/article.njk'), 'utf8');
  await writeFile(path.join(src, '_includes/layouts/plain-article.njk'), layout.replace('{{ article.bodyHtml | safe }}', '{{ content | safe }}'));
  await mkdir(path.join(src, 'posts'), { recursive: true });
  for (const [i, page] of data.articles.entries()) {
    const { body, bodyHtml: _html, ...rest } = page;
    const article = { ...rest, newer: link(data.articles[i - 1]), older: link(data.articles[i + 1]) };
    const frontMatter = { layout: 'layouts/plain-article.njk', permalink: page.url, templateEngineOverride: 'md', article, title: page.title, description: page.subtitle ?? page.excerpt };
    await writeFile(path.join(src, 'posts', `${page.slug}.md`), `---json\n${JSON.stringify(frontMatter)}\n---\n${body}\n`);
  }

  const t0 = performance.now();
  const eleventy = new Eleventy(src, out, {
    quietMode: true,
    configPath: false,
    config: (config) => {
      configure(config, data, { articlePages: [], copyPublic: true });
      config.setTemplateFormats(['njk', 'md']);
    },
  });
  eleventy.disableLogger();
  const [, templates] = await eleventy.write();
  const eleventyMs = performance.now() - t0;
  return { eleventyMs, pages: templates.filter((t: { outputPath: unknown }) => t.outputPath !== false).length, articles: data.articles.length };
}

function link(page: { url: string; title: string; dateTime?: string } | undefined) {
  return page === undefined ? undefined : { url: page.url, title: page.title, ...(page.dateTime !== undefined ? { dateTime: page.dateTime } : {}) };
}
