/**
 * `npm run train:extract -- <dataset-dir>...`: fit the extractor's models to every page of
 * the labelled datasets (pages/*.txt + gold.json, as ../shared/extraction-dev) and write
 * them to src/extract/model/weights.ts. The same datasets give the same file, byte for
 * byte. No page text is written anywhere: the file holds numbers only.
 * `npm run eval:extract` tells how well the models do on pages they were not fitted to.
 */
import path from 'node:path';
import { loadDataset } from './lib/dataset.ts';
import { fitExtractor, preparePage, WEIGHTS_FILE, writeWeights } from './lib/fit-extractor.ts';

const dirs = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
if (dirs.length === 0) {
  console.error('usage: npm run train:extract -- <dataset-dir>...');
  process.exit(2);
}
const started = performance.now();
const sets = dirs.map((dir) => loadDataset(dir));
const pages = sets.flat().map(preparePage);
const model = fitExtractor(pages);
const trainedOn = sets.map((set, i) => `${path.basename(path.resolve(dirs[i] as string))} (${set.length} pages)`);
writeWeights(model, trainedOn);
console.log(`fitted on ${trainedOn.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${path.relative(process.cwd(), WEIGHTS_FILE)}`);
