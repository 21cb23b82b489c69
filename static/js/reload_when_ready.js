// Reloads the page once the background task it waits for has finished; on
// the way it shows the figures the task reports (data-field="…", a <progress>).
(function () {
  "use strict";
  var box = document.getElementById("batch-wait");
  if (!box) { return; }
  var bar = box.querySelector("progress");
  function show(data) {
    box.querySelectorAll("[data-field]").forEach(function (el) {
      var value = data[el.dataset.field];
      if (value !== undefined) { el.textContent = value; }
    });
    if (bar && data.done !== undefined) { bar.value = data.done; }
  }
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.finished) { window.location.reload(); return; }
        show(data);
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 2000);
})();
