"""Lifecycles: availability judged from the data, the timeline page, and the feed and calendar of
retirements, which must be valid Atom and iCalendar (RFC 4287, RFC 5545)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.decide.candidates import availability

ATOM = "{http://www.w3.org/2005/Atom}"


def test_availability_follows_the_lifecycle():
    ga = {"status": "generally-available", "date": "2024-01-01"}
    deprecated = {"status": "deprecated", "date": "2026-06-11", "retires": "2026-12-11"}
    api = {"access": "api", "lifecycle": [ga, deprecated]}
    assert availability(api, "2026-12-05") == ("deprecated", "2026-12-11")
    assert availability(api, "2026-12-11") == ("retired", None)
    assert availability({"access": "api", "lifecycle": [ga]}, "2026-12-05") == ("available", None)
    assert availability({"access": "api"}, "2026-12-05") == ("available", None)
    retired = {"access": "api", "lifecycle": [ga, {"status": "retired", "date": "2025-01-01"}]}
    assert availability(retired, "2026-12-05")[0] == "retired"
    # Weights do not retire with their developer's API; withdrawn weights do.
    assert availability({"access": "open-weights", "lifecycle": retired["lifecycle"]}, "2026-12-05")[0] == "available"
    assert availability({"access": "open-weights", "weights_availability": "withdrawn"}, "2026-12-05")[0] == "retired"


def test_shipped_retired_apis_are_retired(shipped_dataset):
    from generator.data.derived import data_version
    today = data_version(shipped_dataset)
    for model_id in ("gpt-3", "palm-2"):
        assert availability(shipped_dataset.records["models"][model_id].data, today)[0] == "retired", model_id


def test_retirements_feed_is_valid_atom(shipped_pages):
    feed = ET.fromstring(shipped_pages["retirements.xml"].encode("utf-8"))
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    entries = feed.findall(f"{ATOM}entry")
    assert entries, "the shipped data announces at least one retirement"
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None, name


def test_retirements_calendar_is_valid_icalendar(shipped_pages):
    text = shipped_pages["retirements.ics"]
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines), "lines fold at 75 octets"
    unfolded = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in unfolded and any(line.startswith("PRODID:") for line in unfolded)
    events, current = [], None
    for line in unfolded:
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current.append(line.split(":", 1)[0].split(";", 1)[0])
    assert events
    for properties in events:
        for name in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert properties.count(name) == 1, (name, properties)


def test_timeline_page_has_its_chart_and_table(shipped_pages):
    page = shipped_pages["lifecycles.md"]
    assert 'id="chart-lifecycles"' in page and "<table>" in page and "retirements.ics" in page
