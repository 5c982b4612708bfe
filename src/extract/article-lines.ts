/**
 * Which lines are the article: the body model's verdict on every line, made into one
 * article.
 *
 * The model (model/line-features.ts, model/trees.ts) gives each line the log-odds that
 * it belongs to the article. An article is one stretch of the page: the stretch with the
 * highest total log-odds (Kadane's maximum-sum span, as the hand-made region search of
 * region.ts does with its scores), each line's log-odds clipped so that one very sure
 * line cannot carry a stretch on its own, plus a small bonus per line that lets the
 * stretch cross a few doubtful lines (a caption, a subheading, an advertisement) between
 * paragraphs. Inside the stretch, the lines the model is clearly against are left out.
 * Comments below the article, a link box above it and the menus around it fall outside.
 *
 * A page so short that the model doubts every line (a headline, a date and one sentence:
 * too little around each line for its features to tell) keeps the densest run of prose
 * that the hand-made scores found (region.ts), less the lines the model rejects.
 */
import type { PageFacts } from './header.ts';
import { lineFeatures, LINE_FEATURES } from './model/line-features.ts';
import { treeScore, type TreeModel } from './model/trees.ts';
import type { Region } from './region.ts';
import { ARTICLE_LINE_BONUS, ARTICLE_LOG_ODDS_CLIP, ARTICLE_MIN_LOG_ODDS } from './settings.ts';

export interface ArticleLines {
  /** 1 for each line of the page that belongs to the article. */
  keep: Uint8Array;
  /** The article's stretch: its first and last line (`end < start` when the page has none). */
  span: Region;
  /** The model's log-odds for every line. */
  logOdds: Float64Array;
}

/** Score every line with the body model and find the article's stretch. `hand` is the hand-made region (a feature). */
export function articleLines(facts: PageFacts, hand: Region, model: TreeModel): ArticleLines {
  const n = facts.lines.length;
  const features = lineFeatures(facts, hand);
  const stride = LINE_FEATURES.length;
  const logOdds = new Float64Array(n);
  for (let i = 0; i < n; i++) logOdds[i] = treeScore(model, features, i * stride);
  const article = decodeArticle(logOdds);
  return article.span.end >= article.span.start || hand.end < hand.start ? article : keepInside(logOdds, hand);
}

/** The maximum-sum stretch of clipped log-odds plus the bonus, and the lines in it the model does not reject. */
export function decodeArticle(logOdds: Float64Array): ArticleLines {
  const n = logOdds.length;
  let best = 0;
  let bestStart = 0;
  let bestEnd = -1;
  let sum = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += Math.max(-ARTICLE_LOG_ODDS_CLIP, Math.min(ARTICLE_LOG_ODDS_CLIP, logOdds[i] as number)) + ARTICLE_LINE_BONUS;
    if (sum > best) {
      best = sum;
      bestStart = start;
      bestEnd = i;
    }
  }
  return keepInside(logOdds, { start: bestStart, end: bestEnd });
}

/** The lines of `span` the model does not reject. */
function keepInside(logOdds: Float64Array, span: Region): ArticleLines {
  const keep = new Uint8Array(logOdds.length);
  for (let i = span.start; i <= span.end; i++) if ((logOdds[i] as number) > ARTICLE_MIN_LOG_ODDS) keep[i] = 1;
  return { keep, span: { start: span.start, end: span.end }, logOdds };
}
