/// `sitemap.xml` for a site published at a base URL: every page but the error pages, in path
/// order, with no dates (the site has no clock).
enum Sitemap {
  static func file(baseURL: String, pages: [String]) -> Site.File {
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    for page in pages.sorted() where page.hasSuffix(".html") && !page.hasSuffix("404.html") {
      xml += "<url><loc>\(HTML.escape(baseURL + page))</loc></url>\n"
    }
    return Site.File(path: "sitemap.xml", text: xml + "</urlset>\n")
  }
}
