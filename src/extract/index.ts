/**
 * extract(text) → ArticleRecord: the pipeline of the extractor.
 *
 *   front matter  split and validated (front-matter.ts)
 *   language      identified from the longest lines (language.ts)
 *   segment       page text → measured lines, stopwords of that language (segment.ts)
 *   region        the densest run of prose, by hand-made scores (region.ts): a feature
 *   article       the body model scores every line; its best stretch is the article
 *                 (article-lines.ts, model/)
 *   header        headline, standfirst, dates, byline, section above it (header.ts)
 *   body          the article's lines → Markdown blocks and captions (body.ts)
 *   related       "see also" lists below it (rules/related.ts)
 *   topics        the people, organisations and places it is about (topics/)
 *   assemble      overrides applied, slug made, record validated (this file)
 *
 * Pure: a string in, a record out; no file system, no DOM, no clock.
 */
import { parseRecord, type ArticleRecord, type FrontMatter, type RelatedLink } from '../record.ts';
import { readBody } from './body.ts';
import { isTimestamp } from './dates.ts';
import { ArticleError, splitFrontMatter } from './front-matter.ts';
import { PageFacts, readHeader, skipHeaderInRegion, type Role } from './header.ts';
import { markdownToText, toMarkdown, type Block } from './markdown.ts';
import { articleLines, type ArticleLines } from './article-lines.ts';
import { DEFAULT_MODEL, type ExtractorModel } from './model/index.ts';
import { extendRegion, findRegion, type Region } from './region.ts';
import { readRelated } from './rules/related.ts';
import { deriveTitle } from './rules/title.ts';
import { countWords, normalise, segment, type Line } from './segment.ts';
import { makeSlug } from './slug.ts';
import { identifyLanguage, languageOfTag, stopwordLanguage, type Language } from './language.ts';
import { RELANGUAGE_MAX_BODY_WORDS } from './settings.ts';
import { findStories } from './stories/index.ts';
import { storyRecords } from './stories/records.ts';
import { findTopics, withFrontMatterTopics, type TopicInput } from './topics/index.ts';

export { ArticleError } from './front-matter.ts';
export { escapeMarkdownText, markdownToText } from './markdown.ts';

export interface ExtractOptions {
  /** Path relative to `articles/`, for messages and the fallback slug. */
  file: string;
  /** The fitted models (the evaluation passes models fitted without the page); the committed ones by default. */
  model?: ExtractorModel;
}

/** Roles whose lines are kept in a field of the record; every other line is `removed`. */
const KEPT: ReadonlySet<Role | undefined> = new Set<Role | undefined>(['title', 'subtitle', 'body', 'caption', 'related', 'byline']);

export function extract(fileText: string, options: ExtractOptions): ArticleRecord {
  return analyse(fileText, options).record;
}

/**
 * The records of a page: one, or one per story when the body holds several (stories/).
 * A page stays whole when its front matter says `split: false`, or names it with a
 * `title` or `slug` (the archivist has said what the page is).
 */
export function extractStories(fileText: string, options: ExtractOptions): ArticleRecord[] {
  const { record, blocks, overrides } = analyse(fileText, options);
  if (overrides.split === false || overrides.title !== undefined || overrides.slug !== undefined) return [record];
  const starts = findStories({ blocks, language: record.language });
  if (starts.length === 1) return [record];
  // Each story is about its own people and places: its topics come from its own headline and body.
  const stopwords = languageOfTag(record.language).stopwords;
  return storyRecords(record, blocks, starts).map((story) => ({ ...story, topics: topicsOf(story, stopwords, overrides) }));
}

/** The topics of a record: found in its text, with the front matter's added (or instead, with `topics_only`). */
function topicsOf(record: Omit<TopicInput, 'stopwords'>, stopwords: ReadonlySet<string>, overrides: FrontMatter): ArticleRecord['topics'] {
  const found = overrides.topics_only === true ? [] : findTopics({ ...record, stopwords });
  return withFrontMatterTopics(found, overrides.topics, overrides.topics_only);
}

/** The record with the page's lines and the role each line got (for the evaluation script and tests). */
export interface Analysis {
  record: ArticleRecord;
  /** The body's blocks, of which `record.body` is the Markdown. */
  blocks: readonly Block[];
  /** The archivist's front matter. */
  overrides: FrontMatter;
  lines: readonly Line[];
  roles: readonly (Role | undefined)[];
  article: ArticleLines;
}

export function analyse(fileText: string, options: ExtractOptions): Analysis {
  const split = splitFrontMatter(fileText);
  const pageLines = split.content.split('\n');
  const language = identifyLanguage(pageLines);
  const first = analyseIn(language, split, options);
  // Almost no body: franc may have misread the page (its sample is 200 characters), and
  // another language's stopwords make every paragraph look like a menu. A second reading
  // in the language the page's stopwords say, kept when it finds more.
  if (first.record.wordCount >= RELANGUAGE_MAX_BODY_WORDS) return first;
  const other = stopwordLanguage(pageLines);
  if (other === undefined || other.tag === language.tag) return first;
  const second = analyseIn(other, split, options);
  return second.record.wordCount > first.record.wordCount ? second : first;
}

