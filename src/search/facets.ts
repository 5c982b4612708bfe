/**
 * Filters by year and by source, with counts. Pure; browser and Node.
 *
 * Every document's year and source come from the manifest (documents are numbered
 * newest first, so a year is a run of numbers; sources are one number per document), so
 * the counts cover every result, not just the ones drawn.
 */
import { decodeNumbers, type Manifest } from './shard-format.ts';

/** The year filter's value for articles without a date. */
export const UNDATED = 'undated';

export interface Filters {
  year?: string;
  source?: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface Facets {
  years: FacetCount[];
  sources: FacetCount[];
  /** Results that pass the source filter (what "all years" would show), and the year filter. */
  yearTotal: number;
  sourceTotal: number;
}

export class DocFacets {
  private readonly years: string[];
  private readonly sources: string[];

  constructor(manifest: Manifest) {
    this.years = new Array<string>(manifest.docCount);
    for (const [year, start, count] of manifest.years) this.years.fill(year === '' ? UNDATED : year, start, start + count);
    this.sources = decodeNumbers(manifest.docSources, manifest.sourceWidth).map((n) => manifest.sources[n] ?? '');
  }

  year(doc: number): string {
    return this.years[doc] ?? UNDATED;
  }

  source(doc: number): string {
    return this.sources[doc] ?? '';
  }

  matches(doc: number, filters: Filters): boolean {
    return (filters.year === undefined || this.year(doc) === filters.year) && (filters.source === undefined || this.source(doc) === filters.source);
  }

  /**
   * Counts per year among the results that pass the source filter, and per source among
   * those that pass the year filter: each count says how many results choosing that
   * value would give. Years newest first (undated last), sources by count then name.
   */
  count(docs: number[], filters: Filters): Facets {
    const years = new Map<string, number>();
    const sources = new Map<string, number>();
    let yearTotal = 0;
    let sourceTotal = 0;
    for (const doc of docs) {
      if (filters.source === undefined || this.source(doc) === filters.source) {
        yearTotal++;
        years.set(this.year(doc), (years.get(this.year(doc)) ?? 0) + 1);
      }
      const source = this.source(doc);
      if (filters.year === undefined || this.year(doc) === filters.year) {
        sourceTotal++;
        if (source !== '') sources.set(source, (sources.get(source) ?? 0) + 1);
      }
    }
    const toList = (map: Map<string, number>) => [...map].map(([value, count]) => ({ value, count }));
    return {
      yearTotal,
      sourceTotal,
      years: toList(years).sort((a, b) => (a.value === UNDATED ? 1 : b.value === UNDATED ? -1 : b.value.localeCompare(a.value))),
      sources: toList(sources).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)),
    };
  }
}
