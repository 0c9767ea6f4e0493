"""`python -m generator report`: the sample answers give a full report; bad answers give a
clear error and exit 1."""

from __future__ import annotations

import pytest

from conftest import PYTHON, ROOT, run

SAMPLE = ROOT / "examples" / "answers.yaml"


def report(*args):
    return run([PYTHON, "-m", "generator", "report", *map(str, args)], cwd=ROOT)


def test_sample_answers_give_a_markdown_report():
    result = report(SAMPLE, "--format", "md")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "**Open.**" in text and "| 28 | 13 |" in text
    assert "Open: its total is the higher one (28 open, 13 closed)." in text
    assert "### Data privacy and residency" in text and "Weight 3: Open +9, Closed +0." in text
    assert "## Shortlist" in text and "### 1. " in text and "open-weight, as your leaning" in text
    assert "(not a benchmark)" in text and "## The other qualifying models" in text
    assert "## Your domain: Healthcare" in text
    assert "Data version 2026-" in text and "## References" in text


def test_html_report_written_to_a_file(tmp_path):
    out = tmp_path / "report.html"
    result = report(SAMPLE, "--format", "html", "-o", out)
    assert result.returncode == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<h1" in html and "<table>" in html
    assert "<script" not in html


@pytest.mark.parametrize("text, expected", [
    ("answers:\n  data-privacy: yes-please\n", "answers.data-privacy: 'data-privacy' is not a criterion; expected one of: "),
    ("answers:\n  data-privacy-residency: maybe\n", "answers.data-privacy-residency: 'maybe' is not an option of this criterion; expected one of: must-stay-in-house, provider-under-contract, no-constraint"),
    ("answers:\n  time-to-market: weeks\n", "answers: missing the required answer to 'data-privacy-residency'"),
    ("answers: [a, b]\n", "answers: expected a mapping from criterion id to option id"),
    ("answers: {\n", "is not valid YAML"),
    ("- just\n- a list\n", "expected a mapping with `answers:`"),
    ("domain: mars\nanswers: {}\n", "domain: 'mars' is not a domain; expected one of:"),
    ("answer: {}\n", "answer: unknown field; expected one of: answers, domain"),
])
def test_bad_answers_are_reported(tmp_path, text, expected):
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    result = report(path, "--format", "md")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert expected in result.stderr, result.stderr
    assert str(path) in result.stderr


def test_missing_file_is_reported(tmp_path):
    result = report(tmp_path / "nope.yaml")
    assert result.returncode == 1 and "cannot be read" in result.stderr and "Traceback" not in result.stderr


def test_failed_report_writes_nothing(tmp_path):
    bad = tmp_path / "answers.yaml"
    bad.write_text("answers: {}\n", encoding="utf-8")
    out = tmp_path / "report.md"
    assert report(bad, "-o", out).returncode == 1
    assert not out.exists()
