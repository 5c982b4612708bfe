/**
 * The search index of the previous build, brought up to date: only the files that differ
 * are written (into the build's staging folder, which src/pipeline/commit.ts then puts
 * in place), everything else stays as it is in the output.
 *
 * Each document of the new index either was in the previous one (the same record under
 * the same slug: its postings are the same) or is added; the previous documents that
 * are not kept are removed. The terms of the added and removed documents are "dirty":
 * their entries are read from the previous chunk files, the removed documents' postings
 * taken out, the added ones' (from their search profiles) put in, and the entries written
 * again. The chunks are cut again (shards.ts: each chunk ends where its terms say, so
 * only the ends next to dirty terms can move); a chunk whose terms are all clean and
 * were one chunk before is the same file, linked under its new number if that changed.
 * Documents are numbered oldest first, so the day's new articles take new numbers and
 * nothing else moves. When kept documents do take other numbers (an older article added,
 * one removed, or new articles dated among the newest), the entries of the terms of the
 * documents that moved are changed as text too, each number written as a delta from the
 * one before, so only the deltas around a document that came or went change
 * (entry-text.ts); every document file that moved is linked under its new number.
 *
 * Each segment of the index (shard-format.ts) is brought up to date on its own, its
 * documents numbered from 0 within it: a segment that starts where it did and holds the
 * same documents stays as it is (the first, on a day of new articles); one that starts
 * where it did is updated as above (the second, on such a day; the first, when an older
 * article is edited, or when the count passes a multiple of `SEGMENT_DOCS` and it takes
 * in the second's documents); one that starts elsewhere is written whole (the second,
 * then). The documents' files, the vocabulary and the manifest are the whole index's.
 *
 * The result is byte for byte the index a build from scratch writes for the same
 * articles (test/build/incremental.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memoized } from '../site/memo.ts';
import type { ArticlePage } from '../site/types.ts';
import { FIELDS, PostingsBuilder, type TermPostings } from './build-index.ts';
import { toSearchDoc } from './document-store.ts';
import { FileWriter } from './file-writer.ts';
import { forEachProfileTerm, profileLengths } from './profile.ts';
import { BODY_FIELD, chunkOf, paths, segmentStarts, type Manifest, type TermChunk } from './shard-format.ts';
import { appendToEntry, patchPositionEntry, patchTermEntry, splitChunk, tailFrom, withFirst } from './entry-text.ts';
import { chunkStarts, decodeEntries, docFacetEntry, LASTS, lastsOf, longestTerm, manifestOf, mergeAllSorted, newestOf, positionEntry, termEntry, vocabularyFiles, type ChunkLayout } from './shards.ts';

/** One segment of an index (shard-format.ts `segmentStarts`), as the build state keeps it. */
export interface SegmentShape {
  /** Its first document. */
  start: number;
  /** Each field's total length over its documents. */
  lengthSums: number[];
  /** Every term of it in order, the size of its chunk entry and the last document (in the segment) of each of its lists (shards.ts `ChunkLayout`). */
  terms: string[];
  sizes: number[];
  lasts: number[];
}

/** What an index is made of, as the build state keeps it (src/pipeline/build-state.ts `SearchState`). */
export interface IndexShape {
  /** By document number: the record key and the slug of the article. */
  keys: string[];
  slugs: string[];
  /** Each document's body length. */
  bodyLengths: number[];
  segments: SegmentShape[];
}

/** The previous index, and the folder it is in (the output). */
export interface PreviousIndex extends IndexShape {
  dir: string;
}

export interface IndexUpdate {
  /** The new index's documents, by number (build-index.ts `inDocumentOrder`), each with its record key. */
  pages: ArticlePage[];
  keys: string[];
  /** The added documents' profiles, in `builder` under `builderNumber(new document number)` (put there by `ensureProfile` when missing). */
  builder: PostingsBuilder;
  builderNumber: (doc: number) => number;
  ensureProfile: (doc: number) => Promise<void>;
  /** A document's search profile and text, from the record cache (undefined when it is not there). */
  profileOf: (key: string) => Promise<string | undefined>;
  textOf: (doc: number) => Promise<string>;
  /** shard-format.ts `SEGMENT_DOCS` (the tests make it small). */
  segmentDocs?: number;
}

