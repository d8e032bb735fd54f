/// The page views ``SplicedTemplate`` fills in: what decides a page's shape, and its per-page
/// text in a fixed order. Every field a template can print must be listed here, or the page is
/// rendered with another page's value; `LayoutRendererTests` and `SplicedTemplateTests` compare
/// the spliced output with Mustache's for every field.

/// The layout: the language (its strings), the page kind, the flags and the language links.
extension LayoutView: SpliceableView {
  struct Shape: Hashable {
    var lang: String
    var pageKind: String
    var hasSidebar: Bool
    var hasPageURL: Bool
    var languages: [String]
    var current: [Bool]
  }

  var shape: Shape {
    Shape(
      lang: lang, pageKind: pageKind, hasSidebar: hasSidebar, hasPageURL: hasPageURL,
      languages: languages.map(\.code), current: languages.map(\.current))
  }

  var fields: [String] {
    [
      pageTitle, description, root, siteTitle, homeHref, languageIndexHref, scenariosHref,
      sidebar, content, ogType, ogLocale, pageURL, printHref, searchIndexHref,
    ] + languages.flatMap { [$0.name, $0.href] }
  }

  func replacingFields(_ value: (Int, String) -> String) -> LayoutView {
    var view = self
    view.pageTitle = value(0, pageTitle)
    view.description = value(1, description)
    view.root = value(2, root)
    view.siteTitle = value(3, siteTitle)
    view.homeHref = value(4, homeHref)
    view.languageIndexHref = value(5, languageIndexHref)
    view.scenariosHref = value(6, scenariosHref)
    view.sidebar = value(7, sidebar)
    view.content = value(8, content)
    view.ogType = value(9, ogType)
    view.ogLocale = value(10, ogLocale)
    view.pageURL = value(11, pageURL)
    view.printHref = value(12, printHref)
    view.searchIndexHref = value(13, searchIndexHref)
    for index in view.languages.indices {
      view.languages[index].name = value(14 + 2 * index, languages[index].name)
      view.languages[index].href = value(15 + 2 * index, languages[index].href)
    }
    return view
  }
}

/// A lesson's article: the language (its strings), how many entries the table of contents has,
/// and which neighbours it has.
extension LessonView: SpliceableView {
  struct Shape: Hashable {
    var language: String
    var hasToc: Bool
    var tocCount: Int
    var hasPrevious: Bool
    var hasNext: Bool
  }

  var shape: Shape {
    Shape(
      language: language, hasToc: hasToc, tocCount: toc.count,
      hasPrevious: previous != nil, hasNext: next != nil)
  }

  var fields: [String] {
    [title, summary, body, previous?.title ?? "", previous?.href ?? "", next?.title ?? "",
      next?.href ?? ""] + toc.flatMap { [$0.title, $0.id, $0.level] }
  }

  func replacingFields(_ value: (Int, String) -> String) -> LessonView {
    var view = self
    view.title = value(0, title)
    view.summary = value(1, summary)
    view.body = value(2, body)
    if let previous {
      view.previous = NeighbourLink(title: value(3, previous.title), href: value(4, previous.href))
    }
    if let next {
      view.next = NeighbourLink(title: value(5, next.title), href: value(6, next.href))
    }
    for index in view.toc.indices {
      view.toc[index].title = value(7 + 3 * index, toc[index].title)
      view.toc[index].id = value(8 + 3 * index, toc[index].id)
      view.toc[index].level = value(9 + 3 * index, toc[index].level)
    }
    return view
  }
}

/// A sidebar entry: current or not (a language's 500 entries were 1,000 Mustache renders per
/// build).
extension SidebarItem: SpliceableView {
  var shape: Bool { current }

  var fields: [String] { [title, href] }

  func replacingFields(_ value: (Int, String) -> String) -> SidebarItem {
    SidebarItem(title: value(0, title), href: value(1, href), current: current)
  }
}

/// The print page: the language (its strings) and how many lessons it has (the template loops
/// over them twice: table of contents and articles).
extension PrintView: SpliceableView {
  struct Shape: Hashable {
    var language: String
    var lessons: Int
  }

  var shape: Shape { Shape(language: language, lessons: lessons.count) }

  var fields: [String] {
    [title] + lessons.flatMap { [$0.title, $0.summary, $0.anchor, $0.body] }
  }

  func replacingFields(_ value: (Int, String) -> String) -> PrintView {
    var view = self
    view.title = value(0, title)
    for index in view.lessons.indices {
      let lesson = lessons[index]
      view.lessons[index] = PrintLesson(
        title: value(1 + 4 * index, lesson.title), summary: value(2 + 4 * index, lesson.summary),
        anchor: value(3 + 4 * index, lesson.anchor), body: value(4 + 4 * index, lesson.body))
    }
    return view
  }
}
