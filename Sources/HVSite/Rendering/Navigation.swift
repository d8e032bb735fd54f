/// Lesson order within one language: the sidebar and the previous/next links.
///
/// Lessons are sorted by `order`, then slug, so the sequence never depends on file-system order.
struct Navigation {
  let lessons: [Lesson]

  init(lessons: [Lesson]) {
    self.lessons = lessons.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
  }

  /// - Parameter prefix: leads from the page's folder to the language folder (`../` for
  ///   scenario pages).
  func sidebar(current slug: String?, prefix: String = "") -> [SidebarItem] {
    lessons.map { SidebarItem(title: $0.title, href: prefix + "\($0.slug).html", current: $0.slug == slug) }
  }

  func neighbours(of slug: String) -> (previous: NeighbourLink?, next: NeighbourLink?) {
    guard let index = lessons.firstIndex(where: { $0.slug == slug }) else { return (nil, nil) }
    let link: (Lesson) -> NeighbourLink = { NeighbourLink(title: $0.title, href: "\($0.slug).html") }
    return (
      index > 0 ? link(lessons[index - 1]) : nil,
      index + 1 < lessons.count ? link(lessons[index + 1]) : nil
    )
  }

  func listItems(prefix: String = "") -> [LessonListItem] {
    lessons.map {
      LessonListItem(title: $0.title, summary: $0.summary, href: prefix + "\($0.slug).html", order: $0.order)
    }
  }
}
