// The decision rule of data/scoring.yaml in JavaScript: the leaning and the ranked shortlist.
// generator/decide/scoring.py and generator/decide/shortlist.py are the other implementation;
// tests/scoring_vectors.yaml and the calibration readers prove the two agree. The candidates
// (each model's derived fields) come from the page's data, computed by
// generator/decide/candidates.py, so nothing is derived here.
(function () {
  "use strict";

  // data: {scoring, criteria, candidates}; answers: {criterionId: optionId}; domain: id or null.
  function score(data, answers, domain) {
    var scoring = data.scoring, scored = scoring.scored;
    var totals = {};
    scored.forEach(function (l) { totals[l] = 0; });
    var contributions = [], requirements = [], suggests = false, rulesOut = false;
    data.criteria.forEach(function (criterion) {
      var chosen = answers[criterion.id];
      if (chosen === undefined) return;
      var option = criterion.options.filter(function (o) { return o.id === chosen; })[0];
      if (!option) return;
      var points = {};
      scored.forEach(function (l) {
        points[l] = criterion.weight * (option.leans[l] || 0);
        totals[l] += points[l];
      });
      contributions.push({criterion: criterion, option: option, points: points});
      if (option.requires || option.rules_out) {
        requirements.push({requires: option.requires || {}, rules_out: option.rules_out || {}});
      }
      if (option.hybrid === "suggests") suggests = true;
      if (option.hybrid === "rules-out") rulesOut = true;
    });
    var qualifying = data.candidates.filter(function (c) { return qualifies(c, requirements); });
    var feasible = scored.filter(function (side) {
      return qualifying.some(function (c) { return c.side === side; });
    });
    var leaning = null, reason = null, tied = [];
    if (contributions.length) {
      var chosen = chooseLeaning(totals, feasible, suggests, rulesOut, scoring);
      leaning = chosen[0]; reason = chosen[1]; tied = chosen[2];
    }
    var ranked = rank(qualifying, leaning, domain || null, scoring);
    var missing = data.criteria.filter(function (c) {
      return c.weight >= scoring.required_weight && answers[c.id] === undefined;
    }).map(function (c) { return c.id; });
    return {totals: totals, leaning: leaning, reason: reason, tied: tied, contributions: contributions,
            requirements: requirements, feasible: feasible, ranked: ranked,
            shortlist: ranked.map(function (e) { return e.candidate.id; }), missing: missing};
  }

  function chooseLeaning(totals, feasible, suggests, rulesOut, scoring) {
    var hybridPossible = feasible.length === scoring.scored.length && !rulesOut;
    if (suggests && hybridPossible) return ["hybrid", "split-workloads", []];
    var sides, reason;
    if (!feasible.length) { sides = scoring.scored.slice(); reason = "none-qualifies"; }
    else if (feasible.length === 1) return [feasible[0], "only-side", []];
    else { sides = feasible; reason = "higher-total"; }
    var values = sides.map(function (s) { return totals[s]; });
    var high = Math.max.apply(null, values), low = Math.min.apply(null, values);
    if (reason === "higher-total" && hybridPossible && high > 0 && high - low <= scoring.hybrid_margin * high) {
      return ["hybrid", "narrow-margin", []];
    }
    var tied = sides.filter(function (s) { return totals[s] === high; });
    var winner = scoring.tie_break.filter(function (s) { return tied.indexOf(s) !== -1; })[0];
    if (tied.length > 1 && reason === "higher-total") reason = "tie";
    return [winner, reason, tied.length > 1 ? tied : []];
  }

  function listOf(value) { return Array.isArray(value) ? value : [value]; }

  function qualifies(candidate, requirements) {
    if (candidate.availability === "retired") return false;
    return requirements.every(function (constraint) {
      var meets = Object.keys(constraint.requires).every(function (name) {
        return listOf(candidate[name]).some(function (v) { return constraint.requires[name].indexOf(v) !== -1; });
      });
      var banned = Object.keys(constraint.rules_out).some(function (name) {
        return listOf(candidate[name]).some(function (v) { return constraint.rules_out[name].indexOf(v) !== -1; });
      });
      return meets && !banned;
    });
  }

  // The sort key of generator/decide/shortlist.py, compared part by part.
  function sortKey(c, leaning, domain, ranking) {
    var parts = [];
    ranking.forEach(function (key) {
      if (key === "available-first") parts.push(c.availability === "available" ? 0 : 1);
      else if (key === "leaning-side-first") parts.push((leaning === "open" || leaning === "closed") && c.side === leaning ? 0 : 1);
      else if (key === "newest-year-first") parts.push(-parseInt(String(c.release).slice(0, 4), 10));
      else if (key === "domain-first") parts.push(domain && c.domains.indexOf(domain) !== -1 ? 0 : 1);
      else if (key === "newest-first") String(c.release).split("-").forEach(function (p) { parts.push(-parseInt(p, 10)); });
      else throw new Error("unknown ranking key " + key);
    });
    return parts;
  }

  function compare(a, b) {
    for (var i = 0; i < Math.max(a.key.length, b.key.length); i++) {
      if (a.key[i] !== b.key[i]) return a.key[i] < b.key[i] ? -1 : 1;
    }
    var an = a.c.name.toLowerCase(), bn = b.c.name.toLowerCase();
    if (an !== bn) return an < bn ? -1 : 1;
    return a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0;
  }

  function rank(candidates, leaning, domain, scoring) {
    var ordered = candidates.map(function (c) { return {c: c, key: sortKey(c, leaning, domain, scoring.ranking)}; })
      .sort(compare).map(function (e) { return e.c; });
    var entries = [], byFamily = {};
    ordered.forEach(function (c) {
      if (c.family && byFamily[c.family]) { byFamily[c.family].folded.push(c.id); return; }
      var entry = {candidate: c, reasons: [], folded: []};
      entries.push(entry);
      if (c.family) byFamily[c.family] = entry;
    });
    entries.forEach(function (e) { e.reasons = reasons(e, leaning, domain); });
    return entries;
  }

  function reasons(entry, leaning, domain) {
    var c = entry.candidate, found = [];
    if (leaning === "open" || leaning === "closed") found.push([c.side === leaning ? "side-match" : "side-other", {side: c.side || ""}]);
    if (domain) found.push([c.domains.indexOf(domain) !== -1 ? "domain-match" : "domain-other", {domain: domain}]);
    found.push([entry.folded.length ? "newest-of-family" : "release", {release: c.release, folded: entry.folded.length}]);
    if (c.availability === "deprecated") found.push(["deprecated", {retires: c.retires || ""}]);
    return found;
  }

  // The words of generator/decide/explain.py: texts are the `decision` section of data/strings/.
  function leaningSentence(outcome, texts, leaningLabels, scoring) {
    if (!outcome.leaning) return "";
    var values = {leaning: leaningLabels[outcome.leaning], margin: Math.round(scoring.hybrid_margin * 100),
                  side: texts.side[outcome.leaning] || ""};
    scoring.scored.forEach(function (s) { values[s] = outcome.totals[s]; });
    return window.OpenOrClosed.fill(texts.reason[outcome.reason], values);
  }

  function rankLine(entry, texts, domainNames) {
    return entry.reasons.filter(function (r) { return texts.ranked[r[0]]; }).map(function (r) {
      var values = {};
      Object.keys(r[1]).forEach(function (k) { values[k] = r[1][k]; });
      values.side = texts.side[r[1].side] || "";
      values.domain = domainNames[r[1].domain] || r[1].domain || "";
      return window.OpenOrClosed.fill(texts.ranked[r[0]], values);
    }).join(texts.separator);
  }

  window.OpenOrClosedDecide = {score: score, qualifies: qualifies, rank: rank, leaningSentence: leaningSentence,
                               rankLine: rankLine};
})();
