/** Helpers for the robustness suite: article folders made on the fly, and the real CLI. */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../helpers/site-files.ts';

export { listFiles, PROJECT_ROOT, readSiteFile, snapshotFolder, tempDir } from '../helpers/site-files.ts';

export const CLI = path.join(PROJECT_ROOT, 'bin', 'news-archive.js');

/** Invented prose in the shape of a news article's paragraphs. */
export const PARAGRAPHS = [
  'The harbour council voted on Tuesday to close the old ferry terminal, ending a service that has run for more than ninety years.',
  'Officials said the decision was taken after engineers found that the pier could no longer carry the weight of modern vessels.',
  'Residents of the island, who depend on the ferry for shopping and school, said they had not been consulted before the vote.',
];

/** A complete, dated article with the given headline: it builds without a warning. */
export function article(headline: string, { date = '3 May 2021', paragraphs = PARAGRAPHS } = {}): string {
  return [headline, '', date, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n');
}

/** Write `files` (relative name → text or bytes) below `dir`, creating subfolders. */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `news-archive …` in a child process. `cwd` defaults to a folder outside the
 * project (the record cache lives in the current folder); `shell` wraps the command
 * (`ulimit -f …; exec` …).
 */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; shellPrefix?: string } = {}): Promise<CliRun> {
  const command = options.shellPrefix
    ? spawn('bash', ['-c', `${options.shellPrefix}; exec "$0" "$@"`, process.execPath, CLI, ...args], { cwd: options.cwd, env: options.env ?? process.env })
    : spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env ?? process.env });
  return collect(command);
}

export function collect(child: ReturnType<typeof spawn>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Lines of a CLI run's stderr that start with `error:` or `warning:` and name `file`. */
export function messagesAbout(stderr: string, file: string): string[] {
  return stderr.split('\n').filter((line) => /^(?:error|warning): /.test(line) && line.includes(`/${file}: `));
}

/** Entries beside `dir` (in its parent folder) other than `dir` itself: stray temporary folders. */
export function strayBeside(dir: string): string[] {
  return readdirSync(path.dirname(dir)).filter((name) => name !== path.basename(dir));
}

/** Article pages of a built site, as slugs. */
export function articleSlugs(files: string[]): string[] {
  return files.flatMap((f) => /^articles\/([^/]+)\/index\.html$/.exec(f)?.[1] ?? []).sort();
}
