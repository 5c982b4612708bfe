/**
 * A page in the shape of the archive's (a date line, a headline, a standfirst, a byline,
 * paragraphs with names and dates, chrome): what a new start-up snapshot of the extractor
 * is checked with (bin/bundle.js, extract-process.ts). A module of its own, outside the
 * extractor's code (src/cache/code-version.ts EXTRACT_CODE): changing it leaves the cached
 * records as they are.
 */
export const SAMPLE_PAGE = [
  'Home | World | Business | Sport',
  'Harbour ferry to close after ninety years',
  'The council says the crossing no longer pays its way, and a bridge will open in spring.',
  'By Ann Example',
  'Tuesday 4 May 2021, 09:30 BST',
  'The ferry between Westhaven and Eastport will make its last crossing on 30 June, Westhaven Council said on Monday.',
  '“It is a sad day for the town,” said Maria Lopez, who has run the ticket office since 1998. The council’s transport committee voted 7 to 2 to end the service.',
  'The new bridge, built by Northline Construction at a cost of £42m, is due to open in April 2022.',
  'Share on Facebook',
  'Share on Twitter',
  'Related: Bridge plans approved',
  '© 2021 The Westhaven Gazette. All rights reserved.',
].join('\n\n');
