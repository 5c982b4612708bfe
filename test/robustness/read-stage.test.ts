/** The read stage and slugs on their own: encodings, repairs, refusals, slug edge cases. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { makeSlug } from '../../src/extract/slug.ts';
import { extract } from '../../src/extract/index.ts';
import { decodeArticle, DecodeError } from '../../src/read/decode.ts';
import { oneLine } from '../../src/read/display.ts';
import { MAX_ARTICLE_BYTES, recordFromBytes } from '../../src/read/index.ts';
import type { ArticleRecord } from '../../src/record.ts';
import { assignUniqueSlugs } from '../../src/slugs.ts';
import { article } from './helpers.ts';

const iconv = (text: string, encoding: string): Buffer => execFileSync('iconv', ['-f', 'UTF-8', '-t', encoding], { input: text });

describe('decoding', () => {
  test('legacy encodings are detected by chardet and named in the result', () => {
    const cases: [string, string, string][] = [
      ['Zażółć gęślą jaźń. Rząd w Warszawie ogłosił, że prom przestanie kursować w przyszłym miesiącu po dziewięćdziesięciu latach.', 'ISO-8859-2', 'iso-8859-2'],
      ['Посольство Северной Кореи в Мадриде было атаковано группой людей, сообщила полиция во вторник.', 'WINDOWS-1251', 'windows-1251'],
      ['Посольство Северной Кореи в Мадриде было атаковано группой людей, сообщила полиция во вторник.', 'KOI8-R', 'koi8-r'],
      ['北朝鮮大使館襲撃事件について、警察は火曜日に発表した。容疑者は逃走している。', 'SHIFT_JIS', 'shift_jis'],
      ['북한 대사관 습격 사건에 대해 경찰은 화요일에 발표했다. 용의자는 도주 중이다.', 'EUC-KR', 'euc-kr'],
    ];
    for (const [text, from, expected] of cases) {
      const decoded = decodeArticle(iconv(text, from));
      assert.equal(decoded.encoding, expected, from);
      assert.equal(decoded.text, text, from);
      assert.deepEqual(decoded.warnings, [`not UTF-8; read as ${expected} (detected); save the file as UTF-8 to be sure`]);
    }
  });

  test('Windows-1252 punctuation (0x80–0x9F) is decoded as Windows-1252, not as C1 controls', () => {
    const decoded = decodeArticle(Buffer.from('It\x92s \x93quoted\x94 \x96 5 \x80 \x85 and caf\xe9 owners agree.', 'latin1'));
    assert.equal(decoded.text, 'It’s “quoted” – 5 € … and café owners agree.');
    assert.equal(decoded.encoding, 'windows-1252');
  });

  test('a very short legacy file falls back to Windows-1252 and says it was assumed', () => {
    const decoded = decodeArticle(Buffer.from('Caf\xe9\n', 'latin1'));
    assert.equal(decoded.text, 'Café\n');
    assert.deepEqual(decoded.warnings, ['not UTF-8; read as windows-1252 (assumed: too little to detect); save the file as UTF-8 to be sure']);
  });

  test('UTF-8 with a few broken bytes stays UTF-8, with U+FFFD and a count', () => {
    const bytes = Buffer.concat([Buffer.from('Crème brûlée, café, naïve, Zoë: '), Buffer.from([0xff]), Buffer.from(' fin’'), Buffer.from([0xe2, 0x82])]);
    const decoded = decodeArticle(bytes);
    assert.equal(decoded.encoding, 'utf-8');
    assert.equal(decoded.text, 'Crème brûlée, café, naïve, Zoë: \uFFFD fin’\uFFFD');
    assert.deepEqual(decoded.warnings, ['2 invalid UTF-8 byte sequence(s) replaced with U+FFFD']);
  });

  test('U+FFFD written in a UTF-8 file is text, not a repair', () => {
    assert.deepEqual(decodeArticle(Buffer.from('A replacement character \uFFFD in the text.')).warnings, []);
  });

  test('UTF-16 without a byte-order mark, both byte orders', () => {
    const le = Buffer.from('Ferry closes after ninety years\n\nThe council said.', 'utf16le');
    assert.equal(decodeArticle(le).encoding, 'utf-16le');
    assert.equal(decodeArticle(Buffer.from(le).swap16()).encoding, 'utf-16be');
    assert.equal(decodeArticle(Buffer.from(le).swap16()).text, 'Ferry closes after ninety years\n\nThe council said.');
  });

  test('newlines normalised, NFC, BOM stripped', () => {
    const decoded = decodeArticle(Buffer.from('\uFEFFa\r\nb\rc\nCafe\u0301'));
    assert.equal(decoded.text, 'a\nb\nc\nCafé');
    assert.equal(decoded.encoding, 'utf-8');
  });

  test('binary signatures are named; ordinary text that starts like one is not refused', () => {
    assert.throws(() => decodeArticle(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')), /a GIF image/);
    assert.throws(() => decodeArticle(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])), /a JPEG image/);
    assert.throws(() => decodeArticle(Buffer.from('PK\x03\x04\x14\x00', 'latin1')), /a ZIP archive/);
    assert.equal(decodeArticle(Buffer.from('GIF8 is not a headline here')).encoding, 'utf-8');
  });

  test('every refusal is a DecodeError with a one-line message', () => {
    for (const bytes of [Buffer.from([0, 1, 2, 3]), Buffer.from([0x7f, 0x01, 0x02, 0x41]), Buffer.from('%PDF-1.4')]) {
      assert.throws(() => decodeArticle(bytes), (error: unknown) => error instanceof DecodeError && !error.message.includes('\n'));
    }
  });

  test('bytes over the size limit are refused even when handed over directly', () => {
    assert.throws(() => recordFromBytes('big.txt', new Uint8Array(MAX_ARTICLE_BYTES + 1)), /larger than the 2 MB limit/);
  });
});

describe('front matter dates as written', () => {
  test('a date with a zone keeps its day and time (YAML would convert it to UTC)', () => {
    const record = extract(`---\ndate: 2002-03-14T08:26+09:00\n---\n${article('Zoned date headline')}`, { file: 'a.txt' });
    assert.equal(record.date, '2002-03-14T08:26+09:00');
    assert.equal(record.dateSource, 'front-matter');
  });
  test('a quoted impossible date is refused too', () => {
    const record = extract(`---\ndate: "2021-04-31"\n---\n${article('Impossible date headline')}`, { file: 'a.txt' });
    assert.equal(record.date, '2021-05-03'); // from the text
    assert.ok(record.warnings.includes('front matter: line 2: date: "2021-04-31" is not a real calendar date'));
  });
  test('29 February exists in leap years only', () => {
    assert.equal(extract(`---\ndate: 2020-02-29\n---\n${article('Leap day headline')}`, { file: 'a.txt' }).date, '2020-02-29');
    assert.ok(extract(`---\ndate: 2021-02-29\n---\n${article('Leap day headline')}`, { file: 'a.txt' }).warnings.some((w) => /2021-02-29/.test(w)));
  });
});

describe('slugs', () => {
  // The headline gives each slug (as the extractor makes it): no front matter asked for one.
  const record = (slug: string, file = `${slug}.txt`) => ({ slug, file, title: slug, warnings: [] as string[] }) as ArticleRecord;

  test('10,000 articles with one headline: distinct, stable, in file order', () => {
    const records = Array.from({ length: 10000 }, (_, i) => record('same-headline', `${String(i).padStart(5, '0')}.txt`));
    const slugs = assignUniqueSlugs(records).map((r) => r.slug);
    assert.equal(new Set(slugs).size, 10000);
    assert.deepEqual(slugs.slice(0, 3), ['same-headline', 'same-headline-2', 'same-headline-3']);
    assert.equal(slugs[9999], 'same-headline-10000');
  });

  test('the earlier published keeps the slug: a newer article with the same headline, whatever its file name, never moves an older dated one\'s address (the undated come after the dated)', () => {
    const dated = (slug: string, file: string, date?: string) => ({ ...record(slug, file), ...(date === undefined ? {} : { date }) }) as ArticleRecord;
    const archive = [dated('storm', 'b-2025.txt', '2025-03-01'), dated('storm', 'c-2025.txt', '2025-06-01'), dated('storm', 'undated.txt')];
    const before = assignUniqueSlugs(archive).map((r) => r.slug);
    assert.deepEqual(before, ['storm', 'storm-2', 'storm-3']);
    // The day's article sorts first by file name, and is the newest.
    const after = assignUniqueSlugs([dated('storm', 'a-today.txt', '2026-11-30'), ...archive]).map((r) => r.slug);
    assert.deepEqual(after, ['storm-3', 'storm', 'storm-2', 'storm-4']);
    // The stories of one page: in page order.
    const stories = [2, 1].map((part) => ({ ...dated('brief', 'p.txt', '2025-01-01'), part }) as ArticleRecord);
    assert.deepEqual(assignUniqueSlugs(stories).map((r) => r.slug), ['brief-2', 'brief']);
  });

  test('a slug the front matter asked for that another article has: the later one gets a suffix and a warning naming the other file', () => {
    const asked = { ...record('harbour-news', 'b.txt'), title: 'Ferry service resumes' };
    const [first, second] = assignUniqueSlugs([record('harbour-news', 'a.txt'), asked]);
    assert.equal(first!.slug, 'harbour-news');
    assert.equal(second!.slug, 'harbour-news-2');
    assert.deepEqual(second!.warnings, ['front matter: slug "harbour-news" is taken by a.txt; this article is at /articles/harbour-news-2/']);
    // Two headlines alike: no warning (the headline gave both slugs).
    assert.deepEqual(assignUniqueSlugs([record('same', 'a.txt'), record('same', 'b.txt')]).map((r) => r.warnings), [[], []]);
  });

  test('a suffix never collides with a slug that already ends in one', () => {
    const slugs = assignUniqueSlugs([record('a'), record('a-2'), record('a'), record('a')]).map((r) => r.slug);
    assert.deepEqual(slugs, ['a', 'a-2', 'a-3', 'a-4']);
  });

  test('Windows device names, in any case, get a suffix; lower-casing adds no combining marks', () => {
    const slugs = assignUniqueSlugs(['CON', 'nul', 'Com1', 'lpt9', 'com¹', 'aux', 'prn', 'console', 'İstanbul'].map((s) => record(s))).map((r) => r.slug);
    assert.deepEqual(slugs, ['con-article', 'nul-article', 'com1-article', 'lpt9-article', 'com¹-article', 'aux-article', 'prn-article', 'console', 'istanbul']);
  });

  test('headlines in scripts without transliteration keep their letters; emoji fall back to the file name', () => {
    assert.equal(makeSlug('북한 대사관 습격', 'x.txt'), '북한-대사관-습격');
    assert.equal(makeSlug('北朝鮮の大使館', 'x.txt'), '北朝鮮の大使館');
    assert.equal(makeSlug('Посольство Кореи', 'x.txt'), 'posolstvo-korei');
    assert.equal(makeSlug('🚢⚓🌊', 'ferry-notice.txt'), 'ferry-notice');
    assert.equal(makeSlug('🚢⚓🌊', '🚢.txt'), 'article');
    assert.equal(makeSlug('สถานทูตเกาหลีเหนือ', 'thai-embassy.txt'), 'thai-embassy', 'combining vowel signs: the file name');
    const long = makeSlug('가'.repeat(200), 'x.txt');
    assert.equal(Array.from(long).length, 80);
  });
});

describe('messages on one line', () => {
  test('control, separator and bidirectional characters are escaped', () => {
    assert.equal(oneLine('bad\nname\r.txt'), 'bad\\u{a}name\\u{d}.txt');
    assert.equal(oneLine('evil\u202Etxt.exe'), 'evil\\u{202e}txt.exe');
    assert.equal(oneLine('\u001b[31mred'), '\\u{1b}[31mred');
    assert.equal(oneLine('tab\there'), 'tab here');
    assert.equal(oneLine('Zoë’s “file”.txt'), 'Zoë’s “file”.txt');
  });
});
