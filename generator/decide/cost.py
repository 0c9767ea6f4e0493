"""Cost at volume: an API's list price against renting accelerators to serve an open-weight model.
content/assets/cost.js is the other implementation of compute(); tests/cost_vectors.yaml proves
that the two agree. Everything here works on plain numbers and dicts, so that both read alike.

    result = compute({"input_mtok": 400, "output_mtok": 100, "price_input": 0.5, "price_output": 1.5,
                      "parameters": 675e9, "active_parameters": 41e9, "bits": 16,
                      "memory_gb": 141, "bandwidth_gbps": 4800, "price_per_hour": 5,
                      "utilisation": 0.5, "batch": 8})
    result["api_monthly"], result["self_hosted_monthly"], result["break_even_mtok"]

The rule, step by step (volumes in millions of tokens a month, prices per million tokens or per
accelerator-hour, one currency):
1. API cost = input volume × input price + output volume × output price.
2. Weights in memory = parameters × bits ÷ 8 bytes (GB = 10^9 bytes).
3. Accelerators per replica = the weights ÷ one accelerator's memory, rounded up: weights only,
   nothing for the KV cache or activations, so it is a lower bound.
4. Generation bound: each generated token reads every active weight once from memory, so one
   sequence gets at most (accelerators × bandwidth) ÷ (active parameters × bits ÷ 8) tokens a
   second. A batch of sequences shares each read: × the batch factor (the reader's setting).
5. A replica's monthly capacity = that rate × 3,600 s × HOURS_PER_MONTH × utilisation.
6. A replica costs accelerators × hourly price × HOURS_PER_MONTH, busy or not.
7. Self-hosted cost = the replicas the output volume needs (at least one) × a replica's cost.
8. Break-even: the monthly output volume at which the API, at the reader's ratio of input to
   output tokens, costs as much as one replica: replica cost ÷ (output price + ratio × input
   price). Beyond one replica's capacity the break-even is not reached with these settings.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ..data.derived import is_open_weights

# A month of continuous renting: 365 × 24 ÷ 12 = 730 hours.
HOURS_PER_MONTH = 730
PRECISIONS = (16, 8, 4)
# The reader's settings before they change them; each is shown, and explained, on the page.
DEFAULTS = {"bits": 16, "utilisation": 0.5, "batch": 8}
# Rounding up a count computed in floating point: 140.00000000000003 GB on 140 GB is one accelerator.
EPSILON = 1e-9

# The checklist question on volume, and a monthly volume for each of its answers: calls a month ×
# tokens per call (strings: cost.preset_assumption words it). The cost page's table uses the same three.
VOLUME_CRITERION = "total-cost-at-volume"
TOKENS_PER_CALL = {"input": 1000, "output": 250}
PRESET_CALLS = {"low-volume": 10_000, "moderate-volume": 1_000_000, "high-volume": 30_000_000}
# Tasks whose output is generated token by token, which the generation bound describes.
GENERATIVE_TASKS = ("chat", "code", "reasoning")


def preset_volume(option: str) -> dict:
    """{"calls", "input_mtok", "output_mtok"} of a preset (an option of VOLUME_CRITERION)."""
    calls = PRESET_CALLS[option]
    return {"calls": calls, "input_mtok": calls * TOKENS_PER_CALL["input"] / 1e6,
            "output_mtok": calls * TOKENS_PER_CALL["output"] / 1e6}


def weights_gb(parameters: float, bits: int) -> float:
    """Memory the weights take at `bits` per parameter, in GB (10^9 bytes)."""
    return parameters * bits / 8 / 1e9


def round_up(value: float) -> int:
    return max(0, math.ceil(value - EPSILON))


def compute(inputs: dict) -> dict:
    """The whole working, as numbers; the page and the report word it. See the module's rule."""
    i = inputs
    input_mtok, output_mtok = i["input_mtok"], i["output_mtok"]
    api_monthly = input_mtok * i["price_input"] + output_mtok * i["price_output"]
    weights = weights_gb(i["parameters"], i["bits"])
    accelerators = max(1, round_up(weights / i["memory_gb"]))
    active_gb = weights_gb(i["active_parameters"], i["bits"])
    single = accelerators * i["bandwidth_gbps"] / active_gb
    throughput = single * i["batch"]
    capacity_mtok = throughput * 3600 * HOURS_PER_MONTH * i["utilisation"] / 1e6
    replica_monthly = accelerators * i["price_per_hour"] * HOURS_PER_MONTH
    replicas = max(1, round_up(output_mtok / capacity_mtok)) if input_mtok + output_mtok > 0 else 0
    self_hosted_monthly = replicas * replica_monthly
    ratio = input_mtok / output_mtok if output_mtok > 0 else None
    api_per_output = i["price_output"] + ratio * i["price_input"] if ratio is not None else None
    break_even = replica_monthly / api_per_output if api_per_output else None
    return {
        "api_monthly": api_monthly,
        "weights_gb": weights,
        "accelerators": accelerators,
        "active_gb": active_gb,
        "tokens_per_second_single": single,
        "tokens_per_second": throughput,
        "capacity_mtok": capacity_mtok,
        "replica_monthly": replica_monthly,
        "replicas": replicas,
        "self_hosted_monthly": self_hosted_monthly,
        "ratio": ratio,
        "api_per_output_mtok": api_per_output,
        "self_hosted_per_output_mtok": replica_monthly / capacity_mtok,
        "break_even_mtok": break_even,
        "break_even_within_capacity": break_even is not None and break_even <= capacity_mtok,
        "cheaper": "api" if api_monthly < self_hosted_monthly else "self-hosted" if self_hosted_monthly < api_monthly
                   else "equal",
    }


