/**
 * Scoring extracted records against a dataset's gold (the metric of the dataset's
 * README), page by page, and the summary row the evaluation prints.
 */
import { ArticleError, extract, markdownToText } from '../../src/extract/index.ts';
import type { ExtractorModel } from '../../src/extract/model/index.ts';
import type { ArticleRecord } from '../../src/record.ts';
import { bodyScore, calendarDay, normaliseTitle, printsSite, sourceMatches, type GoldPage } from './dataset.ts';
import { classifyGoldDate } from './date-audit.ts';

/** A page whose body F1 is below this lost its article. */
export const LOST_ARTICLE_F1 = 0.3;

export interface PageResult {
  page: GoldPage;
  record?: ArticleRecord;
  error?: string;
  precision?: number;
  recall?: number;
  f1: number;
  titleOk: boolean;
  /** Undefined when the gold date is not printed in the text as a full date (the measure counts only those pages). */
  dateOk?: boolean;
  /** Undefined when the gold site is null or not printed in the text. */
  sourceOk?: boolean;
  /** The page copied to an empty text: not counted among lost articles. */
  empty: boolean;
}

/** What the page's text prints of its gold: computed once per page, whichever model is scored. */
export interface GoldFacts {
  datePrinted: boolean;
  sitePrinted: boolean;
}

export function goldFacts(page: GoldPage): GoldFacts {
  const { gold, text } = page;
  return {
    datePrinted: gold.date !== null && classifyGoldDate(text, gold.date).cls === 'printed',
    sitePrinted: typeof gold.site === 'string' && printsSite(text, gold.site),
  };
}

export function scorePage(page: GoldPage, facts: GoldFacts, model?: ExtractorModel): PageResult {
  let record: ArticleRecord | undefined;
  let error: string | undefined;
  try {
    record = extract(page.text, { file: page.id, ...(model ? { model } : {}) });
  } catch (e) {
    if (!(e instanceof ArticleError)) throw e;
    error = e.message;
  }
  const { precision, recall, f1 } = bodyScore(page.gold.body, record ? markdownToText(record.body) : '');
  const title = record?.titleSource === 'text' ? normaliseTitle(record.title) : undefined;
  const day = record?.date === undefined ? undefined : calendarDay(record.date);
  return {
    page,
    record,
    error,
    precision,
    recall,
    f1,
    titleOk: title !== undefined && page.gold.titles.some((t) => normaliseTitle(t) === title),
    dateOk: facts.datePrinted ? day === page.gold.date : undefined,
    sourceOk: facts.sitePrinted ? sourceMatches(page.gold.site as string, record?.source) : undefined,
    empty: page.text.trim() === '',
  };
}

export interface Summary {
  pages: number;
  precision: number;
  recall: number;
  f1: number;
  headline: [number, number];
  date: [number, number];
  source: [number, number];
  lost: [number, number];
}

const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);
const count = (results: PageResult[], ok: (r: PageResult) => boolean | undefined): [number, number] => {
  const counted = results.filter((r) => ok(r) !== undefined);
  return [counted.filter((r) => ok(r) === true).length, counted.length];
};

/** The dataset's averages: precision and recall averaged over pages, F1 their harmonic mean. */
export function summarise(results: PageResult[]): Summary {
  const precision = mean(results.flatMap((r) => (r.precision === undefined ? [] : [r.precision])));
  const recall = mean(results.flatMap((r) => (r.recall === undefined ? [] : [r.recall])));
  return {
    pages: results.length,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    headline: count(results, (r) => r.titleOk),
    date: count(results, (r) => r.dateOk),
    source: count(results, (r) => r.sourceOk),
    lost: count(results, (r) => (r.empty ? undefined : r.f1 < LOST_ARTICLE_F1)),
  };
}

const share = ([ok, of]: [number, number]) => `${of === 0 ? '–' : (ok / of).toFixed(2)} (${ok}/${of})`;

/** One row of the printed tables. */
export function summaryRow(s: Summary): Record<string, string> {
  return {
    'body P': s.precision.toFixed(3),
    'body R': s.recall.toFixed(3),
    'body F1': s.f1.toFixed(3),
    headline: share(s.headline),
    'date (printed)': share(s.date),
    'source (printed)': share(s.source),
    'F1 < 0.3': share(s.lost),
  };
}