export interface UpdatedIndex {
  /** Files written (or linked) into the staging folder. */
  written: string[];
  /** Every file of the new index but the client script and the standard lunr index. */
  files: string[];
  lengthSums: number[];
  bodyLengths: number[];
  segments: SegmentShape[];
  manifestJson: string;
  /** The new index's postings in term order (read from the staging folder or the previous one), for the standard lunr index. */
  postings: () => AsyncGenerator<[string, TermPostings]>;
}

/**
 * Thrown when the update cannot be made from what is at hand (a record it needs is gone
 * from the cache): the caller writes the index anew. Always before any file is written.
 */
export class CannotUpdate extends Error {}

export async function updateSearchIndex(dir: string, previous: PreviousIndex, update: IndexUpdate): Promise<UpdatedIndex> {
  const { pages, keys } = update;
  const writer = new FileWriter(dir);
  const oldFile = (file: string) => path.join(previous.dir, file);
  const { kept } = matchDocuments(previous, pages, keys);
  for (let doc = 0; doc < pages.length; doc++) if (kept[doc] === -1) await update.ensureProfile(doc);
  const bodyLengths = pages.map((_, doc) => (kept[doc] === -1 ? update.builder.lengthsOf(update.builderNumber(doc))[BODY_FIELD]! : previous.bodyLengths[kept[doc]!]!));

  // Each segment: as it was when it starts where it did and holds the same documents;
  // brought up to date when it starts where it did; else written whole (from an empty one).
  const starts = segmentStarts((doc) => pages[doc]!.date, pages.length, update.segmentDocs);
  const segments: SegmentShape[] = [];
  const chunkLists: string[][] = [];
  for (const [k, start] of starts.entries()) {
    const end = starts[k + 1] ?? pages.length;
    const before = previous.segments[k]?.start === start ? previous.segments[k]! : undefined;
    const beforeEnd = previous.segments[k + 1]?.start ?? previous.keys.length;
    if (before !== undefined && beforeEnd === end && sameDocuments(previous, pages, keys, start, end)) {
      segments.push(before);
      chunkLists.push(chunkStarts(before).map((i) => before.terms[i]!));
      continue;
    }
    // A segment that starts elsewhere now is made from an empty one: every document added.
    const from = before ?? { start, lengthSums: FIELDS.map(() => 0), terms: [], sizes: [], lasts: [] };
    const to = before === undefined ? start : beforeEnd;
    const old: PreviousSegment = { ...from, segment: k, keys: previous.keys.slice(start, to), slugs: previous.slugs.slice(start, to), bodyLengths: previous.bodyLengths.slice(start, to), file: oldFile };
    const local: SegmentUpdate = {
      pages: pages.slice(start, end),
      keys: keys.slice(start, end),
      bodyLengths: bodyLengths.slice(start, end),
      builder: update.builder,
      builderNumber: (doc) => update.builderNumber(start + doc),
      ensureProfile: (doc) => update.ensureProfile(start + doc),
      profileOf: update.profileOf,
    };
    const updated = await updateSegment(writer, old, local);
    segments.push({ start, lengthSums: updated.lengthSums, ...updated.layout });
    chunkLists.push(updated.chunks);
  }
  const lengthSums = FIELDS.map((_, f) => segments.reduce((sum, segment) => sum + segment.lengthSums[f]!, 0));

  // The vocabulary files of the lengths whose terms changed (none when every segment has the terms it had: an edit that adds no word).
  const sameTerms = segments.length === previous.segments.length && segments.every((segment, k) => sameList(segment.terms, previous.segments[k]!.terms));
  const docs = pages.map(docFacetEntry);
  const manifest: Manifest = manifestOf(docs, lengthSums, bodyLengths, segments.map((segment, k) => ({ start: segment.start, chunks: chunkLists[k]! })), Math.max(...segments.map((segment) => longestTerm(segment.terms))));
  if (!sameTerms) {
    const newTerms = mergeAllSorted(segments.map((segment) => segment.terms));
    const oldByLength = byLength(mergeAllSorted(previous.segments.map((segment) => segment.terms)));
    const newByLength = byLength(newTerms);
    for (const [file, text] of vocabularyFiles(newTerms, manifest.maxTermLength)) {
      const length = Number(path.basename(file, '.json'));
      if (JSON.stringify(oldByLength.get(length) ?? []) !== JSON.stringify(newByLength.get(length) ?? [])) await writer.write(file, text);
    }
  }

  // Each document's file: written for an added document, linked under its new number for a kept one that moved.
  for (let doc = 0; doc < pages.length; doc++) {
    if (kept[doc] === -1) await writer.write(paths.doc(doc), JSON.stringify(toSearchDoc(pages[doc]!, await update.textOf(doc))));
    else if (kept[doc] !== doc) await writer.link(paths.doc(doc), oldFile(paths.doc(kept[doc]!)));
  }
  const manifestJson = JSON.stringify(manifest);
  await writer.write(paths.manifest, manifestJson);
  const { files: written } = await writer.done();

  const files = [
    ...pages.map((_, doc) => paths.doc(doc)),
    ...chunkLists.flatMap((chunks, k) => chunks.flatMap((first) => [paths.terms(first, k), paths.positions(first, k)])),
    ...Array.from({ length: manifest.maxTermLength }, (_, i) => paths.vocabulary(i + 1)),
    paths.manifest,
  ].sort();
  const writtenSet = new Set(written);
  const where = (file: string) => (writtenSet.has(file) ? path.join(dir, file) : oldFile(file));
  const postings = () => mergeSegmentPostings(
    chunkLists.map((chunks, k) => {
      const start = starts[k]!;
      return (function* (): Generator<[string, TermPostings]> {
        const lengths = bodyLengths.slice(start, starts[k + 1] ?? pages.length);
        for (const first of chunks) {
          const terms = JSON.parse(readFileSync(where(paths.terms(first, k)), 'utf8')) as TermChunk;
          for (const entry of terms) yield [entry[0], decodeEntries(entry, undefined, lengths)];
        }
      })();
    }),
    starts,
  );
  return { written, files, lengthSums, bodyLengths, segments, manifestJson, postings };
}

