// Sorting and filtering for the tables marked data-matrix. Without this script the tables
// are complete and the filter form stays hidden.
(function () {
  "use strict";

  function cellValue(row, index, type) {
    var cell = row.children[index];
    if (!cell) return type === "number" ? -Infinity : "";
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    if (type === "number") {
      var number = parseFloat(raw);
      return isNaN(number) ? -Infinity : number;
    }
    return raw.toLocaleLowerCase();
  }

  function sortTable(table, header, index) {
    var type = header.getAttribute("data-type") || "text";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (th) {
      th.setAttribute("aria-sort", "none");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, type), y = cellValue(b, index, type);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  function columnIndex(table, header) {
    // The last header row holds one cell per column; count colspans before this header.
    var row = header.parentNode, index = 0;
    for (var i = 0; i < row.children.length && row.children[i] !== header; i++) {
      index += row.children[i].colSpan || 1;
    }
    if (row !== table.tHead.rows[0]) {
      // Second header row: skip the first row's cells that span both rows.
      var first = table.tHead.rows[0].children;
      for (var j = 0; j < first.length; j++) if ((first[j].rowSpan || 1) > 1) index += 1;
    }
    return index;
  }

  function makeSortable(table) {
    var rows = table.tHead.rows;
    var last = rows[rows.length - 1];
    var headers = Array.prototype.slice.call(last.children);
    if (rows.length > 1) {
      Array.prototype.forEach.call(rows[0].children, function (th) {
        if ((th.rowSpan || 1) > 1) headers.push(th);
      });
    }
    headers.forEach(function (th) {
      var index = columnIndex(table, th);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      if (th.querySelector("a, button, input, select, textarea")) {
        // A button may not hold a link: sort with a button beside it, named after the column.
        button.className += " sort-button--beside";
        button.setAttribute("aria-label", "Sort by " + th.textContent.replace(/\s+/g, " ").trim());
        th.appendChild(document.createTextNode(" "));
      } else {
        while (th.firstChild) button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortTable(table, th, index); });
    });
  }

  function makeFilterable(form, table) {
    var controls = form.querySelectorAll("[data-filter]");
    var count = form.querySelector("[data-matrix-count]");
    function apply() {
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], visible = true;
        for (var c = 0; c < controls.length && visible; c++) {
          var control = controls[c], wanted = control.value.trim();
          if (wanted === "") continue;
          var field = control.getAttribute("data-filter"), match = control.getAttribute("data-match");
          var value = row.getAttribute("data-" + field) || "";
          if (match === "equals") visible = value === wanted;
          else if (match === "contains") visible = value.split(" ").indexOf(wanted) !== -1;
          else if (match === "min") visible = value !== "" && parseFloat(value) >= parseFloat(wanted);
        }
        row.hidden = !visible;
        if (visible) shown += 1;
      }
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("table[data-matrix]").forEach(function (table) {
      if (table.getAttribute("data-ready")) return;
      table.setAttribute("data-ready", "1");
      makeSortable(table);
      var form = document.querySelector("[data-matrix-filters]");
      if (form) makeFilterable(form, table);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
