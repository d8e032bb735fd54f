import HVTrace

/// The kinds of background box a diagram draws behind its lifelines: one per partition, and
/// inside the root and child partitions one band per processor mode, so every user↔kernel and
/// partition crossing is visible. Each kind has its own class, corner radius and fill.
public enum BoxKind: Hashable, Sendable {
  case partition
  case band(ExecutionMode)

  /// `hv-partition`, `hv-band hv-band-user`: what the stylesheet colours.
  var className: String {
    switch self {
    case .partition: "hv-partition"
    case .band(let mode): "hv-band hv-band-\(mode.rawValue)"
    }
  }

  /// The light-theme fill (the stylesheet overrides it in dark mode).
  var fill: String {
    switch self {
    case .partition: "#f6f8fa"
    case .band(.user): "#fff8e6"
    case .band: "#eef4ff"
    }
  }

  var cornerRadius: String {
    switch self {
    case .partition: "6"
    case .band: "3"
    }
  }

  var titleClass: String {
    switch self {
    case .partition: "hv-box-title"
    case .band: "hv-band-title"
    }
  }
}
