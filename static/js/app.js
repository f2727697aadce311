/* SafeWard: register the service worker (public pages work offline once read). */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        /* Without a worker the site still works online. */
      });
    });
  }
})();
