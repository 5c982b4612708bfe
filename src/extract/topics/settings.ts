/**
 * Every threshold and word list of the topic finder, with its reason.
 *
 * Lists are of page conventions and of the world's most common name forms, never of one
 * page's names; quote `npm run eval:topics` when you move one.
 */

// ── Salience: what an article is about ──────────────────────────────────────

/** Body paragraphs that count as the lead, with the headline and standfirst: a news article names its subjects in its first paragraph. */
export const LEAD_PARAGRAPHS = 1;
/** A name outside the lead is a topic when the article mentions it this often: twice is a passing reference in a long article, three times a subject. */
export const MIN_MENTIONS = 3;
/** At most this many topics per article: a directory-like page can name hundreds; the most mentioned are kept. */
export const MAX_TOPICS = 30;

// ── Names: what a run of capitalised words may be ────────────────────────────

/** A run of more capitalised words than this is a Title-Case phrase, not a name ("How We Built The Biggest ..."). */
export const MAX_NAME_WORDS = 6;
/** Lower-case words allowed inside a name between capitalised ones ("House of Representatives", "Ludwig van Beethoven", "Banco de España"); not `and`, which joins two names far more often than it sits inside one ("Google and Microsoft"). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', 'de', 'del', 'della', 'di', 'da', 'do', 'dos', 'das', 'du', 'des', 'la', 'le', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ibn', '&']);
/** Articles inside a name, right after a connector ("Lawyers for a Democratic Society", "Museum of the City"). */
export const NAME_ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the']);
/** Words after a hyphen that make a name an adjective ("Party-controlled House", "UGC-style videos"); not a name's own hyphen ("Kim Jong-un"). */
export const HYPHEN_ADJECTIVE_SUFFIXES: ReadonlySet<string> = new Set(['based', 'backed', 'led', 'controlled', 'owned', 'run', 'style', 'like', 'made', 'born', 'era', 'funded', 'linked', 'affiliated', 'friendly', 'focused', 'driven', 'related', 'specific', 'wide', 'free', 'bound', 'sponsored', 'allied', 'aligned', 'inspired', 'themed', 'branded', 'certified', 'listed', 'registered', 'area', 'region', 'level']);
/** A block is written in Title Case when at least this share of its longer words are capitalised: its capitals say nothing about names. */
export const TITLE_CASE_SHARE = 0.7;
/** Words of at least this many letters are the ones Title Case is measured on (short function words are lower case in most Title Case styles). */
export const TITLE_CASE_MIN_LETTERS = 4;
/** A block is only measured for Title Case when at least this share of its characters are in runs of capitals (prose has far fewer). */
export const TITLE_CASE_CHECK_SHARE = 0.4;
/** A block needs this many such words before its case is judged (a two-word headline "Kim Jong-un" is names, not a style). */
export const TITLE_CASE_MIN_WORDS = 3;
/** Languages that capitalise every noun: there a single capitalised word is a noun unless it is a known name or an acronym. */
export const NOUN_CAPITALISING_LANGUAGES: ReadonlySet<string> = new Set(['de', 'lb', 'gsw']);

// ── People ───────────────────────────────────────────────────────────────────

