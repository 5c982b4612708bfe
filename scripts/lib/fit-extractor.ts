/**
 * Fitting the extractor's models to labelled pages, and writing them as the committed
 * weights file (src/extract/model/weights.ts). Used by `npm run train:extract` (fit on
 * every page of the datasets given) and `npm run eval:extract` (fit without the pages it
 * scores). Deterministic: the same pages give the same bytes.
 *
 * Labels come from the gold body (dataset.ts `lineCoverage`): a line is article when at
 * least half of its words are covered by runs of four words of the gold body. Each line
 * weighs by its words, and each page weighs the same in all, as the body metric does.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { splitFrontMatter } from '../../src/extract/front-matter.ts';
import type { PageFacts } from '../../src/extract/header.ts';
import { locate } from '../../src/extract/index.ts';
import { identifyLanguage } from '../../src/extract/language.ts';
import type { ExtractorModel } from '../../src/extract/model/index.ts';
import { LINE_FEATURES, lineFeatures } from '../../src/extract/model/line-features.ts';
import type { TreeModel } from '../../src/extract/model/trees.ts';
import type { Region } from '../../src/extract/region.ts';
import { segment, type Line } from '../../src/extract/segment.ts';
import { articleLines, type ArticleLines } from '../../src/extract/article-lines.ts';
import { headlineContext, headlineWindow, readHeader, skipHeaderInRegion } from '../../src/extract/header.ts';
import { HEADLINE_FEATURES } from '../../src/extract/model/headline-features.ts';
import { findHeadline, headlineCandidates, stripSiteSuffix } from '../../src/extract/rules/title.ts';
import { DATE_FEATURES, dateCandidates } from '../../src/extract/model/date-features.ts';
import { fitChoice } from './choice.ts';
import { calendarDay, lineCoverage, normaliseTitle, plainWords, sourceMatches, tokens, type GoldPage } from './dataset.ts';
import { SOURCE_FEATURES, sourceCandidates } from '../../src/extract/model/source-features.ts';
import { DEFAULT_GBDT, trainGbdt } from './gbdt.ts';

/** A line is article when this share of its words is covered by the gold body. */
const ARTICLE_LINE_COVERAGE = 0.5;

export interface PreparedPage {
  page: GoldPage;
  lines: Line[];
  facts: PageFacts;
  hand: Region;
  /** `lines.length × LINE_FEATURES.length`. */
  features: Float64Array;
  /** 1 for each line of the gold body. */
  labels: Uint8Array;
  /** Per line, summing to 1 over the page. */
  weights: Float64Array;
}

export function preparePage(page: GoldPage): PreparedPage {
  const split = splitFrontMatter(page.text);
  const lines = segment(split.content, split.firstLine, identifyLanguage(split.content.split('\n')));
  const { facts, region: hand } = locate(lines);
  const coverage = lineCoverage(
    lines.map((line) => line.text),
    page.gold.body,
  );
  const labels = new Uint8Array(lines.length).map((_, i) => ((coverage[i] as number) >= ARTICLE_LINE_COVERAGE ? 1 : 0));
  const words = lines.map((line) => tokens(line.text).length + 1);
  const total = words.reduce((a, b) => a + b, 0);
  const weights = new Float64Array(words.map((count) => count / total));
  return { page, lines, facts, hand, features: lineFeatures(facts, hand), labels, weights };
}

/** Fit every model of the extractor to the pages: the body model first, then the choices that read its verdict. */
export function fitExtractor(pages: readonly PreparedPage[]): ExtractorModel {
  const body = fitBody(pages);
  const located = pages.map((p) => locateArticle(p, body));
  const headline = fitHeadline(located);
  const date = fitDate(located, headline);
  return { body, headline, date, source: fitSource(located, { body, headline, date, source: [] }) };
}

/**
 * A name that names the site and nothing else: it matches the gold site (sourceMatches) and
 * every word of it but a domain ending is a word of the site ("WSJ", "WSJ.com" for "WSJ";
 * not "WSJ Conference", a menu item that also matches). Training on the looser match taught
 * the model to like menu items.
 */
function namesOnly(site: string, name: string): boolean {
  if (!sourceMatches(site, name)) return false;
  const siteWords = new Set(plainWords(site));
  return plainWords(name).every((word) => siteWords.has(word) || DOMAIN_ENDINGS.has(word));
}
const DOMAIN_ENDINGS = new Set(['com', 'org', 'net', 'co', 'uk', 'io', 'news', 'de', 'fr', 'info']);

