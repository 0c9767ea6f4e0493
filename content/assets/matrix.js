// Sorting and filtering for the tables marked data-matrix. Without this script the tables
// are complete and the filter form stays hidden. Its texts are the table's and the count's
// data- attributes (data-sort-label, data-template, data-template-partial); site.js fills them.
(function () {
  "use strict";

  var fill = window.OpenOrClosed.fill;

  function sortKey(cell, type) {
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
    // Each column's keys are read once and kept: sorting then compares plain values.
    var cache = table.sortKeys || (table.sortKeys = {});
    var keys = cache[index] || (cache[index] = new Map(table.allRows.map(function (row) {
      return [row, sortKey(row.cells[index], type)];
    })));
    var entries = table.allRows.map(function (row, position) {
      return {row: row, key: keys.get(row), position: position};
    });
    entries.sort(function (a, b) {
      var order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
      return (ascending ? order : -order) || a.position - b.position;
    });
    table.allRows = entries.map(function (entry) { return entry.row; });
    if (table.applyFilters) table.applyFilters();
    else showRows(table, table.allRows);
  }

  // Puts exactly these rows, in this order, in the table body, moving only what must move.
  // Rows that are not shown are taken out of the document rather than hidden, so a sort moves,
  // styles and lays out the shown rows only.
  function showRows(table, wanted) {
    var body = table.tBodies[0], keep = new Set(wanted), current = body.firstElementChild;
    function dropUnwanted() {
      while (current && !keep.has(current)) {
        var next = current.nextElementSibling;
        body.removeChild(current);
        current = next;
      }
    }
    wanted.forEach(function (row) {
      dropUnwanted();
      if (row === current) current = current.nextElementSibling;
      else body.insertBefore(row, current);
    });
    dropUnwanted();
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
        button.setAttribute("aria-label", fill(table.getAttribute("data-sort-label"), {column: th.textContent.replace(/\s+/g, " ").trim()}));
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
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var count = form.querySelector("[data-matrix-count]");
    var rows = table.allRows.slice();
    // Each row's filterable values, read once.
    var index = new Map(rows.map(function (row, i) { return [row, i]; }));
    var values = rows.map(function (row) {
      var fields = {};
      controls.forEach(function (control) {
        var field = control.getAttribute("data-filter");
        fields[field] = row.getAttribute("data-" + field) || "";
      });
      return fields;
    });
    function matches(fields, control, wanted) {
      var value = fields[control.getAttribute("data-filter")], match = control.getAttribute("data-match");
      if (match === "equals") return value === wanted;
      if (match === "contains") return (" " + value + " ").indexOf(" " + wanted + " ") !== -1;
      if (match === "min") return value !== "" && parseFloat(value) >= parseFloat(wanted);
      return true;
    }
    // Large tables show their first rows only (data-page-size), with a button for the rest.
    var pageSize = parseInt(table.getAttribute("data-page-size"), 10) || Infinity;
    var limit = pageSize;
    var more = form.querySelector("[data-matrix-more]");
    function apply() {
      var active = controls.filter(function (control) { return control.value.trim() !== ""; });
      var matching = 0, shown = [];
      table.allRows.forEach(function (row) {
        var fields = values[index.get(row)];
        if (!active.every(function (control) { return matches(fields, control, control.value.trim()); })) return;
        matching += 1;
        if (shown.length < limit) shown.push(row);
      });
      showRows(table, shown);
      if (count) {
        count.textContent = fill(count.getAttribute(shown.length < matching ? "data-template-partial" : "data-template"),
                                 {shown: shown.length, matching: matching, total: rows.length});
      }
      if (more) more.hidden = shown.length >= matching;
    }
    if (more) more.addEventListener("click", function () { limit = Infinity; apply(); });
    table.applyFilters = apply;
    // A select fires both input and change; listening to input alone filters once per change.
    form.addEventListener("input", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("table[data-matrix]").forEach(function (table) {
      if (table.getAttribute("data-ready")) return;
      table.setAttribute("data-ready", "1");
      table.allRows = Array.prototype.slice.call(table.tBodies[0].rows);
      makeSortable(table);
      var form = document.querySelector("[data-matrix-filters]");
      if (form) makeFilterable(form, table);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
