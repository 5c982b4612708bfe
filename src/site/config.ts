/**
 * The Eleventy configuration: a table of contents. It only wires things; the data,
 * the filters and the feeds live in their own modules.
 * Docs: https://www.11ty.dev/docs/config/
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HtmlBasePlugin, type UserConfig } from '@11ty/eleventy';
import { filters, json } from './filters.ts';
import type { SiteData } from './types.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Eleventy's input: layouts in `_includes/layouts/`, one template per page kind. */
export const TEMPLATES_DIR = path.join(PROJECT_ROOT, 'templates');
/** Hand-written CSS and other static files, copied to the site root as they are. */
export const PUBLIC_DIR = path.join(PROJECT_ROOT, 'public');

export function configure(config: UserConfig, data: SiteData): void {
  // Only Nunjucks templates are pages; anything else in templates/ is ignored.
  // https://www.11ty.dev/docs/config/#template-formats
  config.setTemplateFormats(['njk']);

  // Escape every `{{ value }}` by default; `| safe` is used only for the sanitized body
  // and for Eleventy's own `content` in the layout.
  // https://www.11ty.dev/docs/languages/nunjucks/#optional-global-nunjucks-environment-options
  config.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });

  // The archive as one global data object, `archive`. Frozen, so Eleventy's data
  // cascade shares it with every page instead of deep-copying it per page.
  // https://www.11ty.dev/docs/data-global-custom/
  config.addGlobalData('archive', Object.freeze({ ...data }));

  // public/style.css → /style.css. https://www.11ty.dev/docs/copy/
  config.addPassthroughCopy({ [PUBLIC_DIR]: '/' });

  // https://www.11ty.dev/docs/filters/
  for (const [name, filter] of Object.entries(filters)) {
    config.addFilter(name, filter as (...args: never[]) => unknown);
  }
  // `json` returns finished JSON; marking it safe keeps autoescape from turning its
  // quotes into `&quot;`. https://www.11ty.dev/docs/languages/nunjucks/#optional-use-your-nunjucks-environment
  config.amendLibrary('njk', (env) => {
    const markSafe = env.getFilter('safe');
    env.addFilter('json', (value: unknown, indent?: number) => markSafe(json(value, indent)));
  });

  // Every absolute URL in an href, src, action, … of HTML output gets the path prefix
  // (set through the Eleventy constructor in index.ts). https://www.11ty.dev/docs/plugins/html-base/
  config.addPlugin(HtmlBasePlugin);

  // The project's .gitignore is about the repository, not about templates.
  // https://www.11ty.dev/docs/ignores/#opt-out-of-using-gitignore
  config.setUseGitIgnore(false);
}