/** `analyse` with the page's language given. */
function analyseIn(language: Language, split: ReturnType<typeof splitFrontMatter>, options: ExtractOptions): Analysis {
  const lines = segment(split.content, split.firstLine, language);
  if (lines.length === 0 && split.overrides.title === undefined) throw new ArticleError('the file has no text');

  const model = options.model ?? DEFAULT_MODEL;
  const { facts, region: hand } = locate(lines);
  const article = articleLines(facts, hand, model.body);
  // Date and byline lines among the stretch's first lines close the header: what is above them is headline, standfirst or captions.
  const region = skipHeaderInRegion(facts, article.span);
  const roles: (Role | undefined)[] = new Array(lines.length);
  const header = readHeader(facts, region, roles, model, article);
  const skip = new Set([header.title, header.subtitle].filter((t): t is string => t !== undefined).map(normalise));
  const body = readBody(facts, region, roles, skip, article.keep);
  const related = readRelated(lines, region.end + 1, lines.length);
  for (const i of related.used) roles[i] = 'related';

  const warnings = [...split.warnings, ...header.warnings];
  const markdown = toMarkdown(body.blocks);
  if (markdown === '') warnings.push('no body text found');

  let title = header.title;
  let titleSource: ArticleRecord['titleSource'] = 'text';
  if (title === undefined) {
    const lead = body.blocks.find((b) => b.kind === 'paragraph');
    titleSource = 'derived';
    title = lead?.kind === 'paragraph' ? deriveTitle(lead.text) : undefined;
    if (title !== undefined) warnings.push('no headline found; derived one from the lead sentence');
    else {
      title = lines[0]?.text ?? options.file;
      warnings.push('no headline found; used the first line');
    }
  }
  if (header.date === undefined) warnings.push('no publication date found');

  const record = {
    slug: '',
    file: options.file,
    title,
    titleSource,
    subtitle: header.subtitle,
    date: header.date?.iso,
    dateSource: header.date === undefined ? undefined : header.date.updated ? ('inferred' as const) : ('text' as const),
    viewedDate: header.viewedDate,
    source: header.source,
    language: language.tag,
    section: header.section,
    byline: header.byline,
    body: markdown,
    captions: [...header.captions, ...body.captions],
    related: related.links,
    removed: lines.filter((_, i) => !KEPT.has(roles[i])).map((line) => line.text),
    topics: [] as ArticleRecord['topics'],
    wordCount: countWords(markdownToText(markdown)),
    warnings,
  };
  applyOverrides(record, split.overrides);
  const stopwords = record.language === language.tag ? language.stopwords : languageOfTag(record.language).stopwords;
  record.topics = topicsOf(record, stopwords, split.overrides);
  record.slug = makeSlug(split.overrides.slug ?? record.title, options.file);
  return { record: parseRecord(dropUndefined(record)), blocks: body.blocks, overrides: split.overrides, lines, roles, article };
}

/** The page's facts and its densest run of prose by hand-made scores (a feature of the body model; also used by the training script). */
export function locate(lines: readonly Line[]): { facts: PageFacts; region: Region } {
  const facts = new PageFacts(lines);
  const found = findRegion(lines, (i) => facts.handScore(i));
  if (found.end < found.start) return { facts, region: { start: lines.length, end: lines.length - 1 } };
  const region = skipHeaderInRegion(facts, extendRegion(lines, found, (i) => facts.isChrome(i) || facts.dated(i)));
  return { facts, region };
}

type Draft = {
  title: string;
  titleSource: ArticleRecord['titleSource'];
  subtitle?: string;
  date?: string;
  dateSource?: ArticleRecord['dateSource'];
  source?: string;
  language: string;
  section?: string;
  byline: string[];
  captions: string[];
  related: RelatedLink[];
  warnings: string[];
};

/** Front matter wins over the text; a date or title from it says so in its source field. */
function applyOverrides(record: Draft, overrides: FrontMatter): void {
  const { title, subtitle, date, source, language, section, byline, captions, related } = overrides;
  if (title !== undefined) {
    record.title = title;
    record.titleSource = 'front-matter';
    record.warnings = record.warnings.filter((w) => !w.startsWith('no headline found'));
  }
  if (date !== undefined) {
    record.date = date instanceof Date ? date.toISOString().slice(0, 10) : date;
    record.dateSource = 'front-matter';
    record.warnings = record.warnings.filter((w) => w !== 'no publication date found' && !w.startsWith('only an "updated" date'));
  }
  if (subtitle !== undefined) record.subtitle = subtitle;
  if (source !== undefined) record.source = source;
  if (language !== undefined) record.language = language;
  if (section !== undefined) record.section = section;
  if (byline !== undefined) record.byline = typeof byline === 'string' ? [byline] : byline;
  if (captions !== undefined) record.captions = captions;
  if (related !== undefined) record.related = related;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
