/**
 * Invented articles for the search tests: records, and the pages `toSiteData` would
 * make of them (src/site/types.ts), so the search stage is tested on its own, without
 * the extractor or Eleventy.
 */
import type { ArticleRecord } from '../../src/record.ts';
import { renderBody } from '../../src/render/markdown.ts';
import type { ArticlePage } from '../../src/site/types.ts';

export function articleRecord(fields: Partial<ArticleRecord> & Pick<ArticleRecord, 'slug' | 'title' | 'body'>): ArticleRecord {
  return {
    file: `${fields.slug}.txt`,
    titleSource: 'text',
    language: 'en',
    byline: [],
    captions: [],
    related: [],
    removed: [],
    wordCount: fields.body.split(/\s+/).filter(Boolean).length,
    warnings: [],
    ...fields,
  };
}

/** The derived fields the search stage reads; the rest as `toSiteData` would leave them. */
export function articlePage(record: ArticleRecord, dateLabel = record.date ?? 'Undated'): ArticlePage {
  return {
    ...record,
    url: `/articles/${record.slug}/`,
    sourceTextUrl: `/articles/${record.slug}/source.txt`,
    bodyHtml: renderBody(record.body),
    dateLabel,
    excerpt: '',
    ...(record.date ? { year: record.date.slice(0, 4) } : {}),
  };
}

export const XSS_TITLE = '<img src=x onerror=alert(1)>';

/** Six small articles: two about an embassy in the headline, one in the body, one with accents, a hyphenated name and Korean, one with markup in its headline. */
export const RECORDS: ArticleRecord[] = [
  articleRecord({
    slug: 'koreans-storm-spanish-embassy',
    title: 'N Koreans storm Spanish embassy',
    subtitle: 'Twenty-five asylum seekers force their way in',
    date: '2002-03-14',
    source: 'BBC News',
    body: [
      'Twenty-five North Koreans have forced their way into the **Spanish embassy** in Beijing to seek political asylum.',
      '',
      '## Guards pushed aside',
      '',
      'The group pushed past guards outside the embassy gates, punching the air as they went.',
      '',
      '> We appeal to you on our knees',
    ].join('\n'),
  }),
  articleRecord({
    slug: 'dissidents-claim-madrid-raid',
    title: 'Dissident group says it raided North Korean embassy',
    date: '2019-03-27',
    source: 'The Guardian',
    body: 'A secretive group claimed responsibility for the raid on the embassy in Madrid. The intruders fled with computers and hard disks.',
  }),
  articleRecord({
    slug: 'arms-plot-foiled',
    title: 'Czech government foiled Korean arms smuggling plot',
    date: '2021-04-11',
    source: 'NK News',
    body: 'A diplomat working as an economic attaché in Germany asked for parts for tanks. Officials at the embassy were said to be involved.\n\n| country | item |\n| --- | --- |\n| Czechia | tanks |',
  }),
  articleRecord({
    slug: 'liaison-office-destroyed',
    title: 'North Korea blows up liaison office',
    titleSource: 'derived',
    body: 'North Korea has blown up a joint liaison office with South Korea near the border town of Kaesong. Russia expressed concern.',
  }),
  articleRecord({
    slug: 'talks-in-pyongyang',
    title: "Envoys meet in P'yŏngyang after Zürich round",
    date: '2018-06-01',
    source: 'Yonhap',
    body: 'Kim Jong-un received the envoys. Ngozi Okonjo-Iweala spoke for the bank. 평양에서 회담이 열렸다. The talks moved from Zurich to the capital.',
  }),
  articleRecord({
    slug: 'markup-in-headline',
    title: XSS_TITLE,
    date: '2020-01-02',
    source: '<b>Evil</b> Press',
    body: 'A headline written as markup must show as text. Escaped \\<script> in the body stays text too.',
  }),
];

const DATE_LABELS: Record<string, string> = {
  'koreans-storm-spanish-embassy': '14 March 2002',
  'dissidents-claim-madrid-raid': '27 March 2019',
  'arms-plot-foiled': '11 April 2021',
  'markup-in-headline': '2 January 2020',
  'talks-in-pyongyang': '1 June 2018',
};

export const ARTICLES: ArticlePage[] = RECORDS.map((record) => articlePage(record, DATE_LABELS[record.slug]));