# ---------------------------------------------------------------- the data the calculator offers

def option_id(record_id: str, index: int) -> str:
    """A choice's value in the page's address: the record and which of its prices or sizes ("kimi-k2-5_0")."""
    return f"{record_id}_{index}"


def footprint(model: dict) -> list[dict]:
    """Each published size of an open-weight model with the memory its weights need at each precision,
    and the parameters active per token (a variant's active_parameters, else every parameter)."""
    if not is_open_weights(model) or not model.get("parameters"):
        return []
    rows = []
    for parameters in model["parameters"]:
        variant = next((v for v in model.get("variants") or []
                        if v.get("parameters") == parameters and v.get("active_parameters")), None)
        rows.append({"parameters": parameters, "active_parameters": variant["active_parameters"] if variant else parameters,
                     "variant": variant["name"] if variant else None,
                     "memory_gb": {bits: weights_gb(parameters, bits) for bits in PRECISIONS}})
    return rows


def lowest_prices(model: dict) -> dict | None:
    """The lowest input and output list price per million tokens, in the currency of the model's first
    price, with the dates they were read; None for a model without a price."""
    prices = model.get("prices") or []
    if not prices:
        return None
    currency = prices[0]["currency"]
    same = [p for p in prices if p["currency"] == currency]
    return {"currency": currency, "input": min(p["input"] for p in same), "output": min(p["output"] for p in same),
            "as_of": sorted({str(p["as_of"]) for p in same})}


def lowest_rental(accelerator: dict) -> dict | None:
    prices = accelerator.get("rental_prices") or []
    if not prices:
        return None
    currency = prices[0]["currency"]
    same = [p for p in prices if p["currency"] == currency]
    return {"currency": currency, "price_per_hour": min(p["price_per_hour"] for p in same),
            "as_of": sorted({str(p["as_of"]) for p in same})}


def api_options(dataset) -> list[dict]:
    """Every list price of every model, as a choice of the calculator."""
    options = []
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        for index, price in enumerate(model.get("prices") or []):
            options.append({"id": option_id(model_id, index), "model": model_id, "name": model["name"],
                            "api_id": price["api_id"], "tier": price.get("tier"), "input": price["input"],
                            "output": price["output"], "currency": price["currency"], "as_of": str(price["as_of"])})
    return options


def open_options(dataset) -> list[dict]:
    """Every published size of every open-weight model that generates text, as a choice of the calculator."""
    options = []
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        if not set(model.get("tasks") or []) & set(GENERATIVE_TASKS):
            continue
        for index, row in enumerate(footprint(model)):
            options.append({"id": option_id(model_id, index), "model": model_id, "name": model["name"],
                            "parameters": row["parameters"], "active_parameters": row["active_parameters"],
                            "variant": row["variant"]})
    return options


def accelerator_options(dataset) -> list[dict]:
    """Every rental price of every accelerator, as a choice of the calculator."""
    options = []
    for accelerator_id in sorted(dataset.records["accelerators"]):
        accelerator = dataset.records["accelerators"][accelerator_id].data
        for index, price in enumerate(accelerator.get("rental_prices") or []):
            options.append({"id": option_id(accelerator_id, index), "accelerator": accelerator_id,
                            "name": accelerator["name"], "memory_gb": accelerator["memory_gb"],
                            "bandwidth_gbps": accelerator["memory_bandwidth_gbps"],
                            "price_per_hour": price["price_per_hour"], "currency": price["currency"],
                            "provider": price["provider"], "as_of": str(price["as_of"])})
    return options


