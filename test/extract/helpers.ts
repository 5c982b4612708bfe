import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extract } from '../../src/extract/index.ts';
import type { ArticleRecord } from '../../src/record.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Extract one of the real articles in articles/. */
export function article(name: string): ArticleRecord {
  const text = readFileSync(path.join(ROOT, 'articles', name), 'utf8').normalize('NFC').replace(/\r\n?/g, '\n');
  return extract(text, { file: name });
}

/** Extract invented text. */
export function fixture(lines: string[] | string): ArticleRecord {
  return extract(Array.isArray(lines) ? lines.join('\n') : lines, { file: 'fixture.txt' });
}

/** The body's paragraphs (blocks separated by blank lines). */
export function paragraphs(record: ArticleRecord): string[] {
  return record.body.split('\n\n');
}

/** Some invented prose in the shape of a news paragraph. */
export const PROSE = [
  'The harbour council voted on Tuesday to close the old ferry terminal, ending a service that has run for more than ninety years.',
  'Officials said the decision was taken after engineers found that the pier could no longer carry the weight of modern vessels.',
  'Residents of the island, who depend on the ferry for shopping and school, said they had not been consulted before the vote.',
  'A spokesperson for the council said a temporary service would start next month while a new pier is designed and built.',
  'The mayor told reporters that the town would apply for national funding, but warned that the work could take several years.',
  'Local businesses fear that fewer visitors will come during the summer, when the ferry usually carries thousands of tourists.',
];
