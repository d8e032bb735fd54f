// hvwalk site script: progressive enhancement only; every page works without it.
// Loaded as a file because the pages' Content-Security-Policy forbids inline scripts.
//   /      focus the search box          [ ]   previous / next lesson
//   ?      keyboard shortcuts            Esc   close the list or the search results, or clear
//   ↑ ↓ Enter  choose a search result          the search words highlighted on the page
// The theme toggle cycles automatic → light → dark and remembers the choice. A search result
// opens its page with ?q=<the query>, whose words are then marked in the page's text. The
// language switch carries the reader's place; the home page puts the reader's language first.
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

  // ---- Folding -------------------------------------------------------------------------------
  // Same folding as the generator: decompose, drop combining marks, đ → d, lower case, one space.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The same folding, one character at a time, remembering where each folded character came
  // from: matches found in the folded text are mapped back to the text the reader sees.
  var foldedChars = {};
  function foldWithMap(text) {
    var out = "", starts = [], ends = [], space = false;
    for (var i = 0; i < text.length;) {
      var code = text.codePointAt(i);
      var size = code > 0xffff ? 2 : 1;
      var ch = text.substr(i, size);
      if (/\s/.test(ch)) { space = out.length > 0; i += size; continue; }
      var folded = code < 0x80 ? ch.toLowerCase()
        : foldedChars[ch] !== undefined ? foldedChars[ch] : (foldedChars[ch] = fold(ch));
      if (folded) {
        if (space) { out += " "; starts.push(i); ends.push(i); space = false; }
        for (var k = 0; k < folded.length; k++) { out += folded.charAt(k); starts.push(i); ends.push(i + size); }
      }
      i += size;
    }
    return { text: out, starts: starts, ends: ends };
  }

  function queryWords(query) {
    var seen = {};
    return fold(query).split(" ").filter(function (word) {
      if (!word || seen[word]) return false;
      seen[word] = true;
      return true;
    });
  }

  function isWordStart(text, at) {
    return at === 0 || !/[a-z0-9]/.test(text.charAt(at - 1));
  }

  // The original-text ranges [start, end) of every occurrence of the words, merged and sorted.
  // Words of three letters or fewer only where a word starts ("ao" not inside "nào").
  function matchRanges(text, words) {
    var mapped = foldWithMap(text);
    var ranges = [];
    words.forEach(function (word) {
      if (word.length < 2 && words.length > 1) return;
      for (var at = mapped.text.indexOf(word); at >= 0; at = mapped.text.indexOf(word, at + word.length)) {
        if (word.length > 3 || isWordStart(mapped.text, at)) {
          ranges.push([mapped.starts[at], mapped.ends[at + word.length - 1]]);
        }
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range.slice());
    });
    return merged;
  }

  // Appends `text` to `parent` as text nodes, with the ranges wrapped in <mark> (never as HTML).
  function appendMarked(parent, text, ranges, className) {
    var at = 0;
    ranges.forEach(function (range) {
      if (range[0] > at) parent.appendChild(document.createTextNode(text.slice(at, range[0])));
      var mark = document.createElement("mark");
      if (className) mark.className = className;
      mark.textContent = text.slice(range[0], range[1]);
      parent.appendChild(mark);
      at = range[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // ---- Search ------------------------------------------------------------------------------
  // A combobox (the search box) owning a listbox of results: focus stays in the box, ↑/↓ move
  // the selection (aria-activedescendant), Enter opens it (the first by default), Esc closes.
  // Each result is a link (role=option), so a click or a middle click opens it as a link would.
  var form = document.querySelector(".site-search");
  var input = document.getElementById("site-search-input");
  var results = document.getElementById("site-search-results");
  var listbox = document.getElementById("site-search-listbox");
  var status = document.getElementById("site-search-status");
  var base = document.body.getAttribute("data-root") || "";
  var loading = false;
  var selected = -1;

  function label(element, name, fallback) {
    return (element && element.getAttribute("data-" + name)) || fallback;
  }

  // The index is a script (pages opened from file:// may load scripts, not fetch files), loaded
  // on first use; what asked for it while it loads runs once it has.
  var waiting = [];
  function loadIndex(then) {
    if (window.hvwalkSearchIndex) { then(); return; }
    if (waiting.indexOf(then) < 0) waiting.push(then);
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = document.body.getAttribute("data-search-index");
    script.onload = function () {
      loading = false;
      var ready = waiting;
      waiting = [];
      ready.forEach(function (callback) { callback(); });
    };
    script.onerror = function () { loading = false; waiting = []; };
    document.head.appendChild(script);
  }

  // Entries are [page, section, href, text, kind]; folded once, on first use.
  var folded = null;
  function foldedIndex() {
    if (!folded) {
      folded = (window.hvwalkSearchIndex || []).map(function (entry, order) {
        return { entry: entry, order: order, title: fold(entry[1]), text: fold(entry[3]) };
      });
    }
    return folded;
  }

  // Ranking: every word must appear in the title or the text. A word in the title counts more
  // than one in the text, a word found at a word start more than one inside a word, the whole
  // query as a phrase more still. When the title matches, lessons come first, then glossary
  // terms, sections and scenarios.
  var kindWeight = { lesson: 30, term: 20, section: 10, scenario: 5 };
  function score(item, words, phrase) {
    var total = 0, inTitle = 0;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var at = item.title.indexOf(word);
      if (at >= 0) {
        inTitle++;
        total += isWordStart(item.title, at) || item.title.indexOf(" " + word) >= 0 ? 8 : 4;
        continue;
      }
      at = item.text.indexOf(word);
      if (at < 0) return -1;
      total += isWordStart(item.text, at) || item.text.indexOf(" " + word) >= 0 ? 2 : 1;
    }
    if (words.length > 1) {
      if (item.title.indexOf(phrase) >= 0) total += 12;
      else if (item.text.indexOf(phrase) >= 0) total += 4;
    }
    if (item.title === phrase) total += 20;
    else if (item.title.indexOf(phrase) === 0) total += 6;
    var weight = kindWeight[item.entry[4]] || 0;
    total += inTitle ? weight * inTitle / words.length : weight / 10;
    return total;
  }

  // About `size` characters of `text` around its first match, with the matches marked.
  function snippet(text, words, size) {
    var ranges = matchRanges(text, words);
    var start = 0;
    if (ranges.length && ranges[0][0] > size / 3) {
      start = text.lastIndexOf(" ", ranges[0][0] - Math.floor(size / 3));
      start = start < 0 ? 0 : start + 1;
    }
    var end = Math.min(text.length, start + size);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + size / 2) end = space;
    }
    var element = document.createElement("span");
    element.className = "search-snippet";
    var inside = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start, r[1] - start]; });
    if (start > 0) element.appendChild(document.createTextNode("… "));
    appendMarked(element, text.slice(start, end), inside);
    if (end < text.length) element.appendChild(document.createTextNode(" …"));
    return element;
  }

  function linkTo(href, query) {
    var hash = href.indexOf("#");
    var path = hash < 0 ? href : href.slice(0, hash);
    return base + path + "?q=" + encodeURIComponent(query) + (hash < 0 ? "" : href.slice(hash));
  }

  function options() {
    return listbox ? listbox.querySelectorAll('[role="option"]') : [];
  }

  function select(index) {
    var all = options();
    if (!all.length) { selected = -1; input.removeAttribute("aria-activedescendant"); return; }
    selected = (index + all.length) % all.length;
    for (var i = 0; i < all.length; i++) all[i].setAttribute("aria-selected", i === selected ? "true" : "false");
    input.setAttribute("aria-activedescendant", all[selected].id);
    // The list is not a scrolling box of its own (a box that only scrolls would be out of
    // reach of the keyboard): the page scrolls to the selected result instead.
    var row = all[selected].getBoundingClientRect();
    if (row.top < 0 || row.bottom > window.innerHeight) all[selected].scrollIntoView({ block: "nearest" });
  }

  function close() {
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    selected = -1;
  }

  function search() {
    var raw = input.value.trim();
    var query = fold(raw);
    while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
    if (query.length < 2) { close(); status.textContent = ""; return; }
    var words = queryWords(raw);
    var scored = [];
    foldedIndex().forEach(function (item) {
      var value = score(item, words, query);
      if (value >= 0) scored.push({ item: item, score: value });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.item.order - b.item.order; });
    var shown = scored.slice(0, 8);
    shown.forEach(function (result, index) {
      var entry = result.item.entry;
      var option = document.createElement("a");
      option.id = "site-search-option-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("tabindex", "-1");
      option.setAttribute("aria-selected", "false");
      option.className = "search-result search-kind-" + entry[4];
      option.href = linkTo(entry[2], raw);
      var title = document.createElement("span");
      title.className = "search-title";
      appendMarked(title, entry[1], matchRanges(entry[1], words));
      option.appendChild(title);
      if (entry[0] !== entry[1]) {
        var page = document.createElement("span");
        page.className = "search-page";
        page.textContent = entry[0];
        option.appendChild(page);
      }
      if (entry[3]) option.appendChild(snippet(entry[3], words, 150));
      option.addEventListener("mousedown", function (event) { event.preventDefault(); });
      listbox.appendChild(option);
    });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
    var none = results.querySelector(".search-none");
    none.hidden = shown.length > 0;
    listbox.hidden = shown.length === 0;
    var count = scored.length;
    status.textContent = count === 0 ? form.getAttribute("data-no-results")
      : (count === 1 ? label(form, "results-one", "{n} result") : label(form, "results-many", "{n} results"))
        .replace("{n}", String(count));
    if (shown.length) select(0);
    else { selected = -1; input.removeAttribute("aria-activedescendant"); }
  }

  if (form && input && results && listbox && status) {
    form.hidden = false;
    var none = document.createElement("p");
    none.className = "search-none";
    none.textContent = form.getAttribute("data-no-results");
    none.hidden = true;
    results.appendChild(none);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      // Enter typed before the index arrived (or after Esc) opens the first result once it has.
      loadIndex(function () {
        if (results.hidden) search();
        var chosen = options()[selected >= 0 ? selected : 0];
        if (chosen) window.location.href = chosen.href;
      });
    });
    input.addEventListener("focus", function () { loadIndex(search); });
    input.addEventListener("input", function () { loadIndex(search); });
    input.addEventListener("blur", function () {
      // Later, so that a click on a result still reaches it.
      setTimeout(function () { if (document.activeElement !== input) close(); }, 200);
    });
    input.addEventListener("keydown", function (event) {
      // Not while an input method (Telex, VNI…) is composing a letter.
      if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (results.hidden) { loadIndex(search); return; }
        select(selected + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (!results.hidden) close();
        else { input.value = ""; status.textContent = ""; input.blur(); }
      }
    });
  }

  // ---- Search words highlighted on the page a result opened (?q=…) ---------------------------
  var main = document.getElementById("content");
  var hitsBar = null;

  function searchParam() {
    var match = window.location.search.match(/[?&]q=([^&]*)/);
    if (!match) return "";
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (e) { return ""; }
  }

  function highlight(query) {
    var words = queryWords(query).filter(function (word) { return word.length >= 2; });
    if (!main || !words.length) return [];
    var walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        if (!node.data.trim()) return NodeFilter.FILTER_REJECT;
        var parent = node.parentNode;
        if (parent.closest("svg, script, style, textarea, .search-hits-bar, mark.search-hit")) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    var marks = [];
    nodes.forEach(function (node) {
      var ranges = matchRanges(node.data, words);
      if (!ranges.length) return;
      var fragment = document.createDocumentFragment();
      appendMarked(fragment, node.data, ranges, "search-hit");
      marks.push.apply(marks, fragment.querySelectorAll("mark"));
      node.parentNode.replaceChild(fragment, node);
    });
    return marks;
  }

  function clearHighlights() {
    var marks = document.querySelectorAll("mark.search-hit");
    for (var i = 0; i < marks.length; i++) {
      var mark = marks[i], parent = mark.parentNode;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    }
    if (hitsBar) { hitsBar.parentNode.removeChild(hitsBar); hitsBar = null; }
    if (window.history && history.replaceState && /[?&]q=/.test(window.location.search)) {
      try {
        history.replaceState(history.state, "", window.location.pathname + window.location.hash);
      } catch (e) { /* some file:// setups refuse: the highlights are gone all the same */ }
    }
  }

  (function () {
    var query = searchParam();
    if (!query || !main) return;
    var marks = highlight(query);
    if (!marks.length) return;
    hitsBar = document.createElement("div");
    hitsBar.className = "search-hits-bar";
    var text = document.createElement("span");
    text.textContent = (marks.length === 1 ? label(form, "hits-one", "{n} match for “{q}”")
      : label(form, "hits-many", "{n} matches for “{q}”")).replace("{n}", String(marks.length)).replace("{q}", function () { return query; });
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = label(form, "clear-highlights", "Clear highlights");
    button.setAttribute("aria-keyshortcuts", "Escape");
    button.addEventListener("click", function () {
      clearHighlights();
      if (main) { main.setAttribute("tabindex", "-1"); main.focus({ preventScroll: true }); }
    });
    hitsBar.appendChild(text);
    hitsBar.appendChild(document.createTextNode(" "));
    hitsBar.appendChild(button);
    main.appendChild(hitsBar);
    if (!window.location.hash && marks[0].getBoundingClientRect().bottom > window.innerHeight) {
      // Past a phone's sidebar: to the top of the content if the first hit is then in view.
      main.scrollIntoView({ block: "start" });
      if (marks[0].getBoundingClientRect().bottom > window.innerHeight) marks[0].scrollIntoView({ block: "center" });
    }
  })();

  // ---- Language switch: land on the same place in the other language ------------------------
  // Walkthrough step anchors are the same in every language and travel as they are. Heading ids
  // differ by language, so the section travels by position: #hv-section-<n> is the n-th h2/h3 of
  // the main content, the last one at or above the top of the window (the lessons have the same
  // structure in every language). The query (?q=) never travels.
  function sectionHeadings() {
    return main ? main.querySelectorAll("h2, h3") : [];
  }

  function placeHash() {
    var hash = window.location.hash;
    if (/^#.+-step-\d+$/.test(hash)) {
      var step = document.getElementById(decodeURIComponent(hash.slice(1)));
      var figure = step && (step.closest("figure") || step);
      if (figure) {
        var box = figure.getBoundingClientRect();
        if (box.bottom > 0 && box.top < window.innerHeight) return hash;
      }
    }
    if ((window.scrollY || window.pageYOffset) < 1) return "";
    var headings = sectionHeadings(), line = Math.max(48, window.innerHeight * 0.3), found = -1;
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= line) found = i;
      else break;
    }
    return found < 0 ? "" : "#hv-section-" + (found + 1);
  }

  // The switch sits at the top of the page: by the time the reader reaches it, the window shows
  // the page's top. So the place is noted whenever the window settles (after a scroll, a click or
  // a key) with the switch out of view, and that place is what the switch carries.
  var switchLinks = document.querySelectorAll(".language-switch a[hreflang]");
  var notedPlace = null, settle = null;
  function switchInView() {
    if (!switchLinks.length) return false;
    var box = switchLinks[0].getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }
  function notePlace() {
    if (!switchInView()) notedPlace = placeHash();
  }
  function noteLater() {
    clearTimeout(settle);
    settle = setTimeout(notePlace, 400);
  }
  if (switchLinks.length) {
    window.addEventListener("scroll", noteLater, { passive: true });
    document.addEventListener("click", noteLater);
    document.addEventListener("keyup", noteLater);
    window.addEventListener("load", noteLater);
  }
  function updateSwitchLinks() {
    var hash = switchInView() && notedPlace !== null ? notedPlace : placeHash();
    for (var i = 0; i < switchLinks.length; i++) {
      var link = switchLinks[i];
      var plain = link.getAttribute("data-href") || link.getAttribute("href").replace(/[?#].*$/, "");
      link.setAttribute("data-href", plain);
      link.setAttribute("href", plain + hash);
    }
  }
  ["click", "mousedown", "touchstart", "focus", "contextmenu"].forEach(function (type) {
    for (var i = 0; i < switchLinks.length; i++) {
      switchLinks[i].addEventListener(type, updateSwitchLinks, { passive: true });
    }
  });

  // Arriving with #hv-section-<n>: go to this page's n-th heading, and show its real id.
  (function () {
    var match = window.location.hash.match(/^#hv-section-(\d+)$/);
    if (!match) return;
    var heading = sectionHeadings()[parseInt(match[1], 10) - 1];
    if (!heading) return;
    if (window.history && history.replaceState) {
      try {
        history.replaceState(history.state, "", heading.id ? "#" + heading.id
          : window.location.pathname + window.location.search);
      } catch (e) { /* the heading is still scrolled to */ }
    }
    var go = function () { heading.scrollIntoView({ block: "start" }); };
    go();
    if (document.readyState !== "complete") window.addEventListener("load", function () { setTimeout(go, 0); });
  })();

  // ---- Home page: the reader's language first ------------------------------------------------
  (function () {
    var choice = document.querySelector(".home-choice");
    if (!choice) return;
    var cards = choice.querySelectorAll(".home-language[lang]");
    var wanted = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ""]);
    var best = null;
    for (var i = 0; i < wanted.length && !best; i++) {
      var code = String(wanted[i]).toLowerCase().split("-")[0];
      for (var k = 0; k < cards.length; k++) {
        if (cards[k].getAttribute("lang").toLowerCase().split("-")[0] === code) { best = cards[k]; break; }
      }
    }
    if (!best) return;
    if (best !== cards[0]) choice.insertBefore(best, cards[0]);
    best.classList.add("is-preferred");
    var lists = document.querySelector(".home-lessons");
    var list = lists && lists.querySelector(':scope > [lang="' + best.getAttribute("lang") + '"]');
    if (list && list !== lists.firstElementChild) lists.insertBefore(list, lists.firstElementChild);
    // The page's own controls speak the site's default language; the theme button takes the
    // reader's words from that language's card.
    if (themeButton && best.getAttribute("data-label-auto")) {
      ["light", "dark", "auto"].forEach(function (theme) {
        themeButton.setAttribute("data-label-" + theme, best.getAttribute("data-label-" + theme));
      });
      themeButton.setAttribute("lang", best.getAttribute("lang"));
      showTheme();
    }
  })();

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
    if (event.key === "Escape" && hitsBar && !(dialog && dialog.open)) {
      clearHighlights();
      return;
    }
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
