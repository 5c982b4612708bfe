/**
 * Extraction speed: articles per second on one core, over generated pages and the
 * five real articles, after a warm-up so the JIT has compiled the hot paths.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from '../../src/extract/index.ts';
import { generateArticle } from '../generate-corpus.ts';
import type { Table } from './table.ts';

const GENERATED = 1000;
const WARM_UP_ROUNDS = 1;

function articlesPerSecond(texts: { file: string; text: string }[], rounds: number): number {
  for (let r = 0; r < WARM_UP_ROUNDS; r++) for (const { file, text } of texts) extract(text, { file });
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const { file, text } of texts) extract(text, { file });
  return (texts.length * rounds) / ((performance.now() - started) / 1000);
}

export async function benchExtract(): Promise<Table> {
  const generated = Array.from({ length: GENERATED }, (_, i) => generateArticle(i, 1));
  const realDir = path.join(import.meta.dirname, '../../articles');
  const real = readdirSync(realDir).sort().map((file) => ({ file, text: readFileSync(path.join(realDir, file), 'utf8') }));
  const rows: (string | number)[][] = [
    [`${GENERATED} generated pages (300–1,500 words)`, Math.round(articlesPerSecond(generated, 1))],
    ['the five real articles', Math.round(articlesPerSecond(real, 200))],
  ];
  return {
    title: 'Extraction, one core',
    columns: ['input', 'articles / s'],
    rows,
    notes: ['Target: at least 1,000 typical articles per second on one core.'],
  };
}
