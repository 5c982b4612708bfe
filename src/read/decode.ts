/**
 * Bytes → text. Every article file is untrusted: it may carry a byte-order mark, be
 * UTF-16, be a legacy single-byte encoding, or not be text at all.
 *
 * The result is NFC text with `\n` line endings, and the name of the encoding assumed.
 */

/** A NUL byte never appears in UTF-8 text; in a file without a UTF-16 BOM it means binary data. */
const NUL = 0x00;
/** Share of control characters (other than tab, CR, LF, FF) above which the file is not text. */
const MAX_CONTROL_CHAR_SHARE = 0.01;

export interface DecodedText {
  text: string;
  encoding: string;
}

export class DecodeError extends Error {}

export function decodeArticle(bytes: Uint8Array): DecodedText {
  const { encoding, offset } = sniffByteOrderMark(bytes);
  let text: string;
  if (encoding !== undefined) {
    text = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(offset));
  } else {
    if (bytes.includes(NUL)) throw new DecodeError('binary data (NUL bytes), not a text file');
    const utf8 = tryDecode('utf-8', bytes);
    // Bytes that are not valid UTF-8 are read as Windows-1252, the superset of Latin-1
    // that browsers use for unlabelled legacy pages.
    text = utf8 ?? new TextDecoder('windows-1252').decode(bytes);
    return finish(text, utf8 === undefined ? 'windows-1252' : 'utf-8');
  }
  return finish(text, encoding);
}

function finish(raw: string, encoding: string): DecodedText {
  if (controlCharShare(raw) > MAX_CONTROL_CHAR_SHARE) {
    throw new DecodeError(`binary data (control characters), not a text file (read as ${encoding})`);
  }
  const text = raw.replace(/\r\n?/g, '\n').normalize('NFC');
  return { text, encoding };
}

function sniffByteOrderMark(bytes: Uint8Array): { encoding?: string; offset: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', offset: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', offset: 2 };
  return { offset: 0 };
}

function tryDecode(encoding: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function controlCharShare(text: string): number {
  if (text.length === 0) return 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f) control++;
  }
  return control / text.length;
}
