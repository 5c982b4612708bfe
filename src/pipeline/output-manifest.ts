/**
 * What the last build wrote into an output folder, so the next build can take the files
 * that would come out the same from there instead of rendering them again.
 *
 *   <cache dir>/outputs/<sha256 of the output path>.json
 *
 * It names the output folder's inode (a folder replaced by anything else is not
 * trusted), each article page's fingerprint, the cache key of each source text, and the
 * search files with the fingerprint of their input. It is deleted before a build swaps
 * its folder in and written again after, so it never describes a folder it did not see.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OutputManifest {
  output: string;
  ino: number;
  /** Fingerprint of everything the build was made from (build.ts); equal inputs give this output. */
  inputs?: string;
  /** What the build said: its article and page counts, and the warnings and errors of the records (not of the listing or reading, which a build sees anew). */
  summary?: { articles: number; pages: number; warnings: { file: string; message: string }[]; errors: { file: string; message: string }[] };
  /** slug → fingerprint of the page `articles/<slug>/index.html`. */
  pages: Record<string, string>;
  /** slug → record key of `articles/<slug>/source.txt`. */
  sources: Record<string, string>;
  /** The files the search stage wrote, and the fingerprint of what it was given. */
  search?: { fingerprint: string; files: string[] };
}

export function manifestPath(cacheDir: string, output: string): string {
  const id = createHash('sha256').update(path.resolve(output)).digest('hex').slice(0, 24);
  return path.join(path.resolve(cacheDir), 'outputs', `${id}.json`);
}

/** The manifest of `output`, when there is one and the folder is the one it describes. */
export async function readManifest(cacheDir: string, output: string): Promise<OutputManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(manifestPath(cacheDir, output), 'utf8')) as OutputManifest;
    const { ino } = await stat(output);
    return manifest.output === path.resolve(output) && manifest.ino === ino ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export async function forgetManifest(cacheDir: string, output: string): Promise<void> {
  await rm(manifestPath(cacheDir, output), { force: true });
}

export async function writeManifest(cacheDir: string, manifest: Omit<OutputManifest, 'ino'>): Promise<void> {
  const file = manifestPath(cacheDir, manifest.output);
  const { ino } = await stat(manifest.output);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify({ ...manifest, ino }));
  await rename(`${file}.tmp`, file);
}

/** Mark pages (and their source texts) as unknown: they are about to be replaced outside a full build. */
export async function markDirty(cacheDir: string, output: string, slugs: string[]): Promise<void> {
  const manifest = await readManifest(cacheDir, output);
  if (manifest === undefined) return;
  delete manifest.inputs;
  for (const slug of slugs) {
    delete manifest.pages[slug];
    delete manifest.sources[slug];
  }
  const file = manifestPath(cacheDir, output);
  await writeFile(`${file}.tmp`, JSON.stringify(manifest));
  await rename(`${file}.tmp`, file);
}
