/**
 * Extraction speed: articles per second on one core, over generated pages and the
 * five real articles, after a warm-up so the JIT has compiled the hot paths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from '../../src/extract/index.ts';
import { generateArticle } from '../generate-corpus.ts';
import type { Table } from './table.ts';

const GENERATED = 1000;
const WARM_UP_ROUNDS = 1;
/** Rounds over each set after the warm-up: enough for a few seconds of work. */
const GENERATED_ROUNDS = 2;
const REAL_ROUNDS = 200;

/** Articles per second by the clock and by this process's CPU time (the second holds up when other work shares the machine). */
function articlesPerSecond(texts: { file: string; text: string }[], rounds: number): { wall: number; cpu: number } {
  for (let r = 0; r < WARM_UP_ROUNDS; r++) for (const { file, text } of texts) extract(text, { file });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const { file, text } of texts) extract(text, { file });
  const cpu = process.cpuUsage(cpuStarted);
  const count = texts.length * rounds;
  return { wall: count / ((performance.now() - started) / 1000), cpu: count / ((cpu.user + cpu.system) / 1e6) };
}

export async function benchExtract(): Promise<Table> {
  const generated = Array.from({ length: GENERATED }, (_, i) => generateArticle(i, 1));
  const realDir = path.join(import.meta.dirname, '../../articles');
  const real = readdirSync(realDir).sort().map((file) => ({ file, text: readFileSync(path.join(realDir, file), 'utf8') }));
  const rows: (string | number)[][] = [];
  for (const [label, texts, rounds] of [
    [`${GENERATED} generated pages (300–1,500 words)`, generated, GENERATED_ROUNDS],
    ['the five real articles', real, REAL_ROUNDS],
  ] as const) {
    const { wall, cpu } = articlesPerSecond([...texts], rounds);
    rows.push([label, Math.round(wall), Math.round(cpu)]);
  }
  return {
    title: 'Extraction, one core',
    columns: ['input', 'articles / s', 'articles / CPU-s'],
    rows,
    notes: [
      'Target: at least 1,000 typical articles per second on one core.',
      'Date lines are read by chrono once per distinct text and remembered (src/extract/dates.ts): the repeated five articles hit that memo after their first round; the 1,000 generated pages share only their page-date line.',
      `Load average when measured: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores (the clock column is only fair when it is low).`,
    ],
  };
}
