/**
 * What the last build wrote into an output folder and what it was made of, so the next
 * build of the same output can take everything that did not change from there instead
 * of extracting, rendering and indexing it again.
 *
 *   <cache dir>/outputs/<id>.json           the head: the output folder's inode, the
 *                                           fingerprint of the inputs, the build's summary
 *   <cache dir>/outputs/<id>.state.json     each article's record (without its body), each
 *                                           page's fingerprint, the search index's layout
 *   <cache dir>/outputs/<id>.profiles.bin   each article's "similar articles" profile as
 *                                           term numbers, key terms and list
 *                                           (src/site/similar.ts `SimilarMemory`)
 *
 * `<id>` is a hash of the output folder's path. The head names the folder's inode: a
 * folder replaced by anything else is not trusted. The head is deleted before a build
 * changes the folder and written again after, so it never describes a folder it did not
 * see; a build that finds no head (or a state of another format) builds everything.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleRecord } from '../record.ts';
import { KEY_TERMS, SIMILAR_COUNT, type SimilarMemory } from '../site/similar.ts';
import type { SiteOptions } from '../site/types.ts';

/** Bumped whenever what is stored changes meaning: a state of another format is not read. */
const STATE_FORMAT = 3;

export interface BuildSummary {
  articles: number;
  pages: number;
  /** The warnings and errors of the records (not of the listing or reading, which a build sees anew). */
  warnings: { file: string; message: string }[];
  errors: { file: string; message: string }[];
}

export interface StateHead {
  format: number;
  output: string;
  ino: number;
  /** Fingerprint of everything the build was made from (build.ts); equal inputs give this output. Absent once `serve` has rewritten a page in place. */
  inputs?: string;
  summary: BuildSummary;
}

/** One article as the last build knew it. */
export interface StateArticle {
  file: string;
  key: string;
  /** The record without what only its own page shows (its body, captions, "see also" links and the lines left out as chrome: read from the record cache when the page is rendered). */
  record: ArticleRecord;
  excerpt: string;
}

/** The search index as written: enough to rewrite only the files an article touches (src/search/incremental.ts). */
export interface SearchState {
  /** Fingerprint of everything the index was made from (search-stage.ts `searchFingerprint`). */
  fingerprint: string;
  /** Fingerprint of the search code and options alone: an index made by other code is written anew. */
  code: string;
  /** Every file of the index, the search script included. */
  files: string[];
  /** By document number: the record key and the slug of the article. */
  keys: string[];
  slugs: string[];
  /** Each field's total length, and each document's body length. */
  lengthSums: number[];
  bodyLengths: number[];
  /** Every term in order, the size of its chunk entry and the last document of each of its lists (shards.ts `ChunkLayout`). */
  terms: string[];
  sizes: number[];
  lasts: number[];
}

export interface BuildState {
  site: SiteOptions;
  articles: StateArticle[];
  /** The "similar articles" term numbers of profiles.bin (src/site/similar.ts `TermVocabulary`). */
  vocabulary: string[];
  /** Each article's slug (made unique), in `articles` order. */
  slugs: string[];
  /** slug → fingerprint of `articles/<slug>/index.html`. */
  pages: Record<string, string>;
  /** slug → record key of `articles/<slug>/source.txt`. */
  sources: Record<string, string>;
  /** Each listing page (or group of them) → its fingerprint and the files it wrote. */
  listing: Record<string, { fingerprint: string; files: string[] }>;
  search?: SearchState;
}

export interface StoredState {
  head: StateHead;
  state: BuildState;
  /** The "similar articles" of the build: each article's profile, key terms and list (in `state.articles` order). */
  similar: SimilarMemory;
}

function statePaths(cacheDir: string, output: string): { head: string; state: string; profiles: string } {
  const id = createHash('sha256').update(path.resolve(output)).digest('hex').slice(0, 24);
  const base = path.join(path.resolve(cacheDir), 'outputs', id);
  return { head: `${base}.json`, state: `${base}.state.json`, profiles: `${base}.profiles.bin` };
}

/** The head of `output`'s state, when there is one and the folder is the one it describes. */
export async function readHead(cacheDir: string, output: string): Promise<StateHead | undefined> {
  try {
    const head = JSON.parse(await readFile(statePaths(cacheDir, output).head, 'utf8')) as StateHead;
    const { ino } = await stat(output);
    return head.format === STATE_FORMAT && head.output === path.resolve(output) && head.ino === ino ? head : undefined;
  } catch {
    return undefined;
  }
}

/** The whole state of `output`, for the head already read; undefined when it cannot be read. */
export async function readState(cacheDir: string, output: string, head: StateHead): Promise<StoredState | undefined> {
  const files = statePaths(cacheDir, output);
  try {
    const [text, bytes] = await Promise.all([readFile(files.state, 'utf8'), readFile(files.profiles)]);
    const state = JSON.parse(text) as BuildState;
    const similar = decodeSimilar(bytes, state.slugs);
    if (similar === undefined) return undefined;
    return { head, state, similar };
  } catch {
    return undefined;
  }
}

