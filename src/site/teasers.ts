/**
 * A list of article teasers as HTML: what year, month, source, topic and front pages
 * show of each of their articles (templates call it as the `teaserList` filter).
 *
 * It was a Nunjucks macro; a source page lists every article of its source and a topic
 * page every article about it, so a day of 100 new articles at 10,000 renders ~50,000
 * teasers again, and the macro (a frame and two nested macro calls per teaser, ~40 µs)
 * took ~1.8 s of the render thread's ~3 s. The same markup made here (byte for byte the
 * macro's, but for the source link on a line of its own) takes a few µs a teaser. Every value is escaped by Nunjucks's own `escape` filter,
 * which config.ts passes in.
 */
import { readingTime } from './filters.ts';
import { pageLanguage, SITE_LANGUAGE } from './language.ts';
import type { ArticlePage } from './types.ts';

export type Escape = (value: unknown) => unknown;

/** The fields of an article a teaser shows (src/site/types.ts `ArticlePage`). */
type TeaserArticle = Pick<ArticlePage, 'url' | 'title' | 'language' | 'date' | 'dateTime' | 'dateLabel' | 'source' | 'sourceUrl' | 'wordCount' | 'subtitle' | 'excerpt'>;

/**
 * `<ol class="teasers">` of `articles` in their order; each headline an h`level`; the
 * source linked unless `showSource` is false (on the source's own page).
 */
export function teaserList(articles: readonly TeaserArticle[], level: number, showSource: boolean, escape: Escape): string {
  const text = (value: unknown) => String(escape(value ?? ''));
  let html = '<ol class="teasers">\n';
  for (const article of articles) {
    const lang = langAttr(article.language, text);
    html += `  <li class="teaser${article.dateTime ? '' : ' teaser-undated'}">\n`;
    html += `    <h${level} class="teaser-title"><a href="${text(article.url)}"${lang}>${text(article.title)}</a></h${level}>\n`;
    html += '    <p class="teaser-meta">\n';
    html += `      ${article.dateTime ? `<time datetime="${text(article.date)}">${text(article.dateLabel)}</time>` : `<span class="undated">${text(article.dateLabel)}</span>`}\n`;
    if (showSource && article.source) html += `      <span class="sep" aria-hidden="true">·</span> <a class="teaser-source" href="${text(article.sourceUrl)}">${text(article.source)}</a>\n`;
    html += `      <span class="sep" aria-hidden="true">·</span> <span class="reading-time">${text(readingTime(article.wordCount))}</span>\n`;
    html += '    </p>\n';
    const summary = article.subtitle || article.excerpt;
    if (summary) html += `    <p class="teaser-summary"${lang}>${text(summary)}</p>\n`;
    html += '  </li>\n';
  }
  return `${html}</ol>\n`;
}

/** ` lang="…"` when the article's language is known (not undetermined: `pageLanguage`) and not the site's (templates/_includes/macros/lang.njk `langAttr`). */
function langAttr(language: string | undefined, text: (value: unknown) => string): string {
  return language && pageLanguage({ language }) !== SITE_LANGUAGE ? ` lang="${text(language)}"` : '';
}
