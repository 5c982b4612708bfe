/**
 * What an extractor (a worker thread, extract-worker.ts, or a process started from a
 * snapshot, extract-process.ts) does with each message: `{ id, file, bytes }` is answered
 * `{ id, outcome }`.
 */
import { extractOne, type ExtractOutcome } from './extract-one.ts';
import { SAMPLE_PAGE } from './sample-page.ts';

export type ExtractMessage = { id: number; file: string; bytes: Uint8Array };
export interface ExtractAnswer {
  id: number;
  outcome: ExtractOutcome;
}

/** The sample page extracted (sample-page.ts): what checks a new snapshot. */
export function extractSamplePage(): ExtractOutcome {
  return extractOne('sample.txt', Buffer.from(SAMPLE_PAGE));
}

/** A handler of extraction messages that answers through `reply`. */
export function extractionJobs(reply: (answer: ExtractAnswer) => void): (message: ExtractMessage) => void {
  return (message) => reply({ id: message.id, outcome: extractOne(message.file, message.bytes) });
}