/** Titles and honorifics before a name: dropped from it, and they say it is a person ("President Joe Biden", "Mr Kim", "Frau Merkel"). */
export const PERSON_TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'rev', 'reverend', 'fr', 'father', 'sister',
  'president', 'vice', 'prime', 'minister', 'chancellor', 'premier', 'governor', 'mayor', 'senator', 'sen', 'rep', 'representative', 'congressman', 'congresswoman',
  'secretary', 'ambassador', 'general', 'gen', 'col', 'colonel', 'capt', 'captain', 'lt', 'lieutenant', 'sgt', 'sergeant', 'admiral', 'commander', 'chief', 'officer',
  'judge', 'justice', 'speaker', 'chairman', 'chairwoman', 'chair', 'ceo', 'founder', 'director', 'spokesman', 'spokeswoman', 'spokesperson', 'leader', 'coach', 'detective', 'inspector', 'det', 'insp',
  'herr', 'frau', 'm', 'mme', 'mlle', 'sr', 'sra', 'srta', 'don', 'doña', 'sig', 'sig.ra', 'dott', 'präsident', 'präsidentin', 'kanzler', 'kanzlerin', 'président', 'présidente', 'presidente', 'ministre', 'ministro', 'ministra',
]);
/** Royal and noble titles stay part of the name, as the name is written ("Prince Andrew", "Queen Elizabeth"), and say it is a person. */
export const NOBLE_TITLES: ReadonlySet<string> = new Set(['king', 'queen', 'prince', 'princess', 'duke', 'duchess', 'pope', 'emperor', 'empress', 'sheikh', 'lord', 'lady', 'count', 'countess', 'earl', 'baron', 'baroness', 'crown']);
/** Verbs of speech next to a name say it is a person ("Smith said", "said Jane Doe"). */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(['said', 'says', 'told', 'added', 'asked', 'wrote', 'argued', 'explained', 'noted', 'recalled', 'sagte', 'sagt', 'dit', 'déclaré', 'dijo', 'afirmó', 'disse']);

// ── Places and organisations ─────────────────────────────────────────────────

/** Prepositions of place before a single unknown name: "in Kaesong", "from Pyongyang" (English, German, French, Spanish, Italian, Portuguese, Dutch). */
export const PLACE_PREPOSITIONS: ReadonlySet<string> = new Set(['in', 'at', 'from', 'near', 'to', 'across', 'outside', 'inside', 'aus', 'nach', 'bei', 'en', 'à', 'au', 'aux', 'vers', 'desde', 'hacia', 'em', 'no', 'na', 'nel', 'nella', 'uit', 'naar']);
/** Share of a name's mentions after a preposition of place that makes an unknown single name a place. */
export const PLACE_PREPOSITION_SHARE = 0.5;
/** First words of place names ("North Korea", "New York", "San Diego"): with them, a name is a place unless an organisation word says otherwise. */
export const PLACE_FIRST_WORDS: ReadonlySet<string> = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'new', 'san', 'santa', 'los', 'las', 'saint', 'st', 'port', 'fort', 'lake', 'mount', 'nord', 'süd', 'sud']);
/** Last words of organisation names that compromise's list (orgWords) lacks. */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set(['party', 'ministry', 'service', 'services', 'university', 'inc', 'ltd', 'llc', 'plc', 'gmbh', 'ag', 'sa', 'nv', 'bv', 'co', 'corporation', 'news', 'times', 'post', 'journal', 'media', 'studios', 'labs', 'partners', 'parliament', 'congress', 'senate', 'court', 'police', 'navy', 'army', 'force', 'forces', 'house', 'office', 'council', 'assembly', 'defence', 'defense', 'commission', 'union', 'nations', 'bank', 'fund', 'agency', 'institute', 'society', 'team', 'club', 'fc', 'krankenkasse', 'universität', 'universitätsklinikum', 'ministerium', 'partei', 'université', 'universidad', 'ministère', 'ministerio']);
/** News agencies are cited, not written about ("(AP)", "told Reuters"): a topic only when the headline names them. */
export const NEWS_AGENCIES: ReadonlySet<string> = new Set(['ap', 'associated press', 'afp', 'agence france presse', 'reuters', 'dpa', 'efe', 'ansa', 'yonhap', 'xinhua', 'kyodo', 'pa', 'pa media', 'upi', 'tass', 'bloomberg', 'getty', 'getty images']);

// ── Never topics ─────────────────────────────────────────────────────────────

