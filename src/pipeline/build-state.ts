/**
 * What the last build wrote into an output folder and what it was made of, so the next
 * build of the same output can take everything that did not change from there instead
 * of extracting, rendering and indexing it again.
 *
 *   <cache dir>/outputs/<id>.json           the head: the output folder's inode, the
 *                                           fingerprint of the inputs, the build's summary
 *   <cache dir>/outputs/<id>.state.jsonl    each page's fingerprint, the search index's
 *                                           layout, the topic table (the first line), then
 *                                           each article's record without its body, its
 *                                           topics as places in the table, a line each
 *   <cache dir>/outputs/<id>.similar.bin    each article's "similar articles" key terms and
 *                                           list (src/site/similar.ts `SimilarMemory`), and
 *                                           where its profile is in:
 *   <cache dir>/outputs/<id>.profiles-<n>.bin  the profiles as term numbers, appended as
 *                                           articles arrive or change, written afresh once
 *                                           more than half of it is profiles no article has
 *
 * `<id>` is a hash of the output folder's path. The head names the folder's inode: a
 * folder replaced by anything else is not trusted. The head is deleted before a build
 * changes the folder and written again after, so it never describes a folder it did not
 * see; a build that finds no head (or a state of another format) builds everything.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ArticleRecord, Topic, TopicKind } from '../record.ts';
import type { IndexShape } from '../search/incremental.ts';
import { KEY_TERMS, SIMILAR_COUNT, type SimilarMemory } from '../site/similar.ts';
import type { TopicMemory } from '../site/topics.ts';
import type { SiteOptions } from '../site/types.ts';
import type { FingerprintBasis } from './render-pages.ts';

/** Bumped whenever what is stored changes meaning: a state of another format is not read. */
const STATE_FORMAT = 7;