/**
 * profiles.bin: int32s, then float64s (8-byte aligned): `[int count, n]`, each article's
 * `[pairs, term, count, …]`, then `KEY_TERMS` key-term numbers an article, each one's
 * key-term count, its reference flag and `SIMILAR_COUNT` list entries (article numbers, -1
 * for none); then the key-term weights and the list scores.
 */
function encodeSimilar(memory: SimilarMemory): Uint8Array {
  const n = memory.slugs.length;
  let ints = 2;
  for (const profile of memory.profiles) ints += 1 + profile.length;
  ints += n * (KEY_TERMS + 2 + SIMILAR_COUNT);
  const intBytes = Math.ceil((ints * 4) / 8) * 8;
  const buffer = new ArrayBuffer(intBytes + n * (KEY_TERMS + SIMILAR_COUNT) * 8);
  const out = new Int32Array(buffer, 0, ints);
  const floats = new Float64Array(buffer, intBytes);
  const index = new Map(memory.slugs.map((slug, i) => [slug, i]));
  out[0] = ints;
  out[1] = n;
  let at = 2;
  for (const profile of memory.profiles) {
    out[at] = profile.length / 2;
    out.set(profile, at + 1);
    at += 1 + profile.length;
  }
  out.set(memory.keyTerms, at);
  at += n * KEY_TERMS;
  out.set(memory.keyCount, at);
  at += n;
  out.set(memory.reference, at);
  at += n;
  floats.set(memory.keyWeights, 0);
  memory.lists.forEach((list, i) => {
    for (let k = 0; k < SIMILAR_COUNT; k++) {
      out[at + i * SIMILAR_COUNT + k] = list[k] === undefined ? -1 : index.get(list[k]!.slug)!;
      floats[n * KEY_TERMS + i * SIMILAR_COUNT + k] = list[k]?.score ?? 0;
    }
  });
  return new Uint8Array(buffer);
}

function decodeSimilar(bytes: Buffer, slugs: string[]): SimilarMemory | undefined {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const head = new Int32Array(copy.buffer, 0, 2);
  const [ints, n] = [head[0]!, head[1]!];
  if (n !== slugs.length) return undefined;
  const data = new Int32Array(copy.buffer, 0, ints);
  const floats = new Float64Array(copy.buffer, Math.ceil((ints * 4) / 8) * 8);
  const profiles: Int32Array[] = [];
  let at = 2;
  for (let i = 0; i < n; i++) {
    const pairs = data[at]!;
    profiles.push(data.subarray(at + 1, at + 1 + 2 * pairs));
    at += 1 + 2 * pairs;
  }
  const keyTerms = data.slice(at, at + n * KEY_TERMS);
  at += n * KEY_TERMS;
  const keyCount = Uint8Array.from(data.subarray(at, at + n));
  at += n;
  const reference = Uint8Array.from(data.subarray(at, at + n));
  at += n;
  const lists = slugs.map((_, i) => {
    const list = [];
    for (let k = 0; k < SIMILAR_COUNT; k++) {
      const j = data[at + i * SIMILAR_COUNT + k]!;
      if (j >= 0) list.push({ slug: slugs[j]!, score: floats[n * KEY_TERMS + i * SIMILAR_COUNT + k]! });
    }
    return list;
  });
  return { slugs, profiles, reference, keyTerms, keyWeights: floats.slice(0, n * KEY_TERMS), keyCount, lists };
}

/** Forget what is known of `output`: it is about to change. */
export async function forgetState(cacheDir: string, output: string): Promise<void> {
  await rm(statePaths(cacheDir, output).head, { force: true });
}

/** Write the state, then the head (which names the output folder's inode as it is now). */
export async function writeState(cacheDir: string, output: string, head: Omit<StateHead, 'format' | 'output' | 'ino'>, state: BuildState, similar: SimilarMemory): Promise<void> {
  const files = statePaths(cacheDir, output);
  await mkdir(path.dirname(files.head), { recursive: true });
  await replaceFile(files.profiles, encodeSimilar(similar));
  await replaceFile(files.state, JSON.stringify(state));
  const { ino } = await stat(output);
  await replaceFile(files.head, JSON.stringify({ format: STATE_FORMAT, output: path.resolve(output), ino, ...head } satisfies StateHead));
}

/** Mark pages (and their source texts) as unknown: they are about to be replaced outside a full build (`serve`'s preview). */
export async function markDirty(cacheDir: string, output: string, slugs: string[]): Promise<void> {
  const head = await readHead(cacheDir, output);
  if (head === undefined) return;
  const stored = await readState(cacheDir, output, head);
  if (stored === undefined) return forgetState(cacheDir, output);
  for (const slug of slugs) {
    delete stored.state.pages[slug];
    delete stored.state.sources[slug];
  }
  const files = statePaths(cacheDir, output);
  await replaceFile(files.state, JSON.stringify(stored.state));
  const { inputs: _inputs, ...rest } = head;
  await replaceFile(files.head, JSON.stringify(rest));
}

async function replaceFile(file: string, contents: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}
