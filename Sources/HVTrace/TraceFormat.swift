/// The output forms of `hvwalk run`.
public enum TraceFormat: String, Sendable, CaseIterable {
  /// The numbered transcript with counters, for a terminal.
  case transcript
  /// The JSON export of contract §3.
  case json
  /// The Chrome trace-event format (Perfetto).
  case chromeTrace = "chrome-trace"
}

extension Trace {
  /// The trace in `format`, ending with a newline.
  public func rendered(as format: TraceFormat) -> String {
    switch format {
    case .transcript: return transcript()
    case .json: return jsonText()
    case .chromeTrace: return chromeTraceText()
    }
  }
}
