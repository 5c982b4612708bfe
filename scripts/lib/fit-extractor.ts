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
import { lineCoverage, tokens, type GoldPage } from './dataset.ts';
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

/** Fit every model of the extractor to the pages. */
export function fitExtractor(pages: readonly PreparedPage[]): ExtractorModel {
  return { body: fitBody(pages) };
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
  return `/**
 * Written by \`npm run train:extract -- <dataset-dir>...\`; do not edit by hand.
 * Fitted on ${trainedOn.join(', ')}.
 *
 * body: gradient-boosted trees over the features of model/line-features.ts (${LINE_FEATURES.length} a line),
 * four numbers a node (model/trees.ts).
 */
import type { ExtractorModel } from './index.ts';

export const WEIGHTS: ExtractorModel = {
  body: {
    base: ${model.body.base},
    trees: [
${trees}
    ],
  },
};
`;
}

export const WEIGHTS_FILE = path.join(import.meta.dirname, '../../src/extract/model/weights.ts');

export function writeWeights(model: ExtractorModel, trainedOn: readonly string[], file = WEIGHTS_FILE): void {
  writeFileSync(file, weightsSource(model, trainedOn));
}
