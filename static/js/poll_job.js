// Asks a background job's status URL every 2 s and hands each answer to
// onAnswer; it asks again while onAnswer returns true. Loaded before the
// script of a page that waits for a job (batch_progress.js,
// reload_when_ready.js).
window.pollJob = function (url, onAnswer) {
  "use strict";
  function poll() {
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (onAnswer(data)) { window.setTimeout(poll, 2000); }
      });
  }
  window.setTimeout(poll, 2000);
};
