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
 *                                           term numbers (src/site/similar.ts)
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
import type { SiteOptions } from '../site/types.ts';

/** Bumped whenever what is stored changes meaning: a state of another format is not read. */
const STATE_FORMAT = 1;

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
  /** The record without its body and the lines left out as chrome (read from the record cache when a page is rendered). */
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
  /** Each field's total length. */
  lengthSums: number[];
  /** Every term in order and the size of its chunk entry (shards.ts `ChunkLayout`). */
  terms: string[];
  sizes: number[];
}

export interface BuildState {
  site: SiteOptions;
  articles: StateArticle[];
  /** The "similar articles" term numbers of profiles.bin (src/site/similar.ts `TermVocabulary`). */
  vocabulary: string[];
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
  /** Each article's profile (in `state.articles` order) as `[term id, count, …]`. */
  profiles: Int32Array[];
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
    const ints = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2);
    const profiles: Int32Array[] = [];
    for (let at = 0; at < ints.length; ) {
      const pairs = ints[at]!;
      profiles.push(ints.subarray(at + 1, at + 1 + 2 * pairs));
      at += 1 + 2 * pairs;
    }
    if (profiles.length !== state.articles.length) return undefined;
    return { head, state, profiles };
  } catch {
    return undefined;
  }
}

/** Forget what is known of `output`: it is about to change. */
export async function forgetState(cacheDir: string, output: string): Promise<void> {
  await rm(statePaths(cacheDir, output).head, { force: true });
}

/** Write the state, then the head (which names the output folder's inode as it is now). */
export async function writeState(cacheDir: string, output: string, head: Omit<StateHead, 'format' | 'output' | 'ino'>, state: BuildState, profiles: Int32Array[]): Promise<void> {
  const files = statePaths(cacheDir, output);
  await mkdir(path.dirname(files.head), { recursive: true });
  let ints = 0;
  for (const profile of profiles) ints += 1 + profile.length;
  const packed = new Int32Array(ints);
  let at = 0;
  for (const profile of profiles) {
    packed[at] = profile.length / 2;
    packed.set(profile, at + 1);
    at += 1 + profile.length;
  }
  await replaceFile(files.profiles, new Uint8Array(packed.buffer));
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
