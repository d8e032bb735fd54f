/// A minimal SVG/XML element tree with canonical output: attributes in the order given, integer
/// coordinates, escaped text, no whitespace that depends on anything but the tree. Building
/// elements (rather than concatenating strings) keeps escaping in one place.
public struct SVGElement: Sendable, Hashable {
  public var name: String
  public var attributes: [(String, String)]
  public var children: [Node]

  public enum Node: Sendable, Hashable {
    case element(SVGElement)
    case text(String)
  }

  public init(_ name: String, _ attributes: [(String, String)] = [], _ children: [Node] = []) {
    self.name = name
    self.attributes = attributes
    self.children = children
  }

  public init(_ name: String, _ attributes: [(String, String)] = [], text: String) {
    self.init(name, attributes, [.text(text)])
  }

  public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool {
    lhs.name == rhs.name && lhs.children == rhs.children
      && lhs.attributes.elementsEqual(rhs.attributes) { $0 == $1 }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    for (key, value) in attributes {
      hasher.combine(key)
      hasher.combine(value)
    }
    hasher.combine(children)
  }

  /// The element as text. Elements that hold only elements put each child on its own line, so
  /// golden files diff readably; text content is written inline.
  public func render() -> String {
    var output = ""
    render(into: &output)
    return output
  }

  private func render(into output: inout String) {
    output += "<" + name
    for (key, value) in attributes { output += " \(key)=\"\(Self.escape(value))\"" }
    if children.isEmpty {
      output += "/>"
      return
    }
    output += ">"
    let blockLayout = children.allSatisfy { if case .element = $0 { true } else { false } }
    for child in children {
      if blockLayout { output += "\n" }
      switch child {
      case .element(let element): element.render(into: &output)
      case .text(let text): output += Self.escape(text)
      }
    }
    if blockLayout { output += "\n" }
    output += "</\(name)>"
  }

  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}

extension SVGElement.Node {
  static func el(
    _ name: String, _ attributes: [(String, String)] = [], _ children: [SVGElement.Node] = []
  ) -> Self {
    .element(SVGElement(name, attributes, children))
  }
}

extension Int {
  /// Coordinates are integers; this is their one textual form.
  var svg: String { String(self) }
}