/** The publisher model: the page's names compete with "none"; right are those that name the gold site and nothing else, or "none" when the page has no site. */
function fitSource(pages: readonly Located[], fitted: ExtractorModel): number[] {
  const choices = pages.map(({ prepared, article, region }) => {
    // The header as the extractor reads it with the models fitted so far: its headline and section.
    const header = readHeader(prepared.facts, region, new Array(prepared.lines.length), fitted, article);
    const candidates = sourceCandidates({ facts: prepared.facts, keep: article.keep, titleIndex: header.titleIndex, section: header.section });
    const site = prepared.page.gold.site;
    const none = candidates.length - 1;
    const gold = typeof site === 'string' ? candidates.flatMap((c, i) => (c.name !== '' && namesOnly(site, c.name) ? [i] : [])) : [none];
    return { candidates: candidates.map((c) => c.features), gold };
  });
  return fitChoice(choices, SOURCE_FEATURES.length);
}

interface Located {
  prepared: PreparedPage;
  article: ArticleLines;
  /** The body's region as the extractor reads it (header lines at its start skipped). */
  region: Region;
}

/** The article as the extractor finds it with this body model (in-sample: the choices learn from what the extractor will see). */
function locateArticle(prepared: PreparedPage, body: TreeModel): Located {
  const article = articleLines(prepared.facts, prepared.hand, body);
  return { prepared, article, region: skipHeaderInRegion(prepared.facts, article.span) };
}

/** The date model: on each page, the printed dates compete; right are those of the gold day. */
function fitDate(pages: readonly Located[], headline: readonly number[]): number[] {
  const choices = pages.map(({ prepared, article, region }) => {
    const { from, to } = headlineWindow(prepared.facts, region);
    const titleIndex = findHeadline(headlineContext(prepared.facts, region, article.logOdds), from, to, headline);
    const candidates = dateCandidates({ facts: prepared.facts, anchor: titleIndex ?? region.start, region, logOdds: article.logOdds });
    const day = prepared.page.gold.date;
    const gold = day === null ? [] : candidates.flatMap((c, i) => (calendarDay(c.date.iso) === day || c.date.iso.slice(0, 10) === day ? [i] : []));
    return { candidates: candidates.map((c) => c.features), gold };
  });
  return fitChoice(choices, DATE_FEATURES.length);
}

/** The headline model: on each page, the candidate lines compete; right are those that read as a gold headline. */
function fitHeadline(pages: readonly Located[]): number[] {
  const choices = pages.map(({ prepared, article, region }) => {
    const { from, to } = headlineWindow(prepared.facts, region);
    const candidates = headlineCandidates(headlineContext(prepared.facts, region, article.logOdds), from, to);
    const titles = new Set(prepared.page.gold.titles.map(normaliseTitle));
    const reads = (text: string) => titles.has(normaliseTitle(text)) || titles.has(normaliseTitle(stripSiteSuffix(text).title));
    const gold = candidates.flatMap((c, i) => (reads((prepared.lines[c.index] as Line).text) ? [i] : []));
    return { candidates: candidates.map((c) => c.features), gold };
  });
  return fitChoice(choices, HEADLINE_FEATURES.length);
}

function fitBody(pages: readonly PreparedPage[]): TreeModel {
  const stride = LINE_FEATURES.length;
  const n = pages.reduce((sum, p) => sum + p.labels.length, 0);
  const x = new Float64Array(n * stride);
  const y = new Uint8Array(n);
  const w = new Float64Array(n);
  let row = 0;
  for (const p of pages) {
    x.set(p.features, row * stride);
    y.set(p.labels, row);
    w.set(p.weights, row);
    row += p.labels.length;
  }
  return trainGbdt(x, stride, y, w, DEFAULT_GBDT);
}

/** The weights file's source: the same model gives the same bytes. */
export function weightsSource(model: ExtractorModel, trainedOn: readonly string[]): string {
  const trees = model.body.trees.map((tree) => `      [${tree.join(', ')}],`).join('\n');
  const choice = (names: readonly string[], weights: readonly number[]) => names.map((name, j) => `    ${weights[j]}, // ${name}`).join('\n');
  return `/**
 * Written by \`npm run train:extract -- <dataset-dir>...\`; do not edit by hand.
 * Fitted on ${trainedOn.join(', ')}.
 *
 * body: gradient-boosted trees over the features of model/line-features.ts (${LINE_FEATURES.length} a line),
 * four numbers a node (model/trees.ts). headline, date, source: one weight per feature
 * of model/headline-features.ts, date-features.ts and source-features.ts (model/choice.ts).
 */
import type { ExtractorModel } from './index.ts';

export const WEIGHTS: ExtractorModel = {
  body: {
    base: ${model.body.base},
    trees: [
${trees}
    ],
  },
  headline: [
${choice(HEADLINE_FEATURES, model.headline)}
  ],
  date: [
${choice(DATE_FEATURES, model.date)}
  ],
  source: [
${choice(SOURCE_FEATURES, model.source)}
  ],
};
`;
}

export const WEIGHTS_FILE = path.join(import.meta.dirname, '../../src/extract/model/weights.ts');

export function writeWeights(model: ExtractorModel, trainedOn: readonly string[], file = WEIGHTS_FILE): void {
  writeFileSync(file, weightsSource(model, trainedOn));
}
