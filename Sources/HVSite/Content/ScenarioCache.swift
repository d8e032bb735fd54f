import Foundation
import HVScenario

/// Remembers scenario runs across builds in one process (`hvwalk serve`), so editing prose does
/// not re-simulate.
///
/// Runs are keyed by ``RunKey`` (scenario id, the file's exact text, seed) and figures by
/// ``FigureKey`` (the run's key plus everything else the figure shows), so any change to the
/// file misses the cache, and a stale trace can never be served. Runs are deterministic, so a
/// hit returns exactly what a fresh run would.
public final class ScenarioCache: @unchecked Sendable {
  private let lock = NSLock()
  private var runs: [RunKey: ScenarioRun] = [:]
  private var figures: [FigureKey: (html: String, anchors: [String])] = [:]
  /// How many scenarios were simulated (misses), for tests and the serve log.
  public private(set) var simulations = 0

  public init() {}

  /// A walkthrough figure rendered in an earlier build with the same key.
  func figure(key: FigureKey, make: () -> (html: String, anchors: [String])) -> (
    html: String, anchors: [String]
  ) {
    lock.lock()
    if let cached = figures[key] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let figure = make()
    lock.lock()
    figures[key] = figure
    lock.unlock()
    return figure
  }

  func run(key: RunKey, make: () -> ScenarioRun) -> ScenarioRun {
    lock.lock()
    if let cached = runs[key] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let run = make()
    lock.lock()
    runs[key] = run
    simulations += 1
    lock.unlock()
    return run
  }

  /// Drops runs (and their figures) no scenario file of the latest build has, so a long serve
  /// session does not grow.
  func keepOnly(_ live: Set<RunKey>) {
    lock.lock()
    runs = runs.filter { live.contains($0.key) }
    figures = figures.filter { live.contains($0.key.run) }
    lock.unlock()
  }
}
