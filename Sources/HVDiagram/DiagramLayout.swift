import HVTrace

/// A sequence diagram as pure geometry: every box, line and text position in integer layout
/// units. Produced by ``DiagramLayout/init(model:text:)`` from a ``SequenceModel``; turned into SVG
/// by ``DiagramSVG``. Tests state structural facts about it (lifelines increase in x, rows in y,
/// arrows end on their lifelines, labels stay inside the canvas).
public struct DiagramLayout: Sendable, Hashable {
  public struct Rect: Sendable, Hashable {
    public var x: Int, y: Int, width: Int, height: Int
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(_ other: Rect) -> Bool {
      other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }
  }

  /// Text drawn as one or more lines; `x` is the start (or centre when `centered`), `y` the
  /// baseline of the first line.
  public struct TextBlock: Sendable, Hashable {
    public var lines: [String]
    public var x: Int
    public var y: Int
    public var centered: Bool
    /// The area the text occupies, for overlap and bounds checks.
    public var bounds: Rect
  }

  public struct PlacedLifeline: Sendable, Hashable {
    public var id: LifelineID
    public var x: Int
    public var header: Rect
    public var title: TextBlock
    public var top: Int
    public var bottom: Int
    public var partition: PartitionKind
  }

  public struct Box: Sendable, Hashable {
    public var rect: Rect
    public var title: TextBlock
    /// A partition, or a user/kernel band inside one.
    public var kind: BoxKind
  }

  public struct Arrow: Sendable, Hashable {
    public var number: Int
    public var kind: EventKind
    public var from: Int
    public var to: Int
    public var x1: Int
    public var x2: Int
    public var y: Int
    /// A message to itself: drawn as a loop to the right, `y` to `y + selfLoopHeight`.
    public var isSelf: Bool
    public var label: TextBlock
    /// Everything the row occupies (label and arrow), for highlighting and scrolling.
    public var row: Rect
  }

  public struct Note: Sendable, Hashable {
    public var number: Int
    public var kind: EventKind
    public var rect: Rect
    public var text: TextBlock
  }

  public struct Fragment: Sendable, Hashable {
    public var rect: Rect
    public var tab: TextBlock
    public var tabRect: Rect
    public var depth: Int
  }

  public struct Divider: Sendable, Hashable {
    public var step: Int
    public var y: Int
    public var title: TextBlock
  }

  public struct Activation: Sendable, Hashable {
    public var lifeline: Int
    public var rect: Rect
  }

  public var width: Int
  public var height: Int
  public var lifelines: [PlacedLifeline]
  public var boxes: [Box]
  public var arrows: [Arrow]
  public var notes: [Note]
  public var fragments: [Fragment]
  public var dividers: [Divider]
  public var activations: [Activation]
  public var legend: [LegendEntry]

  public struct LegendEntry: Sendable, Hashable {
    public var kind: EventKind
    public var y: Int
    public var x: Int
    public var text: TextBlock
  }
}
