/* SafeWard: register the service worker (public pages work offline once read), and send
 * quiz attempts answered offline from whatever page is open once the connection is back. */
(function () {
  "use strict";
  var current = document.currentScript;
  try {
    var queued = localStorage.getItem("safeward.quizQueue");
    var queueScript = current && current.getAttribute("data-queue-script");
    if (queued && queueScript && !document.querySelector('script[src="' + queueScript + '"]')) {
      var script = document.createElement("script");
      script.src = queueScript;
      script.defer = true;
      document.head.appendChild(script);
    }
  } catch (error) {
    /* No storage: nothing can be waiting. */
  }
  if ("serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {
        /* Without a worker the site still works online. */
      });
    });
  }
})();
