/// Lesson order within one language: the sidebar, the lesson lists and the previous/next links.
///
/// Lessons are sorted by `order`, then slug, so the sequence never depends on file-system order.
struct Navigation: Sendable {
  let lessons: [Lesson]
  /// Where each slug is in `lessons` (a page looks itself up: linear search made the pages of a
  /// 1,000-lesson course quadratic).
  private let positions: [String: Int]

  init(lessons: [Lesson]) {
    self.lessons = lessons.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
    positions = Dictionary(
      self.lessons.enumerated().map { ($1.slug, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func lesson(_ slug: String) -> Lesson? { positions[slug].map { lessons[$0] } }

  /// - Parameter page: where the sidebar is shown (any page of the folder: the links are relative).
  func sidebar(current slug: String?, from page: Route) -> [SidebarItem] {
    lessons.map {
      SidebarItem(title: $0.title, href: $0.route.relativeURL(from: page), current: $0.slug == slug)
    }
  }

  func neighbours(of slug: String) -> (previous: NeighbourLink?, next: NeighbourLink?) {
    guard let index = positions[slug] else { return (nil, nil) }
    let page = lessons[index].route
    let link: (Lesson) -> NeighbourLink = {
      NeighbourLink(title: $0.title, href: $0.route.relativeURL(from: page))
    }
    return (
      index > 0 ? link(lessons[index - 1]) : nil,
      index + 1 < lessons.count ? link(lessons[index + 1]) : nil
    )
  }

  /// The lessons as a list on the page at `page` (the home page or a language index).
  func listItems(from page: Route) -> [LessonListItem] {
    lessons.map {
      LessonListItem(
        title: $0.title, summary: $0.summary, href: $0.route.relativeURL(from: page),
        order: $0.order)
    }
  }
}
