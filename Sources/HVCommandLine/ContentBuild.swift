import HVDiagnostics
import HVSite

/// Reads a content folder and builds it, as `build`, `check` and `serve` do: the files the reader
/// refused (links leaving the folder, special files, unreadable ones) are reported together with
/// every problem of the build itself, in one run.
enum ContentBuild {
  static func run(_ builder: SiteBuilder, content folder: String) throws -> Result<
    Site, DiagnosticsError
  > {
    run(builder, try ContentReader.read(folder))
  }

  /// Builds what was already read (`build` fingerprints the reading first).
  static func run(_ builder: SiteBuilder, _ reading: ContentReader.Reading) -> Result<
    Site, DiagnosticsError
  > {
    let result = builder.build(reading.snapshot)
    guard !reading.diagnostics.isEmpty else { return result }
    switch result {
    case .success: return .failure(DiagnosticsError(reading.diagnostics))
    case .failure(let error):
      return .failure(DiagnosticsError(reading.diagnostics + error.diagnostics))
    }
  }
}