/**
 * Which documents the new index keeps from the previous one, under which old number: a
 * document at its old number is found there (most are, after an edit); the others by key
 * and slug. `kept[new]` is the old number (-1: added), `keptOld[old]` the new (-1: removed).
 */
function matchDocuments(previous: Pick<IndexShape, 'keys' | 'slugs'>, pages: readonly ArticlePage[], keys: readonly string[]): { kept: Int32Array; keptOld: Int32Array } {
  const kept = new Int32Array(pages.length).fill(-1);
  const keptOld = new Int32Array(previous.keys.length).fill(-1);
  pages.forEach((page, i) => {
    if (i < previous.keys.length && keys[i] === previous.keys[i] && page.slug === previous.slugs[i]) kept[i] = keptOld[i] = i;
  });
  const oldNumber = new Map<string, number>();
  previous.keys.forEach((key, old) => {
    if (keptOld[old] === -1) oldNumber.set(`${key}\0${previous.slugs[old]}`, old);
  });
  pages.forEach((page, i) => {
    if (kept[i] !== -1) return;
    const old = oldNumber.get(`${keys[i]}\0${page.slug}`);
    if (old === undefined) return;
    kept[i] = old;
    keptOld[old] = i;
    oldNumber.delete(`${keys[i]}\0${page.slug}`);
  });
  return { kept, keptOld };
}

/** Whether two lists hold the same strings in the same order. */
function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether documents `start` to `end` are the previous index's, at the same numbers. */
function sameDocuments(previous: IndexShape, pages: readonly ArticlePage[], keys: readonly string[], start: number, end: number): boolean {
  if (end > previous.keys.length) return false;
  for (let doc = start; doc < end; doc++) if (keys[doc] !== previous.keys[doc] || pages[doc]!.slug !== previous.slugs[doc]) return false;
  return true;
}

/**
 * The postings of the whole index in term order, from each segment's (in term order,
 * documents numbered from 0 in the segment): a term's lists joined, segment after segment,
 * each document under its number in the index; `first` from the last segment with the term.
 */
