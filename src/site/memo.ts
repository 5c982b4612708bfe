/**
 * Get-or-make on a Map: the site data shares one object (a teaser, a link, its JSON) among
 * the many pages that show it, and makes each once.
 */

/** The value `map` holds for `key`; made by `make` and kept there the first time it is asked for. */
export function memoized<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = make()));
  return value;
}
