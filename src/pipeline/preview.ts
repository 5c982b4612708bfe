/**
 * The first half of a rebuild in `serve`: the changed article pages, rewritten in place
 * within a second of the save, before the full rebuild that follows.
 *
 * A full rebuild of a large archive takes seconds (the listing pages, the similar-articles
 * lists and the search index all see every article). While it runs, the reader should
 * already see the page they are editing. So, when only the contents of existing article
 * files changed (no file added, removed or renamed, no slug, source or topics changed,
 * no page split into more or fewer stories), each changed page is rendered alone — with the rest of the archive as the last build saw
 * it, so its pager and "similar" list are the last build's — and renamed over its old
 * file in the output folder, with its new source.txt. Each rename is atomic; the output
 * manifest marks those pages as unknown first, so the full rebuild renders them again.
 * The full rebuild then writes the exact site a clean build would.
 */
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CollectedArticle } from './collect.ts';
import { markDirty } from './build-state.ts';
import { renderSite } from '../site/index.ts';
import { toSiteData } from '../site/site-data.ts';
import type { ArticleRecord } from '../record.ts';
import type { ArticlePage, SiteData } from '../site/types.ts';
import { assignUniqueSlugs } from '../slugs.ts';
import { holdsSourceText } from '../site/source-text.ts';

/** What the last full build saw, kept by the Builder. */
export interface LastBuild {
  data: SiteData;
  output: string;
  /** The extracted records (before slugs were made unique), in file order, a file's stories in page order. */
  records: ArticleRecord[];
  /** file → record key of the last build. */
  keys: Map<string, string>;
  /** The slugs made unique, in `records` order. */
  slugs: string[];
}

export interface PreviewResult {
  /** Article pages rewritten; 0 when the change needs a full rebuild to show (or nothing changed). */
  pages: number;
  /** Why nothing was rewritten, when nothing was. */
  reason?: string;
}

/** `changedArticles`: the files that changed (read and extracted again); every other file is as the last build saw it. */
export async function previewChanges(
  last: LastBuild,
  changedArticles: CollectedArticle[],
  cacheDir: string | undefined,
  scratch: string,
  bodyOf: (article: CollectedArticle) => Promise<string> = async (article) => article.extracted.bodyHtml,
): Promise<PreviewResult> {
  if (changedArticles.some((a) => !last.keys.has(a.file))) return { pages: 0, reason: 'a file was added' };
  const changed = changedArticles.filter((a) => last.keys.get(a.file) !== a.fileKey);
  if (changed.length === 0) return { pages: 0, reason: 'no article changed' };
  // Each file's stories in the last build's records.
  const places = new Map<string, number[]>();
  last.records.forEach((r, i) => places.set(r.file, [...(places.get(r.file) ?? []), i]));
  const storiesOf = new Map<string, CollectedArticle[]>();
  for (const article of changed) storiesOf.set(article.file, [...(storiesOf.get(article.file) ?? []), article]);
  for (const [file, stories] of storiesOf) if (stories.length !== places.get(file)!.length) return { pages: 0, reason: `${file} holds another number of stories` };
  const extracted = [...last.records];
  /** Each changed story's place in the records. */
  const at = new Map<CollectedArticle, number>();
  for (const [file, stories] of storiesOf) stories.forEach((article, story) => at.set(article, places.get(file)![story]!));
  for (const [article, i] of at) extracted[i] = article.extracted.record;
  const records = assignUniqueSlugs(extracted);
  if (records.some((r, i) => last.slugs[i] !== r.slug)) return { pages: 0, reason: 'a slug changed' };

  const bySlug = new Map(last.data.articles.map((p) => [p.slug, p]));
  const replaced = new Map<string, ArticlePage>();
  for (const stories of storiesOf.values()) {
    const own = stories.map((article) => records[at.get(article)!]!);
    for (const record of own) {
      const old = bySlug.get(record.slug)!;
      if (old.source !== record.source) return { pages: 0, reason: 'a source changed' };
      // Which topics have a page, and under which name, is the whole archive's to say.
      if (JSON.stringify(old.topics) !== JSON.stringify(record.topics)) return { pages: 0, reason: 'its topics changed' };
    }
    // The file's stories together: each page links its siblings.
    const bodies = new Map(await Promise.all(stories.map(async (article, k) => [own[k]!.slug, await bodyOf(article)] as const)));
    const derived = new Map(stories.map((article, k) => [own[k]!.slug, { excerpt: article.extracted.excerpt, profile: article.extracted.profile }]));
    for (const page of toSiteData(own, bodies, last.data.site, derived).articles) {
      const old = bySlug.get(page.slug)!;
      replaced.set(page.slug, {
        ...page,
        ...(old.similar !== undefined ? { similar: old.similar } : {}),
        ...(old.topicLinks !== undefined ? { topicLinks: old.topicLinks } : {}),
        ...(old.sourceSlug !== undefined ? { sourceSlug: old.sourceSlug, sourceUrl: old.sourceUrl! } : {}),
      });
    }
  }
  const data: SiteData = { ...last.data, articles: last.data.articles.map((p) => replaced.get(p.slug) ?? p) };

  await rm(scratch, { recursive: true, force: true });
  try {
    await renderSite(data, scratch, { articles: [...replaced.values()], listings: false });
    if (cacheDir !== undefined) await markDirty(cacheDir, last.output, [...replaced.keys()]);
    for (const [article, i] of at) {
      const record = records[i]!;
      const dir = path.join('articles', record.slug);
      // The source text is in the folder of the file's first story.
      const files = holdsSourceText(record) ? ['index.html', 'source.txt'] : ['index.html'];
      await mkdir(path.join(scratch, dir), { recursive: true });
      if (holdsSourceText(record)) await copyFile(article.absolute, path.join(scratch, dir, 'source.txt'));
      for (const file of files) await rename(path.join(scratch, dir, file), path.join(last.output, dir, file));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { pages: replaced.size };
}
