import HVScenario
import HVTrace

/// A scenario after it ran: what pages need to show it (titles in every language, the seed that
/// reproduces it) and its trace.
public struct ScenarioRun: Sendable {
  public var id: String
  /// Title per site language.
  public var title: [String: String]
  /// Summary per site language (may be empty).
  public var summary: [String: String]
  public var seed: UInt64
  public var trace: Trace
  /// What the run was made from (id, file text, seed): the key of everything cached about it;
  /// nil for a run made without a file, which is never cached.
  public var source: ScenarioCache.RunKey?
  /// The parsed scenario the run came from (figures that run variants of it start here).
  public var scenario: Scenario?
  /// Short name per site language (`label`, else the title).
  public var label: [String: String] = [:]

  public init(
    id: String, title: [String: String], summary: [String: String], seed: UInt64, trace: Trace,
    source: ScenarioCache.RunKey? = nil
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.seed = seed
    self.trace = trace
    self.source = source
  }
}
