// The article page's address, title and description as functions of its data
// (templates/article.njk). As strings in the front matter ("{{ article.url }}") Eleventy
// compiles them anew for every page it paginates: ~0.4 ms a page, a tenth of rendering one.
// Raw text: the layouts escape it (layouts/base.njk).
export default {
  permalink: (data) => data.article.url,
  eleventyComputed: {
    title: (data) => data.article.title,
    description: (data) => data.article.subtitle || data.article.excerpt,
  },
};
