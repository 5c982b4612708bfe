/**
 * The home page's timeline: a bar chart of articles per year, laid out at build time
 * (templates/_includes/partials/timeline.njk draws it as inline SVG; no chart library,
 * no script). Pure geometry in SVG user units (1 unit = 1 CSS pixel at natural size).
 *
 * Every year from the oldest to the newest gets a column, so gaps in the archive show
 * as gaps; a year with articles is a bar that links to its archive page, an empty year
 * is a tick on the baseline. Undated articles get a last, separate column. Bar heights
 * are proportional to the count, on a scale whose top is the busiest year.
 */
import type { YearGroup } from './types.ts';

/**
 * Width of one year's column. Each bar's link covers its whole column, and 32 px keeps
 * every link above WCAG 2.2's 24 × 24 px target size while a four-digit year label
 * (about 26 px at `LABEL_SIZE`) still fits under each bar.
 */
export const MIN_COLUMN = 32;
/** A few years should not make a thumbnail: columns widen up to this… */
export const MAX_COLUMN = 72;
/** …until the chart is about this wide (a comfortable width in the home page's column). */
export const TARGET_WIDTH = 640;
/** Share of a column the bar fills; the rest is the gap between bars. */
const BAR_SHARE = 0.62;
/** Height of the tallest bar. */
const PLOT_HEIGHT = 110;
/** Room above the bars for the count labels. */
const TOP = 20;
/** Room below the baseline for the year labels. */
const AXIS = 24;
/** A bar of one article among hundreds would vanish; it is drawn at least this tall. */
const MIN_BAR = 3;
/** Font size of the year and count labels; tabular figures, so every year is the same width. */
export const LABEL_SIZE = 12;
/** An empty year is labelled only on these multiples (decades), and only when its neighbours are not labelled. */
const EMPTY_LABEL_EVERY = 10;
/**
 * Room between two year labels' centres: a four-digit label is ~26 px in a narrow sans and
 * ~31 px in DejaVu Sans (Linux's usual fallback), so labels in neighbouring 32 px columns
 * touch. Narrower than this, labels are kept from the newest backwards (every other year
 * in a dense archive); each bar's link still names its year.
 */
export const LABEL_ROOM = 40;
/** The undated column is wider, to fit its label, and set apart by this gap. */
const UNDATED_COLUMN = 76;
const UNDATED_GAP = 16;

export interface TimelineColumn {
  /** `2021`, or `Undated`. */
  label: string;
  count: number;
  /** Site-relative URL of the year's page; absent for an empty year. */
  url?: string;
  /** Accessible name of the link: `2021: 3 articles`. */
  name: string;
  /** The column's left edge and width: the link's hit area. */
  x: number;
  width: number;
  /** The bar (absent height 0 for an empty year). */
  barX: number;
  barY: number;
  barWidth: number;
  barHeight: number;
  /** Horizontal centre, for the labels. */
  cx: number;
  /** Whether the year label is drawn under this column. */
  showLabel: boolean;
  undated: boolean;
}

export interface TimelineChart {
  width: number;
  height: number;
  /** y of the baseline; count labels sit above the bars, year labels below. */
  baseline: number;
  labelY: number;
  columns: TimelineColumn[];
  /** `2002–2021`, `2019`, or empty when nothing is dated. */
  range: string;
  /** Plain-text summary for the figure caption's description. */
  summary: string;
}

/** Years newest first, as SiteData has them; `undatedCount` articles without a date. */
export function timelineChart(years: readonly Pick<YearGroup, 'year' | 'url' | 'articles'>[], undatedCount: number): TimelineChart {
  const counts = new Map(years.map((y) => [Number(y.year), { count: y.articles.length, url: y.url }]));
  const numbers = [...counts.keys()].sort((a, b) => a - b);
  const first = numbers[0];
  const last = numbers.at(-1);
  const span = first === undefined || last === undefined ? 0 : last - first + 1;
  const column = clamp(Math.floor(TARGET_WIDTH / Math.max(1, span)), MIN_COLUMN, MAX_COLUMN);
  const max = Math.max(1, undatedCount, ...[...counts.values()].map((c) => c.count));
  const baseline = TOP + PLOT_HEIGHT;

  const bar = (x: number, width: number, count: number) => {
    const barWidth = Math.round(width * BAR_SHARE);
    const barHeight = count === 0 ? 0 : Math.max(MIN_BAR, Math.round((count / max) * PLOT_HEIGHT));
    return { barX: x + Math.round((width - barWidth) / 2), barY: baseline - barHeight, barWidth, barHeight, cx: x + width / 2 };
  };

  const columns: TimelineColumn[] = [];
  for (let i = 0; i < span; i++) {
    const year = first! + i;
    const entry = counts.get(year);
    const count = entry?.count ?? 0;
    const x = i * column;
    columns.push({
      label: String(year),
      count,
      ...(entry ? { url: entry.url } : {}),
      name: `${year}: ${plural(count)}`,
      x,
      width: column,
      ...bar(x, column, count),
      showLabel: count > 0 || (year % EMPTY_LABEL_EVERY === 0 && !counts.has(year - 1) && !counts.has(year + 1)),
      undated: false,
    });
  }
  if (undatedCount > 0) {
    const x = span * column + (span > 0 ? UNDATED_GAP : 0);
    columns.push({
      label: 'Undated',
      count: undatedCount,
      url: '/archive/undated/',
      name: `Undated: ${plural(undatedCount)}`,
      x,
      width: UNDATED_COLUMN,
      ...bar(x, UNDATED_COLUMN, undatedCount),
      showLabel: true,
      undated: true,
    });
  }

  // Labels too close to the next one to the right (the newest side) are dropped.
  let labelled = Infinity;
  for (let i = columns.length - 1; i >= 0; i--) {
    const col = columns[i]!;
    if (!col.showLabel) continue;
    if (labelled - col.cx < LABEL_ROOM) col.showLabel = false;
    else labelled = col.cx;
  }
  const width = columns.length === 0 ? 0 : columns.at(-1)!.x + columns.at(-1)!.width;
  const range = first === undefined ? '' : first === last ? String(first) : `${first}–${last}`;
  const dated = [...counts.values()].reduce((sum, c) => sum + c.count, 0);
  const summary = [
    range === ''
      ? 'No dated articles'
      : span === 1
        ? `${plural(dated)} in ${first}`
        : `${plural(dated)} in ${counts.size} of the ${span} years from ${first} to ${last}`,
    undatedCount > 0 ? `, and ${plural(undatedCount)} without a date.` : '.',
  ].join('');
  return { width, height: baseline + AXIS, baseline, labelY: baseline + AXIS - 7, columns, range, summary };
}

function plural(count: number): string {
  return `${count} ${count === 1 ? 'article' : 'articles'}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
