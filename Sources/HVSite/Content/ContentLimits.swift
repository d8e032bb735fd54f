import HVDiagnostics

/// Ceilings on what one build reads and writes, so a careless or hostile file fails at once with
/// a clear error instead of taking minutes and gigabytes. Each is far above what the shipped
/// course needs (figures in docs/AUTHORING.md, "Limits"); the scenario limits are
/// `ScenarioLimits` in HVScenario.
public enum ContentLimits {
  /// One lesson file (the shipped course's largest is 32 KB).
  public static let lessonBytes = 256 * 1024
  /// All lesson files together (the shipped course has about 0.5 MB).
  public static let lessonsTotalBytes = 8 * 1024 * 1024
  /// One scenario file (the shipped course's largest is 2.2 KB; 200 steps take about 6 KB).
  public static let scenarioFileBytes = 64 * 1024
  /// One strings file, `site.yaml`, a template or a theme asset.
  public static let settingsFileBytes = 256 * 1024
  /// One file under `media/`.
  public static let mediaFileBytes = 16 * 1024 * 1024
  /// One page of the built site (the largest shipped page, a print page with the whole course,
  /// is 1.7 MB).
  public static let pageBytes = 8 * 1024 * 1024

  /// `"256 KiB"`, for messages.
  static func describe(_ bytes: Int) -> String {
    let mebibyte = 1024 * 1024
    if bytes % mebibyte == 0 && bytes > 0 { return "\(bytes / mebibyte) MiB" }
    if bytes >= mebibyte { return "\(bytes / mebibyte).\(bytes % mebibyte * 10 / mebibyte) MiB" }
    return "\(bytes / 1024) KiB"
  }

  /// The diagnostic for a file over `limit`, or nil. Position-less: the whole file is the problem.
  static func oversized(
    _ file: ContentSnapshot.File, in content: ContentSnapshot, limit: Int, what: String
  )
    -> Diagnostic?
  {
    guard file.bytes.count > limit else { return nil }
    return Diagnostic(
      at: SourceLocation(file: content.displayPath(file.path)), id: .limitFileSize,
      "\(what) is \(describe(file.bytes.count)); the limit is \(describe(limit))",
      suggestion: "split it into smaller files")
  }
}