async function* mergeSegmentPostings(segments: Iterator<[string, TermPostings]>[], starts: readonly number[]): AsyncGenerator<[string, TermPostings]> {
  const heads = segments.map((segment) => segment.next());
  for (;;) {
    let term: string | undefined;
    for (const head of heads) if (!head.done && (term === undefined || head.value[0] < term)) term = head.value[0];
    if (term === undefined) return;
    const parts: Array<[number, TermPostings]> = [];
    heads.forEach((head, k) => {
      if (head.done || head.value[0] !== term) return;
      parts.push([starts[k]!, head.value[1]]);
      heads[k] = segments[k]!.next();
    });
    const postings = FIELDS.map((_, f) => concat(parts.map(([start, p]) => shifted(p.postings[f]!, start, () => 3))));
    const ordinals = FIELDS.map((_, f) => concat(parts.map(([start, p]) => shifted(p.ordinals[f]!, start, (list, i) => 2 + list[i + 1]!))));
    const [lastStart, last] = parts[parts.length - 1]!;
    yield [term, { first: [lastStart + last.first[0], last.first[1], last.first[2]], postings, ordinals }];
  }
}

/** A copy of `list`, runs of `step(list, at)` ints that start with a document number, each number plus `start`. */
function shifted(list: Int32Array, start: number, step: (list: Int32Array, at: number) => number): Int32Array {
  const out = list.slice();
  for (let i = 0; i < out.length; i += step(out, i)) out[i]! += start;
  return out;
}

function concat(lists: Int32Array[]): Int32Array {
  const out = new Int32Array(lists.reduce((n, list) => n + list.length, 0));
  let at = 0;
  for (const list of lists) {
    out.set(list, at);
    at += list.length;
  }
  return out;
}

/** A segment of the previous index (number `segment`), its documents numbered from 0; `file` is where a file of the previous index is. */
interface PreviousSegment extends SegmentShape, Omit<IndexShape, 'segments'> {
  segment: number;
  file: (file: string) => string;
}

/**
 * A segment of the new index, its documents numbered from 0 (`builderNumber` and
 * `ensureProfile` take such a number; the latter for a document added to the segment,
 * perhaps one that was in the other segment).
 */
interface SegmentUpdate extends Pick<IndexUpdate, 'pages' | 'keys' | 'builder' | 'builderNumber' | 'ensureProfile' | 'profileOf'> {
  bodyLengths: number[];
}

/**
 * One segment brought up to date from the previous one: its dirty terms' entries made
 * anew, its chunks cut again, the chunks that changed written (module comment).
 */
