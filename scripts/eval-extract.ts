/**
 * Evaluate the extractor on labelled datasets.
 *
 *   npm run eval:extract -- <dataset-dir>... [--verbose] [--committed]
 *
 * Each dataset holds `pages/*.txt` and `gold.json` (page name → { titles, date, site,
 * body }); the metric is the one ../shared/extraction-dev/README.md defines (body: runs
 * of four words, precision and recall averaged over pages, F1 their harmonic mean;
 * headline exact; date same day over the pages whose text prints the gold date; source
 * naming the gold site over the pages whose text prints it; pages that lost their
 * article, F1 < 0.3, not counting pages copied to an empty text).
 *
 * First table: the committed models (src/extract/model/weights.ts) on each dataset.
 * Then, for each dataset, models fitted here (scripts/lib/fit-extractor.ts, as
 * `npm run train:extract` fits them):
 * - in-sample: fitted on every page of every dataset given;
 * - 5-fold CV: each page scored by models fitted on the other four fifths of all pages;
 * - cross-set: fitted on the other datasets only — the figure to expect on pages of a
 *   kind nobody tuned for, and the one the README quotes.
 * `--committed` prints the first table and the diagnostics only (seconds, not minutes).
 * No page text is printed except in the diagnostics of misses, on the terminal.
 */
import type { ExtractorModel } from '../src/extract/model/index.ts';
import { calendarDay, loadDataset, type GoldPage } from './lib/dataset.ts';
import { classifyGoldDate, DATE_CLASSES, type DateClass, headerDates, printedDates } from './lib/date-audit.ts';
import { goldFacts, scorePage, summarise, summaryRow, type GoldFacts, type PageResult } from './lib/extract-metrics.ts';
import { fitExtractor, preparePage, type PreparedPage } from './lib/fit-extractor.ts';

const FOLDS = 5;

interface Set {
  name: string;
  pages: GoldPage[];
  facts: GoldFacts[];
}

function main(): void {
  const args = process.argv.slice(2);
  const dirs = args.filter((arg) => !arg.startsWith('--'));
  const verbose = args.includes('--verbose');
  if (dirs.length === 0) {
    console.error('usage: npm run eval:extract -- <dataset-dir>... [--verbose] [--committed]');
    process.exit(2);
  }
  const sets: Set[] = dirs.map((dir) => {
    const pages = loadDataset(dir);
    return { name: pages[0]?.set ?? dir, pages, facts: pages.map(goldFacts) };
  });
  const score = (set: Set, model?: ExtractorModel) => set.pages.map((page, i) => scorePage(page, set.facts[i] as GoldFacts, model));

  const committed = sets.map((set) => score(set));
  console.log('The committed models (src/extract/model/weights.ts):');
  console.table(Object.fromEntries(sets.map((set, i) => [set.name, summaryRow(summarise(committed[i] as PageResult[]))])));

  let diagnosed = committed;
  if (!args.includes('--committed')) {
    const prepared = new Map<GoldPage, PreparedPage>();
    for (const set of sets) for (const page of set.pages) prepared.set(page, preparePage(page));
    const fit = (pages: GoldPage[]) => fitExtractor(pages.map((page) => prepared.get(page) as PreparedPage));
    const all = sets.flatMap((set) => set.pages);
    const fold = new Map<GoldPage, number>();
    for (const set of sets) set.pages.forEach((page, i) => fold.set(page, i % FOLDS));

    const rows: Record<string, Record<string, string>> = {};
    const inSample = fit(all);
    const cvModels = Array.from({ length: FOLDS }, (_, f) => fit(all.filter((page) => fold.get(page) !== f)));
    const crossSet: PageResult[][] = [];
    sets.forEach((set, s) => {
      rows[`${set.name} · in-sample`] = summaryRow(summarise(score(set, inSample)));
      const cv = set.pages.map((page, i) => scorePage(page, set.facts[i] as GoldFacts, cvModels[fold.get(page) as number]));
      rows[`${set.name} · ${FOLDS}-fold CV`] = summaryRow(summarise(cv));
      if (sets.length > 1) {
        const cross = score(set, fit(sets.filter((_, j) => j !== s).flatMap((other) => other.pages)));
        rows[`${set.name} · cross-set`] = summaryRow(summarise(cross));
        crossSet.push(cross);
      } else crossSet.push(cv);
    });
    console.log(`\nFitted here: in-sample (all ${all.length} pages), ${FOLDS}-fold cross-validation, cross-set (fitted on the other datasets only):`);
    console.table(rows);
    diagnosed = crossSet;
    console.log(`\nDiagnostics below are of the ${sets.length > 1 ? 'cross-set' : 'cross-validated'} models.`);
  }

  sets.forEach((set, s) => {
    const results = diagnosed[s] as PageResult[];
    const worst = [...results].sort((a, b) => a.f1 - b.f1).slice(0, verbose ? results.length : 10);
    console.log(`\n${set.name}: ${verbose ? 'all' : 'ten worst'} pages by body F1:`);
    for (const r of worst) console.log(describe(r));
    const misses = results.filter((r) => !worst.includes(r) && (!r.titleOk || r.dateOk === false || r.sourceOk === false));
    if (misses.length > 0) console.log(`\n${set.name}: other headline, date and source misses:`);
    for (const r of misses) console.log(describe(r));
    dateAudit(committed[s] as PageResult[]);
  });
}

