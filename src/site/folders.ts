/**
 * Where the site's templates and static files are, apart from the Eleventy configuration
 * (config.ts) so that naming them does not load Eleventy.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Eleventy's input: layouts in `_includes/layouts/`, one template per page kind. */
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'templates');
/** Hand-written CSS and other static files, copied to the site root as they are. */
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');
/** The template of the article pages. */
export const ARTICLE_TEMPLATE = 'article.njk';
