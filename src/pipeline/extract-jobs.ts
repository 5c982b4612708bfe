/**
 * What an extractor (a worker thread, extract-worker.ts, or a process started from a
 * snapshot, extract-process.ts) does with each message: `{ id, file, bytes }` is answered
 * `{ id, outcome }`; `{ warmUp: true }` extracts warm-up-page.ts `WARM_UP_PAGE` and is not
 * answered.
 */
import { extractOne, type ExtractOutcome } from './extract-one.ts';
import { WARM_UP_PAGE } from './warm-up-page.ts';

export type ExtractMessage = { id: number; file: string; bytes: Uint8Array } | { warmUp: true };
export interface ExtractAnswer {
  id: number;
  outcome: ExtractOutcome;
}

/** The sample page extracted (warm-up-page.ts): what warms an extractor's code, and what checks a new snapshot. */
export function extractSamplePage(): ExtractOutcome {
  return extractOne('warm-up.txt', Buffer.from(WARM_UP_PAGE));
}

/** A handler of extraction messages that answers through `reply`. */
export function extractionJobs(reply: (answer: ExtractAnswer) => void): (message: ExtractMessage) => void {
  /** Files extracted so far: once one has been, the code is warm. */
  let extracted = 0;
  return (message) => {
    if ('warmUp' in message) {
      // After the messages already waiting (a file sent while the code loaded goes first,
      // and then warms the code itself): only an extractor with nothing to do takes the sample.
      setImmediate(() => {
        if (extracted === 0) extractSamplePage();
      });
      return;
    }
    extracted++;
    reply({ id: message.id, outcome: extractOne(message.file, message.bytes) });
  };
}
