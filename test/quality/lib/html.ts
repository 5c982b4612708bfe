/** Just enough HTML reading for the checks: start tags with their attributes, ids, JSON-LD. */

export interface Tag {
  name: string;
  attrs: Map<string, string>;
  raw: string;
}

const CHAR_REFS: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** Attribute values come back decoded (`&amp;` → `&`); names lower-cased. */
export function startTags(html: string): Tag[] {
  const found: Tag[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
  for (const m of withoutComments.matchAll(tag)) {
    const attrs = new Map<string, string>();
    for (const a of m[2]!.matchAll(/\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
      attrs.set(a[1]!.toLowerCase(), decode(a[2] ?? a[3] ?? a[4] ?? ''));
    }
    found.push({ name: m[1]!.toLowerCase(), attrs, raw: m[0] });
  }
  return found;
}

export function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#39|#x[0-9a-f]+|#\d+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
    return CHAR_REFS[ref.toLowerCase()] ?? whole;
  });
}

/** Every `id` in the page (for checking `#fragment` links). */
export function ids(html: string): Set<string> {
  return new Set(startTags(html).flatMap((t) => (t.attrs.has('id') ? [t.attrs.get('id')!] : [])));
}

/** The parsed JSON-LD blocks of a page. */
export function jsonLd(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

/** `<meta property|name="key" content="…">` → content, for Open Graph and Twitter tags. */
export function metaProperties(html: string): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  for (const tag of startTags(html)) {
    if (tag.name !== 'meta') continue;
    const key = tag.attrs.get('property') ?? tag.attrs.get('name');
    if (key === undefined || !tag.attrs.has('content')) continue;
    meta.set(key, [...(meta.get(key) ?? []), tag.attrs.get('content')!]);
  }
  return meta;
}