/** Page chrome, captions and credits: words that name parts of a web page, never a subject (compared lower case, as whole names or as a name's first word). */
export const CHROME_WORDS: ReadonlySet<string> = new Set([
  'photo', 'photos', 'photograph', 'image', 'images', 'picture', 'pictures', 'video', 'videos', 'credit', 'credits', 'copyright', 'caption', 'gallery', 'file', 'handout', 'illustration',
  'home', 'homepage', 'privacy', 'policy', 'cookie', 'cookies', 'terms', 'subscribe', 'subscription', 'newsletter', 'newsletters', 'advertisement', 'advertising', 'ad', 'ads', 'sponsored',
  'login', 'log', 'sign', 'register', 'account', 'share', 'tweet', 'email', 'print', 'comments', 'comment', 'menu', 'search', 'skip', 'content', 'contact', 'about', 'help', 'faq',
  'read', 'more', 'next', 'previous', 'back', 'top', 'follow', 'related', 'latest', 'trending', 'popular', 'sections', 'section', 'topics', 'tags', 'opinion', 'news', 'update', 'updated',
  'foto', 'fotos', 'bild', 'bilder', 'datenschutz', 'impressum', 'startseite', 'accueil', 'inicio', 'portada',
]);
/** A name starting with a credit word is a photo credit ("Photo: Jane Doe", "Image Getty"). */
export const CREDIT_WORDS: ReadonlySet<string> = new Set(['photo', 'photos', 'photograph', 'image', 'images', 'picture', 'pictures', 'credit', 'copyright', 'foto', 'bild', 'illustration', 'video', 'file', 'handout']);
/** A short block like this is a photo credit or a picture caption left in the body, and names none of the article's topics. */
export const CREDIT_LINE = /^(?:\(?(?:photo|photograph|image|picture|credit|foto|bild|illustration|copyright|©))\b|\b(?:getty images|shutterstock|alamy|afp via getty|\/\s?(?:afp|reuters|ap|epa|getty))\b/iu;
/** A block of at most this many words can be a credit line. */
export const CREDIT_LINE_MAX_WORDS = 25;
/** Longer blocks are not looked at as credit lines (an average word and its space are about six characters; twelve is generous). */
export const CREDIT_LINE_MAX_WORD_CHARS = 12;
/** A parenthesised credit inside a sentence: "(Photo by Jane Doe/AFP)". */
export const INLINE_CREDIT = /[([](?:photo|photograph|image|picture|credit|foto|bild)\b[^)\]]*[)\]]/giu;

// ── Demonyms ────────────────────────────────────────────────────────────────

/** Demonyms no suffix rule turns into their country ("Chinese" is not "Chin"); the rest follow DEMONYM_SUFFIXES. */
export const IRREGULAR_DEMONYMS: Readonly<Record<string, string>> = {
  chinese: 'china', spanish: 'spain', british: 'united kingdom', english: 'england', scottish: 'scotland', welsh: 'wales', irish: 'ireland', french: 'france', german: 'germany',
  dutch: 'netherlands', czech: 'czech republic', swiss: 'switzerland', swedish: 'sweden', danish: 'denmark', finnish: 'finland', polish: 'poland', turkish: 'turkey', greek: 'greece',
  thai: 'thailand', filipino: 'philippines', portuguese: 'portugal', lebanese: 'lebanon', sudanese: 'sudan', taiwanese: 'taiwan', emirati: 'united arab emirates', saudi: 'saudi arabia',
  norwegian: 'norway', peruvian: 'peru', argentine: 'argentina', argentinian: 'argentina', kiwi: 'new zealand', icelandic: 'iceland', israeli: 'israel', yemeni: 'yemen',
};
/** Suffix rules from a demonym to its country, tried in order: "Korean" → "Korea", "Italian" → "Italy", "Ukrainian" → "Ukraine", "Iraqi" → "Iraq", "Japanese" → "Japan". */
export const DEMONYM_SUFFIXES: readonly (readonly [suffix: string, replacement: string])[] = [['ian', 'y'], ['ian', 'e'], ['ian', 'ia'], ['an', 'a'], ['an', ''], ['i', ''], ['ese', ''], ['ean', 'ea'], ['ish', '']];
/** A compass word or "New" alone is a direction or an adjective, not a place ("the North", "the South"). */
export const DIRECTION_WORDS: ReadonlySet<string> = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'new', 'nord', 'süd', 'sud', 'ost']);
/** Number words at a sentence start are not part of a name ("Twenty-five North Koreans"). */
export const NUMBER_WORD_TAGS: ReadonlySet<string> = new Set(['Value', 'TextValue', 'Cardinal', 'Ordinal', 'Multiple']);
