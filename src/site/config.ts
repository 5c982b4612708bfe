/**
 * The Eleventy configuration: a table of contents. It only wires things; the data,
 * the filters and the feeds live in their own modules.
 * Docs: https://www.11ty.dev/docs/config/
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { HtmlBasePlugin, type UserConfig } from '@11ty/eleventy';
import { ARTICLE_TEMPLATE, PUBLIC_DIR, TEMPLATES_DIR } from './folders.ts';
import { SITE_LANGUAGE } from './language.ts';
import { pagesOfGroups } from './listing-pages.ts';
import { filters, json } from './filters.ts';
import { minifyCssStream } from './minify-css.ts';
import { sitemapUrls } from './sitemap.ts';
import { teaserList, type Escape } from './teasers.ts';
import { CONTENT_SECURITY_POLICY_META, CONTENT_TYPES, SECURITY_HEADERS } from './security.ts';
import type { ArticlePage, MonthGroup, SiteData, SiteOptions, SourceGroup, TopicGroup, YearGroup } from './types.ts';

/** The templates of pages that list one year, one month, one source or one topic each; every other template but the article's writes one page about the archive as a whole. */
export const GROUP_TEMPLATES = { years: 'archive-year.njk', months: 'archive-month.njk', sources: 'source.njk', topics: 'topic.njk' } as const;

/** Which pages one Eleventy run writes (src/site/index.ts); the build splits a site into several runs, and rebuilds only the pages that changed. */
export interface RunOptions {
  /** The article pages to write (with their pager links): all of them, a chunk, or none. */
  articlePages: readonly ArticlePage[];
  /** Copy public/ into the site: once per site, in the run that writes the other pages. */
  copyPublic: boolean;
  /** Write the pages about the archive as a whole (home, archive, sources, search, feeds, sitemap, …). */
  front?: boolean;
  /** The year, month, source and topic pages to write. */
  years?: readonly YearGroup[];
  months?: readonly MonthGroup[];
  sources?: readonly SourceGroup[];
  topics?: readonly TopicGroup[];
}

/** The templates that write one page about the archive as a whole. */
export function frontTemplates(): string[] {
  const grouped = new Set<string>([ARTICLE_TEMPLATE, ...Object.values(GROUP_TEMPLATES)]);
  return readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.njk') && !grouped.has(name)).sort();
}

export function configure(config: UserConfig, data: SiteData, run: RunOptions = { articlePages: data.articles, copyPublic: true }): void {
  // Only Nunjucks templates are pages; anything else in templates/ is ignored.
  // https://www.11ty.dev/docs/config/#template-formats
  config.setTemplateFormats(['njk']);

  // Eleventy warns when a filter takes more than 8 % of a run ("[11ty] Benchmark … absoluteUrl
  // Nunjucks Filter": the sitemap's 15,000 absolute URLs on a cold build of 10,000 articles),
  // whatever the quiet mode: its group of filter timings is made before quiet mode reaches it
  // (Eleventy 3.1.8). The build prints its own timings; the warning would only puzzle a user.
  config.benchmarkManager?.get('Configuration')?.setIsVerbose(false);

  // Escape every `{{ value }}` by default; `| safe` is used only for the sanitized body
  // and for Eleventy's own `content` in the layout.
  // https://www.11ty.dev/docs/languages/nunjucks/#optional-global-nunjucks-environment-options
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });

  // The archive as one global data object, `archive`. Frozen, so Eleventy's data
  // cascade shares it with every page instead of deep-copying it per page.
  // https://www.11ty.dev/docs/data-global-custom/
  config.addGlobalData('archive', Object.freeze({ ...data }));
  // The CSP and other headers (src/site/security.ts), for the <meta> in every page and /_headers.
  config.addGlobalData(
    'security',
    Object.freeze({ cspMeta: CONTENT_SECURITY_POLICY_META, headers: SECURITY_HEADERS, contentTypes: CONTENT_TYPES }),
  );
  // The language of the site's own words (src/site/language.ts), for the lang attributes.
  config.addGlobalData('siteLanguage', SITE_LANGUAGE);
  // templates/article.njk paginates over these: every article, or the chunk of this run;
  // the year, month, source and topic templates over theirs, all or those that changed.
  config.addGlobalData('articlePages', run.articlePages);
  config.addGlobalData('listingYears', run.years ?? data.years);
  config.addGlobalData('listingMonths', run.months ?? data.months ?? []);
  config.addGlobalData('listingSources', run.sources ?? pagesOfGroups(data.sources));
  config.addGlobalData('listingTopics', run.topics ?? pagesOfGroups(data.topics ?? []));
  // Templates with nothing to write this run are not read at all. https://www.11ty.dev/docs/ignores/
  const skipped = [
    ...(run.front === false ? frontTemplates() : []),
    ...(run.articlePages.length === 0 ? [ARTICLE_TEMPLATE] : []),
    ...(Object.keys(GROUP_TEMPLATES) as (keyof typeof GROUP_TEMPLATES)[]).filter((kind) => run[kind]?.length === 0).map((kind) => GROUP_TEMPLATES[kind]),
  ];
  // Each by its path from the working folder, which is how Eleventy matches ignores: a
  // `**/name` glob does not match a template outside that folder (the command run from
  // another project), and the pages about the archive would then be rendered from a
  // render thread's data, which holds no articles.
  for (const name of skipped) config.ignores.add(path.relative(process.cwd(), path.join(TEMPLATES_DIR, name)).split(path.sep).join('/'));

  // public/css/style.css → /css/style.css, stylesheets minified on the way by esbuild
  // (src/site/minify-css.ts). https://www.11ty.dev/docs/copy/ — the copy
  // options go to recursive-copy: https://www.npmjs.com/package/recursive-copy#usage
  if (run.copyPublic) {
    config.addPassthroughCopy(
      { [PUBLIC_DIR]: '/' },
      { transform: (src: string) => (src.endsWith('.css') ? minifyCssStream() : null) },
    );
  }

  // https://www.11ty.dev/docs/filters/
  for (const [name, filter] of Object.entries(filters)) {
    config.addFilter(name, filter as (...args: never[]) => unknown);
  }
  // `json` returns finished JSON; marking it safe keeps autoescape from turning its
  // quotes into `&quot;`. https://www.11ty.dev/docs/languages/nunjucks/#optional-use-your-nunjucks-environment
  config.amendLibrary('njk', (env) => {
    const markSafe = env.getFilter('safe');
    env.addFilter('json', (value: unknown, indent?: number) => markSafe(json(value, indent)));
    // A list of teasers (src/site/teasers.ts), every value escaped by Nunjucks's own filter.
    const escape = env.getFilter('escape') as Escape;
    env.addFilter('teaserList', (articles: ArticlePage[], level = 2, showSource = true) => markSafe(teaserList(articles ?? [], level, showSource, escape)));
    // The sitemap's entries of a list of pages (src/site/sitemap.ts), escaped the same way.
    env.addFilter('sitemapUrls', (pages: Parameters<typeof sitemapUrls>[0], site: SiteOptions) => markSafe(sitemapUrls(pages ?? [], site, escape)));
  });

  // Every absolute URL in an href, src, action, … of HTML output gets the path prefix
  // (set through the Eleventy constructor in index.ts). https://www.11ty.dev/docs/plugins/html-base/
  config.addPlugin(HtmlBasePlugin);

  // The project's .gitignore is about the repository, not about templates.
  // https://www.11ty.dev/docs/ignores/#opt-out-of-using-gitignore
  config.setUseGitIgnore(false);
}
