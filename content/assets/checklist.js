// The decision checklist: scores answers live with the rule of data/scoring.yaml (decide.js,
// loaded before it), keeps the answers in the address, and offers them for download.
// Its texts are the page's checklist-text block.
(function () {
  "use strict";

  var fill = window.OpenOrClosed.fill;

  function init() {
    var root = document.querySelector("[data-checklist]");
    if (!root) return;
    var data = JSON.parse(document.getElementById("checklist-data").textContent);
    var text = window.OpenOrClosed.text("checklist-text");
    var form = root.querySelector("[data-checklist-form]");
    var result = root.querySelector("[data-checklist-result]");
    var domain = form.querySelector("[data-domain]");
    var byId = {};
    data.criteria.forEach(function (c) { byId[c.id] = c; });
    var candidatesById = {};
    data.candidates.forEach(function (c) { candidatesById[c.id] = c; });

    function readAnswers() {
      var answers = {};
      data.criteria.forEach(function (c) {
        var checked = form.querySelector('input[name="' + c.id + '"]:checked');
        if (checked) answers[c.id] = checked.value;
      });
      return answers;
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      params.forEach(function (value, key) {
        if (key === "domain") {
          if (domain.querySelector('option[value="' + CSS.escape(value) + '"]')) domain.value = value;
          return;
        }
        if (!byId[key]) return;
        var input = form.querySelector('input[name="' + CSS.escape(key) + '"][value="' + CSS.escape(value) + '"]');
        if (input) input.checked = true;
      });
    }

    function remember(answers) {
      var params = new URLSearchParams();
      data.criteria.forEach(function (c) { if (answers[c.id]) params.set(c.id, answers[c.id]); });
      if (domain.value) params.set("domain", domain.value);
      var query = params.toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function totalsText(totals) {
      return data.scoring.scored.map(function (l) {
        return fill(text.total, {leaning: data.leanings[l], total: totals[l]});
      }).join(text.separator);
    }

    function render() {
      var answers = readAnswers();
      remember(answers);
      var outcome = window.OpenOrClosedDecide.score(data, answers, domain.value || null);
      var answered = outcome.contributions.length;
      result.hidden = answered === 0;
      var summary = result.querySelector("[data-result-summary]");
      if (!answered) {
        summary.textContent = text.nothing;
      } else {
        summary.textContent = fill(outcome.tied.length > 1 ? text.summary_tie : text.summary, {
          leaning: data.leanings[outcome.leaning], totals: totalsText(outcome.totals),
          tied: outcome.tied.map(function (l) { return data.leanings[l]; }).join(text.separator),
          answered: answered, total: data.criteria.length});
      }
      result.setAttribute("data-leaning", outcome.leaning || "");
      data.scoring.scored.forEach(function (l) {
        result.querySelector('[data-total="' + l + '"]').textContent = outcome.totals[l];
      });
      var reasons = result.querySelector("[data-result-reasons]");
      reasons.textContent = "";
      outcome.contributions.forEach(function (c) {
        var item = document.createElement("li");
        var points = data.scoring.scored.map(function (l) {
          return fill(text.points, {leaning: data.leanings[l], points: c.points[l]});
        }).join(text.separator);
        item.textContent = fill(text.reason, {criterion: c.criterion.name, option: c.option.label,
                                               weight: c.criterion.weight, points: points});
        reasons.appendChild(item);
      });
      var missing = outcome.missing.map(function (id) { return byId[id].name; });
      if (missing.length && answered) {
        var note = document.createElement("li");
        note.className = "checklist-missing";
        note.textContent = fill(text.missing, {criteria: missing.join(text.separator)});
        reasons.appendChild(note);
      }
      var list = result.querySelector("[data-result-shortlist]");
      var shortlistSummary = result.querySelector("[data-result-shortlist-summary]");
      list.textContent = "";
      result.setAttribute("data-shortlist", outcome.shortlist.join(" "));
      if (!outcome.requirements.length) {
        shortlistSummary.textContent = fill(text.shortlist_all, {total: data.candidates.length});
        return;
      }
      shortlistSummary.textContent = outcome.shortlist.length
        ? fill(text.shortlist_some, {count: outcome.shortlist.length, total: data.candidates.length})
        : text.shortlist_none;
      outcome.shortlist.forEach(function (id) {
        var model = candidatesById[id];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = model.href;
        link.textContent = model.name;
        item.appendChild(link);
        item.appendChild(document.createTextNode(fill(text.licence, {licence: model.licence_name})));
        list.appendChild(item);
      });
    }

    function download() {
      var answers = readAnswers();
      var lines = ["# " + text.download_title, "# " + text.download_usage];
      if (domain.value) lines.push("domain: " + domain.value);
      lines.push("answers:");
      data.criteria.forEach(function (c) { if (answers[c.id]) lines.push("  " + c.id + ": " + answers[c.id]); });
      var blob = new Blob([lines.join("\n") + "\n"], {type: "application/yaml"});
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "answers.yaml";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }

    restore();
    form.addEventListener("change", render);
    result.querySelector("[data-download]").addEventListener("click", download);
    result.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    result.querySelector("[data-reset]").addEventListener("click", function () {
      form.reset();
      render();
      form.querySelector("input").focus();
    });
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
