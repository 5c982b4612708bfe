/**
 * Labelled datasets of copied pages (`pages/page-NNN.txt` + `gold.json`), as in
 * ../shared/extraction-dev: loading them, and the metric their README defines.
 * Used by the evaluation and training scripts only; never part of the extractor.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Gold {
  /** Accepted headlines (the visible one and the metadata's, when they differ). */
  titles: string[];
  /** `YYYY-MM-DD` or null. */
  date: string | null;
  /** The publisher's name from the page's metadata (`og:site_name`), or null. */
  site?: string | null;
  /** The article body as the publisher wrote it. */
  body: string;
}

export interface GoldPage {
  /** `<dataset folder name>/<page name>`, unique across datasets. */
  id: string;
  /** The dataset's folder name. */
  set: string;
  /** The page's text, NFC, `\n` line endings (as the read stage gives it to the extractor). */
  text: string;
  gold: Gold;
}

export function loadDataset(dir: string): GoldPage[] {
  const set = path.basename(path.resolve(dir));
  const gold = JSON.parse(readFileSync(path.join(dir, 'gold.json'), 'utf8')) as Record<string, Gold>;
  return readdirSync(path.join(dir, 'pages'))
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.txt$/, '');
      const g = gold[name];
      if (!g) throw new Error(`${dir}: ${name} is not in gold.json`);
      const text = readFileSync(path.join(dir, 'pages', file), 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
      return { id: `${set}/${name}`, set, text, gold: g };
    });
}

// ── The metric (README of the dataset) ──────────────────────────────────────

/** Tokens are the matches of `\w+` with Unicode word characters. */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Pc}]+/gu;
const SHINGLE = 4;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Counts of the runs of four consecutive tokens (one shorter run for a text of fewer tokens). */
export function shingles(text: string): Map<string, number> {
  const words = tokens(text);
  const counts = new Map<string, number>();
  if (words.length === 0) return counts;
  const n = Math.min(SHINGLE, words.length);
  for (let i = 0; i + n <= words.length; i++) {
    const key = words.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface BodyScore {
  /** Undefined when the extracted body has no shingle at all. */
  precision?: number;
  /** Undefined when the gold body is empty. */
  recall?: number;
  f1: number;
}

export function bodyScore(gold: string, extracted: string): BodyScore {
  const g = shingles(gold);
  const e = shingles(extracted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, a] of g) {
    const b = e.get(key) ?? 0;
    tp += Math.min(a, b);
    fn += Math.max(0, a - b);
  }
  for (const [key, b] of e) fp += Math.max(0, b - (g.get(key) ?? 0));
  const precision = tp + fp > 0 ? tp / (tp + fp) : undefined;
  const recall = tp + fn > 0 ? tp / (tp + fn) : undefined;
  const p = fp === 0 && fn === 0 ? 1 : (precision ?? 0);
  const r = fp === 0 && fn === 0 ? 1 : (recall ?? 0);
  return { precision: precision === undefined ? undefined : p, recall: recall === undefined ? undefined : r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

/** Lower case, straight quotes, one space. */
export function normaliseTitle(text: string): string {
  return text.toLowerCase().replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"').replace(/\s+/g, ' ').trim();
}

/** Does the extracted source name the gold site? Case and punctuation ignored; one contains the other, or they share half their words. */
export function sourceMatches(site: string, source: string | undefined): boolean {
  if (source === undefined) return false;
  const a = plainWords(site);
  const b = plainWords(source);
  if (a.length === 0 || b.length === 0) return false;
  const x = ` ${a.join(' ')} `;
  const y = ` ${b.join(' ')} `;
  if (x.includes(y) || y.includes(x)) return true;
  const shared = new Set(a.filter((word) => b.includes(word))).size;
  return shared > 0 && 2 * shared >= Math.max(new Set(a).size, new Set(b).size);
}

/** Lower-case words of letters and digits. */
export function plainWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Does the page's text print the site's name (the pages the source measure counts)? */
export function printsSite(text: string, site: string): boolean {
  const words = plainWords(site).join(' ');
  return words !== '' && ` ${plainWords(text).join(' ')} `.includes(` ${words} `);
}

/**
 * The day of a date. A date with a time and a zone is an instant: its day is taken in
 * UTC, as the gold dates are. A bare day is compared as it is.
 */
export function calendarDay(iso: string): string {
  return iso.length > 10 ? new Date(iso).toISOString().slice(0, 10) : iso;
}

/**
 * How much of each line belongs to the gold body: the share of the line's tokens covered
 * by a run of four tokens of the page (read across line ends, so a subheading is covered
 * with the paragraph after it) that is also a run of the gold body. A menu item is never
 * covered: its runs with its neighbours are not in the article.
 */
export function lineCoverage(lines: readonly string[], goldBody: string): Float64Array {
  const gold = new Set<string>();
  const goldTokens = tokens(goldBody);
  for (let i = 0; i + SHINGLE <= goldTokens.length; i++) gold.add(goldTokens.slice(i, i + SHINGLE).join(' '));
  if (goldTokens.length > 0 && goldTokens.length < SHINGLE) gold.add(goldTokens.join(' '));
  const stream: string[] = [];
  const owner: number[] = [];
  lines.forEach((line, i) => {
    for (const token of tokens(line)) {
      stream.push(token);
      owner.push(i);
    }
  });
  const covered = new Uint8Array(stream.length);
  const n = Math.min(SHINGLE, Math.max(1, goldTokens.length));
  for (let i = 0; i + n <= stream.length; i++) {
    if (gold.has(stream.slice(i, i + n).join(' '))) covered.fill(1, i, i + n);
  }
  const total = new Float64Array(lines.length);
  const hit = new Float64Array(lines.length);
  for (let t = 0; t < stream.length; t++) {
    const i = owner[t] as number;
    total[i] = (total[i] as number) + 1;
    hit[i] = (hit[i] as number) + (covered[t] as number);
  }
  return total.map((count, i) => (count === 0 ? 0 : (hit[i] as number) / count));
}
