/* SafeWard: register the service worker (public pages work offline once read), and send
 * anonymous outbox items (quiz attempts, tips) from whatever page is open once the
 * connection is back: the outbox is loaded only while such items wait. */
(function () {
  "use strict";
  var current = document.currentScript;
  var outboxScript = current && current.getAttribute("data-outbox-script");

  function sendWaiting() {
    if (window.SafeWardOutboxCore) {
      window.SafeWardOutboxCore.drain({ force: true }).catch(function () {});
    }
  }

  try {
    if (localStorage.getItem("safeward.outbox.pending") && outboxScript) {
      if (window.SafeWardOutboxCore) {
        sendWaiting();
      } else {
        var script = document.createElement("script");
        script.src = outboxScript;
        script.onload = sendWaiting;
        document.head.appendChild(script);
      }
      window.addEventListener("online", sendWaiting);
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
