/** The search stage's files, written a few at a time below one folder. */
import { copyFile, link, mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Files written at once; enough to keep the disk busy, few enough to stay under any open-file limit. */
const WRITE_CONCURRENCY = 64;

/** Files written a few at a time: `write` waits only while `WRITE_CONCURRENCY` are on their way. */
export class FileWriter {
  private readonly folders = new Map<string, Promise<unknown>>();
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown;
  private bytes = 0;
  private readonly written: string[] = [];

  constructor(private readonly outputDir: string) {}

  async write(file: string, text: string | Uint8Array): Promise<void> {
    const contents = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.bytes += contents.byteLength;
    await this.add(file, (target) => writeFile(target, contents));
  }

  /** A file written piece after piece (a large one: no one string or buffer of it all). */
  async writePieces(file: string, pieces: readonly string[]): Promise<void> {
    await this.add(file, async (target) => {
      const handle = await open(target, 'w');
      try {
        for (const piece of pieces) {
          // Each piece encoded once, for its size and its write (a FileHandle's writeFile writes all of it, from where the last one ended).
          const contents = Buffer.from(piece, 'utf8');
          this.bytes += contents.byteLength;
          await handle.writeFile(contents);
        }
      } finally {
        await handle.close();
      }
    });
  }

  private async add(file: string, make: (target: string) => Promise<void>): Promise<void> {
    while (this.pending.size >= WRITE_CONCURRENCY) await Promise.race(this.pending);
    if (this.failure !== undefined) throw this.failure;
    this.written.push(file);
    const written: Promise<void> = this.inFolder(file, make)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(written));
    this.pending.add(written);
  }

  /** `file` is the file at `from` (a file of the previous output, hard-linked, or copied where links are impossible). */
  async link(file: string, from: string): Promise<void> {
    await this.add(file, async (target) => {
      try {
        await link(from, target);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK' || code === 'ENOTSUP') await copyFile(from, target);
        else throw error;
      }
    });
  }

  /** Waits for every write; rejects with the first that failed. */
  async done(): Promise<{ bytes: number; files: string[] }> {
    await Promise.all(this.pending);
    if (this.failure !== undefined) throw this.failure;
    return { bytes: this.bytes, files: this.written.sort() };
  }

  private async inFolder(file: string, make: (target: string) => Promise<void>): Promise<void> {
    const target = path.join(this.outputDir, file);
    const folder = path.dirname(target);
    let made = this.folders.get(folder);
    if (!made) this.folders.set(folder, (made = mkdir(folder, { recursive: true })));
    await made;
    await make(target);
  }
}
