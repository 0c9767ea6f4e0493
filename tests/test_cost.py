"""Cost at volume: the rule of generator/decide/cost.py, the same rule in content/assets/cost.js
(tests/cost_vectors.yaml, run in both), the calculator in Chromium (its result follows the volume,
comes back from the address and names the source of every number), the table that stands in without
JavaScript, accelerators as records, stale prices, and the report's comparison."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, make_project
from generator.data.validate import load_valid_dataset
from generator.decide.cost import (DEFAULTS, HOURS_PER_MONTH, PRESET_CALLS, TOKENS_PER_CALL, VOLUME_CRITERION,
                                   accelerator_options, api_options, best_value_accelerator, comparison_for, compute, default_choice,
                                   footprint, format_number, lowest_prices, lowest_rental, open_options,
                                   preset_volume, weights_gb)
from generator.site.pages import build_pages

VECTORS = yaml.safe_load((Path(__file__).parent / "cost_vectors.yaml").read_text(encoding="utf-8"))
CASES, NUMBERS = VECTORS["cases"], VECTORS["numbers"]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return load_valid_dataset(make_project(tmp_path_factory.mktemp("cost") / "project"))


@pytest.fixture(scope="module")
def tiny_pages(tiny):
    return build_pages(tiny)


def same(found: dict, expected: dict):
    assert found.keys() == expected.keys()
    for key, value in expected.items():
        if isinstance(value, float) and not isinstance(value, bool):
            assert found[key] == pytest.approx(value, rel=1e-12), key
        else:
            assert found[key] == value, key


# ---------------------------------------------------------------- the rule, in Python

def test_weights_take_parameters_times_bits_over_eight():
    assert weights_gb(7e9, 16) == 14 and weights_gb(7e9, 8) == 7 and weights_gb(7e9, 4) == 3.5


def test_a_worked_example_by_hand():
    """7B dense at 16 bits on one 80 GB, 2,000 GB/s GPU at USD 2.50 an hour, against USD 2.50 / 10 a million."""
    r = compute({"input_mtok": 1000, "output_mtok": 250, "price_input": 2.5, "price_output": 10, "parameters": 7e9,
                 "active_parameters": 7e9, "bits": 16, "memory_gb": 80, "bandwidth_gbps": 2000, "price_per_hour": 2.5,
                 "utilisation": 0.5, "batch": 8})
    assert r["api_monthly"] == 1000 * 2.5 + 250 * 10
    assert r["accelerators"] == 1 and r["weights_gb"] == 14
    assert r["tokens_per_second_single"] == pytest.approx(2000 / 14)
    assert r["capacity_mtok"] == pytest.approx(2000 / 14 * 8 * 3600 * 730 * 0.5 / 1e6)
    assert r["replica_monthly"] == 2.5 * HOURS_PER_MONTH and HOURS_PER_MONTH == 730
    assert r["break_even_mtok"] == pytest.approx(1825 / (10 + 4 * 2.5)) and r["break_even_within_capacity"]
    assert r["cheaper"] == "self-hosted"


def test_more_accelerators_raise_the_bound_and_the_cost():
    base = {"input_mtok": 0, "output_mtok": 100, "price_input": 1, "price_output": 1, "parameters": 400e9,
            "active_parameters": 400e9, "bits": 16, "memory_gb": 80, "bandwidth_gbps": 2000, "price_per_hour": 2,
            "utilisation": 1, "batch": 1}
    r = compute(base)
    assert r["accelerators"] == 10   # 800 GB on 80 GB cards
    assert r["tokens_per_second_single"] == pytest.approx(10 * 2000 / 800)
    assert r["replica_monthly"] == 10 * 2 * 730


def test_the_batch_factor_and_utilisation_scale_the_capacity():
    base = {"input_mtok": 10, "output_mtok": 10, "price_input": 1, "price_output": 1, "parameters": 7e9,
            "active_parameters": 7e9, "bits": 16, "memory_gb": 80, "bandwidth_gbps": 2000, "price_per_hour": 2,
            "utilisation": 0.5, "batch": 1}
    one = compute(base)["capacity_mtok"]
    assert compute({**base, "batch": 4})["capacity_mtok"] == pytest.approx(4 * one)
    assert compute({**base, "utilisation": 1})["capacity_mtok"] == pytest.approx(2 * one)


def test_a_volume_beyond_one_replica_needs_more():
    r = compute({"input_mtok": 0, "output_mtok": 1000, "price_input": 1, "price_output": 1, "parameters": 7e9,
                 "active_parameters": 7e9, "bits": 16, "memory_gb": 80, "bandwidth_gbps": 2000, "price_per_hour": 2,
                 "utilisation": 0.5, "batch": 1})
    assert r["replicas"] == math.ceil(1000 / r["capacity_mtok"]) > 1
    assert r["self_hosted_monthly"] == r["replicas"] * r["replica_monthly"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors_in_python(case):
    same(compute(case["inputs"]), case["expected"])


@pytest.mark.parametrize("value, text", NUMBERS, ids=[str(n[0]) for n in NUMBERS])
def test_numbers_read_alike_in_python(value, text):
    assert format_number(value) == text


def test_presets_are_calls_times_tokens_per_call():
    for option, calls in PRESET_CALLS.items():
        volume = preset_volume(option)
        assert volume["input_mtok"] == calls * TOKENS_PER_CALL["input"] / 1e6
        assert volume["output_mtok"] == calls * TOKENS_PER_CALL["output"] / 1e6
    assert preset_volume("low-volume")["output_mtok"] < preset_volume("moderate-volume")["output_mtok"] \
        < preset_volume("high-volume")["output_mtok"]


def test_every_preset_is_an_option_of_the_volume_question(shipped_dataset):
    options = [o["id"] for o in shipped_dataset.records["criteria"][VOLUME_CRITERION].data["options"]]
    assert sorted(options) == sorted(PRESET_CALLS)


# ---------------------------------------------------------------- what the data offers

def test_footprint_of_a_mixture_of_experts_uses_its_active_parameters(shipped_dataset):
    rows = footprint(shipped_dataset.records["models"]["mistral-large-3"].data)
    assert len(rows) == 1
    assert rows[0]["parameters"] == 675e9 and rows[0]["active_parameters"] == 41e9
    assert rows[0]["memory_gb"] == {16: 1350, 8: 675, 4: 337.5}


def test_footprint_of_a_dense_model_counts_every_parameter(tiny):
    rows = footprint(tiny.records["models"]["example-open"].data)
    assert [(r["parameters"], r["active_parameters"], r["variant"]) for r in rows] == [(7e9, 7e9, None), (70e9, 70e9, None)]
    assert footprint(tiny.records["models"]["example-closed"].data) == []   # closed, no published size


def test_lowest_prices_and_rental(shipped_dataset):
    haiku = lowest_prices(shipped_dataset.records["models"]["claude-haiku-5-5"].data)
    assert haiku == {"currency": "usd", "input": 0.1, "output": 0.5, "as_of": ["2026-12-05"]}
    assert lowest_prices(shipped_dataset.records["models"]["llama-2"].data) is None
    h200 = lowest_rental(shipped_dataset.records["accelerators"]["nvidia-h200"].data)
    assert h200["price_per_hour"] == 5 and h200["currency"] == "usd"
    assert lowest_rental(shipped_dataset.records["accelerators"]["amd-instinct-mi300x"].data) is None


def test_at_least_thirty_models_have_a_list_price(shipped_dataset):
    priced = [m for m in shipped_dataset.records["models"].values() if m.data.get("prices")]
    assert len(priced) >= 30


def test_the_choices_of_the_tiny_fixture(tiny):
    api, open_, accelerators = api_options(tiny), open_options(tiny), accelerator_options(tiny)
    assert [o["id"] for o in api] == ["example-closed_0"]
    assert [o["id"] for o in open_] == ["example-open_0", "example-open_1", "example-research_0", "example-research_1"]
    assert [o["id"] for o in accelerators] == ["example-gpu_0"]
    assert default_choice(tiny, api, open_, accelerators) == {"api": "example-closed_0", "open": "example-open_0",
                                                             "accelerator": "example-gpu_0", **DEFAULTS}


def test_the_first_comparison_is_a_model_bought_or_run(shipped_dataset):
    """The shipped data's default: the largest open-weight model that its developer also sells by the token."""
    d = shipped_dataset
    chosen = default_choice(d, api_options(d), open_options(d), accelerator_options(d))
    api_model, open_model = chosen["api"].rsplit("_", 1)[0], chosen["open"].rsplit("_", 1)[0]
    assert api_model == open_model and d.records["models"][open_model].data["access"] == "open-weights"
    assert chosen["accelerator"].startswith("nvidia-h200")   # $5 an hour for 4,800 GB/s: the best value


