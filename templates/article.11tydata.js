// The article page's address as a function of its data (templates/article.njk). As a
// string in the front matter ("{{ article.url }}") Eleventy compiles it anew for every
// page it paginates: ~0.4 ms a page, a tenth of rendering one. Its title and description
// are made in layouts/base.njk (not eleventyComputed here: Eleventy sets up computed data
// for each page it paginates).
export default {
  permalink: (data) => data.article.url,
};
