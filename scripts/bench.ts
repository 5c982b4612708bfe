/**
 * `npm run bench`: how fast news-archive is, as tables. Not a test: nothing here
 * passes or fails; record the figures in the README with the machine they came from.
 *
 *   npm run bench                 every section
 *   npm run bench -- extract      only the named sections
 *   npm run bench -- build --sizes=1000,100000   the build section at other sizes
 */
import os from 'node:os';
import { benchBuild } from './bench/build.ts';
import { benchExtract } from './bench/extract.ts';
import { benchSearch } from './bench/search.ts';
import { printTable, type Table } from './bench/table.ts';

const SECTIONS: Record<string, () => Promise<Table | Table[]>> = {
  extract: benchExtract,
  search: benchSearch,
  build: benchBuild,
};

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; sections: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
console.log(`news-archive benchmark — ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const tables = await run();
  for (const table of Array.isArray(tables) ? tables : [tables]) printTable(table);
}
