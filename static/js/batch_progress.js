// Shows the progress of a background job (a certificate batch, an export)
// until it is finished (asked every 2 s by poll_job.js).
(function () {
  "use strict";
  var box = document.getElementById("batch-progress");
  if (!box) { return; }
  var bar = box.querySelector(".progress");
  // The width is set here, not in a style attribute: the
  // Content-Security-Policy allows no inline styles.
  function showPercent(percent) {
    bar.setAttribute("aria-valuenow", percent);
    bar.querySelector(".progress-bar").style.width = percent + "%";
  }
  showPercent(bar.getAttribute("aria-valuenow"));
  if (box.dataset.finished) { return; }
  function show(name, value) {
    var el = box.querySelector('[data-field="' + name + '"]');
    if (el) { el.textContent = value; }
  }
  window.pollJob(box.dataset.url, function (data) {
    show("status_display", data.status_display);
    show("done", data.done);
    show("total", data.total);
    showPercent(data.percent);
    if (data.download_url) {
      box.querySelector('[data-field="download"]').classList.remove("d-none");
    }
    return data.status !== "done" && data.status !== "failed";
  });
})();
