/**
 * Evaluate the topic finder against hand-labelled topics (scripts/topics-gold.json).
 *
 *   npm run eval:topics -- <dataset-dir or articles-dir>... [--verbose]
 *
 * A dataset directory holds `pages/*.txt` (as ../shared/extraction-dev); any other
 * directory is read as a folder of article files (articles/). Gold keys are
 * `<folder name>/<page name>` for datasets and `articles/<file>` for article folders.
 * Precision and recall are over topics pooled across the labelled pages of each set
 * (an extracted topic matches a gold one when its folded name is the gold name or one of
 * its `also` forms); kind is the share of matched topics with the gold kind. Every page of
 * every set, labelled or not, is checked for junk topics by rules of this script's own
 * (weekdays and months, lone stopwords, chrome words), independent of the finder's rules.
 * No page text is printed; `--verbose` lists the topics found and missed by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';
import * as lists from 'stopword';
import { extract } from '../src/extract/index.ts';
import type { Topic } from '../src/record.ts';

interface GoldTopic {
  name: string;
  kind: Topic['kind'];
  also?: string[];
}
const gold = JSON.parse(readFileSync(path.join(import.meta.dirname, 'topics-gold.json'), 'utf8')) as { pages: Record<string, GoldTopic[]> };

/** Folded for matching: case, hyphens and dots as spaces, no leading "the" (the gold file's rule 4). */
const fold = (name: string) => name.normalize('NFC').toLowerCase().replace(/[.\-‐‑–—'’]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^the /, '');

/** Junk by this script's own lists: English calendar words, any stopword list's words alone, words of page chrome. */
const CALENDAR = new Set('monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
const CHROME = new Set('photo photos image images picture video home privacy policy cookies cookie terms subscribe newsletter advertisement share comments menu search login sign read more follow copyright credit getty shutterstock reuters/ related latest'.split(' '));
/** English's stopwords and the page's language's (by its two-letter tag, through the lists' ISO 639-3 codes). */
const listOf = (code: string) => new Set(((lists as Record<string, unknown>)[code] as string[] | undefined ?? []).map((w) => String(w).toLowerCase()));
const ENGLISH = listOf('eng');
const stopwordsOf = (tag: string): ReadonlySet<string> => new Set([...ENGLISH, ...listOf(Object.entries(iso6393To1).find(([, two]) => two === tag.split('-')[0])?.[0] ?? tag)]);
function junkReason(topic: Topic, language: string): string | undefined {
  const STOPWORDS = stopwordsOf(language);
  const words = fold(topic.name).split(' ');
  if (words.some((w) => CALENDAR.has(w)) && words.length === 1) return 'calendar word';
  if (CALENDAR.has(words[0]!)) return 'starts with a calendar word';
  if (words.length === 1 && STOPWORDS.has(words[0]!) && topic.name !== topic.name.toUpperCase()) return 'lone stopword';
  if (words.every((w) => CHROME.has(w))) return 'chrome word';
  if (CHROME.has(words[0]!) && ['photo', 'image', 'picture', 'credit', 'copyright'].includes(words[0]!)) return 'photo credit';
  if (topic.name.replace(/[^\p{L}]/gu, '').length < 2) return 'no name';
  return undefined;
}

function pagesOf(dir: string): { id: string; file: string; text: string }[] {
  const pagesDir = path.join(dir, 'pages');
  const isDataset = readdirSync(dir).includes('pages');
  const folder = isDataset ? pagesDir : dir;
  const set = path.basename(path.resolve(dir));
  return readdirSync(folder)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
    .sort()
    .map((f) => ({ id: isDataset ? `${set}/${f.replace(/\.txt$/, '')}` : `articles/${f}`, file: f, text: readFileSync(path.join(folder, f), 'utf8').normalize('NFC').replace(/\r\n?/g, '\n') }));
}

function main(): void {
  const args = process.argv.slice(2);
  const dirs = args.filter((a) => !a.startsWith('--'));
  const verbose = args.includes('--verbose');
  if (dirs.length === 0) {
    console.error('usage: npm run eval:topics -- <dataset-or-articles-dir>... [--verbose]');
    process.exit(2);
  }
  const rows: Record<string, Record<string, string | number>> = {};
  let totalJunk = 0;
  for (const dir of dirs) {
    let tp = 0, found = 0, goldCount = 0, matchedGold = 0, kindRight = 0, labelled = 0, pages = 0, topicsFound = 0;
    const junk: string[] = [];
    for (const page of pagesOf(dir)) {
      pages++;
      let topics: Topic[];
      let language: string;
      try {
        ({ topics, language } = extract(page.text, { file: page.file }));
      } catch {
        continue; // a page the extractor refuses has no topics
      }
      topicsFound += topics.length;
      for (const topic of topics) {
        const reason = junkReason(topic, language);
        if (reason !== undefined) junk.push(`${page.id}: ${JSON.stringify(topic.name)} (${reason})`);
      }
      const labels = gold.pages[page.id];
      if (labels === undefined) continue;
      labelled++;
      const forms = labels.map((g) => new Set([g.name, ...(g.also ?? [])].map(fold)));
      const hit = new Set<number>();
      const extra: string[] = [];
      for (const topic of topics) {
        const index = forms.findIndex((f) => f.has(fold(topic.name)));
        found++;
        if (index === -1) extra.push(`${topic.name} (${topic.kind})`);
        else {
          tp++;
          if (!hit.has(index)) {
            hit.add(index);
            if (labels[index]!.kind === topic.kind) kindRight++;
          }
        }
      }
      goldCount += labels.length;
      matchedGold += hit.size;
      if (verbose) {
        const missed = labels.filter((_, i) => !hit.has(i)).map((g) => g.name);
        console.log(`${page.id}\n  extra:  ${extra.join('; ') || '—'}\n  missed: ${missed.join('; ') || '—'}`);
      }
    }
    totalJunk += junk.length;
    for (const line of junk) console.log(`junk  ${line}`);
    const set = path.basename(path.resolve(dir));
    rows[set] = {
      pages,
      labelled,
      'topics / page': pages === 0 ? 0 : +(topicsFound / pages).toFixed(1),
      precision: labelled === 0 ? '–' : +(found === 0 ? 1 : tp / found).toFixed(3),
      recall: labelled === 0 ? '–' : +(goldCount === 0 ? 1 : matchedGold / goldCount).toFixed(3),
      'kind right': matchedGold === 0 ? '–' : +(kindRight / matchedGold).toFixed(3),
      junk: junk.length,
    };
  }
  console.table(rows);
  console.log('Precision: found topics that are labelled; recall: labelled topics found (pooled over the labelled pages). Junk: on every page of the set. Targets: precision ≥ 0.90, recall ≥ 0.80, junk 0.');
  if (totalJunk > 0) process.exitCode = 1;
}

main();
