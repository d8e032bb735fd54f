import Foundation

/// The package's folder (the one holding `Package.swift`, `Content/` and `Site/`), found from
/// this file's own path.
///
/// Tests used to count `deletingLastPathComponent()` calls from their own `#filePath`, which
/// breaks silently when a test moves one folder deeper; walking up to `Package.swift` does not.
public enum Repository {
  /// The repository root.
  public static let root: URL = findRoot(from: URL(fileURLWithPath: #filePath))

  /// A path inside the repository, e.g. `Repository.url("Content/scenarios")`.
  public static func url(_ relative: String) -> URL {
    root.appendingPathComponent(relative)
  }

  /// The nearest folder above `file` that holds a `Package.swift`.
  static func findRoot(from file: URL) -> URL {
    var folder = file.deletingLastPathComponent()
    while folder.pathComponents.count > 1 {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
      {
        return folder
      }
      folder = folder.deletingLastPathComponent()
    }
    preconditionFailure("no Package.swift above \(file.path)")
  }
}
