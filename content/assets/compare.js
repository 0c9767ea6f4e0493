// The compare view: two to four models or licences side by side, differences marked,
// the choice kept in the address (?models=a,b or ?licences=a,b). Its texts and the rows'
// labels are the page's compare-text block.
(function () {
  "use strict";

  var fill = window.OpenOrClosed.fill;

  function init() {
    var root = document.querySelector("[data-compare]");
    if (!root) return;
    var data = JSON.parse(document.getElementById("compare-data").textContent);
    var text = window.OpenOrClosed.text("compare-text");
    var form = root.querySelector("[data-compare-form]");
    var slots = Array.prototype.slice.call(root.querySelectorAll("[data-compare-slot]"));
    var output = root.querySelector("[data-compare-output]");
    var status = root.querySelector("[data-compare-status]");
    var table = output.querySelector("table");

    function kind() { return form.querySelector('input[name="kind"]:checked').value; }

    function fillSlots(selected) {
      var items = data[kind()];
      slots.forEach(function (select, index) {
        while (select.options.length > 1) select.remove(1);
        items.forEach(function (item) {
          var option = document.createElement("option");
          option.value = item.id;
          option.textContent = item.name;
          select.appendChild(option);
        });
        select.value = selected[index] || "";
      });
    }

    function chosen() {
      var seen = {};
      return slots.map(function (s) { return s.value; }).filter(function (id) {
        if (!id || seen[id]) return false;
        seen[id] = true;
        return true;
      });
    }

    function remember(ids) {
      var params = new URLSearchParams();
      if (ids.length) params.set(kind(), ids.join(","));
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
    }

    function cell(tag, content) {
      var element = document.createElement(tag);
      element.textContent = content;
      return element;
    }

    function render() {
      var ids = chosen();
      remember(ids);
      var byId = {};
      data[kind()].forEach(function (item) { byId[item.id] = item; });
      var items = ids.map(function (id) { return byId[id]; }).filter(Boolean);
      if (items.length < 2) {
        output.hidden = true;
        status.textContent = text.choose;
        return;
      }
      var headRow = table.tHead.rows[0];
      while (headRow.cells.length > 1) headRow.deleteCell(1);
      items.forEach(function (item) {
        var th = document.createElement("th");
        th.scope = "col";
        var link = document.createElement("a");
        link.href = item.href;
        link.textContent = item.name;
        th.appendChild(link);
        headRow.appendChild(th);
      });
      var body = table.tBodies[0];
      body.textContent = "";
      var differ = 0, rows = text.rows[kind()];
      rows.forEach(function (row) {
        var key = row[0], values = items.map(function (item) { return item.values[key] || ""; });
        var differs = values.some(function (v) { return v !== values[0]; });
        if (differs) differ += 1;
        var tr = document.createElement("tr");
        if (differs) tr.className = "differs";
        var th = cell("th", row[1]);
        th.scope = "row";
        if (differs) {
          var mark = document.createElement("span");
          mark.className = "differs-mark";
          mark.setAttribute("aria-hidden", "true");
          mark.textContent = text.mark;
          th.appendChild(mark);
          var hidden = document.createElement("span");
          hidden.className = "visually-hidden";
          hidden.textContent = text.differs;
          th.appendChild(hidden);
        }
        tr.appendChild(th);
        values.forEach(function (v) { tr.appendChild(cell("td", v)); });
        body.appendChild(tr);
      });
      table.caption.textContent = text.caption;
      output.hidden = false;
      status.textContent = fill(text.shown, {count: items.length, differ: differ, rows: rows.length});
    }

    var params = new URLSearchParams(window.location.search);
    var start = [];
    ["models", "licences"].forEach(function (k) {
      if (params.get(k)) {
        form.querySelector('input[name="kind"][value="' + k + '"]').checked = true;
        start = params.get(k).split(",").slice(0, slots.length);
      }
    });
    fillSlots(start);
    form.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") fillSlots([]);
      render();
    });
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