def best_value_accelerator(accelerators: list[dict], currency: str) -> dict | None:
    """The rental offer in `currency` with the lowest hourly price per GB/s of memory bandwidth: under
    the calculator's own throughput bound (tokens per second grow with bandwidth) the cheapest per token.
    None when no offer is in that currency."""
    offers = [a for a in accelerators if a["currency"] == currency]
    return min(offers, key=lambda a: (a["price_per_hour"] / a["bandwidth_gbps"], a["id"])) if offers else None


def default_choice(dataset, api: list[dict], open_: list[dict], accelerators: list[dict]) -> dict | None:
    """The page's first scenario: the largest size of an open-weight model (access open-weights, the
    fewest conditions) that its developer also sells by the token, against that list price (the same
    model bought or run: the fairest comparison); else the first of each list. The accelerator is the
    best value in the currency of the API price (best_value_accelerator), else the first. None when a
    list is empty."""
    if not (api and open_ and accelerators):
        return None
    priced = {o["model"] for o in api}
    models = dataset.records["models"]
    both = [o for o in open_ if o["model"] in priced and models[o["model"]].data["access"] == "open-weights"]
    chosen_open = max(both, key=lambda o: (o["parameters"], o["id"])) if both else open_[0]
    chosen_api = next((o for o in api if o["model"] == chosen_open["model"]), api[0])
    chosen_accelerator = best_value_accelerator(accelerators, chosen_api["currency"]) or accelerators[0]
    return {"api": chosen_api["id"], "open": chosen_open["id"], "accelerator": chosen_accelerator["id"], **DEFAULTS}


def scenario_inputs(api: dict, open_: dict, accelerator: dict, volume: dict, settings: dict) -> dict:
    """The inputs of compute() from the chosen options, a volume and the reader's settings."""
    return {"input_mtok": volume["input_mtok"], "output_mtok": volume["output_mtok"],
            "price_input": api["input"], "price_output": api["output"],
            "parameters": open_["parameters"], "active_parameters": open_["active_parameters"], "bits": settings["bits"],
            "memory_gb": accelerator["memory_gb"], "bandwidth_gbps": accelerator["bandwidth_gbps"],
            "price_per_hour": accelerator["price_per_hour"], "utilisation": settings["utilisation"],
            "batch": settings["batch"]}


def comparison_for(candidates: list[dict], dataset, option: str) -> dict | None:
    """The report's comparison: the first candidate (in the reader's ranking) with a list price against
    the first open-weight candidate with published parameters (its largest size), on the best-value
    accelerator in the price's currency (best_value_accelerator), at the preset volume of `option`; None
    when one is missing."""
    api = api_options(dataset)
    open_ = open_options(dataset)
    accelerators = accelerator_options(dataset)
    ids = [c["id"] for c in candidates]
    chosen_api = next((o for model_id in ids for o in api if o["model"] == model_id), None)
    sizes = [o for model_id in ids for o in open_ if o["model"] == model_id]
    if not chosen_api or not sizes:
        return None
    first_model = sizes[0]["model"]
    chosen_open = max((o for o in sizes if o["model"] == first_model), key=lambda o: o["parameters"])
    chosen_accelerator = best_value_accelerator(accelerators, chosen_api["currency"])
    if chosen_accelerator is None:
        return None
    volume = preset_volume(option)
    settings = dict(DEFAULTS)
    return {"api": chosen_api, "open": chosen_open, "accelerator": chosen_accelerator, "volume": volume,
            "settings": settings, "option": option,
            "result": compute(scenario_inputs(chosen_api, chosen_open, chosen_accelerator, volume, settings))}


def format_number(value: float | None, thousands: str = ",", decimal: str = ".") -> str:
    """A number for reading: whole from 100, two decimals from 1, else up to four, trailing zeros cut
    (content/assets/cost.js formats alike, with the separators of data/strings/)."""
    if value is None:
        return ""
    value = value or 0.0   # -0.0 reads as 0
    magnitude = abs(value)
    digits = 0 if magnitude >= 100 else 2 if magnitude >= 1 else 4
    # The exact binary value, a tie rounded away from zero: what JavaScript's toFixed() does.
    text = str(Decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + thousands.join(groups) + (decimal + fraction if fraction else "")
