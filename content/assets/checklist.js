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
      summary.textContent = answered
        ? window.OpenOrClosedDecide.leaningSentence(outcome, data.decision, data.leanings, data.scoring) + " " +
          fill(data.decision.answered, {answered: answered, total: data.criteria.length})
        : text.nothing;
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
      var more = result.querySelector("[data-result-shortlist-more]");
      list.textContent = "";
      result.setAttribute("data-shortlist", outcome.shortlist.join(" "));
      var count = outcome.ranked.length;
      var intro = !outcome.requirements.length ? fill(text.shortlist_all, {total: count})
        : count ? fill(text.shortlist_some, {count: count, total: data.candidates.length}) : text.shortlist_none;
      var shown = showAll ? count : Math.min(count, data.scoring.shortlist_size);
      shortlistSummary.textContent = count ? intro + " " + fill(data.decision.top, {shown: shown, count: count}) : intro;
      outcome.ranked.slice(0, shown).forEach(function (entry) {
        var model = entry.candidate;
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = model.href;
        link.textContent = model.name;
        item.appendChild(link);
        item.appendChild(document.createTextNode(fill(text.licence, {licence: model.licence_name})));
        var why = document.createElement("span");
        why.className = "shortlist-reason";
        why.textContent = window.OpenOrClosedDecide.rankLine(entry, data.decision, data.domains);
        item.appendChild(document.createElement("br"));
        item.appendChild(why);
        if (entry.folded.length) {
          var folded = document.createElement("span");
          folded.className = "shortlist-folded";
          folded.textContent = fill(data.decision.folded, {models: entry.folded.map(function (id) {
            return candidatesById[id].name; }).join(data.decision.list_separator)});
          item.appendChild(document.createElement("br"));
          item.appendChild(folded);
        }
        item.setAttribute("data-model", model.id);
        list.appendChild(item);
      });
      more.hidden = shown >= count;
      more.textContent = fill(data.decision.show_all, {count: count});
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

    var showAll = false;
    result.querySelector("[data-result-shortlist-more]").addEventListener("click", function () {
      showAll = true;
      render();
    });
    restore();
    form.addEventListener("change", function () { showAll = false; render(); });
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
