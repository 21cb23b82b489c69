// Polls the progress of a background job (a certificate batch, an export)
// every 2 s until it is finished.
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
  function poll() {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        show("status_display", data.status_display);
        show("done", data.done);
        show("total", data.total);
        showPercent(data.percent);
        if (data.download_url) {
          box.querySelector('[data-field="download"]').classList.remove("d-none");
        }
        if (data.status !== "done" && data.status !== "failed") {
          window.setTimeout(poll, 2000);
        }
      });
  }
  window.setTimeout(poll, 2000);
})();
