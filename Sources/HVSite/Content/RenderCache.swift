import Foundation
import HVDiagnostics

/// What `hvwalk serve` keeps between builds, so that saving one lesson re-renders only what
/// depends on it (issue 18 item 3): that lesson, its page, its neighbours' pages when its title
/// or order changed, every page's sidebar only when a title or the order changed, and its
/// search-index and print-page parts. Everything else is taken from the previous build.
///
/// Why it is safe: a build is a pure function of the content, and each entry is keyed by
/// everything it was made from.
/// - **Context**: the files any lesson or page may depend on besides its own source
///   (`site.yaml`, strings and phrases, scenarios, theme, terminology). When one of them changes
///   in any byte, every entry is dropped: the next build renders everything, as a cold one does.
/// - **Lessons** (Markdown through cmark and the directives, with their diagnostics): keyed by
///   the file's path and exact bytes.
/// - **Navigation**, per language: the lessons' slugs, titles and order. A change gives the
///   language a new generation, which every page and print part of it is keyed by (the
///   sidebar, the previous/next links and the print page's link targets come from it).
/// - **Pages**: keyed by the lesson's source, its neighbours' links and the navigation
///   generation.
///
/// Entries no build used are dropped at the end of each build, so a long session does not grow.
/// A cache belongs to one sequence of builds of one content folder (one `serve`); builds with
/// extra directives (tests) should not share it with builds without them.
public final class RenderCache: @unchecked Sendable {
  private let lock = NSLock()
  private var context: [ContentSnapshot.File] = []
  private var navigation: [String: (entries: [String], generation: Int)] = [:]
  private var nextGeneration = 0

  /// Values by key, and the keys the current build used (the others go at its end).
  private struct Table<Key: Hashable, Value> {
    var values: [Key: Value] = [:]
    var used: Set<Key> = []

    mutating func prune() {
      values = values.filter { used.contains($0.key) }
      used = []
    }
  }

  private var lessons = Table<SourceKey, (lesson: Lesson?, diagnostics: [Diagnostic])>()
  /// Lesson pages by path, each with the key it was made from.
  private var pages = Table<String, (key: PageKey, file: Site.File)>()
  private var printLessons = Table<PartKey, PrintLesson>()
  private var searchLines = Table<SourceKey, String>()
  private var findings = Table<SourceKey, [Diagnostic]>()
  /// Other values (index pages, sidebars, templates), each in its slot with its key.
  private var slots = Table<String, (key: Any, value: Any)>()

  /// The source each lesson page of the current build was rendered from (by output path).
  private var sources: [String: SourceKey] = [:]

  /// How many lessons and lesson pages the last build rendered (the rest came from the cache),
  /// for tests and the serve log.
  public private(set) var renderedLessons = 0
  public private(set) var renderedPages = 0

  public init() {}

  /// A lesson file: where it is and every byte of it.
  struct SourceKey: Hashable {
    var path: String
    var bytes: [UInt8]
    /// The bytes hashed once, as one block, when the key is made (`[UInt8]`'s own hashing
    /// feeds the hasher a byte at a time, every time the key is looked up: a quarter of a
    /// `serve` rebuild of 1,000 lessons). Equality still compares every byte.
    private let digest: Int

    init(path: String, bytes: [UInt8]) {
      self.path = path
      self.bytes = bytes
      var hasher = Hasher()
      bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
      digest = hasher.finalize()
    }

    func hash(into hasher: inout Hasher) {
      hasher.combine(path)
      hasher.combine(digest)
    }

    static func == (left: SourceKey, right: SourceKey) -> Bool {
      left.digest == right.digest && left.path == right.path && left.bytes == right.bytes
    }
  }

  struct PageKey: Equatable {
    var source: SourceKey
    var previous: NeighbourLink?
    var next: NeighbourLink?
    var navigation: Int
  }

  struct PartKey: Hashable {
    var source: SourceKey
    var navigation: Int
  }

  /// Starts a build of `content`: drops everything when a context file changed.
  func begin(_ content: ContentSnapshot) {
    let now = content.files.filter { Self.isContext($0.path) }
    lock.lock()
    defer { lock.unlock() }
    if now.map(\.path) != context.map(\.path)
      || !zip(now, context).allSatisfy({ $0.bytes == $1.bytes })
    {
      context = now
      lessons = Table()
      pages = Table()
      printLessons = Table()
      searchLines = Table()
      findings = Table()
      slots = Table()
      navigation = [:]
    }
    sources = [:]
    renderedLessons = 0
    renderedPages = 0
  }