def test_the_default_accelerator_is_the_cheapest_per_unit_of_bandwidth():
    offers = [{"id": "fast_0", "currency": "usd", "price_per_hour": 4.0, "bandwidth_gbps": 4000},
              {"id": "cheap_0", "currency": "usd", "price_per_hour": 1.0, "bandwidth_gbps": 500},
              {"id": "yuan_0", "currency": "cny", "price_per_hour": 0.1, "bandwidth_gbps": 4000}]
    assert best_value_accelerator(offers, "usd")["id"] == "fast_0"   # 0.001 per GB/s against 0.002
    assert best_value_accelerator(offers, "eur") is None


def test_the_report_compares_the_first_priced_and_the_first_open_candidates(shipped_dataset):
    candidates = [{"id": "claude-haiku-5-5"}, {"id": "llama-2"}, {"id": "mistral-large-3"}]
    comparison = comparison_for(candidates, shipped_dataset, "high-volume")
    assert comparison["api"]["model"] == "claude-haiku-5-5"
    assert comparison["open"]["model"] == "llama-2" and comparison["open"]["parameters"] == 70e9   # its largest size
    assert comparison["volume"] == preset_volume("high-volume")
    assert comparison_for([{"id": "llama-2"}], shipped_dataset, "low-volume") is None   # no list price


