// hvwalk site script: progressive enhancement only; every page works without it.
// Loaded as a file because the pages' Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  // "[" and "]" go to the previous and next lesson, unless the reader is typing somewhere.
  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    var rel = event.key === "[" ? "prev" : event.key === "]" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('a[rel="' + rel + '"]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });
})();
