// The topic page's address and title as functions of its data (templates/topic.njk; why:
// article.11tydata.js). The year, month and source pages keep theirs as strings: a few dozen pages.
export default {
  permalink: (data) => data.topic.url,
  eleventyComputed: {
    title: (data) => (data.topic.page?.number ? `${data.topic.name}, page ${data.topic.page.number}` : data.topic.name),
  },
};
