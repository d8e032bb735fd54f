// Applies the reader's saved theme before the page paints (loaded blocking, in <head>, because
// the Content-Security-Policy forbids inline scripts). "auto" follows the system setting.
(function () {
  "use strict";
  try {
    var theme = window.localStorage.getItem("hvwalk-theme");
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
  } catch (e) { /* storage unavailable (some file:// setups): follow the system */ }
})();
