// Behaviour pages ask for with data attributes, so that no page needs an
// inline script or handler (the Content-Security-Policy forbids them).
(function () {
  "use strict";
  // After a failed submit the page opens on the list of errors: keyboard and
  // screen-reader users start there instead of at the top of the page.
  var summary = document.getElementById("form-error-summary");
  if (summary) { summary.focus(); }

  // <select data-submit-on-change>: the language switcher.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches("[data-submit-on-change]") && field.form) { field.form.submit(); }
  });

  // data-confirm="…" on a form or its submit button: an irreversible or heavy
  // action asks first.
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = (button && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });

  // <button data-print>: prints the page.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();

// table.table-stack: on a narrow screen its rows are shown as cards (app.css);
// each cell is labelled with its column's heading, and the table keeps its
// roles for screen readers although it is no longer laid out as a table.
(function () {
  "use strict";
  document.querySelectorAll("table.table-stack").forEach(function (table) {
    var headings = Array.prototype.map.call(
      table.querySelectorAll("thead th"), function (th) {
        // A heading only screen readers get ("action") labels nothing on screen.
        var hidden = th.querySelector(".visually-hidden");
        return hidden && hidden.textContent === th.textContent ? "" : th.textContent.trim();
      }
    );
    table.setAttribute("role", "table");
    table.querySelectorAll("tr").forEach(function (row) {
      row.setAttribute("role", "row");
      Array.prototype.forEach.call(row.children, function (cell, index) {
        var header = cell.tagName === "TH";
        cell.setAttribute("role", header ? "columnheader" : "cell");
        if (!header && headings[index]) { cell.dataset.label = headings[index]; }
      });
    });
  });
})();
