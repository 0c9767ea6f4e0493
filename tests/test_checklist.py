"""The decision checklist in headless Chromium: answering updates the leaning and the
shortlist, the answers live in the address, the download feeds the report command, and the
blank checklist prints on at most two pages of A4 and of US Letter."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from conftest import PYTHON, ROOT, run


def answer(page, criterion, option):
    page.check(f'input[name="{criterion}"][value="{option}"]')


def test_answering_updates_leaning_and_shortlist(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/checklist/")
    result = page.locator("[data-checklist-result]")
    assert result.is_hidden()
    answer(page, "example-offline", "must-run-offline")
    assert result.is_visible()
    assert result.get_attribute("data-leaning") == "open"
    # Example Research is an older release of the same family: folded under Example Open.
    assert result.get_attribute("data-shortlist") == "example-open"
    assert "Example Research" in page.locator("[data-result-shortlist] li").first.inner_text()
    answer(page, "example-commercial", "sell-product")
    assert result.get_attribute("data-shortlist") == "example-open"
    assert page.locator('[data-total="open"]').inner_text() == "5"
    assert page.locator("[data-result-shortlist] a").all_inner_texts() == ["Example Open"]
    assert "Example Research" not in page.locator("[data-result-shortlist]").inner_text()
    assert page.locator("[data-result-summary]").inner_text().startswith("Open: only open-weight models meet")
    assert "open-weight, as your leaning" in page.locator("[data-result-shortlist] li").first.inner_text()


def test_the_shortlist_shows_its_first_models_then_all(page, site_url, shipped_dataset):
    """The healthcare team of the shortlist issue: a strong general chat model, data in house, high volume."""
    from generator.decide.scoring import score_answers
    answers = {"data-privacy-residency": "must-stay-in-house", "frontier-capability-need": "strong-general",
               "total-cost-at-volume": "high-volume", "task": "chat"}
    query = "&".join(f"{k}={v}" for k, v in answers.items())
    page.goto(f"{site_url}/checklist/?{query}&domain=healthcare")
    result = score_answers(answers, shipped_dataset, "healthcare")
    size = shipped_dataset.scoring["shortlist_size"]
    items = page.locator("[data-result-shortlist] li")
    assert items.count() == min(size, len(result.ranked))
    shown = [items.nth(i).get_attribute("data-model") for i in range(items.count())]
    assert shown == result.shortlist[:size]
    for model_id in shown:
        candidate = next(e.candidate for e in result.ranked if e.candidate["id"] == model_id)
        assert "chat" in candidate["tasks"] and candidate["availability"] != "retired"
    more = page.locator("[data-result-shortlist-more]")
    if len(result.ranked) > size:
        more.click()
        assert items.count() == len(result.ranked)


def test_answers_live_in_the_address_and_survive_a_reload(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/checklist/")
    answer(page, "example-privacy", "no-constraint")
    answer(page, "example-offline", "online-fine")
    assert "example-privacy=no-constraint" in page.url and "example-offline=online-fine" in page.url
    page.reload()
    assert page.is_checked('input[name="example-privacy"][value="no-constraint"]')
    assert page.is_checked('input[name="example-offline"][value="online-fine"]')
    assert page.locator("[data-checklist-result]").get_attribute("data-leaning") == "closed"


def test_a_shared_link_restores_the_answers(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/checklist/?example-commercial=sell-product&example-offline=nonsense&domain=example-domain")
    assert page.is_checked('input[name="example-commercial"][value="sell-product"]')
    assert page.locator("[data-domain]").input_value() == "example-domain"
    assert page.locator("[data-checklist-result]").get_attribute("data-leaning") == "closed"


def test_keyboard_alone_answers_a_question(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/checklist/")
    page.focus('input[name="example-privacy"][value="in-house"]')
    page.keyboard.press("Space")
    assert page.is_checked('input[name="example-privacy"][value="in-house"]')
    page.keyboard.press("ArrowDown")
    assert page.is_checked('input[name="example-privacy"][value="no-constraint"]')
    assert page.locator("[data-checklist-result]").get_attribute("data-leaning") == "closed"


def test_downloaded_answers_are_accepted_by_the_report(page, site_url, tmp_path):
    page.goto(f"{site_url}/checklist/?data-privacy-residency=must-stay-in-house&frontier-capability-need=narrow-task"
              "&latency-offline=offline-or-on-device&regulatory-audit=transparency-only&total-cost-at-volume=moderate-volume&domain=healthcare")
    with page.expect_download() as download:
        page.click("[data-download]")
    path = tmp_path / "answers.yaml"
    download.value.save_as(path)
    saved = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert saved["domain"] == "healthcare"
    assert saved["answers"]["latency-offline"] == "offline-or-on-device"
    result = run([PYTHON, "-m", "generator", "report", str(path), "--format", "md"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "## Recommendation" in result.stdout and "## Your domain: Healthcare" in result.stdout


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_blank_checklist_prints_on_two_pages(page, site_url, tmp_path, paper):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing; .ci/run installs poppler-utils")
    page.goto(f"{site_url}/checklist/")
    pdf = tmp_path / f"checklist-{paper}.pdf"
    page.pdf(path=str(pdf), format=paper, print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 2, f"{paper}: {pages} pages"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    for record in (ROOT / "data" / "criteria").glob("*.yaml"):
        question = " ".join(yaml.safe_load(record.read_text(encoding="utf-8"))["question"].split())
        assert question in text, f"{paper}: missing {question!r}"
    assert "data version" in text
    assert "Search" not in text.split("Decision checklist")[0], "navigation chrome printed"