async function updateSegment(writer: FileWriter, previous: PreviousSegment, update: SegmentUpdate): Promise<{ layout: ChunkLayout; chunks: string[]; lengthSums: number[] }> {
  const { pages, keys, bodyLengths } = update;
  const { segment } = previous;
  const { kept, keptOld } = matchDocuments(previous, pages, keys);
  const renumbered = pages.some((_, i) => kept[i] !== -1 && kept[i] !== i);

  // Dirty terms: those of the added documents (their postings, from the builder) and of the removed ones.
  const addedAs = new Map<number, number>();
  for (let doc = 0; doc < pages.length; doc++) {
    if (kept[doc] !== -1) continue;
    await update.ensureProfile(doc);
    addedAs.set(update.builderNumber(doc), doc);
  }
  const added = new Map<string, TermPostings>();
  for (const [term, posting] of update.builder.postings((doc) => addedAs.get(doc) ?? -1)) added.set(term, copyPostings(posting));
  const lengthSums = [...previous.lengthSums];
  for (const builderDoc of addedAs.keys()) update.builder.lengthsOf(builderDoc).forEach((length, field) => (lengthSums[field]! += length));
  // Dirty terms: their entries change. Every term of an added or removed document — but
  // where a document takes the place of the one it replaces (an edit: the same number),
  // only the terms whose postings differ, and apart, those whose word positions do.
  // A term's place among the previous terms (sorted in code-unit order; undefined: not
  // there), found by halving: a change looks up its few hundred terms, where a map of every
  // term took longer to make.
  const oldPlace = (term: string): number | undefined => {
    const at = chunkOf(previous.terms, term);
    return previous.terms[at] === term ? at : undefined;
  };
  const dirtyTerms = new Set<string>();
  const dirtyPositions = new Set<string>();
  /** Terms of a removed document: their entries lose postings (the others only gain them). */
  const losing = new Set<string>();
  const both = (term: string) => {
    dirtyTerms.add(term);
    dirtyPositions.add(term);
  };
  /** Numbers where an added document took the place of a removed one, and the two profiles were compared. */
  const compared = new Set<number>();
  for (let old = 0; old < previous.keys.length; old++) {
    if (keptOld[old] !== -1) continue;
    const profile = await update.profileOf(previous.keys[old]!);
    if (profile === undefined) throw new CannotUpdate(`the record of a removed document (${previous.slugs[old]}) is not in the cache`);
    profileLengths(profile).forEach((length, field) => (lengthSums[field]! -= length));
    forEachProfileTerm(profile, (term) => losing.add(term));
    const replacement = !renumbered && old < pages.length && kept[old] === -1 ? await update.profileOf(keys[old]!) : undefined;
    if (replacement === undefined) forEachProfileTerm(profile, both);
    else {
      compareProfiles(profile, replacement, (term) => {
        const at = oldPlace(term);
        return at !== undefined && newestOf(previous.lasts, at) === old;
      }, dirtyTerms, dirtyPositions);
      compared.add(old);
    }
  }
  for (const [term, posting] of added) {
    // A document added where none was compared with it: all its terms.
    if (posting.postings.some((list) => list.some((doc, i) => i % 3 === 0 && !compared.has(doc)))) both(term);
  }
  // Kept documents that take other numbers: the entries of the terms they have change too.
  // Numbers keep their order, so a term whose newest document (its positions name no
  // other) comes before the first document that moves or goes is as it was.
  const firstMoved = keptOld.findIndex((doc, old) => doc !== old);
  /** Terms whose entries change because documents they name take other numbers. */
  const moved = new Set<string>();
  if (renumbered) {
    previous.terms.forEach((term, i) => {
      if (newestOf(previous.lasts, i) >= firstMoved) {
        moved.add(term);
        both(term);
      }
    });
  }

  // The previous chunks: their entries as text, by term (each file read once, only when needed).
  const oldLayout: ChunkLayout = { terms: previous.terms, sizes: previous.sizes, lasts: previous.lasts };
  const oldStarts = chunkStarts(oldLayout);
  const oldChunkOf = (index: number) => upperBound(oldStarts, index) - 1;
  // Read synchronously: a chunk is a few kilobytes, read from the page cache; Node 20's
  // promise readFile (open, stat, read and close, each a trip through the thread pool) cost
  // ~0.1 ms of this thread's time per file against ~0.02 (3,000 chunks of 100 added
  // articles: ~300 against ~70 ms, measured), and the old files are not changed meanwhile.
  const oldFiles = new Map<string, Map<string, string>>();
  const oldEntry = (kind: 'terms' | 'positions', term: string) => {
    const chunk = oldChunkOf(oldPlace(term)!);
    const file = paths[kind](previous.terms[oldStarts[chunk]!]!, segment);
    return memoized(oldFiles, file, () => new Map(splitChunk(readFileSync(previous.file(file), 'utf8')).map((entry) => [entry.term, entry.text]))).get(term)!;
  };

  // Each dirty entry anew (null: no document has the term any more): the previous entry
  // changed as text (entry-text.ts), its kept documents under their new numbers.
  const context: MergeContext = { pages, keys, update, firsts: new Map() };
  /** Where the documents start that all keep their spacing: the lists' runs past it are copied without being read. */
  const tail = tailFrom(keptOld);
  const termTexts = new Map<string, string | null>();
  const positionTexts = new Map<string, string | null>();
  /** The dirty terms' new `lasts` (shards.ts `ChunkLayout`). */
  const lasts = new Map<string, number[]>();
  for (const term of [...new Set([...dirtyTerms, ...dirtyPositions])].sort()) {
    const addedPosting = added.get(term);
    const at = oldPlace(term);
    if (at === undefined) {
      termTexts.set(term, addedPosting === undefined ? null : termEntry(term, addedPosting));
      positionTexts.set(term, addedPosting === undefined ? null : positionEntry(term, addedPosting));
      if (addedPosting) lasts.set(term, lastsOf(addedPosting));
      continue;
    }
    const oldLasts = previous.lasts.slice(at * LASTS, (at + 1) * LASTS);
    if (!losing.has(term) && !moved.has(term) && addedPosting !== undefined && addedPosting.postings.every((list, f) => list.length === 0 || list[0]! > oldLasts[f]!)) {
      // Only documents after all its others: appended, without reading the entry's numbers.
      const newest = addedPosting.first[0];
      const term_ = appendToEntry(oldEntry('terms', term), addedPosting, oldLasts.slice(0, FIELDS.length), false);
      const position = appendToEntry(oldEntry('positions', term), addedPosting, oldLasts.slice(FIELDS.length), true);
      const text = newest > newestOf(previous.lasts, at) ? withFirst(term_.text, addedPosting.first[1], addedPosting.first[2]) : term_.text;
      termTexts.set(term, text);
      positionTexts.set(term, position.text);
      lasts.set(term, [...term_.lasts, ...position.lasts]);
      continue;
    }
    const change = { renumber: keptOld, added: addedPosting };
    const next = [...oldLasts];
    if (dirtyTerms.has(term)) {
      const patched = patchTermEntry(oldEntry('terms', term), { ...change, tail: { from: tail, lasts: oldLasts.slice(0, FIELDS.length) } });
      if (patched.newest === -1) {
        termTexts.set(term, null);
        positionTexts.set(term, null);
        continue;
      }
      // The same document is the newest (under its new number): where lunr first meets the term is as it was.
      const same = patched.oldNewest !== -1 && keptOld[patched.oldNewest] === patched.newest;
      const [field, seq] = await firstOf(term, patched.newest, addedPosting, same ? [patched.oldField, patched.oldSeq] : undefined, context);
      termTexts.set(term, patched.withFirst(field, seq));
      next.splice(0, FIELDS.length, ...patched.lasts);
    }
    if (dirtyPositions.has(term)) {
      const position = patchPositionEntry(oldEntry('positions', term), { ...change, tail: { from: tail, lasts: oldLasts.slice(FIELDS.length) } });
      positionTexts.set(term, position.text);
      next.splice(FIELDS.length, FIELDS.length, ...position.lasts);
    }
    lasts.set(term, next);
  }

  // The new layout: every term, in order, with the size of its entry and the last documents of its lists.
  const layout: ChunkLayout = { terms: [], sizes: [], lasts: [] };
  // The previous terms and the added ones, merged in order (the place of each previous one known as it comes).
  const newTerms = [...added.keys()].filter((term) => oldPlace(term) === undefined).sort();
  for (let i = 0, j = 0; i < previous.terms.length || j < newTerms.length; ) {
    const fromPrevious = j >= newTerms.length || (i < previous.terms.length && previous.terms[i]! < newTerms[j]!);
    const at = fromPrevious ? i++ : undefined;
    const term = fromPrevious ? previous.terms[at!]! : newTerms[j++]!;
    const text = termTexts.get(term);
    if (text === null) continue;
    layout.terms.push(term);
    layout.sizes.push(text === undefined ? previous.sizes[at!]! : text.length);
    const changed = lasts.get(term);
    if (changed !== undefined) for (const last of changed) layout.lasts.push(last);
    else for (let k = at! * LASTS; k < (at! + 1) * LASTS; k++) layout.lasts.push(previous.lasts[k]!);
  }

  // The new chunks: each file whose terms were one chunk before and none of which changed is
  // the same file (named after its first term, so it has the same name too); the others are
  // composed anew from the changed entries and the previous ones.
  const starts = chunkStarts(layout);
  const oldRanges = new Set(oldStarts.map((start, chunk) => rangeOf(previous.terms, start, oldStarts[chunk + 1] ?? previous.terms.length)));
  const chunkNames: string[] = [];
  for (let chunk = 0; chunk < starts.length; chunk++) {
    const from = starts[chunk]!;
    const to = starts[chunk + 1] ?? layout.terms.length;
    const terms = layout.terms.slice(from, to);
    chunkNames.push(terms[0]!);
    const sameRange = oldRanges.has(rangeOf(layout.terms, from, to));
    for (const [kind, changed] of [['terms', termTexts], ['positions', positionTexts]] as const) {
      if (sameRange && terms.every((term) => !changed.has(term))) continue;
      const texts = terms.map((term) => changed.get(term) ?? oldEntry(kind, term));
      await writer.write(paths[kind](terms[0]!, segment), `[${texts.join(',')}]`);
    }
  }

  return { layout, chunks: chunkNames, lengthSums };
}