# ---------------------------------------------------------------- pages

def test_accelerators_have_pages_an_index_and_exports(tiny_pages):
    page = tiny_pages["accelerators/example-gpu.md"]
    assert "# Example GPU 80GB" in page and "80 GB" in page and "2,000 GB/s" in page and "USD 2.5" in page
    assert "[Example GPU 80GB](../accelerators/example-gpu.md)" in tiny_pages["accelerators/index.md"]
    assert tiny_pages["api/v1/accelerators.csv"].splitlines()[1].startswith("example-gpu,Example GPU 80GB,")
    assert "contributing/fields-accelerator.md" in tiny_pages


def test_model_pages_show_the_serving_footprint(tiny_pages):
    page = tiny_pages["models/example-open.md"]
    assert "## Serving footprint" in page and "| 70B" in page and "140 GB | 70 GB | 35 GB |" in page
    assert "## Serving footprint" not in tiny_pages["models/example-closed.md"]


def test_without_javascript_the_page_has_the_three_presets_worked_out(tiny, tiny_pages):
    page = tiny_pages["cost.md"]
    api = api_options(tiny)[0]
    open_ = open_options(tiny)[0]
    accelerator = accelerator_options(tiny)[0]
    for option in PRESET_CALLS:
        volume = preset_volume(option)
        r = compute({"input_mtok": volume["input_mtok"], "output_mtok": volume["output_mtok"], "price_input": api["input"],
                     "price_output": api["output"], "parameters": open_["parameters"],
                     "active_parameters": open_["active_parameters"], "bits": DEFAULTS["bits"],
                     "memory_gb": accelerator["memory_gb"], "bandwidth_gbps": accelerator["bandwidth_gbps"],
                     "price_per_hour": accelerator["price_per_hour"], "utilisation": DEFAULTS["utilisation"],
                     "batch": DEFAULTS["batch"]})
        row = next(line for line in page.splitlines() if f"<td>{format_number(volume['calls'])}</td>" in line)
        assert f"USD {format_number(r['api_monthly'])}" in row and f"USD {format_number(r['self_hosted_monthly'])}" in row
    # Every input with its record's page, which cites the source.
    assert "[Example Closed](models/example-closed.md)" in page and "[Example Open](models/example-open.md)" in page
    assert "[Example GPU 80GB](accelerators/example-gpu.md)" in page and "730 hours" in page


def test_the_volume_question_links_the_calculator(shipped_pages):
    assert "(../cost.md)" in shipped_pages[f"criteria/{VOLUME_CRITERION}.md"]
    assert "(../cost.md)" not in shipped_pages["criteria/data-privacy-residency.md"]


