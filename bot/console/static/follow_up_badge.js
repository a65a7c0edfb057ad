// Live counts in the navigation: polls /badge.json and fills every [data-badge="key"] element.
(function () {
  "use strict";
  var badges = document.querySelectorAll("[data-badge]");
  if (!badges.length) { return; }
  function show(counts) {
    badges.forEach(function (el) {
      var key = el.getAttribute("data-badge"), n = counts[key] || 0;
      el.textContent = n > 0 ? String(n) : "";
      el.hidden = n === 0;
      el.className = n > 0 ? "flag " + (key === "follow_up" ? "flag-emergency" : "flag-appointment") : "";
      el.setAttribute("data-loaded", "1");
    });
  }
  function poll() {
    fetch("/badge.json", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok && r.headers.get("content-type").indexOf("json") >= 0 ? r.json() : null; })
      .then(function (counts) { if (counts) { show(counts); } })
      .catch(function () {});
  }
  poll();
  setInterval(poll, 10000);
})();
