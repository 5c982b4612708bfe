/**
 * A full garbage collection between the stages of a large build.
 *
 * V8 collects lazily: with gigabytes of headroom it lets a stage's garbage (the strings
 * of the listing pages, the tokens of the search index) pile up, and the process's
 * memory is then the live data plus everything the previous stages threw away. A
 * collection at the start of each memory-hungry stage makes the peak that stage's live
 * data. It takes ~0.1 s for a 10,000-article archive and a few milliseconds for a small one.
 *
 * `gc` is not exposed without `--expose-gc`; the flag can be set at run time, and the
 * function is then found in a fresh context (https://nodejs.org/api/v8.html#v8setflagsfromstringflags).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (gc === undefined) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
}