  /// Ends a build: forgets what it did not use.
  func end() {
    lock.lock()
    defer { lock.unlock() }
    lessons.prune()
    pages.prune()
    printLessons.prune()
    searchLines.prune()
    findings.prune()
    slots.prune()
  }

  /// Everything but lessons and media: a change there may change any page.
  static func isContext(_ path: String) -> Bool {
    !path.hasPrefix("lessons/") && !path.hasPrefix("media/")
  }

  func lesson(
    _ file: ContentSnapshot.File, make: () -> (Lesson?, [Diagnostic])
  ) -> (Lesson?, [Diagnostic]) {
    let key = SourceKey(path: file.path, bytes: file.bytes)
    let (value, fresh) = memo(\.lessons, key) {
      let made = make()
      return (made.0, made.1)
    }
    lock.lock()
    if fresh { renderedLessons += 1 }
    if let lesson = value.lesson { sources[lesson.outputPath] = key }
    lock.unlock()
    return (value.lesson, value.diagnostics)
  }

  /// The value for `key` in the table at `path`: the stored one, or what `make` returns, stored.
  /// `make` runs without the lock (lessons render in parallel).
  /// Also says whether it was made now.
  @discardableResult
  private func memo<Key: Hashable, Value>(
    _ path: ReferenceWritableKeyPath<RenderCache, Table<Key, Value>>, _ key: Key,
    make: () -> Value
  ) -> (value: Value, fresh: Bool) {
    lock.lock()
    self[keyPath: path].used.insert(key)
    let known = self[keyPath: path].values[key]
    lock.unlock()
    if let known { return (known, false) }
    let made = make()
    lock.lock()
    self[keyPath: path].values[key] = made
    lock.unlock()
    return (made, true)
  }

  /// The key of the source `lesson` was rendered from in this build.
  private func source(of lesson: Lesson) -> SourceKey? {
    lock.lock()
    defer { lock.unlock() }
    return sources[lesson.outputPath]
  }

  /// The language's navigation generation: the same number as long as its lessons' slugs,
  /// titles and order are the same.
  func navigationGeneration(language: String, lessons: [Lesson]) -> Int {
    let entries = lessons.map { "\($0.slug)\u{0}\($0.order)\u{0}\($0.title)" }
    lock.lock()
    defer { lock.unlock() }
    if let known = navigation[language], known.entries == entries { return known.generation }
    nextGeneration += 1
    navigation[language] = (entries, nextGeneration)
    return nextGeneration
  }

  func page(
    _ lesson: Lesson, previous: NeighbourLink?, next: NeighbourLink?, navigation: Int,
    make: () -> Site.File
  ) -> Site.File {
    guard let source = source(of: lesson) else { return make() }
    let key = PageKey(source: source, previous: previous, next: next, navigation: navigation)
    let path = lesson.outputPath
    lock.lock()
    pages.used.insert(path)
    let known = pages.values[path]
    lock.unlock()
    if let known, known.key == key { return known.file }
    let file = make()
    lock.lock()
    pages.values[path] = (key, file)
    renderedPages += 1
    lock.unlock()
    return file
  }

  func printLesson(_ lesson: Lesson, navigation: Int, make: () -> PrintLesson) -> PrintLesson {
    guard let source = source(of: lesson) else { return make() }
    return memo(\.printLessons, PartKey(source: source, navigation: navigation), make: make).value
  }

  func searchLines(_ lesson: Lesson, make: () -> String) -> String {
    guard let source = source(of: lesson) else { return make() }
    return memo(\.searchLines, source, make: make).value
  }

  /// A check's findings in one content file (the terminology check of a lesson).
  func findings(_ file: ContentSnapshot.File, make: () -> [Diagnostic]) -> [Diagnostic] {
    memo(\.findings, SourceKey(path: file.path, bytes: file.bytes), make: make).value
  }

  /// A value made from `key` alone (besides the context), such as an index page or a sidebar:
  /// the one the last build put in `slot` if it was made from an equal key.
  func reuse<Key: Equatable, Value>(_ slot: String, key: Key, make: () -> Value) -> Value {
    lock.lock()
    slots.used.insert(slot)
    let known = slots.values[slot]
    lock.unlock()
    if let known, let earlier = known.key as? Key, earlier == key, let value = known.value as? Value
    {
      return value
    }
    let value = make()
    lock.lock()
    slots.values[slot] = (key, value)
    lock.unlock()
    return value
  }
}
