/**
 * A small, safe CSS minifier for the site's own hand-written stylesheets: it removes
 * comments and the whitespace a parser ignores, and nothing else (no rewriting of
 * values or selectors). Strings (`content: " → "`) are kept byte for byte.
 *
 * Whitespace is dropped next to `{ } ; , >` and after a `:` (a pseudo-class never
 * starts with a space, so that space is always a declaration's or a media query's). It
 * is kept before a `:`, where it can be meaningful in a selector (`main :focus` is not
 * `main:focus`), and around `+` and `-`, which `calc()` needs. The `;` before a `}`
 * goes too, and so does the zero of `0.5`.
 */
import { Transform } from 'node:stream';

/** Punctuation that whitespace on either side of never changes the meaning of. */
const TIGHT = new Set(['{', '}', ';', ',', '>']);
/** Punctuation that whitespace after never changes the meaning of. */
const TIGHT_AFTER = new Set([...TIGHT, ':']);

export function minifyCss(css: string): string {
  let out = '';
  let space = false;
  const flushSpace = (next: string) => {
    if (space && out !== '' && !TIGHT_AFTER.has(out.at(-1)!) && !TIGHT.has(next)) out += ' ';
    space = false;
  };
  for (let i = 0; i < css.length; ) {
    const c = css[i]!;
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? css.length : end + 2;
      space = true;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < css.length && css[j] !== c) j += css[j] === '\\' ? 2 : 1;
      flushSpace(c);
      out += css.slice(i, j + 1);
      i = j + 1;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else {
      flushSpace(c);
      if (c === '}' && out.endsWith(';')) out = out.slice(0, -1);
      // `0.5rem` → `.5rem`: a leading zero before a decimal point (not in `10.5`, `#0.5`).
      if (c === '0' && css[i + 1] === '.' && /\d/.test(css[i + 2] ?? '') && /(?:^|[\s:,(/*+-])$/.test(out.at(-1) ?? '')) {
        i++;
        continue;
      }
      out += c;
      i++;
    }
  }
  return out.endsWith('\n') ? out : `${out}\n`;
}

/** A stream that minifies the whole CSS file it is given (for Eleventy's passthrough copy). */
export function minifyCssStream(): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
    flush(done) {
      this.push(minifyCss(Buffer.concat(chunks).toString('utf8')));
      done();
    },
  });
}
