/**
 * The article's language: identified by franc from the page's longest lines, given as a
 * BCP 47 tag, and used for the stopwords that measure every line. Invented text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { identifyLanguage, languageSample } from '../../src/extract/language.ts';
import { measure } from '../../src/extract/segment.ts';
import { parseDateLine } from '../../src/extract/dates.ts';
import { extract } from '../../src/extract/index.ts';
import { fixture, PROSE, ROOT } from './helpers.ts';

const LANGUAGES = path.join(ROOT, 'test', 'fixtures', 'languages');
const page = (name: string) => extract(readFileSync(path.join(LANGUAGES, name), 'utf8'), { file: name });

describe('language', () => {
  test('told from the longest lines: a menu of short lines does not count', () => {
    const lines = ['Home', 'Notícias', 'Entrar', ...PROSE];
    assert.ok(languageSample(lines).startsWith(PROSE.reduce((a, b) => (b.length > a.length ? b : a))));
    assert.equal(identifyLanguage(lines).tag, 'en');
  });
  test('two-letter BCP 47 tags, and the language\'s own stopwords', () => {
    const german = identifyLanguage(['Der Hafenrat hat am Dienstag beschlossen, das alte Fährterminal zu schließen, nach mehr als neunzig Jahren Betrieb.']);
    assert.equal(german.tag, 'de');
    assert.ok(german.stopwords.has('der') && !german.stopwords.has('the'));
    // "die" is a stopword on a German page, not on an English one.
    assert.ok(measure('die Fähre und die Insel', 0, 0, false, false, german.stopwords).stopwordRatio > 0.5);
    assert.equal(measure('die Fähre und die Insel', 0, 0, false, false, identifyLanguage(PROSE).stopwords).stopwordRatio, 0);
  });
  test('a page franc misreads (its longest line a long quote in another language) is read again in the language its stopwords say, when the first reading left almost no body', () => {
    const quote = '« Nous avons toujours su que ce jour viendrait, mais personne ne pensait que la traversée disparaîtrait avant la construction du nouveau pont, et les habitants de l’île se sentent abandonnés par la mairie »';
    const record = fixture(['Harbour ferry to close after ninety years', 'By Ann Example', '4 May 2021', ...PROSE.slice(0, 3), quote, ...PROSE.slice(3)]);
    assert.equal(record.language, 'en');
    for (const paragraph of PROSE) assert.ok(record.body.includes(paragraph), paragraph);
  });
  test('too little text to tell: undetermined', () => {
    assert.equal(identifyLanguage(['Ok']).tag, 'und');
  });
  test('the Korean and Portuguese fixture pages', () => {
    const ko = page('ko-harbour-ferry.txt');
    assert.equal(ko.language, 'ko');
    assert.equal(ko.title, '항구 여객선, 90년 만에 운항 중단');
    assert.equal(ko.date, '2024-05-03');
    assert.ok(ko.body.startsWith('항구 의회는 화요일'));
    assert.ok(!ko.body.includes('로그인'));
    const pt = page('pt-harbour-ferry.txt');
    assert.equal(pt.language, 'pt');
    assert.equal(pt.title, 'Balsa do porto deixa de operar depois de noventa anos');
    assert.equal(pt.date, '2024-05-03');
    assert.deepEqual(pt.byline, ['Ana Exemplo']);
    assert.ok(pt.body.startsWith('O conselho do porto votou'));
  });
  test('a Korean date ("2024년 5월 3일") is read as any other', () => {
    assert.equal(parseDateLine('2024년 5월 3일 오전 9:15')?.iso.slice(0, 10), '2024-05-03');
    assert.equal(parseDateLine('2024년 5월 3일')?.iso, '2024-05-03');
  });
  test('front matter sets the language', () => {
    const record = fixture(['---', 'language: pt-BR', '---', 'Harbour ferry to close after ninety years', ...PROSE]);
    assert.equal(record.language, 'pt-BR');
    const bad = fixture(['---', 'language: Portuguese', '---', 'Harbour ferry to close after ninety years', ...PROSE]);
    assert.equal(bad.language, 'en');
    assert.ok(bad.warnings.some((w) => w.includes('language')), bad.warnings.join('; '));
  });
});
