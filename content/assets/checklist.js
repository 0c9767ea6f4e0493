// The decision checklist: scores answers live with the rule of data/scoring.yaml, keeps the
// answers in the address, and offers them for download. generator/scoring.py is the other
// implementation of the same rule; tests/scoring_vectors.yaml proves the two agree.
// Its texts are the page's checklist-text block.
(function () {
  "use strict";

  var fill = window.OpenOrClosed.fill;

  // The rule. data: {scoring, criteria, models}; answers: {criterionId: optionId}.
  function score(data, answers) {
    var leanings = data.scoring.leanings;
    var totals = {};
    leanings.forEach(function (l) { totals[l] = 0; });
    var contributions = [], requirements = [];
    data.criteria.forEach(function (criterion) {
      var chosen = answers[criterion.id];
      if (chosen === undefined) return;
      var option = criterion.options.filter(function (o) { return o.id === chosen; })[0];
      if (!option) return;
      var points = {};
      leanings.forEach(function (l) {
        points[l] = criterion.weight * option.leans[l];
        totals[l] += points[l];
      });
      contributions.push({criterion: criterion, option: option, points: points});
      if (option.requires && Object.keys(option.requires).length) requirements.push(option.requires);
    });
    var leaning = null, tied = [];
    if (contributions.length) {
      var best = Math.max.apply(null, leanings.map(function (l) { return totals[l]; }));
      tied = leanings.filter(function (l) { return totals[l] === best; });
      leaning = data.scoring.tie_break.filter(function (l) { return tied.indexOf(l) !== -1; })[0];
    }
    var shortlist = data.models.filter(function (model) {
      return requirements.every(function (requires) { return meets(model, requires); });
    }).map(function (model) { return model.id; }).sort();
    return {totals: totals, leaning: leaning, tied: tied, contributions: contributions,
            shortlist: shortlist, requirements: requirements};
  }

  function meets(model, requires) {
    return Object.keys(requires).every(function (field) {
      var value = model[field];
      var values = Array.isArray(value) ? value : [value];
      return values.some(function (v) { return requires[field].indexOf(v) !== -1; });
    });
  }

  window.OpenOrClosedChecklist = {score: score};

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
    var modelsById = {};
    data.models.forEach(function (m) { modelsById[m.id] = m; });

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
      return data.scoring.leanings.map(function (l) {
        return fill(text.total, {leaning: data.leanings[l], total: totals[l]});
      }).join(text.separator);
    }

    function render() {
      var answers = readAnswers();
      remember(answers);
      var outcome = score(data, answers);
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
      data.scoring.leanings.forEach(function (l) {
        result.querySelector('[data-total="' + l + '"]').textContent = outcome.totals[l];
      });
      var reasons = result.querySelector("[data-result-reasons]");
      reasons.textContent = "";
      outcome.contributions.forEach(function (c) {
        var item = document.createElement("li");
        var points = data.scoring.leanings.map(function (l) {
          return fill(text.points, {leaning: data.leanings[l], points: c.points[l]});
        }).join(text.separator);
        item.textContent = fill(text.reason, {criterion: c.criterion.name, option: c.option.label,
                                               weight: c.criterion.weight, points: points});
        reasons.appendChild(item);
      });
      var missing = data.criteria.filter(function (c) {
        return c.weight >= data.scoring.required_weight && !answers[c.id];
      }).map(function (c) { return c.name; });
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
        shortlistSummary.textContent = fill(text.shortlist_all, {total: data.models.length});
        return;
      }
      shortlistSummary.textContent = outcome.shortlist.length
        ? fill(text.shortlist_some, {count: outcome.shortlist.length, total: data.models.length})
        : text.shortlist_none;
      outcome.shortlist.forEach(function (id) {
        var model = modelsById[id];
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