/** What `firstOf` reads a document's profile by (the new index's documents and their keys), and what it read. */
interface MergeContext {
  pages: ArticlePage[];
  keys: string[];
  update: SegmentUpdate;
  /** By document: where lunr first meets each of its terms (field, seq). */
  firsts: Map<number, Map<string, [number, number]>>;
}

/**
 * Where lunr first meets `term` in the new index: in its newest document `newest`, as the
 * added postings say (when that document is added), as the previous entry said (`kept`,
 * when it is the same document), else from that document's profile.
 */
async function firstOf(term: string, newest: number, added: TermPostings | undefined, kept: [number, number] | undefined, context: MergeContext): Promise<[number, number]> {
  if (added !== undefined && added.first[0] === newest) return [added.first[1], added.first[2]];
  if (kept !== undefined) return kept;
  // Many terms can share a newest document (those of documents that went): its profile is read once.
  let firsts = context.firsts.get(newest);
  if (firsts === undefined) {
    const profile = await context.update.profileOf(context.keys[newest]!);
    if (profile === undefined) throw new CannotUpdate(`the record of ${context.pages[newest]!.slug} is not in the cache`);
    const found = new Map<string, [number, number]>();
    forEachProfileTerm(profile, (t, field, _tf, seq) => {
      if (!found.has(t)) found.set(t, [field, seq]);
    });
    context.firsts.set(newest, (firsts = found));
  }
  const found = firsts.get(term);
  if (found === undefined) throw new CannotUpdate(`the profile of ${context.pages[newest]!.slug} lacks ${term}`);
  return found;
}

