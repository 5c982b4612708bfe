/**
 * The ArticleRecord: the one contract between the pipeline's stages.
 *
 * Every other type of the project flows from this schema. The extractor produces
 * records, front matter overrides them, and `parseRecord` validates them at the
 * boundary before the site and the search index ever see one.
 * See DESIGN.md for the meaning of each field.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from './slug-pattern.ts';

/** `YYYY-MM-DD`, optionally with a time (`THH:MM`, seconds optional) and a zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$/;

export { SLUG_PATTERN };

export const isoDate = z
  .string()
  .regex(ISO_DATE, 'must be an ISO 8601 date such as 2019-03-27 or 2002-03-14T08:26Z')
  .refine((value) => !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00Z` : value)), 'is not a real calendar date');

export const relatedLinkSchema = z.object({
  title: z.string().min(1),
  date: isoDate.optional(),
  section: z.string().optional(),
});

/** A BCP 47 language tag as the extractor gives it: `en`, `ko`, `pt`, `cmn`, `und` (undetermined), maybe with a region (`pt-BR`). */
export const languageTag = z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en, ko or pt-BR');

/** What a topic is: the three kinds the site lists apart. */
export const topicKindSchema = z.enum(['person', 'organisation', 'place']);
/** A person, organisation or place the article is about (src/extract/topics). */
export const topicSchema = z.object({ name: z.string().min(1).max(200), kind: topicKindSchema });

export const dateSourceSchema = z.enum(['front-matter', 'text', 'inferred']);
export const titleSourceSchema = z.enum(['front-matter', 'text', 'derived']);

export const articleRecordSchema = z.object({
  slug: z.string().min(1).max(120).regex(SLUG_PATTERN, 'must be letters, digits and hyphens'),
  file: z.string().min(1),
  title: z.string().min(1),
  /** Where the title came from; `derived` = made from the lead sentence, no headline on the page. */
  titleSource: titleSourceSchema,
  subtitle: z.string().min(1).optional(),
  date: isoDate.optional(),
  dateSource: dateSourceSchema.optional(),
  /** A page-chrome date (when the page was viewed or printed), kept apart from `date`. */
  viewedDate: isoDate.optional(),
  source: z.string().min(1).optional(),
  /** BCP 47 language of the article (identified from its text, or from front matter). */
  language: languageTag,
  section: z.string().min(1).optional(),
  byline: z.array(z.string().min(1)),
  body: z.string(),
  captions: z.array(z.string().min(1)),
  related: z.array(relatedLinkSchema),
  removed: z.array(z.string()),
  /** The people, organisations and places the article is about, most prominent first. */
  topics: z.array(topicSchema),
  wordCount: z.number().int().nonnegative(),
  /** The text encoding the file was read as (`utf-8`, `utf-16le`, `windows-1252`, …). */
  encoding: z.string().optional(),
  /** For a page that holds several stories: this story's place (from 1) and the count. */
  part: z.number().int().positive().optional(),
  parts: z.number().int().min(2).optional(),
  warnings: z.array(z.string()),
});

export type ArticleRecord = z.infer<typeof articleRecordSchema>;
export type RelatedLink = z.infer<typeof relatedLinkSchema>;
export type Topic = z.infer<typeof topicSchema>;
export type TopicKind = z.infer<typeof topicKindSchema>;
export type DateSource = z.infer<typeof dateSourceSchema>;
export type TitleSource = z.infer<typeof titleSourceSchema>;

/** The fields an archivist may set in front matter; each overrides the extracted one. */
export const frontMatterSchema = z
  .object({
    slug: z.string().min(1),
    title: z.string().min(1),
    subtitle: z.string().min(1),
    date: z.union([isoDate, z.date()]),
    source: z.string().min(1),
    language: languageTag,
    section: z.string().min(1),
    byline: z.union([z.string().min(1), z.array(z.string().min(1))]),
    captions: z.array(z.string().min(1)),
    related: z.array(relatedLinkSchema),
    /** Topics to add to the extracted ones: `{ name, kind }`, or a bare name whose kind is guessed. */
    topics: z.array(z.union([z.string().min(1).max(200), topicSchema])),
    /** With `true`, the front-matter topics replace the extracted ones instead of adding to them. */
    topics_only: z.boolean(),
    /** `false` keeps a page whole when it holds several stories. */
    split: z.boolean(),
  })
  .partial()
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Validate a record at a boundary; the message names each bad field. */
export function parseRecord(value: unknown): ArticleRecord {
  const result = articleRecordSchema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(formatIssues(result.error));
}

export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'record'}: ${issue.message}`)
    .join('; ');
}
