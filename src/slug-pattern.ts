/**
 * A slug is one safe URL and path segment: no `/`, no `..`, no leading dot. A module of its
 * own, without the record schema (zod): the build's main thread makes slugs (src/slugs.ts)
 * and need not load zod for it (~65 ms of every build's start).
 */
export const SLUG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}-]*$/u;
