/**
 * Bytes → text. Every article file is untrusted: it may carry a byte-order mark, be
 * UTF-16 (with or without a BOM), be a legacy encoding, or not be text at all.
 *
 * The order of the checks:
 *   1. a byte-order mark names the encoding (UTF-8, UTF-16 LE/BE; UTF-32 is refused);
 *   2. known binary signatures (PDF, PNG, JPEG, GIF, ZIP/Office, gzip) are refused by name;
 *   3. NUL bytes: UTF-16 without a BOM when they sit in every other byte, else binary;
 *   4. valid UTF-8 (ASCII included) is UTF-8;
 *   5. mostly UTF-8 with a few broken sequences is UTF-8 with U+FFFD in their place;
 *   6. anything else is a legacy encoding detected by chardet (ICU's detector),
 *      Windows-1252 when chardet is not confident;
 *   7. text with too many control characters is refused as binary.
 *
 * The result is NFC text with `\n` line endings, the WHATWG name of the encoding that
 * was used to decode it, and warnings for what was guessed or repaired.
 */
import chardet from 'chardet';

/** A NUL byte never appears in UTF-8 text; in a file without a UTF-16 BOM it means binary data or BOM-less UTF-16. */
const NUL = 0x00;
/** Share of control characters (other than tab, CR, LF, FF) above which the file is not text. */
const MAX_CONTROL_CHAR_SHARE = 0.01;
/** BOM-less UTF-16: at least this share of the code units has a NUL high byte (ASCII-heavy text)… */
const UTF16_MIN_NUL_HIGH_SHARE = 0.3;
/** …and at most this share has a NUL low byte (in binary data NULs fall anywhere). */
const UTF16_MAX_NUL_LOW_SHARE = 0.01;
/**
 * Invalid UTF-8 sequences are repaired (U+FFFD) when valid multi-byte characters outnumber
 * them this many times: legacy text almost never forms a valid UTF-8 sequence by chance
 * (an accented letter would have to be followed by one to three bytes of 0x80–0xBF).
 */
const UTF8_REPAIR_MIN_VALID_PER_INVALID = 2;
/** chardet's confidence (0–100) below which its guess is ignored and Windows-1252 is assumed. */
const CHARDET_MIN_CONFIDENCE = 20;
/** What browsers assume for unlabelled legacy pages: the superset of Latin-1. */
const FALLBACK_ENCODING = 'windows-1252';

export interface DecodedText {
  text: string;
  /** The WHATWG name of the encoding used (`utf-8`, `utf-16le`, `windows-1252`, `shift_jis`, …). */
  encoding: string;
  /** What was guessed or repaired, one line each. */
  warnings: string[];
}

export class DecodeError extends Error {}

/** Signatures of binary formats that are saved as `.txt` by mistake, with their names for the message. */
const SIGNATURES: { bytes: number[]; name: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], name: 'a GIF image' }, // GIF87a
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], name: 'a GIF image' }, // GIF89a
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (or a Word/OpenDocument file)' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Microsoft Office document' },
];

export function decodeArticle(bytes: Uint8Array): DecodedText {
  const bom = sniffByteOrderMark(bytes);
  if (bom !== undefined) {
    const text = new TextDecoder(bom.encoding, { fatal: false, ignoreBOM: true }).decode(bytes.subarray(bom.offset));
    return finish(text, bom.encoding, replacementWarning(text, bom.encoding));
  }
  const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (signature) throw new DecodeError(`binary data (${signature.name}), not a text file`);

  if (bytes.includes(NUL)) {
    const utf16 = sniffUtf16WithoutBom(bytes);
    if (utf16 === undefined) throw new DecodeError('binary data (NUL bytes), not a text file');
    const text = new TextDecoder(utf16, { fatal: false }).decode(bytes);
    return finish(text, utf16, [`no byte-order mark; read as ${utf16.toUpperCase()} (NUL bytes in every other byte)`]);
  }

  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const invalid = countReplacements(utf8) - countEncodedReplacements(bytes);
  if (invalid === 0) return finish(utf8, 'utf-8', []);
  if (countNonAscii(utf8) - countReplacements(utf8) >= UTF8_REPAIR_MIN_VALID_PER_INVALID * invalid) {
    return finish(utf8, 'utf-8', [`${invalid} invalid UTF-8 byte sequence(s) replaced with U+FFFD`]);
  }

  const detected = detectLegacy(bytes);
  const text = decodeLegacy(detected.encoding, bytes);
  const how = detected.confident ? 'detected' : 'assumed: too little to detect';
  return finish(text, detected.encoding, [`not UTF-8; read as ${detected.encoding} (${how}); save the file as UTF-8 to be sure`]);
}

