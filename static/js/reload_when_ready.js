// Reloads the page once the background task it waits for has finished; on
// the way it shows the figures the task reports (data-field="…", a <progress>),
// asked every 2 s by poll_job.js.
(function () {
  "use strict";
  var box = document.getElementById("batch-wait");
  if (!box) { return; }
  window.pollJob(box.dataset.url, function (data) {
    if (data.finished) { window.location.reload(); return false; }
    box.querySelectorAll("[data-field]").forEach(function (el) {
      var value = data[el.dataset.field];
      if (value !== undefined) { el.textContent = value; }
    });
    var bar = box.querySelector("progress");
    if (bar && data.done !== undefined) { bar.value = data.done; }
    return true;
  });
})();
