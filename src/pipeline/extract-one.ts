/**
 * One article file's bytes → its record and rendered body, or the one-line reason it
 * could not become a record. Runs in the extraction worker threads and, for a handful
 * of files, in the main thread.
 */
import type { Extracted } from '../cache/record-cache.ts';
import { describe, recordFromBytes } from '../read/index.ts';
import { renderBody } from '../render/markdown.ts';

export type ExtractOutcome = { ok: true; value: Extracted } | { ok: false; message: string };

export function extractOne(file: string, bytes: Uint8Array): ExtractOutcome {
  try {
    const record = recordFromBytes(file, bytes);
    return { ok: true, value: { record, bodyHtml: renderBody(record.body) } };
  } catch (error) {
    return { ok: false, message: describe(error) };
  }
}
