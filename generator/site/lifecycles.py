"""Model lifecycles, as endoflife.date shows software's: a timeline of every API model with a
sourced lifecycle, the retirements to come, and the same as an Atom feed and an iCalendar file
that a team can subscribe to.

    pages = lifecycle_pages(site)   # {"lifecycles.md": ..., "retirements.xml": ..., "retirements.ics": ...}

"Now" is the data version's date (the newest last_verified), never the build date, so that two
builds of one commit are identical.
"""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..data.derived import data_version
from ..decide.candidates import lifecycle_status, retired_since

PAGE = "lifecycles.md"
WIDTH, LEFT, RIGHT, ROW, TOP = 640, 170, 16, 14, 24


def lifecycle_rows(dataset) -> list[dict]:
    """Each model with a lifecycle: its provider's offering, from the first event to its retirement (or to now).
    For an open-weight model this is its developer's API only; the weights stay available."""
    today = data_version(dataset)
    rows = []
    for model_id in sorted(dataset.records["models"]):
        model = dataset.records["models"][model_id].data
        events = sorted(model.get("lifecycle") or [], key=lambda e: str(e["date"]))
        if not events:
            continue
        status, retires = lifecycle_status(model, today)
        rows.append({"id": model_id, "name": model["name"], "start": _day(events[0]["date"]),
                     "end": _day(retired_since(model) or today), "status": status, "retires": retires,
                     "events": events})
    return sorted(rows, key=lambda r: (r["start"], r["id"]))


def _day(value) -> str:
    text = str(value)
    return text if len(text) == 10 else text + "-01"


def _position(day: str, first: dt.date, last: dt.date) -> float:
    span = max((last - first).days, 1)
    return round(LEFT + (dt.date.fromisoformat(day) - first).days / span * (WIDTH - LEFT - RIGHT), 1)


def timeline(rows: list[dict], today: str) -> dict:
    if not rows:
        return {"bars": [], "years": [], "height": TOP * 2, "width": WIDTH}
    first = dt.date(int(min(r["start"] for r in rows)[:4]), 1, 1)
    last = max(dt.date.fromisoformat(max(r["end"] for r in rows)), dt.date.fromisoformat(today))
    last = dt.date(last.year + 1, 1, 1)
    bars = []
    for index, row in enumerate(rows):
        x1, x2 = _position(row["start"], first, last), _position(min(row["end"], today) if row["status"] != "retired" else row["end"], first, last)
        bars.append({**row, "y": TOP + index * ROW, "x": x1, "width": max(round(x2 - x1, 1), 2),
                     "retires_x": _position(row["retires"], first, last) if row["retires"] else None})
    years = [{"year": year, "x": _position(f"{year}-01-01", first, last)} for year in range(first.year, last.year + 1)]
    return {"bars": bars, "years": years, "height": TOP * 2 + len(rows) * ROW, "width": WIDTH, "left": LEFT,
            "today_x": _position(today, first, last)}


def lifecycle_pages(site) -> dict[str, str]:
    dataset = site.dataset
    today = data_version(dataset)
    rows = lifecycle_rows(dataset)
    upcoming = sorted((r for r in rows if r["status"] == "deprecated" and r["retires"] and _day(r["retires"]) >= today),
                      key=lambda r: (_day(r["retires"]), r["id"]))
    chart = Markup(site.render_html("chart_timeline.html.j2", PAGE, **timeline(rows, today), today=today))
    return {
        PAGE: site.render("lifecycles.md.j2", PAGE, chart=chart, rows=rows, upcoming=upcoming, today=today),
        "retirements.xml": site.render_html("retirements.xml.j2", "retirements.xml", upcoming=upcoming, updated=today),
        "retirements.ics": ics_calendar(site, upcoming, today),
    }


def ics_calendar(site, upcoming: list[dict], today: str) -> str:
    """RFC 5545: one all-day event per announced retirement; lines end in CRLF and fold at 75 octets."""
    strings = site.strings.lifecycles
    stamp = today.replace("-", "") + "T000000Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//open-or-closed//retirements//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_ics_text(str(strings.calendar_name).format(site=site.strings.site.name))}"]
    for row in upcoming:
        day = dt.date.fromisoformat(_day(row["retires"]))
        lines += ["BEGIN:VEVENT", f"UID:{row['id']}-{day.isoformat()}@open-or-closed", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_text(str(strings.event).format(name=row['name']))}",
                  f"URL:{_address(site, row['id'])}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _address(site, model_id: str) -> str:
    """The model page's address: absolute when the site's address is known, else from the site root."""
    page = site.urls.address(f"models/{model_id}.md")
    return (site.settings.site_url.rstrip("/") + "/" + page) if site.settings.site_url else page


def _ics_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1)."""
    data, parts, current = line.encode("utf-8"), [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current)
            current = b""
        current += encoded
    parts.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in parts) if len(data) > 75 else line
