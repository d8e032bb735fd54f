// The byte view of a walkthrough step (progressive enhancement; issue 17).
//
// A figure whose scenario has ring packets names its byte data (data-bytes-src, a script that
// sets window.hvwalkBytes[<scenario>][<seq>] = [hex, fields]) and its transcript items carry the
// packet's sequence number (data-seq). This script adds a "Bytes" button to those items; the first
// press loads the data, then shows the packet — under the transcript, the figure's full width —
// as a hex dump, every field outlined in its own
// colour, and a table of the fields: offset, C name, size, decoded value and a note in the page's
// language. Hovering or focusing a field lights its bytes up. Without JavaScript the bytes are in
// the scenario's JSON export.
(function () {
  "use strict";

  var loaded = {};   // script src → true once loaded
  var waiting = {};  // script src → callbacks

  function load(src, then) {
    if (loaded[src]) { then(); return; }
    if (waiting[src]) { waiting[src].push(then); return; }
    waiting[src] = [then];
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      loaded[src] = true;
      var callbacks = waiting[src];
      delete waiting[src];
      callbacks.forEach(function (callback) { callback(); });
    };
    // A file that does not load leaves nothing waiting: the next press tries again.
    script.onerror = function () {
      delete waiting[src];
      script.remove();
    };
    document.head.appendChild(script);
  }

  // "0600~16~0b" → [6, 0, 0 ×16, 11]: runs of zero bytes are written ~count~.
  function decode(hex) {
    var bytes = [];
    var index = 0;
    while (index < hex.length) {
      if (hex.charAt(index) === "~") {
        var end = hex.indexOf("~", index + 1);
        var count = parseInt(hex.slice(index + 1, end), 10);
        for (var i = 0; i < count; i++) bytes.push(0);
        index = end + 1;
      } else {
        bytes.push(parseInt(hex.substr(index, 2), 16));
        index += 2;
      }
    }
    return bytes;
  }

  function label(figure, key, values) {
    var text = figure.getAttribute("data-label-bytes-" + key) || key;
    for (var name in values) text = text.replace("{" + name + "}", values[name]);
    return text;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function hex2(value) { return (value < 16 ? "0" : "") + value.toString(16); }

  // Thousands grouped as the page's counters are (the figure names the language's separator).
  function group(figure, number) {
    var separator = figure.getAttribute("data-group-separator") || "";
    return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  // The panel for one packet: heading, hex dump (16 bytes a row, all-zero rows in runs folded
  // into one line) and the field table.
  function panel(figure, packet, step) {
    var bytes = decode(packet[0]);
    var fields = packet[1];
    var owner = new Array(bytes.length);
    fields.forEach(function (field, index) {
      for (var i = field[1]; i < field[1] + field[2]; i++) owner[i] = index;
    });
    var box = element("div", "hv-bytes");
    box.setAttribute("role", "region");
    var title = step + ". " + label(figure, "heading", { bytes: group(figure, bytes.length) });
    box.setAttribute("aria-label", title);
    box.appendChild(element("p", "hv-bytes-heading", title));

    var dump = element("div", "hv-bytes-dump");
    dump.setAttribute("aria-hidden", "true");
    var cells = [];
    var row = 0;
    while (row * 16 < bytes.length) {
      var start = row * 16;
      var zeros = 0;
      while (start + zeros * 16 < bytes.length) {
        var rowStart = start + zeros * 16;
        var allZero = true;
        for (var z = rowStart; z < Math.min(rowStart + 16, bytes.length); z++) {
          if (bytes[z] !== 0) { allZero = false; break; }
        }
        if (!allZero || rowStart + 16 > bytes.length) break;
        zeros++;
      }
      if (zeros >= 3) {
        dump.appendChild(element("div", "hv-bytes-fold",
          label(figure, "zeros", { count: group(figure, zeros * 16) })));
        row += zeros;
        continue;
      }
      var line = element("div", "hv-bytes-row");
      line.appendChild(element("span", "hv-bytes-offset", ("000" + start.toString(16)).slice(-4)));
      for (var b = start; b < Math.min(start + 16, bytes.length); b++) {
        var cell = element("span", "hv-byte hv-field-" + (owner[b] % 6), hex2(bytes[b]));
        cell.setAttribute("data-field", owner[b]);
        if (b === fields[owner[b]][1]) cell.classList.add("is-first");
        cells.push(cell);
        line.appendChild(cell);
      }
      dump.appendChild(line);
      row++;
    }
    box.appendChild(dump);

    var table = element("table", "hv-bytes-fields");
    var head = element("tr");
    ["offset", "field", "size", "value", "note"].forEach(function (key) {
      var th = element("th", null, label(figure, key));
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = element("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var body = element("tbody");
    fields.forEach(function (field, index) {
      var tr = element("tr", "hv-field-" + (index % 6));
      tr.setAttribute("data-field", index);
      tr.tabIndex = 0;
      tr.appendChild(element("td", "hv-bytes-offset", String(field[1])));
      var name = element("td");
      name.appendChild(element("code", null, field[0]));
      tr.appendChild(name);
      tr.appendChild(element("td", null, String(field[2])));
      tr.appendChild(element("td", "hv-bytes-value", field[3]));
      tr.appendChild(element("td", null, field[4]));
      body.appendChild(tr);
    });
    table.appendChild(body);
    var scroll = element("div", "hv-bytes-table");
    scroll.appendChild(table);
    box.appendChild(scroll);

    function light(index) {
      cells.forEach(function (cell) {
        cell.classList.toggle("is-lit", index !== null && cell.getAttribute("data-field") === String(index));
      });
    }
    body.addEventListener("mouseover", function (event) {
      var tr = event.target.closest("tr[data-field]");
      if (tr) light(tr.getAttribute("data-field"));
    });
    body.addEventListener("focusin", function (event) {
      var tr = event.target.closest("tr[data-field]");
      if (tr) light(tr.getAttribute("data-field"));
    });
    body.addEventListener("mouseleave", function () { light(null); });
    dump.addEventListener("mouseover", function (event) {
      var cell = event.target.closest("[data-field]");
      if (!cell) return;
      var index = cell.getAttribute("data-field");
      light(index);
      var rows = body.querySelectorAll("tr");
      for (var i = 0; i < rows.length; i++) {
        rows[i].classList.toggle("is-lit", rows[i].getAttribute("data-field") === index);
      }
    });
    return box;
  }

  // One byte view per figure, under its transcript and counters; opening another packet's
  // replaces it, pressing the open one's button again closes it.
  function setup(figure) {
    var src = figure.getAttribute("data-bytes-src");
    var id = figure.getAttribute("data-bytes-id");
    var anchor = figure.querySelector(".hv-walkthrough-text");
    var items = figure.querySelectorAll(".hv-transcript li[data-seq]");
    var open = null;  // {button, box}

    function close() {
      if (!open) return;
      open.box.remove();
      open.button.setAttribute("aria-expanded", "false");
      open.button.textContent = label(figure, "button");
      open = null;
    }

    for (var i = 0; i < items.length; i++) {
      (function (item) {
        var button = element("button", "hv-bytes-toggle", label(figure, "button"));
        button.type = "button";
        button.setAttribute("aria-expanded", "false");
        button.setAttribute("aria-controls", figure.id + "-bytes");
        item.appendChild(document.createTextNode(" "));
        item.appendChild(button);
        button.addEventListener("click", function () {
          if (open && open.button === button) { close(); return; }
          load(src, function () {
            var data = window.hvwalkBytes && window.hvwalkBytes[id];
            var packet = data && data[item.getAttribute("data-seq")];
            if (!packet) return;
            close();
            var box = panel(figure, packet, item.getAttribute("data-step"));
            box.id = figure.id + "-bytes";
            if (anchor && anchor.parentNode) anchor.parentNode.insertBefore(box, anchor.nextSibling);
            else figure.appendChild(box);
            open = { button: button, box: box };
            button.setAttribute("aria-expanded", "true");
            button.textContent = label(figure, "close");
            box.scrollIntoView({ block: "nearest" });
          });
        });
      })(items[i]);
    }
  }

  function start() {
    var figures = document.querySelectorAll("figure[data-bytes-src]");
    for (var i = 0; i < figures.length; i++) setup(figures[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
