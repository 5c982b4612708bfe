/**
 * Front matter: the archivist's overrides at the top of an article file.
 *
 * Split with gray-matter, YAML only: the JavaScript and CoffeeScript engines are
 * replaced by ones that refuse, so `---js` cannot run code. Broken YAML or front matter
 * that is not a mapping is an error for the file; fields that are unknown or of the
 * wrong type are warnings, and the valid fields still apply.
 */
import matter from 'gray-matter';
import { formatIssues, frontMatterSchema, type FrontMatter } from '../record.ts';

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

/** Split and validate the front matter of a file. */
export function splitFrontMatter(fileText: string): SplitFile {
  if (!/^---[^\S\n]*[\p{L}]*[^\S\n]*\n/u.test(fileText)) return { overrides: {}, content: fileText, firstLine: 1, warnings: [] };
  if (!/\n---[^\S\n]*(?:\n|$)/.test(fileText.slice(3))) throw new ArticleError('front matter is not closed (no second "---" line)', 1);
  let file: matter.GrayMatterFile<string>;
  try {
    file = matter(fileText, OPTIONS as unknown as Parameters<typeof matter>[1]);
  } catch (error) {
    if (error instanceof ArticleError) throw error;
    const mark = (error as { mark?: { line?: number } }).mark;
    const reason = ((error as { reason?: string }).reason ?? (error as Error).message).split('\n')[0];
    const line = mark?.line === undefined ? undefined : mark.line + 2;
    throw new ArticleError(`invalid YAML front matter${line === undefined ? '' : ` at line ${line}`}: ${reason}`, line);
  }
  const data: unknown = file.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new ArticleError('front matter must be a mapping of field: value', 1);
  }
  const firstLine = fileText.slice(0, fileText.length - file.content.length).split('\n').length;
  return { ...validate(data as Record<string, unknown>), content: file.content, firstLine };
}

/** Keep the valid fields; each invalid or unknown one becomes a warning. */
function validate(data: Record<string, unknown>): { overrides: FrontMatter; warnings: string[] } {
  const result = frontMatterSchema.safeParse(data);
  if (result.success) return { overrides: result.data, warnings: [] };
  const warnings = [`front matter: ${formatIssues(result.error)}`];
  const overrides: Record<string, unknown> = {};
  const shape = frontMatterSchema.shape;
  for (const [key, value] of Object.entries(data)) {
    const field = (shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>)[key];
    if (!field) continue;
    const parsed = field.safeParse(value);
    if (parsed.success) overrides[key] = parsed.data;
  }
  return { overrides: overrides as FrontMatter, warnings };
}
