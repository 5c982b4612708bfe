/**
 * The extraction process: the entry of the start-up snapshot bin/bundle.js makes of the
 * extractor (`node --build-snapshot`). Loading the extractor's code and setting up its
 * packages (the topic tagger's lexicon, the date parser, the language identifier) takes a
 * worker thread ~0.8 s; here it runs once, when the snapshot is made, and a process
 * started from it (`node --snapshot-blob`) has it all in ~0.15 s. It then answers the
 * messages of extract-jobs.ts over its IPC channel (src/pipeline/worker-thread.ts
 * `startExtractor`).
 */
import v8 from 'node:v8';
import { extractionJobs, extractSamplePage } from './extract-jobs.ts';

/** The argument bin/bundle.js starts a new snapshot with once, to check it: the sample page is extracted and the outcome printed (not exported: a snapshot entry has no `module`). */
const CHECK_ARGUMENT = 'check-snapshot';

v8.startupSnapshot.setDeserializeMainFunction(() => {
  if (process.argv.includes(CHECK_ARGUMENT)) {
    const outcome = extractSamplePage();
    process.stdout.write(outcome.ok ? `ok ${outcome.value.length}\n` : `not ok: ${outcome.message}\n`);
    return;
  }
  // The parent gone (or its channel closed), nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  process.on('message', extractionJobs((answer) => process.send!(answer)) as (message: unknown) => void);
});
