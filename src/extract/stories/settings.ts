/**
 * The story segmenter's constants, each with its reason.
 */

/** Words shorter than this are mostly function words in any language, whether or not a stopword list is known. */
export const TERM_MIN_LENGTH = 3;
/**
 * Latin-script words shorter than this are left out too: "new", "say", "two", "its" recur in
 * every story and the stopword lists do not hold them all. Cross-validated and cross-set on
 * joined development pages: 66 → 76 % exact story count with 3 → 4 (5 gave more singles split).
 */
export const LATIN_TERM_MIN_LENGTH = 4;
/** Words are compared by their first characters: "defector", "defectors", "defected" meet (a stemmer for every language, at no cost). */
export const STEM_LENGTH = 6;
/** The local windows on each side of a gap hold about this many content words: a paragraph or two of news (TextTiling's scale). */
export const LOCAL_WINDOW_TERMS = 60;
/** The middle windows hold about a short story's worth of content words. */
export const MIDDLE_WINDOW_TERMS = 250;
/** A first sentence of this many words is a full lead; shorter ones count for less. */
export const LEAD_FULL_WORDS = 25;
/** A story has at least this many blocks: a lead and some development. */
export const MIN_STORY_BLOCKS = 3;
/** …and at least this many words: shorter pieces at the end of an article are notes, credits and author lines, not stories. */
export const MIN_STORY_WORDS = 60;
/** A paragraph of at most this many words without final punctuation stands where a subheading would (a listicle's item names). */
export const HEADING_MAX_WORDS = 12;
/** A news lead's first sentence has at least this many words: "X has done Y to Z, where and when" (a short present-perfect line is a remark). */
export const NEWS_LEAD_MIN_WORDS = 12;
/**
 * A page is a digest when its first block and at least this many later ones open like news
 * leads. In the development articles 1.2 % of the paragraphs after the first are news leads
 * (165 of 14,192) and 5 % of the articles open with one (11 of 212): three more in one
 * article is a chance of 0.5 % in 30 paragraphs, 5 % in 70 (Poisson), times that 5 %.
 * With two, 1 of the 212 development articles would split; with three, none.
 */
export const DIGEST_MIN_LATER_LEADS = 3;
