// Step-through for hvwalk's sequence diagrams (progressive enhancement).
//
// Without this script every step of a walkthrough is visible: the diagram, the numbered
// transcript and the totals. With it the reader steps with buttons or ←/→/Home/End (while the
// figure has focus), the current message is highlighted in the diagram and the transcript, the
// "so far" counters follow, and the address bar holds a deep link (#<figure>-step-<k>).
(function () {
  "use strict";

  function setup(figure) {
    var total = parseInt(figure.getAttribute("data-steps"), 10);
    var controls = figure.querySelector(".hv-controls");
    if (!total || !controls) return;
    var shapes = figure.querySelectorAll("svg [data-step]");
    var items = figure.querySelectorAll(".hv-transcript li[data-step]");
    var rows = figure.querySelectorAll(".hv-counters tbody tr");
    var position = controls.querySelector(".hv-position");
    var transcript = figure.querySelector(".hv-transcript-scroll");
    var format = figure.getAttribute("data-position-format") || "{k} / {n}";
    var scroller = figure.querySelector(".hv-diagram-scroll");
    var current = 0;

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
      if (how && how.scroll) {
        centre(scroller, shape);
        if (transcript && transcript.scrollHeight > transcript.clientHeight) {
          var box = transcript.getBoundingClientRect();
          var row = item.getBoundingClientRect();
          transcript.scrollTop += row.top - box.top - transcript.clientHeight / 2 + row.height / 2;
        }
      }
      if (how && how.link && window.history && history.replaceState) {
        history.replaceState(null, "", "#" + item.id);
      }
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

    figure.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var tag = event.target.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
      var target = null;
      if (event.key === "ArrowRight") target = current + 1;
      else if (event.key === "ArrowLeft") target = current - 1;
      else if (event.key === "Home") target = 1;
      else if (event.key === "End") target = total;
      if (target === null) return;
      event.preventDefault();
      show(target, { scroll: true, link: true });
    });

    function pick(event) {
      var element = event.target.closest("[data-step]");
      if (!element || !figure.contains(element)) return;
      show(positionOf(element.getAttribute("data-step")), { scroll: false, link: true });
    }
    figure.querySelector("svg").addEventListener("click", pick);
    if (transcript) transcript.addEventListener("click", pick);

    // A step link followed within the page (or Back/Forward) moves the walkthrough too.
    window.addEventListener("hashchange", function () {
      var link = window.location.hash.match(/^#(.+)-step-(\d+)$/);
      if (link && link[1] === figure.id) show(positionOf(link[2]), { scroll: true, link: false });
    });

    var match = window.location.hash.match(/^#(.+)-step-(\d+)$/);
    if (match && match[1] === figure.id) {
      show(positionOf(match[2]), { scroll: true, link: false });
      // The browser scrolls to the transcript item once the page has loaded; bring the whole
      // figure (controls and diagram) into view after that instead.
      var reveal = function () {
        figure.scrollIntoView({ block: "start" });
        centre(scroller, shapes[current - 1]);
      };
      if (document.readyState === "complete") reveal();
      else window.addEventListener("load", function () { setTimeout(reveal, 0); });
    } else {
      show(1, null);
    }
  }

  // Scrolls only the diagram's own box (never the page sideways) to put `element` in its middle.
  function centre(box, element) {
    if (!box) return;
    var outer = box.getBoundingClientRect();
    var inner = element.getBoundingClientRect();
    box.scrollLeft += inner.left + inner.width / 2 - (outer.left + outer.width / 2);
    box.scrollTop += inner.top + inner.height / 2 - (outer.top + outer.height / 2);
  }

  function start() {
    var figures = document.querySelectorAll("figure[data-walkthrough]");
    for (var i = 0; i < figures.length; i++) setup(figures[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
