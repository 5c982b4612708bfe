/**
 * File names and messages for the terminal: always one line, never a control sequence.
 *
 * An article's file name and parts of its front matter reach the build log. A newline
 * in a file name would split a message in two; an escape sequence could rewrite the
 * terminal; a bidirectional override (U+202E) could make `evil.txt` read as another
 * name. Each such character is shown as a `\u{…}` escape instead.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls, BOM. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function oneLine(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\t' ? ' ' : `\\u{${c.codePointAt(0)!.toString(16)}}`));
}
