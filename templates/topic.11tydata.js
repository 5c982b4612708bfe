// The topic page's address as a function of its data (templates/topic.njk; why:
// article.11tydata.js); its title is made in layouts/base.njk. The year, month and source
// pages keep theirs as strings: a few dozen pages.
export default {
  permalink: (data) => data.topic.url,
};