def test_the_matrix_and_the_compare_view_show_lowest_prices(shipped_pages):
    matrix = shipped_pages["models/matrix.md"]
    assert "Lowest input price" in matrix and "Lowest output price" in matrix
    assert '<td data-sort="0.1">USD 0.1</td>' in matrix   # Claude Haiku 5.5's lowest input price
    assert "USD 0.1 per million tokens (read 2026-12-05)" in shipped_pages["compare.md"]


def test_models_csv_has_prices_with_their_dates_and_the_footprint(tiny_pages):
    import csv
    import io
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(tiny_pages["api/v1/models.csv"]))}
    closed = rows["example-closed"]
    assert (closed["derived_price_currency"], closed["derived_lowest_input_price_per_million"],
            closed["derived_lowest_output_price_per_million"], closed["derived_prices_as_of"]) == ("usd", "2.5", "10", "2024-06-01")
    assert rows["example-open"]["derived_weights_gb_16bit"] == "14;140"
    assert rows["example-open"]["derived_price_currency"] == ""


# ---------------------------------------------------------------- stale prices

def test_a_price_read_long_before_the_data_version_warns_and_is_listed(tmp_path, tiny_pages):
    assert "None: every price was read within 90 days of the newest record." in tiny_pages["gaps.md"]
    project = make_project(tmp_path / "project")
    closed = project / "data" / "models" / "example-closed.yaml"
    closed.write_text(closed.read_text(encoding="utf-8").replace('as_of: "2024-06-01"', 'as_of: "2024-02-15"'),
                      encoding="utf-8")
    dataset = load_valid_dataset(project)
    warnings = [str(p) for p in dataset.warnings if p.field == "prices[0].as_of"]
    assert len(warnings) == 1 and "example-closed.yaml" in warnings[0]
    assert "107 days before the data version (2024-06-01), more than 90" in warnings[0]
    gaps = build_pages(dataset)["gaps.md"]
    assert "| [Example Closed](models/example-closed.md) | `example-closed-1` | 2024-02-15 |" in gaps


def test_a_price_read_within_ninety_days_does_not_warn(tmp_path):
    project = make_project(tmp_path / "project")
    closed = project / "data" / "models" / "example-closed.yaml"
    closed.write_text(closed.read_text(encoding="utf-8").replace('as_of: "2024-06-01"', 'as_of: "2024-03-04"'),
                      encoding="utf-8")
    assert not [p for p in load_valid_dataset(project).warnings if "as_of" in p.field]


def test_a_fixture_without_accelerators_is_told_what_is_missing(tmp_path):
    from generator.data.load import read_dataset
    project = make_project(tmp_path / "project")
    shutil.rmtree(project / "data" / "accelerators")
    _, problems = read_dataset(project)
    assert any(p.file == "data/accelerators/" and "missing" in p.message for p in problems)


# ---------------------------------------------------------------- the report

def test_the_report_prints_the_cost_at_the_readers_volume(shipped_dataset):
    from generator.decide.report import read_answers, report_markdown
    answers, problems = read_answers(ROOT / "examples" / "answers.yaml", shipped_dataset)
    assert not problems and answers.answers[VOLUME_CRITERION] == "high-volume"
    text = report_markdown(answers, shipped_dataset, site_url="https://example.org/site/")
    section = text[text.index("## Cost at your volume"):]
    section = section[:section.index("\n## ", 1)]
    assert "30,000,000 calls a month of 1,000 input and 250 output tokens" in section
    assert "- API: USD " in section and "- Self-hosted: USD " in section and "Break-even" in section
    assert "https://example.org/site/cost/?in=30000&amp;out=7500&amp;api=" in section


# ---------------------------------------------------------------- the same rule in Chromium

def _javascript(page, base_url, inputs):
    page.goto(f"{base_url}/cost/")
    return page.evaluate("inputs => window.OpenOrClosedCost.compute(inputs)", inputs)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vectors_in_javascript(case, page, tiny_site_url):
    same(_javascript(page, tiny_site_url, case["inputs"]), case["expected"])


