import HVDiagram

extension ScenarioCache {
  /// What a scenario run is made from, and so what it is cached by: the scenario's id, the
  /// file's exact text and the seed it runs with. Any change to the file — a step, a value, even
  /// a comment — is a different key, so a stale trace can never be served.
  public struct RunKey: Hashable, Sendable {
    public var scenarioID: String
    /// The whole file, byte for byte (kept rather than a digest: it is small, and equality of
    /// the text itself leaves no room for a collision).
    public var text: String
    public var seed: UInt64

    public init(scenarioID: String, text: String, seed: UInt64) {
      self.scenarioID = scenarioID
      self.text = text
      self.seed = seed
    }
  }

  /// What a rendered walkthrough figure depends on beyond its run: the diagram options, the
  /// page's language, whether it links to the scenario's page, and the interface strings of
  /// that language (a changed word misses the cache).
  struct FigureKey: Hashable, Sendable {
    var run: RunKey
    var options: DiagramOptions
    var language: String
    var scenarioHref: String?
    var strings: InterfaceStrings
  }
}
