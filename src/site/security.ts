/**
 * The security headers a static host can serve, in one place. templates/headers.njk
 * writes them to `/_headers` (the format Netlify and Cloudflare Pages read; other hosts:
 * copy the lines into the server's config), and every page also carries the policy as
 * `<meta http-equiv="Content-Security-Policy">`, for hosts that cannot set headers
 * (GitHub Pages). A `<meta>` policy cannot carry `frame-ancestors`; the header does.
 *
 * The site needs no inline script, no inline style, no other origin and no eval: only
 * its own files. Pages are checked against this policy in test/quality.
 */

/** Directive → sources, each with the reason it is there. */
const DIRECTIVES: [directive: string, sources: string][] = [
  // Nothing unless listed below.
  ['default-src', "'none'"],
  // The search page's script, loaded as a file; no inline script, no eval. JSON-LD is
  // data, not script, and is allowed without being listed.
  ['script-src', "'self'"],
  // The site's stylesheets; no style attributes or <style> elements anywhere.
  ['style-src', "'self'"],
  // The search index, fetched by the search script.
  ['connect-src', "'self'"],
  // No images are published; favicons and data: URIs from CSS are allowed.
  ['img-src', "'self' data:"],
  // Search forms submit to the site itself.
  ['form-action', "'self'"],
  // No <base> may redirect relative URLs.
  ['base-uri', "'none'"],
];

/** Header-only directives: browsers ignore them in `<meta>`. */
const HEADER_ONLY: [string, string][] = [['frame-ancestors', "'none'"]];

const serialize = (directives: [string, string][]) => directives.map(([d, s]) => `${d} ${s}`).join('; ');

/** The policy for `<meta http-equiv="Content-Security-Policy">`. */
export const CONTENT_SECURITY_POLICY_META = serialize(DIRECTIVES);

/** The policy for the `Content-Security-Policy` header. */
export const CONTENT_SECURITY_POLICY = serialize([...DIRECTIVES, ...HEADER_ONLY]);

/** Headers for every response, in the order written to `_headers`. */
export const SECURITY_HEADERS: [name: string, value: string][] = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
  // Browsers must not guess a type other than the one served (source.txt stays text).
  ['X-Content-Type-Options', 'nosniff'],
  // Other sites learn only the origin a reader came from, not the article.
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  // Older browsers' equivalent of frame-ancestors 'none'.
  ['X-Frame-Options', 'DENY'],
  // The archive uses none of these.
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=()'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** Content types some hosts get wrong, by site-relative path. */
export const CONTENT_TYPES: [path: string, type: string][] = [
  ['/feed.xml', 'application/atom+xml; charset=utf-8'],
  ['/feed.json', 'application/feed+json; charset=utf-8'],
];
