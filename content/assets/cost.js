// The cost calculator of cost.md. compute() and formatNumber() are the twins of
// generator/decide/cost.py's compute() and format_number(); tests/cost_vectors.yaml proves that
// the two agree. The page's form keeps the reader's inputs in the address; every number shown
// names its source: a record's page (which cites), the reader's setting, or the rows above.
// Its texts are the page's cost-text block; the choices and their records, the cost-data block.
(function () {
  "use strict";

  var HOURS_PER_MONTH = 730;   // generator/decide/cost.py: HOURS_PER_MONTH
  var EPSILON = 1e-9;          // generator/decide/cost.py: EPSILON

  function weightsGb(parameters, bits) { return parameters * bits / 8 / 1e9; }

  function roundUp(value) { return Math.max(0, Math.ceil(value - EPSILON)); }

  // The rule of generator/decide/cost.py, step by step, in the same order of operations.
  function compute(i) {
    var inputMtok = i.input_mtok, outputMtok = i.output_mtok;
    var apiMonthly = inputMtok * i.price_input + outputMtok * i.price_output;
    var weights = weightsGb(i.parameters, i.bits);
    var accelerators = Math.max(1, roundUp(weights / i.memory_gb));
    var activeGb = weightsGb(i.active_parameters, i.bits);
    var single = accelerators * i.bandwidth_gbps / activeGb;
    var throughput = single * i.batch;
    var capacity = throughput * 3600 * HOURS_PER_MONTH * i.utilisation / 1e6;
    var replicaMonthly = accelerators * i.price_per_hour * HOURS_PER_MONTH;
    var replicas = inputMtok + outputMtok > 0 ? Math.max(1, roundUp(outputMtok / capacity)) : 0;
    var selfHosted = replicas * replicaMonthly;
    var ratio = outputMtok > 0 ? inputMtok / outputMtok : null;
    var apiPerOutput = ratio !== null ? i.price_output + ratio * i.price_input : null;
    var breakEven = apiPerOutput ? replicaMonthly / apiPerOutput : null;
    return {
      api_monthly: apiMonthly,
      weights_gb: weights,
      accelerators: accelerators,
      active_gb: activeGb,
      tokens_per_second_single: single,
      tokens_per_second: throughput,
      capacity_mtok: capacity,
      replica_monthly: replicaMonthly,
      replicas: replicas,
      self_hosted_monthly: selfHosted,
      ratio: ratio,
      api_per_output_mtok: apiPerOutput,
      self_hosted_per_output_mtok: replicaMonthly / capacity,
      break_even_mtok: breakEven,
      break_even_within_capacity: breakEven !== null && breakEven <= capacity,
      cheaper: apiMonthly < selfHosted ? "api" : selfHosted < apiMonthly ? "self-hosted" : "equal"
    };
  }

  // A number for reading: whole above 100, two decimals above 1, else up to four, trailing zeros cut.
  function formatNumber(value, thousands, decimal) {
    if (value === null || value === undefined) return "";
    var magnitude = Math.abs(value);
    var digits = magnitude >= 100 ? 0 : magnitude >= 1 ? 2 : 4;
    var text = value.toFixed(digits);
    if (text.indexOf(".") !== -1) text = text.replace(/0+$/, "").replace(/\.$/, "");
    var parts = text.split(".");
    var whole = parts[0], sign = "";
    if (whole.charAt(0) === "-") { sign = "-"; whole = whole.slice(1); }
    var groups = [];
    while (whole.length > 3) { groups.unshift(whole.slice(-3)); whole = whole.slice(0, -3); }
    groups.unshift(whole);
    return sign + groups.join(thousands) + (parts.length > 1 ? decimal + parts[1] : "");
  }

  window.OpenOrClosedCost = {compute: compute, formatNumber: formatNumber, HOURS_PER_MONTH: HOURS_PER_MONTH};

  // A text whose {placeholders} may be links ({text, href}) or plain values, as DOM nodes.
  function nodes(template, values) {
    var fragment = document.createDocumentFragment();
    String(template).split(/(\{[a-z0-9_]+\})/).forEach(function (part) {
      var match = /^\{([a-z0-9_]+)\}$/.exec(part);
      var value = match && Object.prototype.hasOwnProperty.call(values, match[1]) ? values[match[1]] : null;
      if (value !== null && typeof value === "object") {
        var link = document.createElement("a");
        link.href = value.href;
        link.textContent = value.text;
        fragment.appendChild(link);
      } else if (part) {
        fragment.appendChild(document.createTextNode(value !== null ? String(value) : part));
      }
    });
    return fragment;
  }

  var NAMES = ["in", "out", "api", "open", "acc", "bits", "util", "batch"];

  function init() {
    var root = document.querySelector("[data-cost]");
    if (!root) return;
    var fill = window.OpenOrClosed.fill;
    var data = JSON.parse(document.getElementById("cost-data").textContent);
    var text = window.OpenOrClosed.text("cost-text");
    var form = root.querySelector("[data-cost-form]");
    var result = root.querySelector("[data-cost-result]");
    var working = result.querySelector("[data-cost-working]");
    var byId = function (list) {
      var found = {};
      list.forEach(function (o) { found[o.id] = o; });
      return found;
    };
    var choices = {api: byId(data.api), open: byId(data.open), acc: byId(data.accelerators)};
    var start = {"in": data.start.input_mtok, out: data.start.output_mtok, api: data.start.api, open: data.start.open,
                 acc: data.start.accelerator, bits: String(data.start.bits),
                 util: String(Math.round(data.start.utilisation * 100)), batch: String(data.start.batch)};
    var fmt = function (value) { return formatNumber(value, text.thousands, text.decimal); };

    function number(name, low, high, fallback) {
      var value = parseFloat(form.elements[name].value);
      if (!isFinite(value)) return fallback;
      return Math.min(high, Math.max(low, value));
    }

    function setField(name, value) {
      var field = form.elements[name];
      if (field.tagName === "SELECT") {
        if (field.querySelector('option[value="' + CSS.escape(value) + '"]')) field.value = value;
      } else if (isFinite(parseFloat(value))) {
        field.value = value;
      }
    }

    function restore() {
      var params = new URLSearchParams(window.location.search);
      NAMES.forEach(function (name) { if (params.has(name)) setField(name, params.get(name)); });
    }

    function remember() {
      var params = new URLSearchParams();
      NAMES.forEach(function (name) { params.set(name, form.elements[name].value); });
      history.replaceState(null, "", window.location.pathname + "?" + params.toString() + window.location.hash);
    }

    function row(label, value, source) {
      var tr = document.createElement("tr");
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = label;
      var td = document.createElement("td");
      td.textContent = value;
      var cell = document.createElement("td");
      cell.className = "cost-source";
      cell.appendChild(typeof source === "string" ? document.createTextNode(source) : source);
      tr.appendChild(th);
      tr.appendChild(td);
      tr.appendChild(cell);
      working.appendChild(tr);
    }

    function render() {
      remember();
      var api = choices.api[form.elements.api.value], open = choices.open[form.elements.open.value];
      var acc = choices.acc[form.elements.acc.value];
      var bits = parseInt(form.elements.bits.value, 10);
      var inputMtok = number("in", 0, Infinity, 0), outputMtok = number("out", 0, Infinity, 0);
      var utilisation = number("util", 1, 100, 50) / 100, batch = number("batch", 1, 4096, 1);
      var summary = result.querySelector("[data-cost-summary]");
      var breakEvenText = result.querySelector("[data-cost-break-even]");
      working.textContent = "";
      if (api.currency !== acc.currency) {
        summary.textContent = text.currency_mismatch;
        breakEvenText.textContent = "";
        result.setAttribute("data-cheaper", "");
        return;
      }
      var r = compute({input_mtok: inputMtok, output_mtok: outputMtok, price_input: api.input, price_output: api.output,
                       parameters: open.parameters, active_parameters: open.active_parameters, bits: bits,
                       memory_gb: acc.memory_gb, bandwidth_gbps: acc.bandwidth_gbps, price_per_hour: acc.price_per_hour,
                       utilisation: utilisation, batch: batch});
      var currency = api.currency.toUpperCase();
      var money = function (value) { return fill(text.money, {currency: currency, amount: fmt(value)}); };
      var apiLink = {text: api.name, href: api.href}, openLink = {text: open.name, href: open.href};
      var accLink = {text: acc.name, href: acc.href};
      var how = open.variant ? fill(text.active_variant, {variant: open.variant}) : text.active_all;

      row(text.volume, fill(text.volume_value, {input: fmt(inputMtok), output: fmt(outputMtok)}), text.setting);
      row(text.api_price, fill(text.api_price_value, {currency: currency, input: api.input, output: api.output}),
          nodes(text.api_price_source, {model: apiLink, as_of: api.as_of}));
      row(text.api_cost, fill(text.api_cost_value, {input: fmt(inputMtok), price_input: api.input, output: fmt(outputMtok),
                                                    price_output: api.output, money: money(r.api_monthly)}), text.formula);
      row(text.weights, fill(text.weights_value, {parameters: open.size, bits: bits, gb: fmt(r.weights_gb)}),
          nodes(text.weights_source, {model: openLink}));
      row(text.accelerators, fill(text.accelerators_value, {gb: fmt(r.weights_gb), memory: acc.memory_gb,
                                                            count: r.accelerators}),
          nodes(text.accelerators_source, {accelerator: accLink}));
      row(text.bound, fill(text.bound_value, {count: r.accelerators, bandwidth: fmt(acc.bandwidth_gbps), active: open.active,
                                              bits: bits, active_gb: fmt(r.active_gb), rate: fmt(r.tokens_per_second_single)}),
          nodes(text.bound_source, {accelerator: accLink, model: openLink, how: how}));
      row(text.throughput, fill(text.throughput_value, {rate: fmt(r.tokens_per_second_single), batch: fmt(batch),
                                                        throughput: fmt(r.tokens_per_second)}), text.setting);
      row(text.capacity, fill(text.capacity_value, {throughput: fmt(r.tokens_per_second), hours: HOURS_PER_MONTH,
                                                    utilisation: fmt(utilisation * 100), capacity: fmt(r.capacity_mtok)}),
          fill(text.capacity_source, {hours: HOURS_PER_MONTH}));
      row(text.replica, fill(text.replica_value, {count: r.accelerators, currency: currency, price: acc.price_per_hour,
                                                  hours: HOURS_PER_MONTH, money: money(r.replica_monthly)}),
          nodes(text.replica_source, {accelerator: accLink, provider: acc.provider, as_of: acc.as_of}));
      row(text.replicas, fill(text.replicas_value, {output: fmt(outputMtok), capacity: fmt(r.capacity_mtok),
                                                    replicas: r.replicas}), text.formula);
      row(text.self_cost, fill(text.self_cost_value, {replicas: r.replicas, replica: money(r.replica_monthly),
                                                      money: money(r.self_hosted_monthly)}), text.formula);
      if (r.break_even_mtok !== null) {
        row(text.break_even, fill(text.break_even_value, {replica: money(r.replica_monthly), price_output: api.output,
                                                          ratio: fmt(r.ratio), price_input: api.input,
                                                          break_even: fmt(r.break_even_mtok)}), text.break_even_source);
        breakEvenText.textContent = fill(text.break_even_sentence, {ratio: fmt(r.ratio), break_even: fmt(r.break_even_mtok)}) +
          " " + fill(r.break_even_within_capacity ? text.break_even_within : text.break_even_beyond,
                     {capacity: fmt(r.capacity_mtok)});
      } else {
        row(text.break_even, text.break_even_none, text.setting);
        breakEvenText.textContent = text.break_even_none;
      }
      summary.textContent = fill(text["conclusion_" + r.cheaper], {api: money(r.api_monthly), self: money(r.self_hosted_monthly)});
      result.setAttribute("data-cheaper", r.cheaper);
      result.setAttribute("data-api-monthly", r.api_monthly);
      result.setAttribute("data-self-hosted-monthly", r.self_hosted_monthly);
    }

    restore();
    form.hidden = false;
    result.hidden = false;
    form.addEventListener("input", render);
    form.addEventListener("change", render);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    root.querySelector("[data-cost-reset]").addEventListener("click", function () {
      NAMES.forEach(function (name) { setField(name, start[name]); });
      render();
    });
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
