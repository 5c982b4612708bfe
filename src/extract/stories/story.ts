/**
 * What one story of a split page says about itself: a headline derived from its lead (the
 * page's stories have none of their own) and its own date when it states one.
 */
import { parseDateLine, parseDatePrefix } from '../dates.ts';
import type { Block } from '../markdown.ts';
import { deriveTitle } from '../rules/title.ts';

export interface StoryFacts {
  /** The lead sentence made a headline (`titleSource: 'derived'`); undefined when the story has no paragraph. */
  title?: string;
  /** `YYYY-MM-DD` (or with a time), when the story states a full date: a date line among its blocks, or a dateline opening its lead ("14 March 2002 – …"). */
  date?: string;
}

/** A dateline's dash or colon before the lead's first words. */
const DATELINE_SEPARATOR = /^\s*[–—:-]?\s*/u;

export function describeStory(blocks: readonly Block[]): StoryFacts {
  let date: string | undefined;
  let lead: string | undefined;
  for (const block of blocks) {
    if (block.kind !== 'paragraph') continue;
    const line = parseDateLine(block.text);
    if (line !== undefined) {
      if (!line.updated) date ??= line.iso;
      continue;
    }
    if (lead === undefined) {
      const dateline = parseDatePrefix(block.text);
      lead = dateline === undefined ? block.text : dateline.rest.replace(DATELINE_SEPARATOR, '');
      date ??= dateline?.iso;
    }
  }
  return { title: lead === undefined || lead === '' ? undefined : deriveTitle(lead), date };
}