def test_numbers_read_alike_in_javascript(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/cost/")
    found = page.evaluate("""numbers => numbers.map(n => window.OpenOrClosedCost.formatNumber(n[0], ",", "."))""", NUMBERS)
    assert found == [text for _, text in NUMBERS]


def test_javascript_hours_are_pythons(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/cost/")
    assert page.evaluate("window.OpenOrClosedCost.HOURS_PER_MONTH") == HOURS_PER_MONTH


def _working(page) -> list[list[str]]:
    return page.evaluate("""() => [...document.querySelectorAll('[data-cost-working] tr')].map(tr =>
        [...tr.children].map(cell => cell.textContent.trim()))""")


def test_the_calculator_follows_the_volume_and_keeps_it_in_the_address(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/cost/")
    result = page.locator("[data-cost-result]")
    assert result.is_visible() and page.locator("[data-cost-form]").is_visible()
    before = float(result.get_attribute("data-api-monthly"))
    assert before == 1000 * 2.5 + 250 * 10     # the moderate preset on Example Closed's price
    page.fill("input[name=out]", "2500")
    page.wait_for_function("document.querySelector('[data-cost-result]').getAttribute('data-api-monthly') !== '5000'")
    after = float(result.get_attribute("data-api-monthly"))
    assert after == 1000 * 2.5 + 2500 * 10
    assert "out=2500" in page.url
    summary = page.locator("[data-cost-summary]").inner_text()
    assert "USD 27,500" in summary
    # The address restores it, with the other settings.
    page.goto(f"{tiny_site_url}/cost/?in=10&out=5&open=example-open_1&bits=4&util=80&batch=16")
    assert page.input_value("input[name=out]") == "5" and page.input_value("select[name=open]") == "example-open_1"
    assert page.input_value("select[name=bits]") == "4" and page.input_value("input[name=util]") == "80"
    assert float(result.get_attribute("data-api-monthly")) == 10 * 2.5 + 5 * 10
    rows = {row[0]: row for row in _working(page)}
    assert "70B parameters × 4 bits ÷ 8 = 35 GB" in rows["Weights in memory"][1]
    assert "× batch factor 16 =" in rows["With batching"][1]
    # Unknown values in the address are ignored, not obeyed.
    page.goto(f"{tiny_site_url}/cost/?open=nonsense&bits=3")
    assert page.input_value("select[name=open]") == "example-open_0" and page.input_value("select[name=bits]") == "16"


def test_every_number_shown_names_its_source(page, tiny_site_url):
    page.goto(f"{tiny_site_url}/cost/")
    rows = page.evaluate("""() => [...document.querySelectorAll('[data-cost-working] tr')].map(tr => ({
        label: tr.children[0].textContent.trim(), value: tr.children[1].textContent.trim(),
        source: tr.children[2].textContent.trim(),
        links: [...tr.children[2].querySelectorAll('a')].map(a => a.getAttribute('href'))}))""")
    assert len(rows) == 12
    for row in rows:
        assert row["value"] and row["source"], row
    by_label = {row["label"]: row for row in rows}
    # Numbers from the data link the record that cites them; the others say they are the reader's or arithmetic.
    assert by_label["API list price"]["links"] == ["../models/example-closed/"]
    assert "2024-06-01" in by_label["API list price"]["source"]
    assert by_label["Weights in memory"]["links"] == ["../models/example-open/"]
    assert by_label["Accelerators for one replica"]["links"] == ["../accelerators/example-gpu/"]
    assert by_label["Generation bound for one sequence"]["links"] == ["../accelerators/example-gpu/", "../models/example-open/"]
    assert "Example Cloud" in by_label["One replica a month"]["source"]
    assert by_label["Volume a month"]["source"] == "your setting"
    assert "730 hours" in by_label["One replica's output a month"]["source"]
    for label in ("API cost a month", "Replicas for your volume", "Self-hosted cost a month"):
        assert by_label[label]["source"] == "arithmetic of the rows above"
    for href in {link for row in rows for link in row["links"]}:
        assert page.request.get(f"{tiny_site_url}/cost/{href}").ok, href


def test_without_javascript_the_table_stands_in(browser, tiny_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{tiny_site_url}/cost/")
        assert not page.locator("[data-cost-form]").is_visible()
        assert not page.locator("[data-cost-result]").is_visible()
        table = page.locator("table", has_text="Calls a month")
        assert table.is_visible() and table.locator("tbody tr").count() == 3
        assert "10,000" in table.inner_text() and "30,000,000" in table.inner_text()
    finally:
        context.close()
