"""The cost page: a break-even calculator between an API's list price and rented accelerators
running an open-weight model. The page carries the choices (list prices, model sizes, accelerators
with their rental prices, each with its record's page) as data; content/assets/cost.js computes
with the twin of generator/decide/cost.py and keeps the reader's inputs in the address. Without
JavaScript, a table worked out here for three preset volumes stands in.

    pages = cost_page(site)     # {"cost.md": ...}
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.derived import number_of_parameters
from ..decide.cost import (HOURS_PER_MONTH, PRECISIONS, PRESET_CALLS, TOKENS_PER_CALL, accelerator_options, api_options,
                           compute, default_choice, open_options, preset_volume, scenario_inputs)
from .checklist import script_json, script_texts
from .compare import plain
from .urls import record_page

PAGE = "cost.md"


def choices(site, page: str) -> dict:
    """The calculator's lists, each option with its label and its record's page."""
    dataset, texts = site.dataset, site.strings.js.cost
    href = lambda kind, record_id: site.urls.href(record_page(kind, record_id), page)
    api = api_options(dataset)
    for o in api:
        o["href"] = href("models", o["model"])
        o["label"] = plain(texts.api_option, model=o["name"], api_id=o["api_id"], currency=o["currency"].upper(),
                           tier=plain(texts.tier, tier=o["tier"]) if o["tier"] else "", input=o["input"], output=o["output"])
    open_ = open_options(dataset)
    for o in open_:
        o["href"] = href("models", o["model"])
        active = (plain(texts.active_option, active=number_of_parameters(o["active_parameters"]))
                  if o["variant"] else "")
        o["label"] = plain(texts.open_option, model=o["name"], size=number_of_parameters(o["parameters"]), active=active)
        o["size"] = number_of_parameters(o["parameters"])
        o["active"] = number_of_parameters(o["active_parameters"])
    accelerators = accelerator_options(dataset)
    for o in accelerators:
        o["href"] = href("accelerators", o["accelerator"])
        o["label"] = plain(texts.accelerator_option, accelerator=o["name"], currency=o["currency"].upper(),
                           price=o["price_per_hour"], provider=o["provider"])
    return {"api": api, "open": open_, "accelerators": accelerators,
            "default": default_choice(dataset, api, open_, accelerators)}


def texts(site) -> dict[str, str]:
    """The script's texts (strings: js.cost) and the page's sentences on the break-even (cost.break_even*)."""
    page = site.strings.cost
    return {**script_texts(site.strings, "cost"), "break_even_sentence": str(page.break_even),
            "break_even_within": str(page.break_even_within), "break_even_beyond": str(page.break_even_beyond)}


def preset_rows(options: dict) -> list[dict]:
    """The default comparison at each preset volume."""
    chosen = options["default"]
    api = next(o for o in options["api"] if o["id"] == chosen["api"])
    open_ = next(o for o in options["open"] if o["id"] == chosen["open"])
    accelerator = next(o for o in options["accelerators"] if o["id"] == chosen["accelerator"])
    rows = []
    for option in PRESET_CALLS:
        volume = preset_volume(option)
        rows.append({"option": option, "volume": volume,
                     "result": compute(scenario_inputs(api, open_, accelerator, volume, chosen))})
    return rows


def cost_page(site) -> dict[str, str]:
    options = choices(site, PAGE)
    chosen = options["default"]
    body = {}
    if chosen:
        api = next(o for o in options["api"] if o["id"] == chosen["api"])
        open_ = next(o for o in options["open"] if o["id"] == chosen["open"])
        accelerator = next(o for o in options["accelerators"] if o["id"] == chosen["accelerator"])
        middle = preset_volume("moderate-volume")
        data = {**options, "precisions": list(PRECISIONS), "start": {**chosen, "input_mtok": f"{middle['input_mtok']:g}",
                                                                    "output_mtok": f"{middle['output_mtok']:g}"}}
        body = {"api_choice": api, "open_choice": open_, "accelerator_choice": accelerator, "rows": preset_rows(options),
                "form": Markup(site.render_html("cost.html.j2", PAGE, options=options, start=data["start"],
                                                precisions=PRECISIONS, data_json=script_json(data),
                                                texts=texts(site), json=script_json))}
    return {PAGE: site.render("cost.md.j2", PAGE, chosen=chosen, hours=HOURS_PER_MONTH, tokens_per_call=TOKENS_PER_CALL,
                              **body)}
