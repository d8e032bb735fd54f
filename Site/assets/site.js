// hvwalk site script: progressive enhancement only; every page works without it.
// Loaded as a file because the pages' Content-Security-Policy forbids inline scripts.
//   /      focus the search box          [ ]   previous / next lesson
//   ?      keyboard shortcuts            Esc   close the list or the search results
// The theme toggle cycles automatic → light → dark and remembers the choice.
(function () {
  "use strict";

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  // ---- Theme -------------------------------------------------------------------------------
  var themeButton = document.querySelector(".theme-toggle");
  function currentTheme() {
    return document.documentElement.getAttribute("data-theme") || "auto";
  }
  function showTheme() {
    if (!themeButton) return;
    var theme = currentTheme();
    themeButton.textContent = themeButton.getAttribute("data-label-" + theme);
  }
  if (themeButton) {
    themeButton.hidden = false;
    showTheme();
    themeButton.addEventListener("click", function () {
      var next = { auto: "light", light: "dark", dark: "auto" }[currentTheme()];
      if (next === "auto") document.documentElement.removeAttribute("data-theme");
      else document.documentElement.setAttribute("data-theme", next);
      try {
        if (next === "auto") window.localStorage.removeItem("hvwalk-theme");
        else window.localStorage.setItem("hvwalk-theme", next);
      } catch (e) { /* not remembered where storage is unavailable */ }
      showTheme();
    });
  }

  // ---- Search ------------------------------------------------------------------------------
  var form = document.querySelector(".site-search");
  var input = document.getElementById("site-search-input");
  var results = document.getElementById("site-search-results");
  var base = document.body.getAttribute("data-root") || "";
  var loading = false;

  // Same folding as the generator: decompose, drop combining marks, đ → d, lower case.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  function loadIndex(then) {
    if (window.hvwalkSearchIndex) { then(); return; }
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = document.body.getAttribute("data-search-index");
    script.onload = function () { loading = false; then(); };
    document.head.appendChild(script);
  }

  function search() {
    var query = fold(input.value);
    while (results.firstChild) results.removeChild(results.firstChild);
    if (query.length < 2) { results.hidden = true; return; }
    var words = query.split(" ");
    var scored = [];
    (window.hvwalkSearchIndex || []).forEach(function (entry) {
      var text = entry[3];
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var at = text.indexOf(words[i]);
        if (at < 0) return;
        score += at === 0 || text.charAt(at - 1) === " " ? 2 : 1;
      }
      if (fold(entry[1]).indexOf(query) >= 0) score += 5;
      scored.push({ entry: entry, score: score });
    });
    scored.sort(function (a, b) { return b.score - a.score; });
    results.hidden = false;
    if (!scored.length) {
      var none = document.createElement("p");
      none.textContent = form.getAttribute("data-no-results");
      results.appendChild(none);
      return;
    }
    var list = document.createElement("ol");
    scored.slice(0, 12).forEach(function (item) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = base + item.entry[2];
      link.textContent = item.entry[1];
      li.appendChild(link);
      if (item.entry[0] !== item.entry[1]) {
        var page = document.createElement("span");
        page.className = "search-page";
        page.textContent = item.entry[0];
        li.appendChild(document.createTextNode(" "));
        li.appendChild(page);
      }
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  if (form && input && results) {
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = results.querySelector("a");
      if (first) window.location.href = first.href;
    });
    input.addEventListener("focus", function () { loadIndex(search); });
    input.addEventListener("input", function () { loadIndex(search); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; results.hidden = true; input.blur(); }
    });
  }

  // ---- Print: answers and other collapsed parts print open ------------------------------------
  window.addEventListener("beforeprint", function () {
    var closed = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < closed.length; i++) {
      closed[i].setAttribute("open", "");
      closed[i].setAttribute("data-opened-for-print", "");
    }
  });
  window.addEventListener("afterprint", function () {
    var opened = document.querySelectorAll("details[data-opened-for-print]");
    for (var i = 0; i < opened.length; i++) {
      opened[i].removeAttribute("open");
      opened[i].removeAttribute("data-opened-for-print");
    }
  });

  // ---- Keys --------------------------------------------------------------------------------
  var dialog = document.querySelector(".keys-dialog");
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    if (event.key === "/" && input) {
      event.preventDefault();
      input.focus();
      return;
    }
    if (event.key === "?" && dialog && dialog.showModal) {
      event.preventDefault();
      if (!dialog.open) dialog.showModal();
      return;
    }
    var rel = event.key === "[" ? "prev" : event.key === "]" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });
})();