function finish(raw: string, encoding: string, warnings: string[]): DecodedText {
  if (controlCharShare(raw) > MAX_CONTROL_CHAR_SHARE) {
    throw new DecodeError(`binary data (control characters), not a text file (read as ${encoding})`);
  }
  const text = raw.replace(/\r\n?/g, '\n').normalize('NFC');
  return { text, encoding, warnings };
}

function sniffByteOrderMark(bytes: Uint8Array): { encoding: string; offset: number } | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', offset: 3 };
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new DecodeError('UTF-32 text is not supported; save the file as UTF-8');
  }
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', offset: 2 };
  return undefined;
}

/** `utf-16le` / `utf-16be` when the NULs look like the high bytes of ASCII characters. */
function sniffUtf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const units = Math.floor(bytes.length / 2);
  if (units === 0 || bytes.length % 2 !== 0) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < units * 2; i += 2) {
    if (bytes[i] === NUL) evenNul++;
    if (bytes[i + 1] === NUL) oddNul++;
  }
  if (oddNul / units >= UTF16_MIN_NUL_HIGH_SHARE && evenNul / units <= UTF16_MAX_NUL_LOW_SHARE) return 'utf-16le';
  if (evenNul / units >= UTF16_MIN_NUL_HIGH_SHARE && oddNul / units <= UTF16_MAX_NUL_LOW_SHARE) return 'utf-16be';
  return undefined;
}

/** chardet's best single- or multi-byte guess that TextDecoder can decode. */
function detectLegacy(bytes: Uint8Array): { encoding: string; confident: boolean } {
  for (const match of chardet.analyse(bytes)) {
    if (match.confidence < CHARDET_MIN_CONFIDENCE) break;
    if (/^(?:utf|ascii)/i.test(match.name)) continue;
    const encoding = supportedEncoding(match.name);
    if (encoding !== undefined) return { encoding, confident: true };
  }
  return { encoding: FALLBACK_ENCODING, confident: false };
}

/**
 * WHATWG's Windows-1252 for bytes 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1 controls).
 * Node 20.18.3+ and 22.13+ decode `windows-1252` (and the `latin1` / `iso-8859-1` labels)
 * as ISO-8859-1, turning smart quotes, dashes and the euro sign into invisible controls
 * (https://github.com/nodejs/node/issues/60888); the table puts them back.
 */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeLegacy(encoding: string, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
}

/** The WHATWG name TextDecoder uses for a label (`ISO-8859-1` → `windows-1252`), or undefined. */
function supportedEncoding(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return undefined;
  }
}

function replacementWarning(text: string, encoding: string): string[] {
  const count = countReplacements(text);
  return count === 0 ? [] : [`${count} character(s) that are not valid ${encoding.toUpperCase()} replaced with U+FFFD`];
}

function countReplacements(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

/** U+FFFD written in the file itself (EF BF BD) is text, not a decoding error. */
function countEncodedReplacements(bytes: Uint8Array): number {
  let count = 0;
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) count++;
  }
  return count;
}

function countNonAscii(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) count++;
  return count;
}

/** C0 controls other than tab, LF, FF, CR; DEL; and C1 controls (what Windows-1252's unmapped bytes become). */
function controlCharShare(text: string): number {
  if (text.length === 0) return 0;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || (code >= 0x7f && code <= 0x9f)) control++;
  }
  return control / text.length;
}
