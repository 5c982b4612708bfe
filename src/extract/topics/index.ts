/**
 * findTopics(article) → the people, organisations and places the article is about.
 *
 *   blocks     headline, standfirst and body paragraphs as plain text (credit lines left out)
 *   mentions   runs of capitalised words that may be names (mentions.ts)
 *   names      mentions grouped by their folded key, one entity one key (forms.ts):
 *              acronyms onto the names they abbreviate, surnames onto the full name
 *   confirm    a lone sentence-initial word needs the lexicon; junk is dropped (junk.ts)
 *   kind       person, organisation or place (kinds.ts)
 *   salience   named in the headline, standfirst or lead, or `MIN_MENTIONS` times
 *
 * Pure, and the same for every language: the language's stopwords tell sentence-initial
 * words, its calendar names are junk; compromise's lexicon knows names in any language.
 */
import type { Topic } from '../../record.ts';
import { markdownToText } from '../markdown.ts';
import { foldName, initialsOf, keyOf, ALIASES } from './forms.ts';
import { countryOfDemonym } from './demonyms.ts';
import { isJunkName } from './junk.ts';
import { kindOf } from './kinds.ts';
import { COMPROMISE_ORG_WORDS, isCommonWord, lexiconKind } from './lexicon.ts';
import { isAcronym, isCreditLine, isTitleCase, scanBlock, tokenise, withoutInlineCredits, type Mention } from './mentions.ts';
import { TITLE_CASE_CHECK_SHARE, LEAD_PARAGRAPHS, MAX_TOPICS, MIN_MENTIONS, NEWS_AGENCIES, NOUN_CAPITALISING_LANGUAGES, ORGANISATION_WORDS } from './settings.ts';

export interface TopicInput {
  title: string;
  subtitle?: string;
  /** The body as the extractor writes it (Markdown). */
  body: string;
  /** BCP 47 tag. */
  language: string;
  /** The language's stopwords, lower case. */
  stopwords: ReadonlySet<string>;
  /** The author(s) and the publisher: not topics unless the headline names them. */
  byline?: readonly string[];
  source?: string;
}

interface Name {
  key: string;
  /** Written forms and how often each was written. */
  forms: Map<string, number>;
  mentions: Mention[];
  /** Mentions in the lead (headline, standfirst, first paragraph). */
  lead: number;
  inHeadline: boolean;
  first: number;
}

export function findTopics(input: TopicInput): Topic[] {
  const blocks = [input.title, input.subtitle ?? '', ...markdownToText(input.body).split('\n')].map((text) => text.trim());
  const leadEnd = 2 + LEAD_PARAGRAPHS + blocks.slice(2).findIndex((b) => b !== '');
  const texts = blocks.map((block) => (isCreditLine(block) ? '' : withoutInlineCredits(block)));
  const whole = texts.join('\n');
  const lowerSeen = new Map<string, boolean>();
  const lowerCase = (word: string): boolean => {
    let seen = lowerSeen.get(word);
    if (seen === undefined) lowerSeen.set(word, (seen = occursAsWord(whole, word)));
    return seen;
  };
  const context = { stopwords: input.stopwords, lowerCase };
  const ordinary = (word: string) => input.stopwords.has(word) || isCommonWord(word) || lowerCase(word);

  const names = new Map<string, Name>();
  let order = 0;
  const titleCased: number[] = [];
  const keys = new Map<string, string>();
  texts.forEach((text, block) => {
    const { mentions, capitalShare } = scanBlock(text, block, context);
    if (capitalShare >= TITLE_CASE_CHECK_SHARE && isTitleCase(tokenise(text), ordinary)) {
      titleCased.push(block);
      return;
    }
    for (const mention of mentions) {
      const written = mention.words.join(' ');
      let key = keys.get(written);
      if (key === undefined) keys.set(written, (key = keyOf(written)));
      let name = names.get(key);
      if (name === undefined) {
        name = { key, forms: new Map(), mentions: [], lead: 0, inHeadline: false, first: order++ };
        names.set(key, name);
      }
      name.forms.set(written, (name.forms.get(written) ?? 0) + 1);
      name.mentions.push(mention);
      if (block < leadEnd) name.lead++;
      if (block === 0) name.inHeadline = true;
    }
  });
  // Title Case headlines and standfirsts name nothing by their capitals; they still mention the names found elsewhere.
  for (const block of titleCased.filter((b) => b < leadEnd)) {
    const text = ` ${foldName(texts[block]!)} `;
    for (const name of names.values()) {
      if ([...name.forms.keys()].some((form) => text.includes(` ${foldName(form)} `))) {
        name.lead++;
        if (block === 0) name.inHeadline = true;
      }
    }
  }

  resolveDemonyms(names);
  confirm(names, input.language);
  mergeAcronyms(names);
  // Kinds are worked out when needed (merge targets, topics kept): most names are neither.
  const kinds = new Map<Name, Topic['kind']>();
  const kindOfName = (name: Name): Topic['kind'] => {
    let kind = kinds.get(name);
    if (kind === undefined) kinds.set(name, (kind = kindOf({ key: name.key, words: longestForm(name).split(' '), mentions: name.mentions })));
    return kind;
  };
  mergeSurnames(names, kindOfName);

  const excluded = new Set([...(input.byline ?? []), ...(input.source === undefined ? [] : [input.source])].map(keyOf));
  const topics: { topic: Topic; name: Name }[] = [];
  for (const name of names.values()) {
    if (name.lead === 0 && name.mentions.length < MIN_MENTIONS) continue;
    if ((excluded.has(name.key) || NEWS_AGENCIES.has(name.key)) && !name.inHeadline) continue;
    const display = displayName(name);
    if (isJunkName(display.split(' '), input.language, input.stopwords)) continue;
    topics.push({ topic: { name: display, kind: kindOfName(name) }, name });
  }
  // Most prominent first: named in the headline, then in the lead, then by mentions.
  topics.sort((a, b) => Number(b.name.inHeadline) - Number(a.name.inHeadline) || Number(b.name.lead > 0) - Number(a.name.lead > 0) || b.name.mentions.length - a.name.mentions.length || a.name.first - b.name.first);
  return topics.slice(0, MAX_TOPICS).map(({ topic }) => topic);
}

