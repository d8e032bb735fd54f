/// The sidebar lists every lesson of a language on every page, so a course of n lessons renders
/// n² sidebar entries. Each entry is rendered through the theme's `sidebar-item` template once,
/// in both of its states (current and not), and pages join the ready fragments.
struct SidebarRenderer {
  private let plain: [String]
  private let current: [String]
  private let hrefs: [String]

  init(items: [SidebarItem], theme: Theme) {
    let template = SplicedTemplate<SidebarItem>(theme: theme, template: "sidebar-item")
    hrefs = items.map(\.href)
    plain = items.map { item in
      var item = item
      item.current = false
      return template.render(item)
    }
    current = items.map { item in
      var item = item
      item.current = true
      return template.render(item)
    }
  }

  /// The sidebar for the page at `href` (nil: no entry is current).
  func html(current href: String?) -> String {
    var result = ""
    for index in plain.indices {
      result += hrefs[index] == href ? current[index] : plain[index]
    }
    return result
  }
}
