/**
 * Languages on the site's pages. The site's own words (navigation, labels, notes) are
 * English; an article's text is in its own language (the record's `language`, BCP 47).
 * An article page is in the article's language (`<html lang>`), and the site's words on
 * it are marked `lang="en"`; a list of articles marks each headline in another language.
 * https://www.w3.org/International/questions/qa-html-language-declarations
 */

/** The language of the site's own words. */
export const SITE_LANGUAGE = 'en';
/** BCP 47 for "undetermined": the extractor could not tell; the page keeps the site's language. */
const UNDETERMINED = 'und';

/** The language of a page about `article` (the site's, on other pages or when the article's is unknown). */
export function pageLanguage(article?: { language?: string }): string {
  const language = article?.language;
  return language === undefined || language === UNDETERMINED ? SITE_LANGUAGE : language;
}
