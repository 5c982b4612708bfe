/**
 * Plain code-unit order of two strings: the last tie-break of every order the site shows,
 * identical on every machine (no locale, no collation).
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
