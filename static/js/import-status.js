/* Import status page: reload while a large sheet is being checked or imported. */
(function () {
  "use strict";
  var box = document.querySelector("[data-import-running]");
  if (!box) return;
  var seconds = parseInt(box.getAttribute("data-poll-seconds"), 10) || 2;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
