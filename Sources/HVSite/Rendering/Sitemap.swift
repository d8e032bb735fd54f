/// `sitemap.xml` for a site published at a base URL: every page but the error pages, in path
/// order, with no dates (the site has no clock).
enum Sitemap {
  static func file(baseURL: String, routes: [Route]) -> Site.File {
    var xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    let listed = routes.filter { route in
      if case .notFound = route { return false }
      return route.isPage
    }
    for path in listed.map(\.path).sorted() {
      xml += "<url><loc>\(HTML.escape(baseURL + path))</loc></url>\n"
    }
    return Site.File(path: Route.sitemap.path, text: xml + "</urlset>\n")
  }
}
