// Reloads the page once the background task it waits for has finished.
(function () {
  "use strict";
  var box = document.getElementById("batch-wait");
  if (!box) { return; }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.finished) { window.location.reload(); } else { window.setTimeout(poll, 2000); }
      });
  }
  window.setTimeout(poll, 2000);
})();
