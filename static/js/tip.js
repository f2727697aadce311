/* SafeWard tip form: send the tip through the one outbox (outbox-core.js), sealed on the
 * phone for "anonymous" and posted without a cookie, so it survives having no signal.
 *
 * The reference code is shown at once, even offline: the server makes it from the item's
 * UUID the same way (outreach/tips.py, tip_code_for_uuid). Without Web Crypto the form is
 * posted the plain way (it needs a connection then). Without JavaScript it is a normal form.
 */
(function () {
  "use strict";

  var core = window.SafeWardOutboxCore;
  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

  function newUuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function codeFor(uuid) {
    // First 40 bits of the UUID, 8 characters of Crockford base 32 (5 bits each).
    var hex = uuid.replace(/-/g, "").slice(0, 10);
    var high = parseInt(hex.slice(0, 5), 16); // 20 bits
    var low = parseInt(hex.slice(5), 16); // 20 bits
    var chars = "";
    for (var i = 3; i >= 0; i -= 1) {
      chars += ALPHABET[(high >> (5 * i)) & 31];
    }
    for (var j = 3; j >= 0; j -= 1) {
      chars += ALPHABET[(low >> (5 * j)) & 31];
    }
    return chars.slice(0, 4) + "-" + chars.slice(4);
  }

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      (fields[name] = fields[name] || []).push(String(value));
    });
    return fields;
  }

  function setUp(form) {
    var done = document.querySelector("[data-tip-done]");
    var status = done.querySelector("[data-tip-status]");
    var error = document.querySelector("[data-tip-error]");
    var strings = {
      sent: form.getAttribute("data-sent") || "",
      queued: form.getAttribute("data-queued") || "",
      failed: form.getAttribute("data-failed") || "",
      needsText: form.getAttribute("data-needs-text") || "",
      needsContact: form.getAttribute("data-needs-contact") || ""
    };

    if (core && navigator.onLine) {
      // Keep the server's key, so a tip written later without signal can be sealed.
      core.refreshServerKey().catch(function () {});
    }

    form.addEventListener("submit", function (event) {
      if (!core || !core.canEncrypt()) {
        return; // the plain form post
      }
      event.preventDefault();
      var text = form.elements.text.value.trim();
      var contact = form.elements.contact.value.trim();
      error.hidden = true;
      if (!text) {
        error.textContent = strings.needsText;
        error.hidden = false;
        form.elements.text.focus();
        return;
      }
      if (form.elements.may_contact.checked && !contact) {
        error.textContent = strings.needsContact;
        error.hidden = false;
        form.elements.contact.focus();
        return;
      }
      var uuid = newUuid();
      var button = form.querySelector('[type="submit"]');
      button.disabled = true;
      core.add({
        uuid: uuid, kind: "tip", url: form.action, summary: document.title,
        userId: "anonymous", payload: { fields: fieldsOf(form), files: {} }
      }).then(function () {
        form.reset();
        form.hidden = true;
        done.querySelector("[data-tip-code]").textContent = codeFor(uuid);
        status.textContent = strings.queued;
        done.hidden = false;
        done.focus();
        return core.drain({ force: true }).then(function () {
          return core.store.get(uuid);
        }).then(function (item) {
          if (item.status === core.STATUS.SENT) {
            status.textContent = strings.sent;
          } else if (item.status === core.STATUS.NEEDS_FIXING) {
            status.textContent = strings.failed;
          }
        });
      }, function () {
        // Not even stored (no key yet, offline on a first visit): post it the plain way when
        // there seems to be a connection; otherwise say so and keep what was typed.
        button.disabled = false;
        if (navigator.onLine) {
          form.submit();
        } else {
          error.textContent = strings.failed;
          error.hidden = false;
        }
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-tip-form]"), setUp);

  window.SafeWardTip = { codeFor: codeFor };
})();
