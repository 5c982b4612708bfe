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
import { extractionJobs, type ExtractMessage } from './extract-jobs.ts';

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // The parent gone (or its channel closed), nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  process.on('message', extractionJobs((answer) => process.send!(answer)) as (message: unknown) => void);
});
