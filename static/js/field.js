/* SafeWard field app: small helpers for the forms; everything works without them. */
(function () {
  "use strict";

  function boxes(roster) {
    return Array.prototype.slice.call(roster.querySelectorAll("input[type=checkbox]"));
  }

  function updateCount(roster) {
    var out = roster.querySelector("[data-roster-count]");
    if (!out) return;
    var all = boxes(roster);
    var present = all.filter(function (box) { return box.checked; }).length;
    var template = document.documentElement.lang === "en"
      ? "{p} present, {a} absent" : "{p} có mặt, {a} vắng";
    out.textContent = template.replace("{p}", present).replace("{a}", all.length - present);
  }

  // Forms kept for offline use carry no date (it would be the day they were kept): today's
  // date, as the phone knows it, when the form opens.
  document.querySelectorAll("input[data-today-if-empty]").forEach(function (input) {
    if (input.value) return;
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    input.value = pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear();
  });

  document.querySelectorAll("[data-roster]").forEach(function (roster) {
    var button = roster.querySelector("[data-mark-all]");
    if (button) {
      // With JavaScript, tick everyone here instead of asking the server.
      button.addEventListener("click", function (event) {
        event.preventDefault();
        boxes(roster).forEach(function (box) { box.checked = true; });
        updateCount(roster);
      });
    }
    roster.addEventListener("change", function () { updateCount(roster); });
    updateCount(roster);
  });
})();
