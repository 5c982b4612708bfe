/**
 * Chunk entries changed as text (src/search/entry-text.ts) are what the index writes for
 * the merged postings (shards.ts `termEntry`, `positionEntry`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { TermPostings } from '../../src/search/build-index.ts';
import { appendToEntry, patchPositionEntry, patchTermEntry, splitChunk, tailFrom, withFirst } from '../../src/search/entry-text.ts';
import { lastsOf, positionEntry, termEntry } from '../../src/search/shards.ts';

const FIELDS = 4;

/** Postings of documents `docs` (ascending), each in some fields, with frequencies, lengths and ordinals. */
const postingsOf = (docs: Array<{ doc: number; fields: Array<{ tf: number; length: number; ordinals: number[] } | null> }>): TermPostings => {
  const postings = Array.from({ length: FIELDS }, () => [] as number[]);
  const ordinals = Array.from({ length: FIELDS }, () => [] as number[]);
  for (const { doc, fields } of docs) {
    fields.forEach((field, f) => {
      if (field === null) return;
      postings[f]!.push(doc, field.tf, field.length);
      if (field.ordinals.length > 0) ordinals[f]!.push(doc, field.ordinals.length, ...field.ordinals);
    });
  }
  const newest = Math.max(-1, ...docs.filter((d) => d.fields.some((f) => f !== null)).map((d) => d.doc));
  return { first: [newest, 0, 0], postings: postings.map((p) => Int32Array.from(p)), ordinals: ordinals.map((o) => Int32Array.from(o)) };
};

const document = fc.record({
  fields: fc.array(
    fc.option(fc.record({ tf: fc.integer({ min: 1, max: 40 }), length: fc.integer({ min: 1, max: 3000 }), ordinals: fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 6 }).map((o) => o.sort((a, b) => a - b)) }), { nil: null }),
    { minLength: FIELDS, maxLength: FIELDS },
  ),
});

test('a term entry with documents removed and added, as text, is the entry of the merged postings', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }), fc.array(document, { minLength: 40, maxLength: 40 }), fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 10 }), fc.array(document, { minLength: 10, maxLength: 10 }), (oldDocs, oldFields, newDocs, newFields) => {
      const before = oldDocs.sort((a, b) => a - b).map((doc, i) => ({ doc, ...oldFields[i]! }));
      const removed = new Set(before.filter((_, i) => i % 3 === 0).map((d) => d.doc));
      const addedDocs = newDocs.sort((a, b) => a - b).map((doc, i) => ({ doc, ...newFields[i]! })).filter((d) => !before.some((b) => b.doc === d.doc && !removed.has(d.doc)));
      const added = postingsOf(addedDocs);
      const after = postingsOf([...before.filter((d) => !removed.has(d.doc)), ...addedDocs].sort((a, b) => a.doc - b.doc));
      const renumber = Int32Array.from({ length: 301 }, (_, doc) => (removed.has(doc) ? -1 : doc));
      const patched = patchTermEntry(termEntry('word', { ...postingsOf(before), first: [0, 2, 7] }), { renumber, added });
      assert.equal(patched.newest, after.first[0]);
      assert.equal(patched.withFirst(1, 5), termEntry('word', { ...after, first: [after.first[0], 1, 5] }));
      assert.equal(patchPositionEntry(positionEntry('word', postingsOf(before)), { renumber, added }).text, positionEntry('word', after));
    }),
    { numRuns: 300 },
  );
});

