/* SafeWard outbox core: storage, encryption and sending. No DOM: the page (outbox.js) and
 * the service worker (Background Sync) both use it.
 *
 * Every item is encrypted before it is stored: a fresh AES-256-GCM key per item (12-byte IV,
 * additional data "<uuid>:<user id>") wrapped with the server's RSA-OAEP (SHA-256) public
 * key. The phone cannot read its own items back; only the server can. An item is forgotten
 * (its ciphertext dropped, a "sent" line kept) only after a receipt that names its UUID.
 */
(function (scope) {
  "use strict";

  const DB_NAME = "safeward-outbox";
  const DB_VERSION = 1;
  const ITEMS = "items";
  const META = "meta";
  const KEY_URL = "/sync/key/";
  const WHOAMI_URL = "/sync/csrf/";
  const SEND_TIMEOUT_MS = 60000;
  const MAX_BACKOFF_MS = 10 * 60 * 1000;
  const PENDING_FLAG = "safeward.outbox.pending";

  const STATUS = {
    WAITING: "waiting",
    SENDING: "sending",
    NEEDS_FIXING: "needs_fixing",
    CONFLICT: "conflict",
    SENT: "sent",
  };

  let dbPromise = null;

  function openDb() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains(ITEMS)) {
            db.createObjectStore(ITEMS, { keyPath: "uuid" });
          }
          if (!db.objectStoreNames.contains(META)) {
            db.createObjectStore(META);
          }
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return dbPromise;
  }

  async function withStore(name, mode, action) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(name, mode);
      const store = transaction.objectStore(name);
      let result;
      Promise.resolve(action(store)).then((value) => { result = value; }, reject);
      transaction.oncomplete = () => resolve(result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }

  function requestResult(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  const store = {
    all: () => withStore(ITEMS, "readonly", (s) => requestResult(s.getAll())),
    get: (uuid) => withStore(ITEMS, "readonly", (s) => requestResult(s.get(uuid))),
    put: (item) => withStore(ITEMS, "readwrite", (s) => requestResult(s.put(item))),
    getMeta: (key) => withStore(META, "readonly", (s) => requestResult(s.get(key))),
    setMeta: (key, value) => withStore(META, "readwrite", (s) => requestResult(s.put(value, key))),
    deleteMeta: (key) => withStore(META, "readwrite", (s) => requestResult(s.delete(key))),
  };

  /* --- encryption ------------------------------------------------------------------- */

  function canEncrypt() {
    return !!(scope.crypto && scope.crypto.subtle && scope.crypto.getRandomValues);
  }

  function toBase64(bytes) {
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    let binary = "";
    for (let i = 0; i < view.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, view.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  function fromBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) {
      bytes[i] = binary.charCodeAt(i);
    }
    return bytes;
  }

  async function refreshServerKey() {
    // Online, keep the server's current public key so forms can be sealed offline later.
    const response = await fetch(KEY_URL, { credentials: "same-origin", cache: "no-cache" });
    if (response.ok) {
      await store.setMeta("serverKey", await response.json());
    }
  }

  async function serverKey() {
    let key = null;
    try {
      const response = await fetch(KEY_URL, { credentials: "same-origin", cache: "no-cache" });
      if (response.ok) {
        key = await response.json();
        await store.setMeta("serverKey", key);
      }
    } catch (error) {
      /* offline: use the key kept from the last time */
    }
    key = key || (await store.getMeta("serverKey"));
    if (!key || !key.spki) {
      throw new Error("no-server-key");
    }
    const cryptoKey = await crypto.subtle.importKey(
      "spki", fromBase64(key.spki), { name: "RSA-OAEP", hash: "SHA-256" }, false, ["encrypt"]
    );
    return { kid: key.kid, cryptoKey: cryptoKey };
  }

  async function seal(plaintext, aad) {
    const server = await serverKey();
    const contentKey = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, [
      "encrypt",
    ]);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv: iv, additionalData: new TextEncoder().encode(aad) },
      contentKey,
      plaintext
    );
    const rawKey = await crypto.subtle.exportKey("raw", contentKey);
    const wrapped = await crypto.subtle.encrypt({ name: "RSA-OAEP" }, server.cryptoKey, rawKey);
    return { v: 1, kid: server.kid, key: toBase64(wrapped), iv: toBase64(iv), data: toBase64(data) };
  }

  /* --- who is signed in ---------------------------------------------------------------- */

  async function whoAmI() {
    // A fresh CSRF token and the signed-in user's id; throws when the server is unreachable.
    const response = await fetch(WHOAMI_URL, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json" },
    });
    const body = await response.json();
    if (!body || typeof body.userId !== "string" || !body.csrfToken) {
      throw new Error("not-a-safeward-answer");
    }
    await store.setMeta("userId", body.userId);
    return body;
  }

  async function lastKnownUser() {
    return (await store.getMeta("userId")) || "anonymous";
  }

  /* --- items --------------------------------------------------------------------------- */

  async function add({ uuid, kind, url, summary, payload, userId, sensitive }) {
    const aad = uuid + ":" + userId;
    const plaintext = new TextEncoder().encode(JSON.stringify(payload));
    const envelope = await seal(plaintext, aad);
    const item = {
      uuid: uuid,
      kind: kind,
      url: url,
      summary: summary,
      userId: userId,
      sensitive: !!sensitive,
      envelope: envelope,
      status: STATUS.WAITING,
      createdAt: new Date().toISOString(),
      attempts: 0,
      nextAttemptAt: 0,
      errors: null,
      conflict: null,
      receipt: null,
      sentAt: null,
      lastError: null,
    };
    await store.put(item);
    if (userId === "anonymous") {
      notePending([item]);
    }
    return item;
  }

  function backoff(attempts) {
    return Math.min(MAX_BACKOFF_MS, 5000 * Math.pow(2, Math.max(0, attempts - 1)));
  }

  async function retryLater(item, reason) {
    item.status = STATUS.WAITING;
    item.attempts += 1;
    item.nextAttemptAt = Date.now() + backoff(item.attempts);
    item.lastError = reason;
    await store.put(item);
  }

  async function readJson(response) {
    const type = response.headers.get("Content-Type") || "";
    if (!type.includes("application/json")) {
      return null;
    }
    try {
      return await response.json();
    } catch (error) {
      return null;
    }
  }

  async function sendOne(item, csrfToken) {
    item.status = STATUS.SENDING;
    await store.put(item);
    let response;
    const controller = typeof AbortController !== "undefined" ? new AbortController() : null;
    const timer = controller ? setTimeout(() => controller.abort(), SEND_TIMEOUT_MS) : null;
    const headers = {
      "Content-Type": "application/json",
      Accept: "application/json",
      "Idempotency-Key": item.uuid,
    };
    if (csrfToken) {
      headers["X-CSRFToken"] = csrfToken;
    }
    try {
      response = await fetch(item.url, {
        method: "POST",
        // Anonymous items (a quiz attempt, a tip) carry no cookie: nothing links them to anyone.
        credentials: item.userId === "anonymous" ? "omit" : "same-origin",
        cache: "no-store",
        redirect: "manual",
        signal: controller ? controller.signal : undefined,
        headers: headers,
        body: JSON.stringify(item.envelope),
      });
    } catch (error) {
      await retryLater(item, "network");
      return "offline";
    } finally {
      if (timer) {
        clearTimeout(timer);
      }
    }
    const body = await readJson(response);
    const namesItem = !!body && body.uuid === item.uuid;
    if ((response.status === 201 || response.status === 200) && namesItem && body.received_at) {
      item.status = STATUS.SENT;
      item.receipt = body;
      item.sentAt = new Date().toISOString();
      item.envelope = null; // the server has it: nothing readable or not stays behind
      item.errors = null;
      item.lastError = null;
      await store.put(item);
      return "sent";
    }
    if (response.status === 409 && namesItem) {
      item.status = STATUS.CONFLICT;
      item.conflict = body.conflict || "conflict";
      await store.put(item);
      return "conflict";
    }
    if (response.status === 400 && namesItem && body.errors) {
      item.status = STATUS.NEEDS_FIXING;
      item.errors = Object.keys(body.errors);
      await store.put(item);
      return "needs_fixing";
    }
    if (response.status === 401) {
      item.status = STATUS.WAITING;
      item.lastError = "login";
      await store.put(item);
      return "login";
    }
    // 5xx, a captive portal's 200 page, a 403 or 404: not a receipt. Keep it and try later.
    await retryLater(item, "http-" + response.status);
    return "retry";
  }

  let draining = null;

  function notePending(items) {
    // Public pages load this file only when anonymous items wait (see app.js).
    if (typeof localStorage === "undefined") {
      return;
    }
    try {
      const waiting = items.some(
        (item) => item.userId === "anonymous" && item.status !== STATUS.SENT && item.envelope
      );
      if (waiting) {
        localStorage.setItem(PENDING_FLAG, "1");
      } else {
        localStorage.removeItem(PENDING_FLAG);
      }
    } catch (error) {
      /* storage refused: public pages will send them when a form page opens */
    }
  }

  async function drain({ force = false } = {}) {
    if (draining) {
      return draining;
    }
    draining = (async () => {
      const outcome = { sent: 0, left: 0, stopped: null };
      const items = (await store.all())
        .filter((item) => item.status === STATUS.WAITING || item.status === STATUS.SENDING)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      let me = null;
      for (const item of items) {
        if (!force && item.nextAttemptAt > Date.now()) {
          outcome.left += 1;
          continue;
        }
        let csrfToken = null;
        if (item.userId !== "anonymous") {
          if (me === null) {
            try {
              me = await whoAmI(); // a fresh CSRF token before each drain
            } catch (error) {
              outcome.stopped = "offline";
              break;
            }
          }
          if (item.userId !== me.userId) {
            if (me.userId === "anonymous") {
              outcome.stopped = "login"; // signed out: the items wait for their author
            }
            continue; // another account's item: only its author can send it
          }
          csrfToken = me.csrfToken;
        }
        const result = await sendOne(item, csrfToken);
        if (result === "sent") {
          outcome.sent += 1;
        } else if (result === "offline" || result === "login") {
          outcome.stopped = result;
          break;
        }
      }
      notePending(await store.all());
      return outcome;
    })();
    try {
      return await draining;
    } finally {
      draining = null;
    }
  }

  async function counts(userId) {
    const result = { waiting: 0, needs_fixing: 0, conflict: 0, sent: 0, other_user: 0 };
    for (const item of await store.all()) {
      if (userId && item.userId !== userId && item.status !== STATUS.SENT) {
        result.other_user += 1;
      } else if (item.status === STATUS.SENDING) {
        result.waiting += 1;
      } else if (item.status in result) {
        result[item.status] += 1;
      }
    }
    return result;
  }

  scope.SafeWardOutboxCore = {
    STATUS: STATUS,
    canEncrypt: canEncrypt,
    add: add,
    drain: drain,
    counts: counts,
    store: store,
    whoAmI: whoAmI,
    refreshServerKey: refreshServerKey,
    lastKnownUser: lastKnownUser,
    toBase64: toBase64,
    fromBase64: fromBase64,
  };
})(typeof self !== "undefined" ? self : window);
