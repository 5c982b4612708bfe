/**
 * Filters by year, by source and by topic, with counts. Pure; browser and Node.
 *
 * Every document's year and source come from the manifest (documents are numbered in
 * date order, so a year is a run of numbers; sources are one number per document), so
 * the counts cover every result, not just the ones drawn. A document has any number of
 * topics (the manifest's `docTopics`), so topic counts add one per topic of each result.
 */
import { SOURCE_DIGITS, type Manifest } from './shard-format.ts';

/** The year filter's value for articles without a date. */
export const UNDATED = 'undated';

export interface Filters {
  year?: string;
  source?: string;
  topic?: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  years: FacetCount[];
  sources: FacetCount[];
  /** Most results first. */
  topics: FacetCount[];
  /** Results that pass the other filters: what "All" of each group would show. */
  yearTotal: number;
  sourceTotal: number;
  topicTotal: number;
}

export class DocFacets {
  /** Year names by number; number 0 is for documents in no run of the manifest (undated). */
  private readonly yearNames: string[];
  private readonly yearOf: Int32Array;
  /** Source names by number, the manifest's and then `''` for a number it does not have. */
  private readonly sourceNames: string[];
  private readonly sourceOf: Int32Array;
  /** Topic names by number; document d's topic numbers are `topicList[topicStart[d] … topicStart[d + 1])`. */
  private readonly topicNames: string[];
  private readonly topicStart: Int32Array;
  private readonly topicList: Int32Array;

  /**
   * Numbers per document in typed arrays, not names in arrays of strings, and counts in
   * typed arrays, not maps keyed by name: this runs on the way to the first result, before
   * the browser has compiled it, over every document and then every hit.
   */
  constructor(manifest: Manifest) {
    const n = manifest.docCount;
    this.yearNames = [UNDATED];
    this.yearOf = new Int32Array(n);
    for (const [year, start, count] of manifest.years) this.yearOf.fill(this.yearNames.push(year === '' ? UNDATED : year) - 1, start, start + count);
    this.sourceNames = [...manifest.sources, ''];
    const none = this.sourceNames.length - 1;
    this.sourceOf = new Int32Array(n).fill(none);
    const width = manifest.sourceWidth;
    const text = manifest.docSources;
    for (let d = 0, i = 0; d < n && i < text.length; d++, i += width) {
      let value = 0;
      for (let j = 0; j < width; j++) value = value * 64 + (DIGIT_VALUES[text.charCodeAt(i + j)] ?? -1);
      this.sourceOf[d] = value >= 0 && value < none ? value : none;
    }
    this.topicNames = manifest.topics ?? [];
    this.topicStart = new Int32Array(n + 1);
    const lists = (manifest.docTopics ?? '').split(',');
    const topicWidth = manifest.topicWidth ?? 1;
    const numbers: number[] = [];
    for (let d = 0; d < n; d++) {
      this.topicStart[d] = numbers.length;
      const list = lists[d] ?? '';
      for (let i = 0; i + topicWidth <= list.length; i += topicWidth) {
        let value = 0;
        for (let j = 0; j < topicWidth; j++) value = value * 64 + (DIGIT_VALUES[list.charCodeAt(i + j)] ?? -1);
        if (value >= 0 && value < this.topicNames.length) numbers.push(value);
      }
    }
    this.topicStart[n] = numbers.length;
    this.topicList = Int32Array.from(numbers);
  }

  /** The document's topic names. */
  topics(doc: number): string[] {
    const names: string[] = [];
    for (let i = this.topicStart[doc]!; i < this.topicStart[doc + 1]!; i++) names.push(this.topicNames[this.topicList[i]!]!);
    return names;
  }

  private hasTopic(doc: number, topic: string | undefined): boolean {
    if (topic === undefined) return true;
    for (let i = this.topicStart[doc]!; i < this.topicStart[doc + 1]!; i++) if (this.topicNames[this.topicList[i]!] === topic) return true;
    return false;
  }

  year(doc: number): string {
    return this.yearNames[this.yearOf[doc]!] ?? UNDATED;
  }

  source(doc: number): string {
    return this.sourceNames[this.sourceOf[doc]!] ?? '';
  }

  matches(doc: number, filters: Filters): boolean {
    return (filters.year === undefined || this.year(doc) === filters.year) && (filters.source === undefined || this.source(doc) === filters.source) && this.hasTopic(doc, filters.topic);
  }

  /**
   * Counts per year among the results that pass the source and topic filters, per source
   * among those that pass the year and topic filters, per topic among those that pass the
   * year and source filters: each count says how many results choosing that
   * value would give. Years newest first (undated last; compared as strings, not with
   * `localeCompare`, whose first call loads the browser's collation data), sources by
   * count then name.
   */
  count(docs: number[], filters: Filters): Facets {
    const { yearNames, sourceNames, yearOf, sourceOf } = this;
    const yearPasses = Uint8Array.from(yearNames, (name) => (filters.year === undefined || name === filters.year ? 1 : 0));
    const sourcePasses = Uint8Array.from(sourceNames, (name) => (filters.source === undefined || name === filters.source ? 1 : 0));
    const perYear = new Int32Array(yearNames.length);
    const perSource = new Int32Array(sourceNames.length);
    const perTopic = new Int32Array(this.topicNames.length);
    let yearTotal = 0;
    let sourceTotal = 0;
    let topicTotal = 0;
    for (const doc of docs) {
      const year = yearOf[doc]!;
      const source = sourceOf[doc]!;
      const topicPasses = this.hasTopic(doc, filters.topic);
      if (sourcePasses[source] && topicPasses) {
        yearTotal++;
        perYear[year]!++;
      }
      if (yearPasses[year] && topicPasses) {
        sourceTotal++;
        perSource[source]!++;
      }
      if (yearPasses[year] && sourcePasses[source]) {
        topicTotal++;
        for (let i = this.topicStart[doc]!; i < this.topicStart[doc + 1]!; i++) perTopic[this.topicList[i]!]!++;
      }
    }
    // By name: two numbers with one name count as one value.
    const toList = (names: string[], counts: Int32Array, keep: (name: string) => boolean) => {
      const byName = new Map<string, number>();
      counts.forEach((count, i) => {
        if (count > 0 && keep(names[i]!)) byName.set(names[i]!, (byName.get(names[i]!) ?? 0) + count);
      });
      return [...byName].map(([value, count]) => ({ value, count }));
    };
    return {
      yearTotal,
      sourceTotal,
      topicTotal,
      years: toList(yearNames, perYear, () => true).sort((a, b) => (a.value === UNDATED ? 1 : b.value === UNDATED ? -1 : b.value < a.value ? -1 : b.value > a.value ? 1 : 0)),
      sources: toList(sourceNames, perSource, (name) => name !== '').sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
      topics: toList(this.topicNames, perTopic, () => true).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    };
  }
}

/** `SOURCE_DIGITS.indexOf`, by character code. */
const DIGIT_VALUES: Record<number, number> = Object.fromEntries([...SOURCE_DIGITS].map((c, i) => [c.charCodeAt(0), i]));
