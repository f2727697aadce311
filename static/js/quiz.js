/* SafeWard quizzes: score in the browser (online or offline), show the explanations, and send
 * the anonymous attempt through a small queue kept on this phone.
 *
 * Scoring follows content/services.py exactly: points counted in hundredths; single choice and
 * true/false earn 100 or 0; a multiple-choice question with n right and m wrong answers earns
 * round(100 * (right ticks / n - wrong ticks / m)), never below 0.
 *
 * The queue (localStorage "safeward.quizQueue") holds {uuid, url, body, queuedAt} items. An item
 * is forgotten only when the server answers with a receipt naming its uuid (201, or 200 for a
 * resend); errors and non-receipts (a captive portal's page) keep it. It is sent on load, when
 * the phone comes back online, and after each new attempt; app.js loads this file on any page
 * while items wait. The field outbox (issue 4) is meant to take these items over.
 */
(function () {
  "use strict";

  var QUEUE_KEY = "safeward.quizQueue";

  // --- the queue ---------------------------------------------------------------------------

  function readQueue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE_KEY)) || [];
    } catch (error) {
      return [];
    }
  }

  function writeQueue(items) {
    try {
      if (items.length) {
        localStorage.setItem(QUEUE_KEY, JSON.stringify(items));
      } else {
        localStorage.removeItem(QUEUE_KEY);
      }
    } catch (error) {
      /* Storage full or forbidden: the attempt is simply not counted. */
    }
  }

  function isQueued(uuid) {
    return readQueue().some(function (item) { return item.uuid === uuid; });
  }

  function forget(uuid) {
    writeQueue(readQueue().filter(function (item) { return item.uuid !== uuid; }));
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

  function send(item) {
    return fetch(item.url, {
      method: "POST",
      credentials: "omit", // anonymous: no cookie goes with an attempt
      headers: {
        "Accept": "application/json",
        "Content-Type": "application/x-www-form-urlencoded",
        "Idempotency-Key": item.uuid
      },
      body: item.body
    }).then(function (response) {
      if (response.status !== 200 && response.status !== 201) {
        return false;
      }
      return response.json().then(function (receipt) {
        if (receipt && receipt.uuid === item.uuid) {
          forget(item.uuid);
          return true;
        }
        return false;
      });
    }).catch(function () {
      return false;
    });
  }

  var draining = null;
  var drainAgain = false;

  function drain() {
    // One pass at a time, items one after the other; a call during a pass runs one more.
    if (draining) {
      drainAgain = true;
      return draining;
    }
    draining = readQueue().reduce(function (previous, item) {
      return previous.then(function () { return send(item); });
    }, Promise.resolve()).then(function () {
      draining = null;
      if (drainAgain) {
        drainAgain = false;
        return drain();
      }
    });
    return draining;
  }

  function enqueue(url, body) {
    var item = { uuid: newUuid(), url: url, body: body, queuedAt: new Date().toISOString() };
    writeQueue(readQueue().concat([item]));
    return item;
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
      var body = new URLSearchParams(new FormData(form));
      body.append("taken_on", localDate());
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

      var item = enqueue(data.url, body.toString());
      drain().then(function () {
        status.textContent = isQueued(item.uuid) ? strings.queued : strings.sent;
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
  window.addEventListener("online", drain);
  drain();

  window.SafeWardQuiz = { score: score, drain: drain, queueKey: QUEUE_KEY };
})();
