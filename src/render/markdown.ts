/**
 * Body Markdown → sanitized HTML, with unified: remark-parse → remark-gfm → remark-html.
 *
 * `sanitize: true` runs hast-util-sanitize with GitHub's schema: raw HTML in the
 * Markdown is dropped, `javascript:` URLs and event-handler attributes cannot survive.
 * The extractor escapes `<` in article text, so markup written in an article shows as
 * text rather than being dropped.
 */
import remarkGfm from 'remark-gfm';
import remarkHtml from 'remark-html';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkHtml, { sanitize: true }).freeze();

export function renderBody(markdown: string): string {
  return String(processor.processSync(markdown)).trim();
}
