/**
 * One record per story of a page that holds several: the page's record (its file,
 * provenance, language, source, captions, related links and left-out lines are shared)
 * with each story's own body, word count, headline derived from its lead
 * (`titleSource: 'derived'`), date when the story states one, slug, and `part` / `parts`.
 */
import { markdownToText, toMarkdown, type Block } from '../markdown.ts';
import { parseRecord, type ArticleRecord } from '../../record.ts';
import { countWords } from '../segment.ts';
import { makeSlug } from '../slug.ts';
import { describeStory } from './story.ts';

/** Warnings of the page that a story's own headline or date answers. */
const HEADLINE_WARNING = 'no headline found';
const DATE_WARNING = 'no publication date found';
/** A split is a guess, said once for the page (the build says each warning of a file once). */
const splitWarning = (stories: number): string => `printed ${stories} stories one after another: made an article of each (front matter \`split: false\` keeps the page whole)`;

/** The records of the stories starting at `starts` (block indices, the first 0) of the page `record` was extracted from. */
export function storyRecords(record: ArticleRecord, blocks: readonly Block[], starts: readonly number[]): ArticleRecord[] {
  return starts.map((start, k) => {
    const own = blocks.slice(start, starts[k + 1] ?? blocks.length);
    const facts = describeStory(own);
    const body = toMarkdown(own);
    const title = facts.title ?? record.title;
    // A date set in front matter holds for every story; otherwise the story's own, else the page's.
    const ownDate = record.dateSource !== 'front-matter' && facts.date !== undefined;
    const warnings = [splitWarning(starts.length), ...record.warnings.filter((w) => !w.startsWith(HEADLINE_WARNING) && !(ownDate && w === DATE_WARNING))];
    return parseRecord({
      ...record,
      slug: makeSlug(title, record.file),
      title,
      titleSource: 'derived',
      ...(ownDate ? { date: facts.date, dateSource: 'text' } : {}),
      body,
      wordCount: countWords(markdownToText(body)),
      part: k + 1,
      parts: starts.length,
      warnings,
    });
  });
}
