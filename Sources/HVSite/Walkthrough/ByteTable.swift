import HVTrace

/// A ring packet's bytes as HTML, without script: a hex dump with every field outlined and a
/// table of the fields (offset, C name, size, decoded value, note in the page's language). The
/// `bytes` directive puts one in a lesson; `bytes.js` draws the same for any step on demand.
struct ByteTable {
  let wire: WireImage
  let text: WalkthroughText

  /// Rows of 16 bytes; three or more all-zero rows in a row fold into one line.
  func render(id: String, caption: String) -> String {
    var owner = [Int](repeating: 0, count: wire.bytes.count)
    for (index, field) in wire.fields.enumerated() {
      for offset in field.offset..<(field.offset + field.size) { owner[offset] = index }
    }
    var html = "<figure class=\"hv-bytes hv-bytes-static\" id=\"\(id)\">\n"
    html += "<figcaption class=\"hv-bytes-heading\">\(HTML.escape(caption))</figcaption>\n"
    html += "<div class=\"hv-bytes-dump\" aria-hidden=\"true\">\n"
    var row = 0
    let rows = (wire.bytes.count + 15) / 16
    func isZeroRow(_ row: Int) -> Bool {
      let start = row * 16
      guard start + 16 <= wire.bytes.count else { return false }
      return wire.bytes[start..<(start + 16)].allSatisfy { $0 == 0 }
    }
    while row < rows {
      var zeros = 0
      while row + zeros < rows, isZeroRow(row + zeros) { zeros += 1 }
      if zeros >= 3 {
        html +=
          "<div class=\"hv-bytes-fold\">\(HTML.escape(text.format("bytes-zeros", ["count": text.number(zeros * 16)])))</div>\n"
        row += zeros
        continue
      }
      let start = row * 16
      html += "<div class=\"hv-bytes-row\"><span class=\"hv-bytes-offset\">\(hex(start, 4))</span>"
      for offset in start..<min(start + 16, wire.bytes.count) {
        let field = owner[offset]
        let first = wire.fields[field].offset == offset ? " is-first" : ""
        html += "<span class=\"hv-byte hv-field-\(field % 6)\(first)\">\(hex(Int(wire.bytes[offset]), 2))</span>"
      }
      html += "</div>\n"
      row += 1
    }
    html += "</div>\n<div class=\"hv-bytes-table\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(caption))\">\n"
    html += "<table class=\"hv-bytes-fields\">\n<thead><tr>"
    for key in ["offset", "field", "size", "value", "note"] {
      html += "<th scope=\"col\">\(HTML.escape(text("bytes-\(key)")))</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for (index, field) in wire.fields.enumerated() {
      html += "<tr class=\"hv-field-\(index % 6)\"><td class=\"hv-bytes-offset\">\(field.offset)</td>"
      html += "<td><code>\(HTML.escape(field.name))</code></td><td>\(field.size)</td>"
      html += "<td class=\"hv-bytes-value\">\(HTML.escape(field.value))</td>"
      html += "<td>\(HTML.escape(text.phrases.render(field.note).text))</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n</div>\n</figure>"
  }

  private func hex(_ value: Int, _ digits: Int) -> String {
    let raw = String(value, radix: 16)
    return String(repeating: "0", count: max(0, digits - raw.count)) + raw
  }
}