test('kept documents under other numbers (older ones added, others removed before them), as text, are the entry of the merged postings', () => {
  // The index's documents in order, each kept, removed, or added before the next one; with or without the term.
  const step = fc.record({ op: fc.constantFrom('keep', 'keep', 'keep', 'remove', 'add'), has: fc.boolean(), document });
  fc.assert(
    fc.property(fc.array(step, { maxLength: 120 }), (steps) => {
      const renumber: number[] = [];
      const before: Parameters<typeof postingsOf>[0] = [];
      const addedDocs: Parameters<typeof postingsOf>[0] = [];
      const after: Parameters<typeof postingsOf>[0] = [];
      let next = 0;
      for (const { op, has, document: { fields } } of steps) {
        if (op === 'add') {
          if (has) addedDocs.push({ doc: next, fields }), after.push({ doc: next, fields });
          next++;
          continue;
        }
        if (has) before.push({ doc: renumber.length, fields });
        if (op === 'keep' && has) after.push({ doc: next, fields });
        renumber.push(op === 'keep' ? next++ : -1);
      }
      const merged = postingsOf(after);
      const lasts = lastsOf(postingsOf(before));
      const from = tailFrom(Int32Array.from(renumber));
      // Read to the end of each list, and with the runs past the last change copied unread: the same entries.
      for (const tail of [false, true]) {
        const change = { renumber: Int32Array.from(renumber), added: postingsOf(addedDocs) };
        const patched = patchTermEntry(termEntry('word', { ...postingsOf(before), first: [0, 2, 7] }), tail ? { ...change, tail: { from, lasts: lasts.slice(0, FIELDS) } } : change);
        assert.equal(patched.newest, merged.first[0]);
        assert.equal(patched.oldNewest, Math.max(-1, ...lasts.slice(0, FIELDS)));
        assert.equal(patched.withFirst(1, 5), termEntry('word', { ...merged, first: [merged.first[0], 1, 5] }));
        const positions = patchPositionEntry(positionEntry('word', postingsOf(before)), tail ? { ...change, tail: { from, lasts: lasts.slice(FIELDS) } } : change);
        assert.equal(positions.text, positionEntry('word', merged));
        assert.deepEqual([...patched.lasts, ...positions.lasts], lastsOf(merged));
      }
    }),
    { numRuns: 500 },
  );
});

test('the tail of a renumbering starts after the last document that goes or moves otherwise', () => {
  assert.equal(tailFrom(Int32Array.from([0, 1, 2, 3])), 0);
  assert.equal(tailFrom(Int32Array.from([0, -1, 1, 2])), 2);
  assert.equal(tailFrom(Int32Array.from([0, 2, 3, 4])), 1);
  assert.equal(tailFrom(Int32Array.from([0, 1, 3, 5, 6])), 3);
  assert.equal(tailFrom(Int32Array.from([0, 1, -1])), 3);
  assert.equal(tailFrom(new Int32Array(0)), 0);
});

test('a chunk is split into its entries, quotes and brackets in terms included', () => {
  const entries = [termEntry('a"[b]', postingsOf([{ doc: 3, fields: [null, { tf: 1, length: 2, ordinals: [0] }, null, null] }])), termEntry('\\\\]', postingsOf([]))];
  assert.deepEqual(splitChunk(`[${entries.join(',')}]`), [{ term: 'a"[b]', text: entries[0] }, { term: '\\\\]', text: entries[1] }]);
});

test('documents added after all the others, appended as text, are the entries of the merged postings', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 30 }), fc.array(document, { minLength: 30, maxLength: 30 }), fc.uniqueArray(fc.integer({ min: 201, max: 400 }), { maxLength: 8 }), fc.array(document, { minLength: 8, maxLength: 8 }), (oldDocs, oldFields, newDocs, newFields) => {
      const before = oldDocs.sort((a, b) => a - b).map((doc, i) => ({ doc, ...oldFields[i]! }));
      const addedDocs = newDocs.sort((a, b) => a - b).map((doc, i) => ({ doc, ...newFields[i]! }));
      const old = postingsOf(before);
      const added = postingsOf(addedDocs);
      const after = postingsOf([...before, ...addedDocs]);
      const lasts = lastsOf(old);
      const term = appendToEntry(termEntry('word', { ...old, first: [0, 1, 2] }), added, lasts.slice(0, FIELDS), false);
      assert.equal(term.text, termEntry('word', { ...after, first: [0, 1, 2] }));
      assert.equal(withFirst(term.text, 3, 9), termEntry('word', { ...after, first: [0, 3, 9] }));
      const positions = appendToEntry(positionEntry('word', old), added, lasts.slice(FIELDS), true);
      assert.equal(positions.text, positionEntry('word', after));
      assert.deepEqual([...term.lasts, ...positions.lasts], lastsOf(after));
    }),
    { numRuns: 300 },
  );
});