/** The kind of a name given without one (front matter): what its words and the lexicon say. */
export function guessKind(name: string): Topic['kind'] {
  return kindOf({ key: keyOf(name), words: name.trim().split(/\s+/), mentions: [] });
}

/** Front-matter topics added to the found ones (the archivist's kind wins), or instead of them with `only`. */
export function withFrontMatterTopics(found: readonly Topic[], given: readonly (string | Topic)[] | undefined, only: boolean | undefined): Topic[] {
  const chosen = (given ?? []).map((topic) => (typeof topic === 'string' ? { name: topic.trim(), kind: guessKind(topic) } : { name: topic.name.trim(), kind: topic.kind }));
  const topics = new Map<string, Topic>();
  for (const topic of [...chosen, ...(only === true ? [] : found)]) {
    const key = keyOf(topic.name);
    if (key !== '' && !topics.has(key)) topics.set(key, topic);
  }
  return [...topics.values()];
}

/** A demonym's mentions are its country's ("North Korean defectors"); a demonym of no known country is dropped. */
function resolveDemonyms(names: Map<string, Name>): void {
  for (const [key, name] of names) {
    const country = countryOfDemonym(key, (k) => names.has(k) && k !== key);
    if (country === undefined || !/^\p{Lu}\p{Ll}/u.test(longestForm(name).split(' ').pop()!)) continue;
    if (country === null) {
      names.delete(key);
      continue;
    }
    let into = names.get(country);
    if (into === undefined && [...names.keys()].some((other) => other.endsWith(` ${country}`))) {
      names.delete(key); // "Korean" beside "North Korea" and "South Korea": which one is not said
      continue;
    }
    if (into === undefined) {
      const display = ALIASES.get(country)?.name ?? country.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase());
      into = { key: country, forms: new Map([[display, 0]]), mentions: [], lead: 0, inHeadline: false, first: name.first };
      names.set(country, into);
    }
    absorb(names, into, name);
  }
}

/**
 * A name written only at the start of sentences may be any capitalised word: it stays when
 * the lexicon knows it as a name. In languages that capitalise nouns, a lone word needs the
 * lexicon or a title even in mid-sentence.
 */
