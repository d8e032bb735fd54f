import HVTrace

/// The counters of a trace as a table: one row per counter in contract order, with the total and
/// (revealed by the walkthrough script) the value so far.
struct CounterTable {
  let text: WalkthroughText

  /// - Parameter label: names the table's scroll region; distinct per figure, since a page may
  ///   show several walkthroughs.
  /// - Parameter soFar: the walkthrough's "so far" column (a figure without steps has none).
  func render(_ counters: Counters, caption: String, label: String, soFar: Bool = true) -> String {
    // In a scroll box of its own: long numbers must not widen a phone's page.
    var html =
      "<div class=\"hv-table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(HTML.escape(label))\">\n"
    html += "<table class=\"hv-counters\">\n<caption>\(HTML.escape(caption))</caption>\n"
    html += "<thead><tr><th scope=\"col\">\(HTML.escape(text("counters-name")))</th>"
    if soFar {
      html += "<th scope=\"col\" class=\"hv-so-far\">\(HTML.escape(text("counters-so-far")))</th>"
    }
    html += "<th scope=\"col\">\(HTML.escape(text("counters-total")))</th></tr></thead>\n<tbody>\n"
    for (name, value) in counters.named {
      html +=
        "<tr data-counter=\"\(name)\"><th scope=\"row\">\(HTML.escape(text("counter-\(name)")))</th>"
      if soFar { html += "<td class=\"hv-so-far\"></td>" }
      html += "<td>\(text.number(value))</td></tr>\n"
    }
    return html + "</tbody>\n</table>\n</div>"
  }
}
