/** The build's CSS minifier (src/site/minify-css.ts, esbuild's): comments and spaces go, meaning stays. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { minifyCss } from '../../src/site/minify-css.ts';
import { clip } from '../../src/site/filters.ts';

test('esbuild removes comments and insignificant spaces, keeps strings and descendant pseudo-classes, and calc() stays valid', async () => {
  const css = `/* a comment */
main :focus {
  outline: 0.5rem solid red; /* another */
}
.a > .b ,
.c { content: " /* not a comment */  → "; width: calc(1rem + -0.5vw); }
@media (min-width: 40rem) {
  .d { margin: 0 auto; }
}
`;
  assert.equal(
    await minifyCss(css),
    'main :focus{outline:.5rem solid red}.a>.b,.c{content:" /* not a comment */  \u2192 ";width:calc(1rem - .5vw)}@media(min-width:40rem){.d{margin:0 auto}}\n',
  );
  assert.equal(await minifyCss('a{width:10.5px;color:#ffffff}'), 'a{width:10.5px;color:#fff}\n');
});

test('clip: descriptions cut at a word boundary to 160 characters', () => {
  assert.equal(clip('short text'), 'short text');
  const long = 'word '.repeat(60);
  const clipped = clip(long);
  assert.ok(clipped.length <= 160, `${clipped.length}`);
  assert.match(clipped, /^(?:word )+word…$/);
  assert.equal(clip('one two three, four', 15), 'one two three…');
});
