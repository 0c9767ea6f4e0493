"""Charts rendered at build time as inline SVG: no script, no CDN, printable.

    pages = charts_page(site)     # {"charts.md": ...}

Geometry is computed here; the templates lay out the titles, labels and data tables, whose
words, like the value texts here, come from the strings (data/strings/).
"""

from __future__ import annotations

import math
from collections import Counter

from markupsafe import Markup, escape

from ..data.derived import is_open_weights, number_of_parameters, openness_score
from .templating import fill

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def charts_page(site) -> dict[str, str]:
    dataset, page = site.dataset, "charts.md"
    models = [dataset.records["models"][i].data for i in sorted(dataset.records["models"])]
    percent = lambda value: fill(site.strings.common.percent, escape, value=value)
    return {page: site.render("charts.md.j2", page,
        releases=Markup(site.render_html("chart_bars.html.j2", page, **releases_per_year(models))),
        scores=Markup(site.render_html("chart_scatter.html.j2", page, **scores_over_time(models, dataset.vocabularies, percent))),
        sizes=Markup(site.render_html("chart_scatter.html.j2", page, **sizes_over_time(models))),
    )}


def _month_value(release: str) -> float:
    year, month = release.split("-")
    return int(year) + (int(month) - 1) / 12


def _scale(value, low, high, out_low, out_high):
    if high == low:
        return (out_low + out_high) / 2
    return round(out_low + (value - low) / (high - low) * (out_high - out_low), 1)


def releases_per_year(models: list[dict]) -> dict:
    open_counts = Counter(int(m["release"][:4]) for m in models if is_open_weights(m))
    closed_counts = Counter(int(m["release"][:4]) for m in models if not is_open_weights(m))
    years = list(range(min(open_counts | closed_counts), max(open_counts | closed_counts) + 1)) if models else []
    top = max((open_counts[y] + closed_counts[y] for y in years), default=1)
    step = max(1, math.ceil(top / 5))
    top = step * math.ceil(top / step)
    slot = (WIDTH - LEFT - RIGHT) / max(len(years), 1)
    bars = []
    for index, year in enumerate(years):
        x = round(LEFT + index * slot + slot * 0.15, 1)
        width = round(slot * 0.7, 1)
        base = HEIGHT - BOTTOM
        open_height = _scale(open_counts[year], 0, top, 0, HEIGHT - TOP - BOTTOM)
        closed_height = _scale(closed_counts[year], 0, top, 0, HEIGHT - TOP - BOTTOM)
        bars.append({"year": year, "x": x, "width": width, "label_x": round(x + width / 2, 1),
                     "open": open_counts[year], "closed": closed_counts[year],
                     "open_y": round(base - open_height, 1), "open_height": open_height,
                     "closed_y": round(base - open_height - closed_height, 1), "closed_height": closed_height})
    ticks = [{"value": v, "y": _scale(v, 0, top, HEIGHT - BOTTOM, TOP)} for v in range(0, top + 1, step)]
    return {"chart": "releases", "bars": bars, "ticks": ticks, "geometry": _geometry()}


def scores_over_time(models: list[dict], vocabularies: dict, percent) -> dict:
    """percent: the text of a percentage, 40 -> '40%'."""
    points = []
    for m in models:
        score = openness_score(m, vocabularies).percent
        if score is not None:
            points.append({"name": m["name"], "release": m["release"], "value": score, "value_text": percent(score),
                           "open": is_open_weights(m), "x_value": _month_value(m["release"])})
    return _scatter("scores", points, low=0, high=100, ticks=[0, 25, 50, 75, 100], tick_text=percent)


def sizes_over_time(models: list[dict]) -> dict:
    points = []
    for m in models:
        for size in m.get("parameters") or []:
            points.append({"name": m["name"], "release": m["release"], "value": math.log10(size),
                           "value_text": number_of_parameters(size), "open": is_open_weights(m),
                           "x_value": _month_value(m["release"])})
    if not points:
        return _scatter("sizes", [], low=6, high=12, ticks=[6, 9, 12], tick_text=_power_text)
    low = math.floor(min(p["value"] for p in points))
    high = math.ceil(max(p["value"] for p in points))
    return _scatter("sizes", points, low=low, high=high, ticks=list(range(low, high + 1)), tick_text=_power_text)


def _scatter(chart, points, low, high, ticks, tick_text) -> dict:
    points = sorted(points, key=lambda p: (p["x_value"], p["name"], p["value"]))
    first = math.floor(min((p["x_value"] for p in points), default=2018))
    last = math.floor(max((p["x_value"] for p in points), default=2024)) + 1
    for p in points:
        p["x"] = _scale(p["x_value"], first, last, LEFT, WIDTH - RIGHT)
        p["y"] = _scale(p["value"], low, high, HEIGHT - BOTTOM, TOP)
    years = [{"year": y, "x": _scale(y, first, last, LEFT, WIDTH - RIGHT)} for y in range(first, last + 1)]
    y_ticks = [{"value": tick_text(v), "y": _scale(v, low, high, HEIGHT - BOTTOM, TOP)} for v in ticks]
    return {"chart": chart, "points": points, "years": years, "ticks": y_ticks, "geometry": _geometry()}


def _geometry() -> dict:
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP, "bottom": HEIGHT - BOTTOM}


def _power_text(exponent: int) -> str:
    return number_of_parameters(10 ** exponent)
