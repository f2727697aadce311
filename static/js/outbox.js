/* SafeWard outbox on the page: forms that opt in with data-outbox, the status banner, the
 * outbox page (list, send now, export and import), fixing an item the server refused, and
 * the warning when signing out with items still waiting. Needs outbox-core.js first.
 *
 *   <form method="post" data-outbox="meeting" data-outbox-summary="Monthly meeting"
 *         data-outbox-summary-field="held_on" data-outbox-done="/field/">
 *
 * Without JavaScript (or without Web Crypto) the form posts normally.
 */
(function () {
  "use strict";

  const core = window.SafeWardOutboxCore;
  if (!core) {
    return;
  }
  const S = core.STATUS;
  const messagesNode = document.getElementById("outbox-messages");
  const T = messagesNode ? JSON.parse(messagesNode.textContent) : {};

  function text(key, values) {
    let message = T[key] || key;
    Object.keys(values || {}).forEach((name) => {
      message = message.replace("{" + name + "}", values[name]);
    });
    return message;
  }

  /* --- banner ------------------------------------------------------------------------ */

  function banner() {
    let node = document.querySelector("[data-outbox-banner]");
    if (!node) {
      node = document.createElement("p");
      node.setAttribute("data-outbox-banner", "");
      node.setAttribute("role", "status");
      node.className = "outbox-banner";
      node.hidden = true;
      const main = document.querySelector("main") || document.body;
      main.insertBefore(node, main.firstChild);
    }
    return node;
  }

  function say(message, tone) {
    const node = banner();
    node.textContent = message;
    node.className = "outbox-banner outbox-banner--" + (tone || "info");
    node.hidden = !message;
  }

  let lastOutcome = null; // how the last attempt to send ended (offline, login, …)

  async function refreshBanner() {
    const userId = await core.lastKnownUser();
    const counts = await core.counts(userId);
    const waiting = counts.waiting;
    document.querySelectorAll("[data-outbox-count]").forEach((node) => {
      node.textContent = String(waiting + counts.needs_fixing + counts.conflict);
      node.hidden = waiting + counts.needs_fixing + counts.conflict === 0;
    });
    if (counts.needs_fixing || counts.conflict) {
      say(text("attention", { n: counts.needs_fixing + counts.conflict }), "warning");
    } else if (waiting) {
      const offline = !navigator.onLine || (lastOutcome && lastOutcome.stopped === "offline");
      say(text(offline ? "waiting_offline" : "waiting", { n: waiting }), "info");
    } else if (!document.querySelector("[data-outbox-keep-banner]")) {
      say("", "info");
    }
    renderList();
  }

  /* --- capturing a form ---------------------------------------------------------------- */

  function newUuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  async function capture(form) {
    const fields = {};
    const files = {};
    const data = new FormData(form);
    for (const [name, value] of data.entries()) {
      if (name === "csrfmiddlewaretoken" || name === "client_uuid") {
        continue;
      }
      if (value instanceof File) {
        if (!value.size && !value.name) {
          continue;
        }
        const bytes = new Uint8Array(await value.arrayBuffer());
        (files[name] = files[name] || []).push({
          name: value.name,
          type: value.type,
          data: core.toBase64(bytes),
        });
      } else {
        (fields[name] = fields[name] || []).push(value);
      }
    }
    return { fields: fields, files: files };
  }

  function summaryOf(form) {
    let summary = form.dataset.outboxSummary || form.dataset.outbox;
    const field = form.dataset.outboxSummaryField;
    if (field && form.elements[field] && form.elements[field].value) {
      summary += " · " + form.elements[field].value;
    }
    return summary;
  }

  function showErrors(form, errors) {
    form.querySelectorAll("[data-outbox-error]").forEach((node) => node.remove());
    Object.keys(errors || {}).forEach((name) => {
      const list = document.createElement("ul");
      list.className = "errorlist";
      list.setAttribute("data-outbox-error", "");
      errors[name].forEach((message) => {
        const li = document.createElement("li");
        li.textContent = message;
        list.appendChild(li);
      });
      const field = form.elements[name];
      const anchor = field && (field.length && !field.tagName ? field[0] : field);
      const place = anchor && anchor.closest ? anchor.closest("[data-field], p, div") : null;
      (place || form).insertBefore(list, (place || form).firstChild);
    });
  }

  function fillForm(form, values, files) {
    Object.keys(values || {}).forEach((name) => {
      const field = form.elements[name];
      if (!field) {
        return;
      }
      const list = values[name];
      const controls = field.length !== undefined && !field.tagName ? Array.from(field) : [field];
      controls.forEach((control) => {
        if (control.type === "checkbox" || control.type === "radio") {
          control.checked = list.includes(control.value);
        } else if (control.tagName === "SELECT" && control.multiple) {
          Array.from(control.options).forEach((o) => { o.selected = list.includes(o.value); });
        } else if (control.type !== "file") {
          control.value = list[0] || "";
        }
      });
    });
    Object.keys(files || {}).forEach((name) => {
      const input = form.elements[name];
      if (!input || input.type !== "file" || typeof DataTransfer === "undefined") {
        return;
      }
      const transfer = new DataTransfer();
      files[name].forEach((f) => {
        transfer.items.add(new File([core.fromBase64(f.data)], f.name, { type: f.type }));
      });
      input.files = transfer.files;
    });
  }

  async function submitForm(form, event) {
    if (!core.canEncrypt()) {
      // No Web Crypto (an old phone, or not HTTPS): send directly, never store unencrypted.
      if (!navigator.onLine) {
        event.preventDefault();
        say(text("no_crypto"), "error");
      }
      return;
    }
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    if (button) {
      button.disabled = true;
    }
    try {
      let userId = await core.lastKnownUser();
      if (userId === "anonymous" && !form.hasAttribute("data-outbox-public")) {
        try {
          userId = (await core.whoAmI()).userId;
        } catch (error) {
          /* offline */
        }
        if (userId === "anonymous") {
          say(text("login_first"), "error");
          return;
        }
      }
      const item = await core.add({
        uuid: form.dataset.clientUuid,
        kind: form.dataset.outbox,
        url: form.getAttribute("action") || window.location.pathname,
        summary: summaryOf(form),
        payload: await capture(form),
        userId: userId,
        sensitive: form.hasAttribute("data-outbox-sensitive"),
      });
      if (navigator.storage && navigator.storage.persist) {
        navigator.storage.persist();
      }
      say(text("saved"), "info");
      lastOutcome = await core.drain({ force: true });
      const after = await core.store.get(item.uuid);
      if (after.status === S.SENT) {
        window.location.assign(form.dataset.outboxDone || window.location.pathname);
        return;
      }
      if (after.status === S.NEEDS_FIXING) {
        await openForFixing(form, after);
        return;
      }
      form.reset();
      setUuid(form, newUuid());
      await refreshBanner();
      if (after.status === S.CONFLICT) {
        say(text("conflict"), "error");
      } else if (after.lastError === "login") {
        say(text("login"), "warning");
      } else {
        say(text("saved_offline"), "info");
        registerBackgroundSync();
      }
    } catch (error) {
      say(text("not_saved"), "error");
    } finally {
      if (button) {
        button.disabled = false;
      }
    }
  }

  async function openForFixing(form, item) {
    // Ask the server again: it answers 400 with the errors and, to this item's author only,
    // the values it decrypted, so the form reopens filled in.
    const me = await core.whoAmI();
    const response = await fetch(item.url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Idempotency-Key": item.uuid,
        "X-CSRFToken": me.csrfToken,
      },
      body: JSON.stringify(item.envelope),
    });
    const body = await response.json();
    if (response.status !== 400 || body.uuid !== item.uuid) {
      await core.drain({ force: true });
      await refreshBanner();
      return;
    }
    fillForm(form, body.values, body.files);
    showErrors(form, body.errors);
    setUuid(form, item.uuid);
    say(text("fix"), "warning");
  }

  function setUuid(form, uuid) {
    // The UUID is made when the form opens, so a submission sent twice is stored once.
    form.dataset.clientUuid = uuid;
    const input = form.querySelector("input[name=client_uuid]");
    if (input) {
      input.value = uuid;
    }
  }

  function bindForms() {
    document.querySelectorAll("form[data-outbox]").forEach((form) => {
      setUuid(form, newUuid());
      form.addEventListener("submit", (event) => submitForm(form, event));
    });
    const match = window.location.hash.match(/^#outbox-fix=([0-9a-f-]{36})$/);
    const form = document.querySelector("form[data-outbox]");
    if (match && form) {
      core.store.get(match[1]).then((item) => {
        if (item && item.status === S.NEEDS_FIXING && navigator.onLine) {
          openForFixing(form, item).catch(() => say(text("fix_offline"), "warning"));
        }
      });
    }
  }

  /* --- the outbox page ----------------------------------------------------------------- */

  function statusLabel(item) {
    return text("status_" + item.status);
  }

  async function renderList() {
    const list = document.querySelector("[data-outbox-list]");
    if (!list) {
      return;
    }
    const userId = await core.lastKnownUser();
    const items = (await core.store.all()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    list.textContent = "";
    const empty = document.querySelector("[data-outbox-empty]");
    if (empty) {
      empty.hidden = items.length > 0;
    }
    items.forEach((item) => {
      const li = document.createElement("li");
      li.className = "outbox-item outbox-item--" + item.status;
      li.dataset.uuid = item.uuid;
      const title = document.createElement("strong");
      title.textContent = item.summary;
      const meta = document.createElement("span");
      const when = new Date(item.sentAt || item.createdAt).toLocaleString(document.documentElement.lang || "vi");
      meta.textContent = statusLabel(item) + " · " + when;
      meta.className = "outbox-item__meta";
      li.append(title, meta);
      if (item.userId !== userId && item.status !== S.SENT) {
        const other = document.createElement("span");
        other.className = "outbox-item__note";
        other.textContent = text("other_user");
        li.appendChild(other);
      } else if (item.status === S.NEEDS_FIXING) {
        const link = document.createElement("a");
        link.href = item.url + "#outbox-fix=" + item.uuid;
        link.className = "button";
        link.textContent = text("fix_button");
        li.appendChild(link);
      } else if (item.status === S.CONFLICT) {
        const note = document.createElement("span");
        note.className = "outbox-item__note";
        note.textContent = text("conflict");
        li.appendChild(note);
      }
      list.appendChild(li);
    });
  }

  async function exportWaiting() {
    const items = (await core.store.all()).filter((item) => item.status !== S.SENT && item.envelope);
    const file = {
      format: "safeward-outbox",
      version: 1,
      exportedAt: new Date().toISOString(),
      items: items.map((item) => ({
        uuid: item.uuid, kind: item.kind, url: item.url, summary: item.summary,
        userId: item.userId, sensitive: item.sensitive, createdAt: item.createdAt,
        envelope: item.envelope,
      })),
    };
    const blob = new Blob([JSON.stringify(file)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "safeward-outbox-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    return items.length;
  }

  async function importFile(file) {
    const data = JSON.parse(await file.text());
    if (!data || data.format !== "safeward-outbox" || !Array.isArray(data.items)) {
      throw new Error("not-an-outbox-file");
    }
    let added = 0;
    for (const entry of data.items) {
      if (!entry.uuid || !entry.envelope || (await core.store.get(entry.uuid))) {
        continue;
      }
      await core.store.put({
        ...entry, status: S.WAITING, attempts: 0, nextAttemptAt: 0, errors: null,
        conflict: null, receipt: null, sentAt: null, lastError: null,
      });
      added += 1;
    }
    return added;
  }

  function bindOutboxPage() {
    document.querySelectorAll("[data-outbox-send]").forEach((button) => {
      button.addEventListener("click", async () => {
        button.disabled = true;
        const outcome = await core.drain({ force: true });
        button.disabled = false;
        if (outcome.stopped === "offline") {
          say(text("still_offline"), "warning");
        } else if (outcome.stopped === "login") {
          say(text("login"), "warning");
        }
        await refreshBanner();
      });
    });
    document.querySelectorAll("[data-outbox-export]").forEach((button) => {
      button.addEventListener("click", async () => {
        const n = await exportWaiting();
        say(text("exported", { n: n }), "info");
      });
    });
    document.querySelectorAll("[data-outbox-import]").forEach((input) => {
      input.addEventListener("change", async () => {
        try {
          const n = await importFile(input.files[0]);
          say(text("imported", { n: n }), "info");
          await core.drain({ force: true });
        } catch (error) {
          say(text("import_failed"), "error");
        }
        input.value = "";
        await refreshBanner();
      });
    });
  }

  /* --- offline copies: form shells and the roster ------------------------------------ */

  const SHELL_CACHE = "safeward-pages-v1";

  function whenControlled(callback) {
    // Shells must pass through the worker to be kept: wait until it controls the page.
    if (!("serviceWorker" in navigator)) {
      return;
    }
    if (navigator.serviceWorker.controller) {
      callback();
    } else {
      navigator.serviceWorker.addEventListener("controllerchange", callback, { once: true });
    }
  }

  function prefetchShells() {
    // Online, keep the empty forms this user may need (the worker stores the responses the
    // server marks "shell": no personal data, no CSRF token) and the roster they use.
    document.querySelectorAll("[data-outbox-shells]").forEach((node) => {
      node.dataset.outboxShells.split(" ").filter(Boolean).forEach((url) => {
        fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } }).catch(() => {});
      });
    });
    document.querySelectorAll("[data-outbox-roster]").forEach((node) => {
      loadRoster(node.dataset.outboxRoster).catch(() => {});
    });
    document.querySelectorAll("[data-outbox-home]").forEach((node) => {
      core.store.setMeta("fieldHome", node.dataset.outboxHome).catch(() => {});
    });
  }

  async function loadRoster(url) {
    const rosters = (await core.store.getMeta("roster")) || {};
    if (navigator.onLine) {
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          cache: "no-store",
          headers: { Accept: "application/json" },
        });
        if (response.ok) {
          rosters[url] = { members: (await response.json()).members, fetchedAt: Date.now() };
          await core.store.setMeta("roster", rosters);
        }
      } catch (error) {
        /* offline after all: use what the phone has */
      }
    }
    return rosters[url] || null;
  }

  async function fillRosters() {
    for (const roster of document.querySelectorAll("[data-roster-url]")) {
      const list = roster.querySelector("[data-roster-list]");
      const missing = roster.querySelector("[data-roster-missing]");
      const data = await loadRoster(roster.dataset.rosterUrl);
      if (!list) {
        continue;
      }
      list.textContent = "";
      (data ? data.members : []).forEach((member) => {
        const li = document.createElement("li");
        const label = document.createElement("label");
        label.className = "check";
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = "present";
        box.value = String(member.id);
        const name = document.createElement("span");
        name.textContent = member.name;
        label.append(box, " ", name);
        li.appendChild(label);
        list.appendChild(li);
      });
      if (missing) {
        missing.hidden = !!data;
      }
      roster.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  async function forgetFieldCopies() {
    await core.store.deleteMeta("userId");
    await core.store.deleteMeta("roster");
    await core.store.deleteMeta("fieldHome");
    if (window.caches) {
      const cache = await caches.open(SHELL_CACHE);
      for (const request of await cache.keys()) {
        if (/\/field\//.test(new URL(request.url).pathname)) {
          await cache.delete(request);
        }
      }
    }
  }

  /* --- signing out ------------------------------------------------------------------- */

  function bindLogout() {
    document.querySelectorAll("form[data-outbox-logout]").forEach((form) => {
      form.addEventListener("submit", async (event) => {
        if (form.dataset.confirmed) {
          return;
        }
        event.preventDefault();
        const counts = await core.counts(await core.lastKnownUser());
        const waiting = counts.waiting + counts.needs_fixing + counts.conflict;
        if (waiting && !window.confirm(text("logout_warning", { n: waiting }))) {
          return;
        }
        // The items stay (encrypted, bound to this account); what the forms needed goes.
        if (!form.querySelector("input[name=csrfmiddlewaretoken]")) {
          // A page kept for offline use carries no token: fetch a fresh one.
          try {
            const me = await core.whoAmI();
            const token = document.createElement("input");
            token.type = "hidden";
            token.name = "csrfmiddlewaretoken";
            token.value = me.csrfToken;
            form.appendChild(token);
          } catch (error) {
            say(text("still_offline"), "warning");
            return;
          }
        }
        await forgetFieldCopies();
        form.dataset.confirmed = "1";
        form.submit();
      });
    });
  }

  /* --- when to send -------------------------------------------------------------------- */

  function registerBackgroundSync() {
    if ("serviceWorker" in navigator && "SyncManager" in window) {
      navigator.serviceWorker.ready
        .then((registration) => registration.sync.register("safeward-outbox"))
        .catch(() => {});
    }
  }

  async function drainAndShow(force) {
    const outcome = await core.drain({ force: force });
    lastOutcome = outcome;
    if (outcome.stopped === "offline" || outcome.left) {
      registerBackgroundSync();
    }
    await refreshBanner();
  }

  window.SafeWardOutbox = {
    drain: drainAndShow,
    exportWaiting: exportWaiting,
    importFile: importFile,
    refresh: refreshBanner,
  };

  document.addEventListener("DOMContentLoaded", () => {
    bindForms();
    bindOutboxPage();
    bindLogout();
    fillRosters().catch(() => {});
    if (navigator.onLine) {
      // Remember who is signed in (forms filled offline are sealed for them) and the key.
      core.whoAmI().catch(() => {});
      core.refreshServerKey().catch(() => {});
    }
    whenControlled(() => {
      if (navigator.onLine) {
        prefetchShells();
      }
    });
    refreshBanner();
    drainAndShow(false).catch(() => {});
  });
  window.addEventListener("online", () => drainAndShow(true).catch(() => {}));
  setInterval(() => {
    if (document.visibilityState === "visible") {
      drainAndShow(false).catch(() => {});
    }
  }, 30000);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data === "safeward-outbox-changed") {
        refreshBanner();
      }
    });
  }
})();