export interface BuildSummary {
  /** Articles (stories) and the files they came from. */
  articles: number;
  files: number;
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

/** One article (a file, or one story of a file) as the last build knew it. */
export interface StateArticle {
  file: string;
  /** The story's key (src/cache/record-cache.ts `storyKey`). */
  key: string;
  /** The record without what only its own page shows (its body, captions, "see also" links and the lines left out as chrome: read from the record cache when the page is rendered). */
  record: ArticleRecord;
  excerpt: string;
}

/** The search index as written: enough to rewrite only the files an article touches (src/search/incremental.ts). */
export interface SearchState extends IndexShape {
  /** Fingerprint of everything the index was made from (search-stage.ts `searchFingerprint`). */
  fingerprint: string;
  /** Fingerprint of the search code and options alone: an index made by other code is written anew. */
  code: string;
  /** Every file of the index, the search script included. */
  files: string[];
}

export interface BuildState {
  site: SiteOptions;
  articles: StateArticle[];
  /** The "similar articles" term numbers of profiles.bin (src/site/similar.ts `TermVocabulary`). */
  vocabulary: string[];
  /** Each article's slug (made unique), in `articles` order. */
  slugs: string[];
  /** The profile log of similar.bin (`profiles-<n>.bin`), and how many ints of it are profiles some article has. */
  profiles: { file: string; live: number };
  /** slug → fingerprint of `articles/<slug>/index.html`. */
  pages: Record<string, string>;
  /** Each listing page (or group of them) → its fingerprint and the files it wrote. */
  listing: Record<string, { fingerprint: string; files: string[] }>;
  search?: SearchState;
  /** The topic groups, for a build whose articles name the same topics (src/site/topics.ts `TopicMemory`). */
  topics?: TopicMemory;
  /** What every page's fingerprint rested on (render-pages.ts), for a build that takes the fingerprints of the pages it need not hash again. */
  fingerprintBasis?: FingerprintBasis;
  /** The code version of the "similar articles" lists kept in similar.bin (src/cache/code-version.ts `SIMILAR_CODE`): lists of other code are made again. */
  similarCode?: string;
}

export interface StoredState {
  head: StateHead;
  state: BuildState;
  /** The "similar articles" of the build: each article's profile, key terms and list (in `state.articles` order). */
  similar: SimilarMemory;
  /** Where each article's profile starts in the profile log (in ints). */
  offsets: Int32Array;
}

function statePaths(cacheDir: string, output: string): { head: string; state: string; similar: string; dirty: string; spares: string; profiles: (n: number) => string } {
  const id = createHash('sha256').update(path.resolve(output)).digest('hex').slice(0, 24);
  const base = path.join(path.resolve(cacheDir), 'outputs', id);
  return { head: `${base}.json`, state: `${base}.state.jsonl`, similar: `${base}.similar.bin`, dirty: `${base}.dirty.json`, spares: `${base}.spare`, profiles: (n) => `${base}.profiles-${n}.bin` };
}

/** Where `output`'s rebuilds keep the files their commits replaced, for the next to write over (spare-files.ts). */
export function spareFolder(cacheDir: string, output: string): string {
  return statePaths(cacheDir, output).spares;
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

/** The state files of an output as read ahead (`prefetchState`): file name → bytes. */
export type StateFiles = Map<string, Uint8Array>;

/**
 * Read the state files of `output` (the state, similar.bin and the profile log: ~60 MB at
 * 10,000 articles), for `readState` to take: a build starts this before it scans its input,
 * so the reading goes on in the thread pool meanwhile. Undefined when there are none.
 */
export async function prefetchState(cacheDir: string, output: string): Promise<StateFiles | undefined> {
  const files = statePaths(cacheDir, output);
  const folder = path.dirname(files.state);
  try {
    const logs = (await readdir(folder)).filter((name) => name.startsWith(`${path.basename(files.head, '.json')}.profiles-`) && name.endsWith('.bin'));
    const names = [files.state, files.similar, ...logs.map((name) => path.join(folder, name))];
    return new Map(await Promise.all(names.map(async (file) => [file, await readAligned(file)] as const)));
  } catch {
    return undefined;
  }
}

/** The whole state of `output`, for the head already read; undefined when it cannot be read. `prefetched`: its files, read ahead (`prefetchState`). */
export async function readState(cacheDir: string, output: string, head: StateHead, prefetched?: StateFiles): Promise<StoredState | undefined> {
  const files = statePaths(cacheDir, output);
  const read = (file: string) => prefetched?.get(file) ?? readAligned(file);
  try {
    const state = decodeState(await read(files.state));
    forgetDirtyPages(state, await readDirty(files.dirty));
    const [similarBytes, log] = await Promise.all([read(files.similar), read(path.join(path.dirname(files.state), state.profiles.file))]);
    // The "similar articles" groups: the stories of one page (src/site/similar.ts `SimilarInput.group`).
    const groups = state.articles.map((article) => (article.record.parts === undefined ? undefined : article.file));
    const decoded = decodeSimilar(similarBytes, new Int32Array(log.buffer, log.byteOffset, log.byteLength >> 2), state.slugs, groups);
    if (decoded === undefined) return undefined;
    return { head, state, ...decoded };
  } catch {
    return undefined;
  }
}

/** A file's bytes in a buffer of its own (aligned, so typed arrays can view it without a copy). */
async function readAligned(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(new ArrayBuffer(size));
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(bytes, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return bytes.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/**
 * similar.bin: int32s, then float64s (8-byte aligned): `[int count, n]`, then per article
 * its profile's place in the log (`offsets`), `KEY_TERMS` key-term numbers, the key-term
 * count, the reference flag and `SIMILAR_COUNT` list entries (article numbers, -1 for
 * none); then the key-term weights and the list scores; then, when the memory has them,
 * the document frequencies as int32s: `[v, references]`, v counts over every article and
 * v over the reference articles. The log: `[pairs, term, count, …]` a profile.
 */
function encodeSimilar(memory: SimilarMemory, offsets: Int32Array): Uint8Array {
  const n = memory.slugs.length;
  const ints = 2 + n * (1 + KEY_TERMS + 2 + SIMILAR_COUNT);
  const intBytes = Math.ceil((ints * 4) / 8) * 8;
  const floatBytes = n * (KEY_TERMS + SIMILAR_COUNT) * 8;
  const frequencies = memory.frequencies;
  const v = frequencies?.all.length ?? 0;
  const buffer = new ArrayBuffer(intBytes + floatBytes + (frequencies === undefined ? 0 : (2 + 2 * v) * 4));
  const out = new Int32Array(buffer, 0, ints);
  const floats = new Float64Array(buffer, intBytes, n * (KEY_TERMS + SIMILAR_COUNT));
  if (frequencies !== undefined) {
    const trailer = new Int32Array(buffer, intBytes + floatBytes);
    trailer[0] = v;
    trailer[1] = frequencies.references;
    trailer.set(frequencies.all, 2);
    trailer.set(frequencies.ref, 2 + v);
  }
  const index = new Map(memory.slugs.map((slug, i) => [slug, i]));
  out[0] = ints;
  out[1] = n;
  let at = 2;
  out.set(offsets, at);
  at += n;
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

function decodeSimilar(bytes: Uint8Array, log: Int32Array, slugs: string[], groups: (string | undefined)[]): { similar: SimilarMemory; offsets: Int32Array } | undefined {
  const head = new Int32Array(bytes.buffer, bytes.byteOffset, 2);
  const [ints, n] = [head[0]!, head[1]!];
  if (n !== slugs.length) return undefined;
  const data = new Int32Array(bytes.buffer, bytes.byteOffset, ints);
  const floats = new Float64Array(bytes.buffer, bytes.byteOffset + Math.ceil((ints * 4) / 8) * 8, n * (KEY_TERMS + SIMILAR_COUNT));
  let at = 2;
  const offsets = data.slice(at, at + n);
  at += n;
  const profiles = Array.from(offsets, (offset) => log.subarray(offset + 1, offset + 1 + 2 * log[offset]!));
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
  // The document frequencies, when the file has them (whole, or not at all).
  const floatsEnd = floats.byteOffset - bytes.byteOffset + floats.byteLength;
  let frequencies: SimilarMemory['frequencies'];
  if (bytes.byteLength >= floatsEnd + 8) {
    const trailer = new Int32Array(bytes.buffer, bytes.byteOffset + floatsEnd, (bytes.byteLength - floatsEnd) >> 2);
    const v = trailer[0]!;
    if (v >= 0 && trailer.length === 2 + 2 * v) frequencies = { all: trailer.slice(2, 2 + v), ref: trailer.slice(2 + v), references: trailer[1]! };
  }
  return { similar: { slugs, profiles, reference, keyTerms, keyWeights: floats.slice(0, n * KEY_TERMS), keyCount, lists, groups, ...(frequencies !== undefined ? { frequencies } : {}) }, offsets };
}

/**
 * Each article's line of the state file it was read from, by the record object read
 * (which nothing changes): an article whose record is one of these is written again as
 * that line, and only new and changed articles are turned into JSON. At 10,000 articles
 * that is ~0.15 s less per rebuild than writing the 12 MB of records anew.
 */
const stateLines = new WeakMap<object, Uint8Array>();

/** The line the article of `record` came from, when `record` was read from a state file (`StateArticle.record`). */
export function stateLineOf(record: ArticleRecord): Uint8Array | undefined {
  return stateLines.get(record);
}

const NEWLINE = 0x0a;

/**
 * The state file's topic table: the articles' lines name their topics by their place in
 * it (`[name, kind]` pairs, on the first line), where JSON of `{ name, kind }` objects was
 * ~300 bytes an article and 15 objects to make when it is read (the read of an edit's
 * state ~0.06 s less CPU at 10,000 articles). A rebuild keeps the table it read (the lines it
 * writes again name its places) and adds the topics it lacks; the table is made anew, and
 * every line written anew, once it has grown past twice its size when it was last made
 * anew plus `TOPIC_TABLE_SLACK` (topics no article names any more stay until then).
 */
interface TopicTable {
  /** The table as read: `[name, kind]` by place. */
  pairs: readonly [string, TopicKind][];
  /** Its size when it was last made anew. */
  base: number;
}

/** Topics a table may gain past twice its base before it is made anew (a few days of articles). */
const TOPIC_TABLE_SLACK = 1024;

/** What the first line of the state file holds besides the state: the topic table. */
interface StoredTable {
  topicTable: [string, TopicKind][];
  topicTableBase: number;
}

/** The topic table of each state file read, by the bytes its lines are views of. */
const stateTables = new WeakMap<ArrayBufferLike, TopicTable>();

/**
 * The state file: the state without its articles (and with the topic table), then an
 * article a line (JSON never holds a raw newline), as the pieces to write one after the
 * other: the lines written again as they were read (`lines`) in runs of the bytes read
 * (one piece for the unchanged lines between two changed ones), the others as JSON text.
 * Nothing is copied into one buffer: 20 MB of bytes made at the end of a rebuild cost a
 * full garbage collection (~0.1 s at 10,000 articles) besides the copy.
 */
function statePieces(state: BuildState, lines: readonly (Uint8Array | undefined)[] = []): (string | Uint8Array)[] {
  const { articles, ...rest } = state;
  // The table the reused lines name their topics in, unless it is to be made anew (and every line with it).
  const kept = lines.find((line) => line !== undefined);
  const read = kept === undefined ? undefined : stateTables.get(kept.buffer);
  const afresh = read === undefined || read.pairs.length > 2 * read.base + TOPIC_TABLE_SLACK;
  const table: [string, TopicKind][] = afresh ? [] : [...read.pairs];
  let places: Map<string, number> | undefined;
  const placeOf = (topic: Topic) => {
    places ??= new Map(table.map(([name, kind], i) => [`${kind}\u0001${name}`, i]));
    // The kind first: it is one word, so the key parts cannot run into each other.
    const key = `${topic.kind}\u0001${topic.name}`;
    let place = places.get(key);
    if (place === undefined) places.set(key, (place = table.push([topic.name, topic.kind]) - 1));
    return place;
  };
  const pieces: (string | Uint8Array)[] = [];
  let text = '';
  let run: Uint8Array | undefined;
  const endRun = () => {
    if (run !== undefined) pieces.push(run);
    run = undefined;
  };
  articles.forEach((article, i) => {
    const line = afresh ? undefined : lines[i];
    if (line === undefined || stateTables.get(line.buffer) !== read) {
      endRun();
      text += `${JSON.stringify({ ...article, record: { ...article.record, topics: article.record.topics.map(placeOf) } })}\n`;
      return;
    }
    if (text !== '') pieces.push(text);
    text = '';
    // A line read with its newline: the run goes on when this line follows it in the same bytes.
    const withNewline = new Uint8Array(line.buffer, line.byteOffset, line.byteLength + 1);
    if (run !== undefined && run.buffer === line.buffer && run.byteOffset + run.byteLength === line.byteOffset) {
      run = new Uint8Array(run.buffer, run.byteOffset, run.byteLength + withNewline.byteLength);
    } else {
      endRun();
      run = withNewline;
    }
  });
  endRun();
  if (text !== '') pieces.push(text);
  const stored: StoredTable = { topicTable: table, topicTableBase: afresh ? table.length : read.base };
  pieces.unshift(`${JSON.stringify({ ...rest, ...stored })}\n`);
  return pieces;
}

function decodeState(bytes: Uint8Array): BuildState {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = text.indexOf(NEWLINE);
  if (end < 0) throw new Error('not a state file');
  const { topicTable, topicTableBase, ...rest } = JSON.parse(text.toString('utf8', 0, end)) as Omit<BuildState, 'articles'> & StoredTable;
  // One object per topic, shared by the records that name it (nothing changes a record read).
  const topics = topicTable.map(([name, kind]): Topic => ({ name, kind }));
  stateTables.set(bytes.buffer, { pairs: topicTable, base: topicTableBase });
  const state = { ...rest, articles: [] as StateArticle[] };
  for (let start = end + 1; start < text.length; start = end + 1) {
    end = text.indexOf(NEWLINE, start);
    if (end < 0) throw new Error('a state file cut short');
    const article = JSON.parse(text.toString('utf8', start, end)) as StateArticle;
    article.record.topics = (article.record.topics as unknown as number[]).map((place) => topics[place] ?? badPlace(place));
    stateLines.set(article.record, bytes.subarray(start, end));
    state.articles.push(article);
  }
  return state;
}

function badPlace(place: number): never {
  throw new Error(`a state file naming topic ${place} of its table, which it lacks`);
}

/** Forget what is known of `output`: it is about to change. */
export async function forgetState(cacheDir: string, output: string): Promise<void> {
  await rm(statePaths(cacheDir, output).head, { force: true });
}

/**
 * Write the state, then the head (which names the output folder's inode as it is now).
 * `offsets`: where each article's profile already is in the current log (-1 for a profile
 * to append); the log is written afresh when more than half of it would be dead.
 * `lines`: for each article whose line it is unchanged, its line of the state read
 * (`stateLineOf`), written again as it is.
 */
export async function writeState(
  cacheDir: string,
  output: string,
  head: Omit<StateHead, 'format' | 'output' | 'ino'>,
  state: Omit<BuildState, 'profiles'>,
  similar: SimilarMemory,
  offsets: Int32Array,
  previous: BuildState['profiles'] | undefined,
  lines: readonly (Uint8Array | undefined)[] = [],
): Promise<void> {
  const files = statePaths(cacheDir, output);
  const folder = path.dirname(files.head);
  await mkdir(folder, { recursive: true });
  const sizeOf = (profile: Int32Array) => 1 + profile.length;
  const live = similar.profiles.reduce((total, profile) => total + sizeOf(profile), 0);
  let log = previous;
  let logInts = log === undefined ? -1 : await stat(path.join(folder, log.file)).then((info) => info.size >> 2, () => -1);
  const appended = similar.profiles.reduce((total, profile, i) => total + (offsets[i] === -1 ? sizeOf(profile) : 0), 0);
  const afresh = log === undefined || logInts < 0 || logInts + appended > 2 * live;
  const next = Int32Array.from(offsets);
  if (afresh) {
    next.fill(-1);
    logInts = 0;
    const number = log === undefined ? 0 : Number(/(\d+)\.bin$/.exec(log.file)?.[1] ?? 0) + 1;
    log = { file: path.basename(files.profiles(number)), live };
  }
  // The profiles not in the log yet, after its end.
  const records: Uint8Array[] = [];
  let end = logInts;
  similar.profiles.forEach((profile, i) => {
    if (next[i] !== -1) return;
    next[i] = end;
    const record = new Int32Array(sizeOf(profile));
    record[0] = profile.length / 2;
    record.set(profile, 1);
    records.push(new Uint8Array(record.buffer));
    end += record.length;
  });
  const bytes = Buffer.concat(records);
  if (afresh) await replaceFile(path.join(folder, log!.file), bytes);
  else if (bytes.byteLength > 0) await appendFile(path.join(folder, log!.file), bytes);
  await replaceFile(files.similar, encodeSimilar(similar, next));
  await replaceFile(files.state, statePieces({ ...state, profiles: { file: log!.file, live } }, lines));
  // The state of format 5 and before was one JSON file.
  await rm(`${files.state.slice(0, -'.jsonl'.length)}.json`, { force: true });
  const { ino } = await stat(output);
  await replaceFile(files.head, JSON.stringify({ format: STATE_FORMAT, output: path.resolve(output), ino, ...head } satisfies StateHead));
  // The pages a preview marked are in this state as they are now.
  await rm(files.dirty, { force: true });
  // A log written afresh retires the one before, and any a state that could not be read named.
  if (afresh) {
    const prefix = `${path.basename(files.head, '.json')}.profiles-`;
    const old = (await readdir(folder)).filter((name) => name.startsWith(prefix) && name !== log!.file);
    await Promise.all(old.map((name) => rm(path.join(folder, name), { force: true })));
  }
}

/**
 * Mark pages (and their source texts) as unknown: they are about to be replaced outside a
 * full build (`serve`'s preview). Their slugs go to a small file beside the state
 * (`<id>.dirty.json`) that `readState` applies and the next `writeState` retires, so a
 * preview does not read and write the whole state (~0.5 s at 10,000 articles); the head
 * loses its inputs, so the next build does not find "nothing changed".
 */
export async function markDirty(cacheDir: string, output: string, slugs: string[]): Promise<void> {
  const head = await readHead(cacheDir, output);
  if (head === undefined) return;
  const files = statePaths(cacheDir, output);
  const dirty = [...new Set([...(await readDirty(files.dirty)), ...slugs])].sort();
  await replaceFile(files.dirty, JSON.stringify(dirty));
  const { inputs: _inputs, ...rest } = head;
  await replaceFile(files.head, JSON.stringify(rest));
}

/** The slugs of dirty.json (none when there is no such file). */
async function readDirty(file: string): Promise<string[]> {
  try {
    const slugs: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(slugs) ? slugs.filter((slug): slug is string => typeof slug === 'string') : [];
  } catch {
    return [];
  }
}

/** The pages of `slugs` without their fingerprint, and their articles without a record key (each is read anew). */
function forgetDirtyPages(state: BuildState, slugs: string[]): void {
  if (slugs.length === 0) return;
  const dirty = new Set(slugs);
  for (const slug of slugs) delete state.pages[slug];
  state.slugs.forEach((slug, i) => {
    if (dirty.has(slug)) state.articles[i]!.key = '';
  });
}

/** Write `contents` (or its pieces, one after the other) to a temporary file beside `file`, then rename it to `file`. */
async function replaceFile(file: string, contents: string | Uint8Array | (string | Uint8Array)[]): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  if (Array.isArray(contents)) {
    const handle = await open(temp, 'w');
    try {
      // Each piece from where the last one ended (a FileHandle's writeFile writes at its position, all of it).
      for (const piece of contents) await handle.writeFile(piece);
    } finally {
      await handle.close();
    }
  } else await writeFile(temp, contents);
  await rename(temp, file);
}
