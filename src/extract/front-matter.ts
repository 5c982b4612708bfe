/**
 * Front matter: the archivist's overrides at the top of an article file.
 *
 * Split with gray-matter, YAML only: the JavaScript and CoffeeScript engines are
 * replaced by ones that refuse, so `---js` cannot run code, and any other language
 * after `---` is refused too. gray-matter parses YAML with js-yaml's safe schema, so
 * tags such as `!!js/function` are errors, never objects. Broken YAML or front matter
 * that is not a mapping is an error for the file; fields that are unknown or of the
 * wrong type are warnings, and the valid fields still apply. A `slug` must be one plain
 * URL segment (`../../etc` or `/etc/passwd` is refused, not cleaned up), and a `date`
 * must be a real calendar day, checked on the text as written (YAML would turn
 * `2002-02-30` into 2 March, and `08:26+09:00` into the previous day in UTC).
 */
import matter from 'gray-matter';
import { frontMatterSchema, isoDate, SLUG_PATTERN, type FrontMatter } from '../record.ts';

export class ArticleError extends Error {
  line?: number;
  constructor(message: string, line?: number) {
    super(message);
    this.name = 'ArticleError';
    if (line !== undefined) this.line = line;
  }
}

export interface SplitFile {
  /** Valid override fields. */
  overrides: FrontMatter;
  /** The page text after the front matter. */
  content: string;
  /** 1-based line number of the content's first line in the file. */
  firstLine: number;
  warnings: string[];
}

const refuse = (language: string) => () => {
  throw new ArticleError(`front matter in ${language} is not allowed; use YAML`, 1);
};
const OPTIONS = {
  language: 'yaml',
  engines: {
    js: refuse('JavaScript'),
    javascript: refuse('JavaScript'),
    coffee: refuse('CoffeeScript'),
    coffeescript: refuse('CoffeeScript'),
    cson: refuse('CoffeeScript'),
  },
};

/** The languages that may follow the opening `---` (none means YAML). */
const YAML_LANGUAGES = new Set(['', 'yaml', 'yml']);

/** Split and validate the front matter of a file. */
export function splitFrontMatter(fileText: string): SplitFile {
  const opening = /^---[^\S\n]*([\p{L}]*)[^\S\n]*\n/u.exec(fileText);
  if (!opening) return { overrides: {}, content: fileText, firstLine: 1, warnings: [] };
  const language = opening[1]!.toLowerCase();
  if (!YAML_LANGUAGES.has(language)) {
    const name = /^(?:js|javascript)$/.test(language) ? 'JavaScript' : /^(?:coffee|coffeescript|cson)$/.test(language) ? 'CoffeeScript' : `"${language}"`;
    throw new ArticleError(`front matter in ${name} is not allowed; use YAML`, 1);
  }
  if (!/\n---[^\S\n]*(?:\n|$)/.test(fileText.slice(3))) throw new ArticleError('front matter is not closed (no second "---" line)', 1);
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(fileText, OPTIONS as unknown as Parameters<typeof matter>[1]);
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = ((error as { reason?: string }).reason ?? (error as Error).message).split('\n')[0];
    const line = mark?.line === undefined ? undefined : mark.line + 2;
    throw new ArticleError(`invalid YAML front matter: ${reason}`, line);
  }
  const data: unknown = file.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ArticleError('front matter must be a mapping of field: value', 1);
  }
  const firstLine = fileText.slice(0, fileText.length - file.content.length).split('\n').length;
  return { ...validate(data as Record<string, unknown>, file.matter), content: file.content, firstLine };
}

type FieldSchema = { safeParse(v: unknown): { success: boolean; data?: unknown } };

/**
 * Keep the valid fields. Every unknown or invalid one is a problem; they make one warning,
 * in line order: `front matter: line 3: unknown field "colour"; line 4: title: …`.
 */
function validate(raw: Record<string, unknown>, matterText: string): { overrides: FrontMatter; warnings: string[] } {
  const problems: { key: string; text: string }[] = [];
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const checked = key === 'slug' ? checkSlug(value) : key === 'date' ? checkDate(value, matterText) : { value };
    if ('problem' in checked) {
      problems.push({ key, text: `${key}: ${checked.problem}` });
      continue;
    }
    // `__proto__` and friends are kept as own keys, so the schema reports them as unknown.
    Object.defineProperty(data, key, { value: checked.value, enumerable: true, configurable: true, writable: true });
  }
  const result = frontMatterSchema.safeParse(data);
  const overrides: Record<string, unknown> = {};
  if (result.success) {
    Object.assign(overrides, result.data);
  } else {
    const reported = new Set<string>();
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ key, text: `unknown field ${JSON.stringify(key)}` });
        continue;
      }
      const key = String(issue.path[0] ?? '');
      if (reported.has(key)) continue; // the first problem of a field is enough (a date has two checks)
      reported.add(key);
      problems.push({ key, text: `${issue.path.join('.')}: ${issue.message}` });
    }
    const shape = frontMatterSchema.shape as Record<string, FieldSchema>;
    for (const [key, value] of Object.entries(data)) {
      if (!Object.hasOwn(shape, key)) continue;
      const parsed = shape[key]!.safeParse(value);
      if (parsed.success) overrides[key] = parsed.data;
    }
  }
  if (problems.length === 0) return { overrides: overrides as FrontMatter, warnings: [] };
  const located = problems.map((p) => ({ ...p, line: lineOfKey(matterText, p.key) }));
  located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  const text = located.map((p) => (p.line === undefined ? p.text : `line ${p.line}: ${p.text}`)).join('; ');
  return { overrides: overrides as FrontMatter, warnings: [`front matter: ${text}`] };
}

/** The file line of a top-level `key:` in the front matter (which starts right after the opening `---`). */
function lineOfKey(matterText: string, key: string): number | undefined {
  const lines = matterText.split('\n');
  const index = lines.findIndex((line) => [key, JSON.stringify(key), `'${key}'`].some((form) => line.startsWith(form) && /^\s*:/.test(line.slice(form.length))));
  return index === -1 ? undefined : index + 1;
}

type Checked = { value: unknown } | { problem: string };

/** A front-matter slug must already be one safe URL segment; anything else is refused, not cleaned up. */
function checkSlug(value: unknown): Checked {
  if (typeof value !== 'string' || SLUG_PATTERN.test(value)) return { value }; // the schema reports a wrong type
  return { problem: `${JSON.stringify(value)} is not a plain URL segment (letters, digits and hyphens, no "/" or "."); the headline gives the slug` };
}

/**
 * The date as the archivist wrote it. YAML reads an unquoted `2002-03-14` as a Date
 * (at UTC midnight, rolling 2002-02-30 over to 2 March, dropping the zone of a time);
 * the text after `date:` is what counts, so it is taken from the front matter itself.
 */
function checkDate(value: unknown, matterText: string): Checked {
  let text: unknown = value;
  if (value instanceof Date) {
    const written = /^date[ \t]*:[ \t]*(["']?)([^"'\n#]*?)\1[ \t]*(?:#.*)?$/m.exec(matterText)?.[2];
    text = written !== undefined ? written.replace(/^(\d{4}-\d{2}-\d{2})[ t]/, '$1T') : Number.isNaN(value.getTime()) ? value : value.toISOString().slice(0, 10);
  }
  if (typeof text !== 'string' || !isoDate.safeParse(text).success) return { value: text }; // the schema reports type and format
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years 0–99 as they are
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
    return { problem: `${JSON.stringify(text)} is not a real calendar date` };
  }
  return { value: text };
}
