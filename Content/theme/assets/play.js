// Play and the ring figure for hvwalk's walkthroughs (progressive enhancement, after walkthrough.js).
//
// Without JavaScript the walkthrough's controls stay hidden and nothing here happens. With it:
//   - Play/Pause and a speed choice join each walkthrough's controls. Playing steps through the
//     walkthrough with walkthrough.js's own stepping (figure.hvWalkthrough.show, as the Next button
//     does: highlight, transcript, counters, address bar), one step every 1.2 s at 1×, and shows
//     the message travelling along its arrow (a dot moved with requestAnimationFrame). It stops at
//     the last step, and pauses on any other step change (buttons, keys, step links, clicks on the
//     diagram or the transcript: walkthrough.js announces every step with an "hv-step" event, and
//     only play.js's own steps carry by = "play"), when another walkthrough starts playing, or when
//     the page is hidden. Space toggles playing while the focus is inside the figure (not on one of
//     its buttons, links or fields). With prefers-reduced-motion: reduce there is no travelling dot;
//     stepping still works. Nothing here scrolls smoothly.
//   - In a figure whose transcript has ring-buffer packets (data-ring="PREV WRITE READ BYTES SIZE"
//     on their items: the write index before and after the packet, the read index, the packet's
//     bytes on the ring and the ring's data size), a small ring figure under the diagram draws the
//     current packet's ring as a bar of SIZE bytes: the packet from PREV to WRITE (wrapping around
//     the end), the earlier packets not yet read (from the read index to PREV), the free space,
//     write_index and read_index, and says the same in words. On other steps it stays in place,
//     empty, so the transcript below does not jump while stepping.
// Interface words come from the figure's data-label-* attributes (the strings files, in the page's
// language); the English words below only stand in for a figure made without them. Everything is
// set with DOM APIs and the CSSOM, which the pages' Content-Security-Policy allows.
(function () {
  "use strict";

  var FALLBACK = {
    "play": "Play",
    "pause": "Pause",
    "speed": "Speed",
    "ring": "Ring buffer",
    "ring-title": "Ring buffer of {owner}",
    "ring-sentence": "{bytes} bytes at {from}\u2026{to} of {size}; read index {read}; {free} bytes free",
    "ring-packet": "this packet",
    "ring-unread": "not yet read",
    "ring-free": "free",
    "ring-idle": "At each packet written to a ring buffer, the ring is drawn here."
  };
  function label(figure, key) {
    return figure.getAttribute("data-label-" + key) ||
      document.body.getAttribute("data-label-" + key) || FALLBACK[key];
  }
  function fill(template, values) {
    return template.replace(/\{([a-z]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  var SVG = "http://www.w3.org/2000/svg";
  // One step every STEP_MS at 1×; the dot travels for at most TRAVEL_SHARE of a step, and never
  // longer than TRAVEL_MAX_MS.
  var STEP_MS = 1200;
  var SPEEDS = [0.5, 1, 2, 4];
  var TRAVEL_SHARE = 0.7;
  var TRAVEL_MAX_MS = 1500;

  var players = [];
  var playing = null; // the player that is playing, if any

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function isControl(element) {
    for (var node = element; node && node.nodeType === 1; node = node.parentNode) {
      var tag = node.tagName;
      if (tag === "BUTTON" || tag === "A" || tag === "SELECT" || tag === "INPUT" || tag === "TEXTAREA" ||
          tag === "SUMMARY" || tag === "LABEL" || node.isContentEditable) return true;
      if (tag === "FIGURE") return false;
    }
    return false;
  }

  function svgElement(name, attributes) {
    var element = document.createElementNS(SVG, name);
    for (var key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) element.setAttribute(key, attributes[key]);
    }
    return element;
  }

  function setup(figure) {
    var api = figure.hvWalkthrough;
    var controls = figure.querySelector(".hv-controls");
    var scroller = figure.querySelector(".hv-diagram-scroll");
    var svg = scroller && scroller.querySelector("svg.hv-diagram");
    if (!api || !controls || !svg) return;
    var shapes = svg.querySelectorAll("[data-step]");
    var items = figure.querySelectorAll(".hv-transcript li[data-step]");
    var total = api.total;
    if (shapes.length < total || items.length < total) return;

    // ---- Play / Pause and the speed ----
    var group = document.createElement("div");
    group.className = "hv-play";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "hv-play-button";
    // A toggle button keeps its name ("Play"); aria-pressed says whether it plays, the icon and
    // the tooltip show what a press does.
    var icon = document.createElement("span");
    icon.className = "hv-play-icon";
    icon.setAttribute("aria-hidden", "true");
    var word = document.createElement("span");
    word.className = "hv-button-text";
    word.textContent = label(figure, "play");
    button.appendChild(icon);
    button.appendChild(document.createTextNode(" "));
    button.appendChild(word);
    group.appendChild(button);

    var speedLabel = document.createElement("label");
    speedLabel.className = "hv-speed";
    var speedWord = document.createElement("span");
    // The word is for screen readers (and a tooltip): "1×" beside Play says it on screen, and keeps
    // the controls on one row on a desktop.
    speedWord.className = "hv-speed-text";
    speedWord.textContent = label(figure, "speed");
    var select = document.createElement("select");
    select.title = label(figure, "speed");
    var language = document.documentElement.lang || "en";
    SPEEDS.forEach(function (speed) {
      var option = document.createElement("option");
      option.value = String(speed);
      var number;
      try { number = speed.toLocaleString(language); } catch (e) { number = String(speed); }
      option.textContent = number + "\u00d7";
      if (speed === 1) option.selected = true;
      select.appendChild(option);
    });
    speedLabel.appendChild(speedWord);
    speedLabel.appendChild(document.createTextNode(" "));
    speedLabel.appendChild(select);
    group.appendChild(speedLabel);

    var zoom = controls.querySelector(".hv-zoom");
    controls.insertBefore(group, zoom || null);

    var timer = 0;
    var player = { figure: figure, pause: pause };
    players.push(player);

    function interval() {
      var speed = parseFloat(select.value) || 1;
      return STEP_MS / speed;
    }

    function render(isPlaying) {
      button.setAttribute("aria-pressed", String(isPlaying));
      button.title = label(figure, isPlaying ? "pause" : "play");
      figure.classList.toggle("is-playing", isPlaying);
    }

    function advance(target) {
      timer = 0;
      api.show(target, { scroll: true, link: true, by: "play" });
      var step = api.current();
      travel.start(shapes[step - 1], Math.min(TRAVEL_MAX_MS, interval() * TRAVEL_SHARE));
      if (step >= total) {
        // The last step: the dot finishes its way, the button turns back to Play.
        stop(false);
        return;
      }
      timer = setTimeout(function () { advance(api.current() + 1); }, interval());
    }

    function play() {
      if (playing && playing !== player) playing.pause();
      playing = player;
      render(true);
      var current = api.current();
      advance(current >= total ? 1 : current + 1);
    }

    function stop(cancelDot) {
      if (timer) clearTimeout(timer);
      timer = 0;
      if (cancelDot) travel.stop();
      if (playing === player) playing = null;
      render(false);
    }
    function pause() { stop(true); }

    button.addEventListener("click", function () {
      if (playing === player) pause();
      else play();
    });
    select.addEventListener("change", function () {
      if (playing === player && timer) {
        clearTimeout(timer);
        timer = setTimeout(function () { advance(api.current() + 1); }, interval());
      }
    });
    figure.addEventListener("keydown", function (event) {
      if (event.key !== " " && event.key !== "Spacebar") return;
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (isControl(event.target)) return;
      event.preventDefault();
      if (playing === player) pause();
      else play();
    });

    var travel = traveller(svg);
    var ring = setupRing(figure, scroller, svg, items, shapes);

    figure.addEventListener("hv-step", function (event) {
      var detail = event.detail || {};
      if (playing === player && detail.by !== "play") pause();
      if (ring) ring.update(detail.step);
    });

    render(false);
    if (ring) ring.update(api.current());
  }

  // ---- The travelling dot --------------------------------------------------------------------

  // A message's way: its <line> from (x1, y1) to (x2, y2) where the arrowhead is, or a self
  // message's <path> from its start to its end. Notes have none.
  function wayOf(shape) {
    var children = shape ? shape.children : [];
    for (var i = 0; i < children.length; i++) {
      var child = children[i];
      if (child.tagName.toLowerCase() === "line") {
        var x1 = parseFloat(child.getAttribute("x1")), y1 = parseFloat(child.getAttribute("y1"));
        var x2 = parseFloat(child.getAttribute("x2")), y2 = parseFloat(child.getAttribute("y2"));
        if ([x1, y1, x2, y2].some(isNaN)) return null;
        return function (t) { return { x: x1 + (x2 - x1) * t, y: y1 + (y2 - y1) * t }; };
      }
      if (child.tagName.toLowerCase() === "path" && typeof child.getTotalLength === "function" &&
          !child.classList.contains("hv-loop-tab")) {
        var path = child;
        var length;
        try { length = path.getTotalLength(); } catch (e) { length = 0; }
        if (!length) return null;
        return function (t) { var p = path.getPointAtLength(length * t); return { x: p.x, y: p.y }; };
      }
    }
    return null;
  }

  function traveller(svg) {
    var dot = null;
    var frame = 0;
    function stop() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      if (dot && dot.parentNode) dot.parentNode.removeChild(dot);
    }
    function start(shape, duration) {
      stop();
      if (reducedMotion() || !window.requestAnimationFrame) return;
      var way = wayOf(shape);
      if (!way) return;
      if (!dot) {
        dot = svgElement("circle", { "class": "hv-play-dot", r: "6", "aria-hidden": "true" });
      }
      // About 5 px on screen whatever the zoom (a fitted diagram on a phone is drawn at ~20 %).
      var box = svg.viewBox && svg.viewBox.baseVal;
      var drawn = svg.getBoundingClientRect().width;
      var scale = box && box.width && drawn ? drawn / box.width : 1;
      dot.setAttribute("r", Math.max(6, 5 / scale).toFixed(1));
      var begin = way(0);
      dot.setAttribute("cx", begin.x);
      dot.setAttribute("cy", begin.y);
      svg.appendChild(dot); // last, so it is drawn over the message
      var started = null;
      function move(now) {
        if (started === null) started = now;
        var t = duration > 0 ? Math.min(1, (now - started) / duration) : 1;
        var eased = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
        var point = way(eased);
        dot.setAttribute("cx", point.x);
        dot.setAttribute("cy", point.y);
        if (t < 1) frame = requestAnimationFrame(move);
        else { frame = 0; frame = requestAnimationFrame(function () { frame = 0; stop(); }); }
      }
      frame = requestAnimationFrame(move);
    }
    return { start: start, stop: stop };
  }

  // ---- The ring figure -----------------------------------------------------------------------

  var BAR_TOP = 24;
  var BAR_HEIGHT = 22;
  var PAD = 6;
  var HEIGHT = 72;
  var MIN_PACKET = 3; // px: a 96-byte packet of a 12 KiB ring is about 2 px wide on a phone

  function setupRing(figure, scroller, svg, items, shapes) {
    var any = false;
    for (var i = 0; i < items.length; i++) {
      if (items[i].hasAttribute("data-ring")) { any = true; break; }
    }
    if (!any) return null;

    var separator = figure.getAttribute("data-group-separator") || "";
    function group(number) {
      var digits = String(number);
      return separator ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator) : digits;
    }

    var view = document.createElement("div");
    view.className = "hv-ring-view";
    var title = document.createElement("p");
    title.className = "hv-ring-title";
    title.id = figure.id + "-ring-title";
    view.setAttribute("role", "group");
    view.setAttribute("aria-labelledby", title.id);
    var bar = svgElement("svg", { "class": "hv-ring-bar", "aria-hidden": "true", focusable: "false" });
    var sentence = document.createElement("p");
    sentence.className = "hv-ring-sentence";
    var legend = document.createElement("ul");
    legend.className = "hv-ring-legend";
    [["packet", "ring-packet"], ["unread", "ring-unread"], ["free", "ring-free"]].forEach(function (entry) {
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "hv-ring-swatch hv-ring-swatch-" + entry[0];
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(label(figure, entry[1])));
      legend.appendChild(li);
    });
    view.appendChild(title);
    view.appendChild(bar);
    view.appendChild(sentence);
    view.appendChild(legend);
    scroller.parentNode.insertBefore(view, scroller.nextSibling);

    // The name of the lifeline an arrow points to (the ring's reader, whose ring it is).
    var lifelines = [];
    var groups = svg.querySelectorAll(".hv-lifeline");
    for (var g = 0; g < groups.length; g++) {
      var line = groups[g].querySelector("line");
      var name = groups[g].querySelector(".hv-actor-title");
      if (!line || !name) continue;
      var spans = name.querySelectorAll("tspan");
      var words = [];
      if (spans.length) for (var s = 0; s < spans.length; s++) words.push(spans[s].textContent.trim());
      else words.push(name.textContent.trim());
      lifelines.push({ x: parseFloat(line.getAttribute("x1")), name: words.join(" ") });
    }
    function ownerOf(shape) {
      var arrow = shape && shape.querySelector("line");
      if (!arrow || !lifelines.length) return null;
      var x = parseFloat(arrow.getAttribute("x2"));
      var best = null;
      for (var k = 0; k < lifelines.length; k++) {
        if (!best || Math.abs(lifelines[k].x - x) < Math.abs(best.x - x)) best = lifelines[k];
      }
      return best && Math.abs(best.x - x) < 40 ? best.name : null;
    }

    var shown = 0;
    var lastWidth = 0;

    function draw(ring) {
      while (bar.firstChild) bar.removeChild(bar.firstChild);
      var style = window.getComputedStyle(view);
      var room = (view.clientWidth || 0) - (parseFloat(style.paddingLeft) || 0) - (parseFloat(style.paddingRight) || 0);
      var width = Math.max(200, Math.floor(room));
      lastWidth = view.clientWidth;
      bar.setAttribute("width", width);
      bar.setAttribute("height", HEIGHT);
      bar.setAttribute("viewBox", "0 0 " + width + " " + HEIGHT);
      var left = PAD, span = width - 2 * PAD;
      var track = svgElement("rect", {
        "class": "hv-ring-track", x: left, y: BAR_TOP, width: span, height: BAR_HEIGHT, rx: 3
      });
      bar.appendChild(track);
      if (!ring) return;
      var size = ring.size;
      function x(offset) { return left + span * offset / size; }
      // Bytes [from, from + length) of the ring, wrapping around its end: one or two rectangles.
      function region(kind, from, length, minimum) {
        if (length <= 0) return;
        var parts = from + length <= size ? [[from, from + length]] : [[from, size], [0, from + length - size]];
        parts.forEach(function (part) {
          var x0 = x(part[0]), w = x(part[1]) - x0;
          if (w < minimum) { x0 = Math.max(left, Math.min(left + span - minimum, x0 + w / 2 - minimum / 2)); w = minimum; }
          bar.appendChild(svgElement("rect", {
            "class": "hv-ring-" + kind, x: x0.toFixed(2), y: BAR_TOP, width: w.toFixed(2), height: BAR_HEIGHT,
            "data-from": part[0], "data-to": part[1]
          }));
        });
      }
      var earlier = (ring.prev - ring.read + size) % size; // unread bytes before this packet
      region("unread", ring.read, earlier, 0);
      region("packet", ring.prev, ring.bytes, MIN_PACKET);
      // write_index above the bar, read_index below, each with a mark through the bar.
      var labels = [];
      function pointer(kind, offset, above) {
        var px = x(offset);
        bar.appendChild(svgElement("line", {
          "class": "hv-ring-mark hv-ring-mark-" + kind, x1: px.toFixed(2), x2: px.toFixed(2),
          y1: BAR_TOP - 2, y2: BAR_TOP + BAR_HEIGHT + 2
        }));
        var tip = above ? BAR_TOP - 2 : BAR_TOP + BAR_HEIGHT + 2;
        var base = above ? tip - 7 : tip + 7;
        bar.appendChild(svgElement("path", {
          "class": "hv-ring-pointer hv-ring-pointer-" + kind,
          d: "M" + (px - 5).toFixed(2) + "," + base + " L" + (px + 5).toFixed(2) + "," + base + " L" + px.toFixed(2) + "," + tip + " Z"
        }));
        var text = svgElement("text", {
          "class": "hv-ring-label hv-ring-label-" + kind, y: above ? 12 : HEIGHT - 4
        });
        text.textContent = kind + "_index " + group(offset);
        bar.appendChild(text);
        var w = text.getComputedTextLength ? text.getComputedTextLength() : 0;
        var tx = Math.max(left, Math.min(left + span - w, px - w / 2));
        text.setAttribute("x", tx.toFixed(2));
        labels.push({ above: above, from: tx, to: tx + w });
      }
      pointer("write", ring.write, true);
      pointer("read", ring.read, false);
      // The ends of the ring, where no pointer's words are.
      [[0, "start"], [size, "end"]].forEach(function (end) {
        var text = svgElement("text", { "class": "hv-ring-end", y: 12 });
        text.textContent = group(end[0]);
        bar.appendChild(text);
        var w = text.getComputedTextLength ? text.getComputedTextLength() : 0;
        var tx = end[1] === "start" ? left : left + span - w;
        text.setAttribute("x", tx.toFixed(2));
        for (var k = 0; k < labels.length; k++) {
          if (labels[k].above && tx < labels[k].to + 6 && tx + w > labels[k].from - 6) {
            bar.removeChild(text);
            return;
          }
        }
      });
    }

    function parse(item) {
      var values = (item && item.getAttribute("data-ring") || "").split(/\s+/).map(Number);
      if (values.length !== 5 || values.some(isNaN) || values[4] <= 0) return null;
      return { prev: values[0], write: values[1], read: values[2], bytes: values[3], size: values[4] };
    }

    function update(step) {
      shown = step;
      var item = items[step - 1];
      var ring = parse(item);
      view.classList.toggle("is-idle", !ring);
      if (!ring) {
        title.textContent = label(figure, "ring");
        sentence.textContent = label(figure, "ring-idle");
        view.removeAttribute("data-ring");
        view.removeAttribute("data-ring-step");
        draw(null);
        return;
      }
      var owner = ownerOf(shapes[step - 1]);
      title.textContent = owner ? fill(label(figure, "ring-title"), { owner: owner }) : label(figure, "ring");
      var used = (ring.write - ring.read + ring.size) % ring.size;
      sentence.textContent = fill(label(figure, "ring-sentence"), {
        bytes: group(ring.bytes), from: group(ring.prev), to: group(ring.write), size: group(ring.size),
        read: group(ring.read), free: group(ring.size - used)
      });
      view.setAttribute("data-ring", item.getAttribute("data-ring"));
      view.setAttribute("data-ring-step", item.getAttribute("data-step"));
      draw(ring);
    }

    function resized() {
      if (view.clientWidth !== lastWidth && shown) update(shown);
    }
    if (window.ResizeObserver) new ResizeObserver(resized).observe(view);
    else window.addEventListener("resize", resized);

    return { update: update };
  }

  function start() {
    var figures = document.querySelectorAll("figure[data-walkthrough]");
    for (var i = 0; i < figures.length; i++) setup(figures[i]);
    if (!players.length) return;
    document.addEventListener("visibilitychange", function () {
      if (document.hidden && playing) playing.pause();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
