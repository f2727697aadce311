/* SafeWard quizzes: score in the browser (online or offline), show the explanations, and send
 * the anonymous attempt through the one outbox (outbox-core.js).
 *
 * Scoring follows content/services.py exactly: points counted in hundredths; single choice and
 * true/false earn 100 or 0; a multiple-choice question with n right and m wrong answers earns
 * round(100 * (right ticks / n - wrong ticks / m)), never below 0.
 *
 * The attempt goes into the outbox sealed for "anonymous" and is sent with no cookie; it is
 * kept until a receipt names its UUID (errors and a captive portal's page keep it). app.js
 * sends what waits from any public page once the connection is back.
 */
(function () {
  "use strict";

  // The outbox (13 KB) is fetched only when an attempt is sent, not on every quiz opened on a
  // slow phone; the service worker keeps it, so it loads offline too.
  var current = document.currentScript;
  var coreUrl = current && current.getAttribute("data-outbox-script");
  var coreLoading = null;

  function loadCore() {
    if (window.SafeWardOutboxCore || !coreUrl) {
      return Promise.resolve(window.SafeWardOutboxCore || null);
    }
    if (!coreLoading) {
      coreLoading = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = coreUrl;
        script.onload = function () { resolve(window.SafeWardOutboxCore || null); };
        script.onerror = function () {
          coreLoading = null;
          resolve(null);
        };
        document.head.appendChild(script);
      });
    }
    return coreLoading;
  }

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

  function fieldsOf(form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      (fields[name] = fields[name] || []).push(String(value));
    });
    return fields;
  }

  function sendAttempt(url, title, fields) {
    // The one outbox: sealed on the phone, sent once, kept until a receipt names it.
    return loadCore().then(function (core) {
      if (!core || !core.canEncrypt()) {
        return "failed";
      }
      var uuid = newUuid();
      return core.add({
        uuid: uuid, kind: "quiz_attempt", url: url, summary: title, userId: "anonymous",
        payload: { fields: fields, files: {} }
      }).then(function () {
        return core.drain({ force: true }).then(function () {
          return core.store.get(uuid);
        }).then(function (item) {
          return item.status === core.STATUS.SENT ? "sent" : "queued";
        });
      }, function () {
        return "failed"; // not even stored (no key yet): the score still shows, uncounted
      });
    });
  }

  // --- scoring (the same rules as content/services.py) -----------------------------------

  function questionCredit(question, picked) {
    var right = 0;
    var wrong = 0;
    var n = 0;
    question.choices.forEach(function (choice) {
      if (choice.correct) {
        n += 1;
      }
      if (picked.indexOf(choice.id) !== -1) {
        if (choice.correct) {
          right += 1;
        } else {
          wrong += 1;
        }
      }
    });
    if (!question.multiple) {
      return right === 1 && wrong === 0 ? 100 : 0;
    }
    var m = question.choices.length - n;
    // One division of whole numbers, as exact as the server's fractions.
    var numerator = m ? right * m - wrong * n : right;
    var denominator = m ? n * m : n;
    return numerator > 0 ? Math.round((100 * numerator) / denominator) : 0;
  }

  function score(data, answers) {
    var total = 0;
    var questions = data.questions.map(function (question) {
      var picked = answers[question.id] || [];
      var credit = questionCredit(question, picked);
      var correctIds = question.choices.filter(function (c) { return c.correct; });
      var exact = correctIds.length === picked.length &&
        correctIds.every(function (c) { return picked.indexOf(c.id) !== -1; });
      total += credit;
      var status = exact ? "right" : !picked.length ? "skipped" : credit ? "partly" : "wrong";
      return { question: question, picked: picked, status: status };
    });
    var max = data.questions.length;
    var percent = max ? Math.round(total / max) : 0;
    var message = "";
    data.bands.slice().sort(function (a, b) { return a.min - b.min; }).forEach(function (band) {
      if (percent >= band.min) {
        message = band.message;
      }
    });
    return { questions: questions, hundredths: total, max: max, percent: percent, message: message };
  }

  // --- the page ------------------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    node.setAttribute("data-quiz-feedback", "");
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function explanationHosts(question) {
    // Each distinct explanation once, under a right answer if one has it.
    var hosts = {};
    question.choices.forEach(function (choice, i) {
      if (!choice.explanation) {
        return;
      }
      var first = hosts[choice.explanation];
      if (first === undefined || (choice.correct && !question.choices[first].correct)) {
        hosts[choice.explanation] = i;
      }
    });
    return hosts;
  }

  function showFeedback(form, result, strings) {
    var labels = { right: strings.right, partly: strings.partly, wrong: strings.wrong, skipped: strings.skipped };
    result.questions.forEach(function (answer) {
      var item = form.querySelector('[data-question="' + answer.question.id + '"]');
      if (!item) {
        return;
      }
      item.classList.add("question--" + answer.status);
      var choices = item.querySelector(".choices");
      choices.parentNode.insertBefore(element("p", "question__status", labels[answer.status]), choices);
      var hosts = explanationHosts(answer.question);
      answer.question.choices.forEach(function (choice, i) {
        var row = item.querySelector('[data-choice="' + choice.id + '"]');
        var picked = answer.picked.indexOf(choice.id) !== -1;
        if (!row) {
          return;
        }
        row.classList.toggle("choice--right", choice.correct);
        row.classList.toggle("choice--picked", picked);
        if (picked || choice.correct) {
          var tags = element("span", "choice__tags");
          if (picked) {
            tags.appendChild(element("span", "tag", strings.chosen));
          }
          if (choice.correct) {
            tags.appendChild(element("span", "tag tag--right", strings.rightAnswer));
          }
          row.appendChild(tags);
        }
        if (hosts[choice.explanation] === i) {
          row.appendChild(element("p", "explanation", choice.explanation));
        }
      });
    });
  }

  function clearFeedback(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-quiz-feedback]"), function (node) {
      node.remove();
    });
    Array.prototype.forEach.call(form.querySelectorAll(".question, .choice"), function (node) {
      node.className = node.classList.contains("question") ? "question" : "choice";
    });
  }

  function setInputsDisabled(form, disabled) {
    Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) {
      input.disabled = disabled;
    });
  }

  function collect(form, data) {
    var answers = {};
    var answered = false;
    data.questions.forEach(function (question) {
      var picked = [];
      Array.prototype.forEach.call(form.querySelectorAll('[name="q-' + question.id + '"]:checked'), function (input) {
        picked.push(input.value);
      });
      answers[question.id] = picked;
      answered = answered || picked.length > 0;
    });
    return answered ? answers : null;
  }

  function localDate() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function setUp(form) {
    var source = document.getElementById("quiz-data");
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var strings = data.strings;
    var resultBox = document.querySelector("[data-quiz-result]");
    var help = document.querySelector("[data-quiz-help]");
    var error = document.querySelector("[data-quiz-error]");
    var submit = form.querySelector('[type="submit"]');
    var retake = form.querySelector("[data-quiz-retake]");
    var status = resultBox.querySelector("[data-quiz-status]");

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = collect(form, data);
      if (!answers) {
        error.textContent = strings.unanswered;
        error.hidden = false;
        return;
      }
      error.hidden = true;
      var fields = fieldsOf(form);
      fields.taken_on = [localDate()];
      var result = score(data, answers);
      showFeedback(form, result, strings);
      setInputsDisabled(form, true);
      var lang = document.documentElement.lang || undefined;
      resultBox.querySelector("[data-quiz-score]").textContent = strings.score
        .replace("%(score)s", (result.hundredths / 100).toLocaleString(lang))
        .replace("%(max)s", result.max)
        .replace("%(percent)s", result.percent)
        .replace("%%", "%");
      resultBox.querySelector("[data-quiz-message]").textContent = result.message;
      status.textContent = "";
      resultBox.hidden = false;
      help.hidden = false;
      submit.hidden = true;
      retake.hidden = false;
      resultBox.focus();
      resultBox.scrollIntoView();

      sendAttempt(data.url, document.title, fields).then(function (outcome) {
        status.textContent = outcome === "sent" ? strings.sent : outcome === "queued" ? strings.queued : "";
      });
    });

    form.addEventListener("reset", function () {
      // Retake: a clean form, no answer shown until the new answers are in.
      clearFeedback(form);
      setInputsDisabled(form, false);
      resultBox.hidden = true;
      help.hidden = true;
      error.hidden = true;
      submit.hidden = false;
      retake.hidden = true;
      form.scrollIntoView();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-quiz]"), setUp);

  window.SafeWardQuiz = { score: score };
})();
