/*
 * The waiting conversation's transcript refreshes itself every few seconds, so the coordinator sees
 * the patient's new messages without reloading (and without losing a half-typed reply). The rows
 * come from the server as escaped HTML. Polling stops after 20 minutes without any keyboard or mouse
 * use, so an unattended page does not keep its session alive.
 */
(function () {
  "use strict";
  var box = document.getElementById("live-transcript");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-refresh");
  var EVERY = 3000;
  var IDLE = 20 * 60 * 1000;
  var last = Date.now();
  var shown = null;
  ["keydown", "mousemove", "click", "scroll"].forEach(function (name) {
    window.addEventListener(name, function () { last = Date.now(); }, { passive: true });
  });

  function refresh() {
    if (Date.now() - last > IDLE) { return; }
    window.fetch(url, { credentials: "same-origin", redirect: "error" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && html !== shown) {
          shown = html;
          box.innerHTML = html;
        }
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }

  window.setInterval(refresh, EVERY);
})();
