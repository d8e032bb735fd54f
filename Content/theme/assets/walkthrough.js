// Step-through for hvwalk's sequence diagrams (progressive enhancement).
//
// Without this script every step of a walkthrough is visible: the diagram, the numbered
// transcript and the totals. With it:
//   - the reader steps with the buttons, or with ←/→/Home/End whenever a walkthrough is on screen
//     (the figure most in view takes the keys; never while typing in a form field);
//   - the current message is highlighted in the diagram and the transcript, the "so far" counters
//     follow, and the address bar holds a deep link (#<figure>-step-<k>);
//   - a step link in the lesson text moves the walkthrough to that step and scrolls the page so the
//     controls and the current message are in view;
//   - the lifeline names stay visible at the top of the diagram's box while it scrolls (a copy of
//     the diagram's header in a sticky strip, which scrolls sideways with the diagram);
//   - the diagram can be fitted to the width of its box or zoomed (fit is the default on a narrow
//     screen, or when the fitted diagram stays nearly full size).
// Everything is set with the CSSOM (element.style), which the pages' Content-Security-Policy allows.
(function () {
  "use strict";

  // Interface words come from the figure's data-label-* attributes (the strings files, in the
  // page's language); these English words only stand in for a figure made without them.
  var FALLBACK = {
    "zoom": "Zoom",
    "zoom-fit": "Fit",
    "zoom-fit-hint": "Fit the diagram to the width of its box",
    "zoom-actual": "100 %",
    "zoom-actual-hint": "Actual size",
    "zoom-in": "Zoom in",
    "zoom-out": "Zoom out"
  };
  function label(figure, key) {
    return figure.getAttribute("data-label-" + key) ||
      document.body.getAttribute("data-label-" + key) || FALLBACK[key];
  }

  var SVG = "http://www.w3.org/2000/svg";
  var MAX_SCALE = 2;
  var ZOOM_STEP = 1.25;
  // Fit by default where the box is this narrow (a phone) …
  var NARROW_BOX = 600;
  // … or where fitting keeps the diagram at least this big (its 13 px text stays ≥ 10 px).
  var READABLE_FIT = 0.8;
  // The print page prints a diagram only where its 13 px text stays ≥ 8 pt (10.67 px) at a printed
  // width of 186 mm (A4 with 12 mm margins, 703 CSS px): a diagram at most 703 × 13 / 10.67 =
  // 856 px wide.
  var PRINTABLE_WIDTH = 856;
  // Printed at most 703 px wide, a diagram up to 1000 px tall fits on one page (267 mm, 1009 px):
  // it is kept whole; a taller one runs on to the next page right after its title.
  var PRINT_PAGE_WIDTH = 703;
  var PRINT_PAGE_HEIGHT = 1000;

  var walkthroughs = [];

  function setup(figure) {
    var total = parseInt(figure.getAttribute("data-steps"), 10);
    var controls = figure.querySelector(".hv-controls");
    var scroller = figure.querySelector(".hv-diagram-scroll");
    var svg = scroller && scroller.querySelector("svg");
    if (!total || !controls || !svg) return;
    var shapes = svg.querySelectorAll("[data-step]");
    var items = figure.querySelectorAll(".hv-transcript li[data-step]");
    var rows = figure.querySelectorAll(".hv-counters tbody tr");
    var position = controls.querySelector(".hv-position");
    var transcript = figure.querySelector(".hv-transcript-scroll");
    var format = figure.getAttribute("data-position-format") || "{k} / {n}";
    var current = 0;
    if (shapes.length < total || items.length < total) return;

    // Positions (1…n) are what the reader steps through; a figure showing part of a trace
    // (messages=A-B) keeps the trace's own numbers in data-step and in its deep links.
    function positionOf(number) {
      for (var i = 0; i < items.length; i++) {
        if (items[i].getAttribute("data-step") === String(number)) return i + 1;
      }
      return 1;
    }

    controls.hidden = false;
    figure.classList.add("is-interactive");

    function show(step, how) {
      step = Math.max(1, Math.min(total, step));
      if (current) {
        shapes[current - 1].classList.remove("is-current");
        items[current - 1].classList.remove("is-current");
        items[current - 1].removeAttribute("aria-current");
      }
      current = step;
      var shape = shapes[step - 1];
      var item = items[step - 1];
      shape.classList.add("is-current");
      item.classList.add("is-current");
      item.setAttribute("aria-current", "step");
      position.textContent = format.replace("{k}", step).replace("{n}", total);
      var values = (item.getAttribute("data-counters") || "").split(" ");
      for (var i = 0; i < rows.length && i < values.length; i++) {
        rows[i].querySelector(".hv-so-far").textContent = group(values[i]);
      }
      controls.querySelector('[data-action="first"]').disabled = step === 1;
      controls.querySelector('[data-action="previous"]').disabled = step === 1;
      controls.querySelector('[data-action="next"]').disabled = step === total;
      controls.querySelector('[data-action="last"]').disabled = step === total;
      if (how && how.scroll) follow();
      if (how && how.link && window.history && history.replaceState) {
        history.replaceState(null, "", "#" + item.id);
      }
      // Hook for play.js: every step shown (buttons, keys, links, clicks, or play.js itself, which
      // passes how.by = "play") is announced on the figure.
      if (typeof window.CustomEvent === "function") {
        figure.dispatchEvent(new CustomEvent("hv-step", {
          detail: { step: step, total: total, by: (how && how.by) || null }
        }));
      }
    }

    // Brings the current message to the middle of the diagram's box and of the transcript's box
    // (only those boxes scroll, never the page).
    function follow() {
      centre(scroller, shapes[current - 1]);
      var item = items[current - 1];
      if (transcript && transcript.scrollHeight > transcript.clientHeight) {
        var box = transcript.getBoundingClientRect();
        var row = item.getBoundingClientRect();
        // In the middle of the box; a row taller than the box (long details on a phone) from its top.
        if (row.height > transcript.clientHeight - 16) transcript.scrollTop += row.top - box.top - 8;
        else transcript.scrollTop += row.top - box.top - transcript.clientHeight / 2 + row.height / 2;
      }
    }

    // Scrolls the page so the controls are at the top and the current message is in view.
    function reveal() {
      figure.scrollIntoView({ block: "start", inline: "nearest" });
      if (document.documentElement.scrollLeft) document.documentElement.scrollLeft = 0;
      follow();
    }

    // The totals column is already grouped by the generator; "so far" uses the same separator.
    var separator = figure.getAttribute("data-group-separator") || "";
    function group(digits) {
      if (!separator) return digits;
      return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
    }

    controls.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-action]");
      if (!button) return;
      var action = button.getAttribute("data-action");
      var target = action === "first" ? 1 : action === "last" ? total
        : action === "previous" ? current - 1 : current + 1;
      show(target, { scroll: true, link: true });
    });

    function pick(event) {
      var element = event.target.closest("[data-step]");
      if (!element || !figure.contains(element)) return;
      show(positionOf(element.getAttribute("data-step")), { scroll: false, link: true });
    }
    svg.addEventListener("click", pick);
    if (transcript) transcript.addEventListener("click", pick);

    var zoom = setupZoom(figure, controls, scroller, svg, function () {
      if (current) centre(scroller, shapes[current - 1]);
    });

    var walkthrough = {
      figure: figure,
      // Moves by a key: a step forward/back, or to the first/last.
      key: function (name) {
        var target = name === "ArrowRight" ? current + 1 : name === "ArrowLeft" ? current - 1
          : name === "Home" ? 1 : total;
        show(target, { scroll: true, link: true });
        // Stepping with the keys while only part of the figure is on screen: keep the message seen.
        if (!inViewport(shapes[current - 1]) && !inViewport(items[current - 1])) reveal();
      },
      // Follows a deep link (#<figure>-step-<k>) to its step; false when it is not this figure's.
      go: function (hash) {
        var link = hash.match(/^#(.+)-step-(\d+)$/);
        if (!link || link[1] !== figure.id) return false;
        show(positionOf(link[2]), { scroll: false, link: false });
        reveal();
        return true;
      },
      start: function (hash) {
        var link = hash.match(/^#(.+)-step-(\d+)$/);
        if (link && link[1] === figure.id) {
          show(positionOf(link[2]), { scroll: false, link: false });
          return true;
        }
        show(1, null);
        return false;
      },
      reveal: reveal,
      zoom: zoom
    };
    walkthroughs.push(walkthrough);
    // Hook for play.js: step the figure as the Next button does (how = {scroll, link, by}), and
    // read where it stands (positions 1…total, in the order of the transcript's items).
    figure.hvWalkthrough = {
      show: function (step, how) { show(step, how || { scroll: true, link: true }); },
      current: function () { return current; },
      total: total
    };
    return walkthrough;
  }

  // ---- Lifeline header and zoom ------------------------------------------------------------

  function setupZoom(figure, controls, scroller, svg, recentre) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    var width = (box && box.width) || parseFloat(svg.getAttribute("width"));
    var height = (box && box.height) || parseFloat(svg.getAttribute("height"));
    if (!width || !height) return null;
    if (width <= PRINTABLE_WIDTH) {
      figure.classList.add("hv-print-fits");
      if (height * Math.min(1, PRINT_PAGE_WIDTH / width) <= PRINT_PAGE_HEIGHT) figure.classList.add("hv-print-whole");
    }

    var header = buildHeader(svg, width);
    var scale = 1;
    var mode = "actual"; // "fit", "actual" or "custom"

    var group = document.createElement("div");
    group.className = "hv-zoom";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", label(figure, "zoom"));
    function button(action, text, hint) {
      var element = document.createElement("button");
      element.type = "button";
      element.setAttribute("data-zoom", action);
      element.textContent = text;
      if (hint) {
        element.title = hint;
        if (action === "in" || action === "out") element.setAttribute("aria-label", hint);
      }
      group.appendChild(element);
      return element;
    }
    var fitButton = button("fit", label(figure, "zoom-fit"), label(figure, "zoom-fit-hint"));
    var actualButton = button("actual", label(figure, "zoom-actual"), label(figure, "zoom-actual-hint"));
    var outButton = button("out", "\u2212", label(figure, "zoom-out"));
    var inButton = button("in", "+", label(figure, "zoom-in"));
    var level = document.createElement("span");
    level.className = "hv-zoom-level";
    group.appendChild(level);
    controls.appendChild(group);

    function fitScale() {
      var room = scroller.clientWidth;
      return room > 0 ? Math.min(1, room / width) : 1;
    }

    function apply(next, nextMode) {
      var fit = fitScale();
      scale = Math.max(Math.min(fit, 1), Math.min(MAX_SCALE, next));
      mode = nextMode;
      if (mode === "custom" && Math.abs(scale - fit) < 0.005) mode = "fit";
      if (mode === "custom" && Math.abs(scale - 1) < 0.005) mode = "actual";
      var w = Math.floor(width * scale);
      svg.style.width = w + "px";
      svg.style.height = Math.floor(height * scale) + "px";
      if (header) header.resize(w, scale);
      figure.classList.toggle("is-fitted", scale < 1);
      figure.setAttribute("data-zoom", mode);
      fitButton.setAttribute("aria-pressed", String(mode === "fit"));
      actualButton.setAttribute("aria-pressed", String(mode === "actual"));
      fitButton.disabled = fit >= 1 && mode === "actual";
      outButton.disabled = scale <= Math.min(fit, 1) + 0.001;
      inButton.disabled = scale >= MAX_SCALE - 0.001;
      level.textContent = Math.round(scale * 100) + "\u00a0%";
    }

    group.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-zoom]");
      if (!target) return;
      var action = target.getAttribute("data-zoom");
      if (action === "fit") apply(fitScale(), "fit");
      else if (action === "actual") apply(1, "actual");
      else if (action === "in") apply(scale * ZOOM_STEP, "custom");
      else apply(scale / ZOOM_STEP, "custom");
      recentre();
    });

    // Fit by default where the box is narrow or fitting keeps the text readable.
    function choose() {
      var fit = fitScale();
      if (fit < 1 && (scroller.clientWidth <= NARROW_BOX || fit >= READABLE_FIT)) apply(fit, "fit");
      else apply(1, "actual");
    }
    choose();

    // A fitted diagram follows the width of its box (window resized, phone turned). A figure
    // that had no box yet (a what-if variant not chosen) chooses when it first gets one.
    var lastWidth = scroller.clientWidth;
    function resized() {
      var now = scroller.clientWidth;
      if (now === lastWidth) return;
      var first = lastWidth === 0;
      lastWidth = now;
      if (first) choose();
      else if (mode === "fit") apply(fitScale(), "fit");
      else apply(scale, mode);
    }
    if (window.ResizeObserver) new ResizeObserver(resized).observe(scroller);
    else window.addEventListener("resize", resized);

    return {
      scale: function () { return scale; },
      mode: function () { return mode; }
    };
  }

  // A copy of the top of the diagram (the canvas, partitions, bands and lifeline title boxes) in a
  // strip that sticks to the top of the diagram's box. It lies over the original header at first;
  // being inside the box, it scrolls sideways with the diagram without any script.
  function buildHeader(svg, width) {
    var titles = svg.querySelectorAll(".hv-lifeline > rect");
    if (!titles.length) return null;
    var bottom = 0;
    for (var i = 0; i < titles.length; i++) {
      var y = parseFloat(titles[i].getAttribute("y")) || 0;
      var h = parseFloat(titles[i].getAttribute("height")) || 0;
      bottom = Math.max(bottom, y + h);
    }
    var extent = Math.ceil(bottom + 3);
    var strip = document.createElement("div");
    strip.className = "hv-diagram-header";
    strip.setAttribute("aria-hidden", "true");
    var copy = document.createElementNS(SVG, "svg");
    copy.setAttribute("class", "hv-diagram-head");
    copy.setAttribute("viewBox", "0 0 " + width + " " + extent);
    copy.setAttribute("preserveAspectRatio", "xMinYMin meet");
    copy.setAttribute("focusable", "false");
    ["font-family", "font-size"].forEach(function (name) {
      if (svg.hasAttribute(name)) copy.setAttribute(name, svg.getAttribute(name));
    });
    var children = svg.children;
    for (var k = 0; k < children.length; k++) {
      var child = children[k];
      var kind = child.getAttribute("class") || "";
      if (!/(^|\s)hv-(canvas|partition|band|lifeline)(\s|$)/.test(kind)) continue;
      var clone = child.cloneNode(true);
      clone.removeAttribute("id");
      var named = clone.querySelectorAll("[id]");
      for (var n = 0; n < named.length; n++) named[n].removeAttribute("id");
      copy.appendChild(clone);
    }
    strip.appendChild(copy);
    var scroller = svg.parentNode;
    scroller.insertBefore(strip, svg);
    scroller.addEventListener("scroll", function () {
      strip.classList.toggle("is-stuck", scroller.scrollTop > 0);
    }, { passive: true });
    return {
      resize: function (w, scale) {
        var h = Math.ceil(extent * scale);
        strip.style.width = w + "px";
        strip.style.height = h + "px";
        strip.style.marginBottom = -h + "px";
        copy.style.width = w + "px";
        copy.style.height = h + "px";
      }
    };
  }

  // ---- Helpers ------------------------------------------------------------------------------

  // Scrolls only the diagram's own box (never the page sideways) to put `element` in its middle.
  function centre(box, element) {
    if (!box || !element) return;
    var outer = box.getBoundingClientRect();
    var inner = element.getBoundingClientRect();
    box.scrollLeft += inner.left + inner.width / 2 - (outer.left + outer.width / 2);
    box.scrollTop += inner.top + inner.height / 2 - (outer.top + outer.height / 2);
  }

  function inViewport(element) {
    var rect = element.getBoundingClientRect();
    var middle = rect.top + rect.height / 2;
    return rect.width > 0 && middle >= 0 && middle <= window.innerHeight;
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  // The walkthrough that owns an element, if any.
  function ownerOf(element) {
    for (var i = 0; i < walkthroughs.length; i++) {
      if (walkthroughs[i].figure.contains(element)) return walkthroughs[i];
    }
    return null;
  }

  // The walkthrough with the most of its figure on screen (at least a sliver of 48 px).
  function mostInView() {
    var best = null;
    var bestSeen = 47;
    var bottom = window.innerHeight || document.documentElement.clientHeight;
    for (var i = 0; i < walkthroughs.length; i++) {
      var rect = walkthroughs[i].figure.getBoundingClientRect();
      var seen = Math.min(rect.bottom, bottom) - Math.max(rect.top, 0);
      if (seen > bestSeen) { best = walkthroughs[i]; bestSeen = seen; }
    }
    return best;
  }

  // An element outside the walkthroughs that scrolls sideways itself keeps its arrow keys.
  function scrollsItself(element) {
    for (var node = element; node && node !== document.body && node.nodeType === 1; node = node.parentNode) {
      if (node.scrollWidth > node.clientWidth + 1) {
        var overflow = window.getComputedStyle(node).overflowX;
        if (overflow === "auto" || overflow === "scroll") return true;
      }
    }
    return false;
  }

  var KEYS = { ArrowRight: true, ArrowLeft: true, Home: true, End: true };

  function onKey(event) {
    if (!KEYS[event.key] || event.defaultPrevented) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var target = event.target;
    if (isTyping(target)) return;
    if (document.querySelector("dialog[open]")) return;
    var walkthrough = ownerOf(target);
    if (!walkthrough) {
      if (target && target !== document.body && target !== document.documentElement && scrollsItself(target)) return;
      walkthrough = mostInView();
    }
    if (!walkthrough) return;
    event.preventDefault();
    walkthrough.key(event.key);
  }

  // A step link followed within the page: move that walkthrough and show it, with a history entry
  // so Back returns to where the reader was.
  function onClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !/-step-\d+$/.test(link.hash)) return;
    if (link.pathname !== window.location.pathname || link.search !== window.location.search) return;
    if (link.host !== window.location.host || link.protocol !== window.location.protocol) return;
    var hash = decodeURIComponent(link.hash);
    for (var i = 0; i < walkthroughs.length; i++) {
      if (walkthroughs[i].go(hash)) {
        event.preventDefault();
        if (window.location.hash !== link.hash && window.history && history.pushState) {
          history.pushState(null, "", link.hash);
        }
        lastHash = window.location.hash;
        return;
      }
    }
  }

  // Back/Forward, or a hash typed into the address bar.
  var lastHash = window.location.hash;
  function onHash() {
    if (window.location.hash === lastHash) return;
    lastHash = window.location.hash;
    var hash = decodeURIComponent(lastHash);
    for (var i = 0; i < walkthroughs.length; i++) {
      if (walkthroughs[i].go(hash)) return;
    }
  }

  function start() {
    var figures = document.querySelectorAll("figure[data-walkthrough]");
    var hash = decodeURIComponent(window.location.hash);
    var linked = null;
    for (var i = 0; i < figures.length; i++) {
      var walkthrough = setup(figures[i]);
      if (walkthrough && walkthrough.start(hash)) linked = walkthrough;
    }
    if (!walkthroughs.length) return;
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    window.addEventListener("hashchange", onHash);
    window.addEventListener("popstate", onHash);
    if (linked) {
      // The browser scrolls to the transcript item once the page has loaded; bring the whole
      // figure (controls and diagram) into view after that instead.
      if (document.readyState === "complete") linked.reveal();
      else window.addEventListener("load", function () { setTimeout(linked.reveal, 0); });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
