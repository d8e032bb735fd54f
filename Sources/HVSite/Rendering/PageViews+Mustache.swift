import Mustache

// Templates look values up by name. Without these conformances swift-mustache finds each name
// through `Mirror`, which walks every field on every lookup and made large courses (hundreds of
// lessons, each page with the whole sidebar) take seconds; an explicit switch is a jump.

extension LayoutView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "lang": lang
    case "pageTitle": pageTitle
    case "description": description
    case "root": root
    case "siteTitle": siteTitle
    case "strings": strings
    case "homeHref": homeHref
    case "languageIndexHref": languageIndexHref
    case "scenariosHref": scenariosHref
    case "languages": languages
    case "sidebar": sidebar
    case "hasSidebar": hasSidebar
    case "content": content
    case "pageKind": pageKind
    // The home page speaks every language: the layout leaves out its one-language parts.
    case "isHome": pageKind == "home"
    case "ogType": ogType
    case "ogLocale": ogLocale
    case "pageURL": pageURL
    case "hasPageURL": hasPageURL
    case "printHref": printHref
    case "searchIndexHref": searchIndexHref
    default: nil
    }
  }
}

extension LanguageLink: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "code": code
    case "name": self.name
    case "href": href
    case "current": current
    default: nil
    }
  }
}

extension SidebarItem: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "href": href
    case "current": current
    default: nil
    }
  }
}

extension LessonView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "summary": summary
    case "body": body
    case "toc": toc
    case "hasToc": hasToc
    case "previous": previous
    case "next": next
    case "strings": strings
    default: nil
    }
  }
}

extension NeighbourLink: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "href": href
    default: nil
    }
  }
}

extension LanguageIndexView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "siteTitle": siteTitle
    case "description": description
    case "lessons": lessons
    case "strings": strings
    default: nil
    }
  }
}

extension LessonListItem: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "summary": summary
    case "href": href
    case "order": order
    default: nil
    }
  }
}

extension HomeView: MustacheParent {
  func child(named name: String) -> Any? { name == "sections" ? sections : nil }
}

extension HomeLanguageSection: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "code": code
    case "name": self.name
    case "siteTitle": siteTitle
    case "description": description
    case "href": href
    case "lessons": lessons
    case "strings": strings
    default: nil
    }
  }
}

extension NotFoundView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "strings": strings
    case "homeHref": homeHref
    default: nil
    }
  }
}

extension ScenarioPageView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "summary": summary
    case "figure": figure
    case "command": command
    case "jsonHref": jsonHref
    case "chromeHref": chromeHref
    case "vmName": vmName
    case "vmState": vmState
    case "services": services
    case "hasServices": hasServices
    case "log": log
    case "hasLog": hasLog
    case "strings": strings
    default: nil
    }
  }
}

extension ServiceRow: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "name": self.name
    case "enabled": enabled
    case "status": status
    default: nil
    }
  }
}

extension LogRow: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "time": time
    case "source": source
    case "message": message
    case "english": english
    default: nil
    }
  }
}

extension ScenarioIndexView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "scenarios": scenarios
    case "strings": strings
    default: nil
    }
  }
}

extension TocItem: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "id": id
    case "level": level
    default: nil
    }
  }
}

extension PrintView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "lessons": lessons
    case "strings": strings
    default: nil
    }
  }
}

extension PrintLesson: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "title": title
    case "summary": summary
    case "anchor": anchor
    case "body": body
    default: nil
    }
  }
}