/**
 * The terms whose entries an edit changes, from the document's profile before and after
 * (under the same number): a term's postings when its frequency in a field changed, or
 * the length of a field other than the body (that length is in the term's postings), or
 * where lunr first meets it, when `isNewest(term)` (the document is the newest with it);
 * its positions when its word ordinals changed.
 */
function compareProfiles(before: string, after: string, isNewest: (term: string) => boolean, dirtyTerms: Set<string>, dirtyPositions: Set<string>): void {
  const read = (profile: string) => {
    const lengths = profileLengths(profile);
    const terms = new Map<string, { postings: string; first: string; positions: string }>();
    forEachProfileTerm(profile, (term, field, tf, seq, ordinals) => {
      const posting = `${field}:${tf}${field === BODY_FIELD ? '' : `:${lengths[field]}`} `;
      const known = terms.get(term);
      if (known === undefined) terms.set(term, { postings: posting, first: `${field}:${seq}`, positions: `${field}:${ordinals} ` });
      else {
        known.postings += posting;
        known.positions += `${field}:${ordinals} `;
      }
    });
    return terms;
  };
  const old = read(before);
  const now = read(after);
  for (const term of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(term);
    const b = now.get(term);
    if (a?.postings !== b?.postings || (isNewest(term) && a?.first !== b?.first)) dirtyTerms.add(term);
    if (a?.positions !== b?.positions) dirtyPositions.add(term);
  }
}

/** The builder's postings are views of arrays it reuses: copied to be kept. */
function copyPostings(posting: TermPostings): TermPostings {
  return { first: [...posting.first], postings: posting.postings.map((p) => p.slice()), ordinals: posting.ordinals.map((o) => o.slice()) };
}

function byLength(terms: readonly string[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const term of terms) {
    const list = out.get(term.length);
    if (list) list.push(term);
    else out.set(term.length, [term]);
  }
  return out;
}

/** A run of terms, as a key: its first and last term and its length. */
function rangeOf(terms: readonly string[], from: number, to: number): string {
  return `${terms[from]}\0${terms[to - 1]}\0${to - from}`;
}

/** The first index of `sorted` whose value is greater than `value`. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