/**
 * Where each gold date is printed in the text, and so how many dates a text-only
 * extractor can get right at most (see scripts/lib/date-audit.ts). Prints ids and
 * dates only, never page text.
 */
function dateAudit(results: PageResult[]): void {
  const byClass = new Map<DateClass, { id: string; ok: boolean; dayOff: boolean }[]>(DATE_CLASSES.map((c) => [c, []]));
  let undated = 0;
  let headerDated = 0;
  let given = 0;
  for (const r of results) {
    const { text, gold } = r.page;
    const dates = printedDates(text);
    if (gold.date === null) {
      undated++;
      if (headerDates(text, gold.titles, dates).length > 0) headerDated++;
      if (r.record?.date !== undefined) given++;
      continue;
    }
    const audit = classifyGoldDate(text, gold.date, dates);
    const ok = r.record?.date !== undefined && calendarDay(r.record.date) === gold.date;
    byClass.get(audit.cls)?.push({ id: r.page.id.replace(/^.*page-/, ''), ok, dayOff: audit.dayOffWithoutTime });
  }
  const rows: Record<string, { pages: number; 'extractor same day': string; ids: string }> = {};
  for (const [cls, pages] of byClass) {
    rows[cls] = {
      pages: pages.length,
      'extractor same day': `${pages.filter((p) => p.ok).length}/${pages.length}`,
      ids: pages.map((p) => `${p.id}${p.ok ? '' : '✗'}${p.dayOff ? '¹' : ''}`).join(' '),
    };
  }
  console.log(`\ndate audit, committed models (pages with a gold date; ✗ = extractor's day differs; ¹ = a date one day off is printed, without a time):`);
  console.table(rows);
  console.log(`gold-null pages: ${undated}; ${headerDated} print a full date in their header; the extractor gave a date on ${given}`);
}

function describe(r: PageResult): string {
  const { gold } = r.page;
  const lines = [`- ${r.page.id}: F1 ${r.f1.toFixed(2)} (P ${r.precision?.toFixed(2) ?? '–'}, R ${r.recall?.toFixed(2) ?? '–'})`];
  if (r.error) lines.push(`    error: ${r.error}`);
  if (!r.titleOk) lines.push(`    title: got ${JSON.stringify(r.record?.title)} (${r.record?.titleSource}), want ${JSON.stringify(gold.titles[0])}`);
  if (r.dateOk === false) lines.push(`    date: got ${r.record?.date ?? 'none'}, want ${gold.date}`);
  if (r.sourceOk === false) lines.push(`    source: got ${JSON.stringify(r.record?.source)}, want ${JSON.stringify(gold.site)}`);
  return lines.join('\n');
}

main();
