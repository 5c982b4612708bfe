/**
 * The site's stylesheets, minified on their way into the site by esbuild's CSS minifier
 * (https://esbuild.github.io/api/#minify): comments and the whitespace a parser ignores
 * go, colours and numbers take their shortest form, and nothing changes meaning.
 * `charset: 'utf8'` keeps characters such as `→` in `content` as they are written (the
 * files are served as UTF-8) rather than as `\2192` escapes.
 */
import { Transform } from 'node:stream';
import { transform } from 'esbuild';

export async function minifyCss(css: string): Promise<string> {
  const { code } = await transform(css, { loader: 'css', minify: true, charset: 'utf8', logLevel: 'silent' });
  return code;
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
      minifyCss(Buffer.concat(chunks).toString('utf8')).then(
        (css) => done(null, css),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
}