function confirm(names: Map<string, Name>, language: string): void {
  const primary = language.split('-')[0]!;
  const nouns = NOUN_CAPITALISING_LANGUAGES.has(primary);
  const isName = (key: string) => ['person', 'place', 'organisation'].includes(lexiconKind(key) ?? '');
  for (const [key, name] of names) {
    if (!nouns && key.includes(' ')) continue;
    const words = longestForm(name).split(' ');
    if (ALIASES.has(key) || name.mentions.some((m) => m.titled)) continue;
    if (words.length > 1) {
      // Where nouns are capitalised, two of them in a row are a phrase unless one is a known name or an organisation word.
      if (nouns && !words.some((word) => isAcronym(word) || isName(word.toLowerCase()) || ORGANISATION_WORDS.has(word.toLowerCase()) || COMPROMISE_ORG_WORDS.has(word.toLowerCase()))) names.delete(key);
      continue;
    }
    if (isAcronym(words[0]!) || isName(key)) continue;
    // In English, a lone word the lexicon knows as an ordinary word ("Marketing", "Ceiling") is capitalised for emphasis or a heading.
    if (nouns || name.mentions.every((m) => m.initial) || (primary === 'en' && isCommonWord(key))) names.delete(key);
  }
}

/** An acronym the article defines, or the initials of exactly one longer name, is that name. */
function mergeAcronyms(names: Map<string, Name>): void {
  const defined = new Map<string, string>();
  for (const name of names.values()) for (const m of name.mentions) if (m.acronym !== undefined) defined.set(keyOf(m.acronym), name.key);
  let initials: Map<string, string[]> | undefined;
  for (const [key, name] of names) {
    if (ALIASES.has(key) || ![...name.forms.keys()].every((form) => isAcronym(form))) continue;
    let target = defined.get(key);
    if (target === undefined) {
      initials ??= initialsIndex(names);
      const spelled = initials.get(key.replace(/ /g, '')) ?? [];
      if (spelled.length === 1) target = spelled[0]!;
    }
    const into = target === undefined ? undefined : names.get(target);
    if (into !== undefined && into !== name) absorb(names, into, name);
  }
}

/** Initials → the keys of the longer names they spell. */
function initialsIndex(names: ReadonlyMap<string, Name>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const name of names.values()) {
    const words = longestForm(name).split(' ');
    if (words.length < 2) continue;
    const initials = initialsOf(words);
    index.set(initials, [...(index.get(initials) ?? []), name.key]);
  }
  return index;
}

/** A one-word name that is the first or last word of exactly one person's full name is that person; of several, nobody's topic. A one-word place that ends several longer place names is none of them. */
function mergeSurnames(names: Map<string, Name>, kindOf: (name: Name) => Topic['kind']): void {
  const singles = new Set([...names.keys()].filter((key) => !key.includes(' ')));
  const byPart = new Map<string, Name[]>();
  const placesByLast = new Map<string, Name[]>();
  for (const name of names.values()) {
    if (!name.key.includes(' ')) continue;
    const parts = name.key.split(' ');
    const last = parts[parts.length - 1]!;
    if (!singles.has(parts[0]!) && !singles.has(last)) continue;
    const kind = kindOf(name);
    // Places: "Korea" beside "North Korea" and "South Korea" names neither for sure.
    if (kind === 'place') placesByLast.set(last, [...(placesByLast.get(last) ?? []), name]);
    if (kind !== 'person') continue;
    for (const part of new Set([parts[0]!, parts[parts.length - 1]!])) byPart.set(part, [...(byPart.get(part) ?? []), name]);
  }
  for (const [key, name] of names) {
    if (key.includes(' ') || ALIASES.has(key)) continue;
    if ((placesByLast.get(key)?.length ?? 0) > 1 && kindOf(name) === 'place') {
      names.delete(key);
      continue;
    }
    const owners = byPart.get(key) ?? [];
    if (owners.length === 1) absorb(names, owners[0]!, name);
    else if (owners.length > 1) names.delete(key);
  }
}

function absorb(names: Map<string, Name>, into: Name, from: Name): void {
  into.mentions.push(...from.mentions);
  into.lead += from.lead;
  into.inHeadline ||= from.inHeadline;
  into.first = Math.min(into.first, from.first);
  names.delete(from.key);
}

function longestForm(name: Name): string {
  return [...name.forms.keys()].reduce((a, b) => (b.length > a.length ? b : a));
}

/** The alias's name, or the form written most often (the longer, then the first written, on a tie). */
function displayName(name: Name): string {
  const alias = ALIASES.get(name.key);
  if (alias !== undefined) return alias.name;
  let best = '';
  let count = 0;
  for (const [form, n] of name.forms) {
    if (n > count || (n === count && form.length > best.length)) {
      best = form;
      count = n;
    }
  }
  return best;
}

/** Does `word` occur in `text` as a whole word, as written (case kept)? */
function occursAsWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHAR.test(text[at - 1] ?? ' ') && !WORD_CHAR.test(text[at + word.length] ?? ' ')) return true;
  }
  return false;
}
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
