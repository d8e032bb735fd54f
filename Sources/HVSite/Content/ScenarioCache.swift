import Foundation
import HVScenario

/// Remembers scenario runs across builds in one process (`hvwalk serve`), so editing prose does
/// not re-simulate.
///
/// The key is the scenario file's exact text plus the seed it runs with, so any change to the
/// file — a step, a value, even a comment — misses the cache, and a stale trace can never be
/// served. Runs are deterministic, so a hit returns exactly what a fresh run would.
public final class ScenarioCache: @unchecked Sendable {
  private let lock = NSLock()
  private var runs: [String: ScenarioRun] = [:]
  /// How many scenarios were simulated (misses), for tests and the serve log.
  public private(set) var simulations = 0

  public init() {}

  private var figures: [String: (html: String, anchors: [String])] = [:]

  /// A walkthrough figure rendered in an earlier build from the same run, options, language and
  /// interface strings (the key holds all four, so a changed string or scenario misses).
  func figure(key: String, make: () -> (html: String, anchors: [String])) -> (html: String, anchors: [String]) {
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

  func run(_ scenario: Scenario, text: String, make: () -> ScenarioRun) -> ScenarioRun {
    let key = Self.key(seed: scenario.seed, text: text)
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

  static func key(seed: UInt64, text: String) -> String { "\(seed)\u{0}\(text)" }

  /// Drops runs (and their figures) whose file text is no longer used, so a long serve session
  /// does not grow.
  func keepOnly(texts: Set<String>) {
    lock.lock()
    runs = runs.filter { key, _ in texts.contains(String(key.split(separator: "\u{0}", maxSplits: 1).last ?? "")) }
    let live = Set(runs.keys)
    figures = figures.filter { key, _ in live.contains(String(key.split(separator: "\u{1}", maxSplits: 1).first ?? "")) }
    lock.unlock()
  }
}
