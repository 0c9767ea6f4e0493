"""The model matrix and the compare view in headless Chromium: sorting and each filter change
the rows as expected; the compare view restores its selection from the address."""

from __future__ import annotations

import pytest

from generator.data.derived import openness_score, release_year
from generator.site.explore import MATRIX_SHOW_ALL_UP_TO


@pytest.fixture(scope="module")
def DATASET(shipped_dataset):
    return shipped_dataset


@pytest.fixture(scope="module")
def MODELS(shipped_dataset):
    return {model_id: record.data for model_id, record in shipped_dataset.records["models"].items()}


@pytest.fixture(scope="module")
def LICENCE_KIND(shipped_dataset, MODELS):
    return {model_id: shipped_dataset.records["licences"][m["licence"]].data["kind"] for model_id, m in MODELS.items()}


def visible_models(page):
    return page.eval_on_selector_all(
        "table[data-matrix] tbody tr:not([hidden]) th a", "links => links.map(a => a.getAttribute('href').split('/').slice(-2)[0])")


@pytest.fixture
def matrix(page, site_url):
    page.goto(f"{site_url}/models/matrix/")
    page.wait_for_selector("table[data-matrix][data-ready]")
    return page


def test_the_shipped_matrix_shows_every_row_without_a_click(matrix, MODELS):
    assert MATRIX_SHOW_ALL_UP_TO >= 200 and len(MODELS) <= MATRIX_SHOW_ALL_UP_TO
    assert sorted(visible_models(matrix)) == sorted(MODELS)
    assert matrix.locator("[data-matrix-more]").is_hidden()


def test_usable_in_and_availability_filters(matrix, DATASET, MODELS):
    from generator.decide.candidates import model_candidates
    candidates = {c["id"]: c for c in model_candidates(DATASET)}
    matrix.select_option('select[data-filter="usable-in"]', "eu")
    expected = sorted(i for i in MODELS if "eu" not in candidates[i]["excluded_regions"])
    assert "tencent-hunyuan-community-license" in {m["licence"] for m in MODELS.values()}
    assert sorted(visible_models(matrix)) == expected and len(expected) < len(MODELS)
    assert not any(MODELS[i]["licence"] == "tencent-hunyuan-community-license" for i in visible_models(matrix))
    matrix.select_option('select[data-filter="usable-in"]', "")
    matrix.select_option('select[data-filter="availability"]', "offered")
    expected = sorted(i for i in MODELS if candidates[i]["availability"] != "retired")
    assert sorted(visible_models(matrix)) == expected and "gpt-3" not in expected


def test_without_filters_every_model_is_shown(matrix, MODELS):
    assert sorted(visible_models(matrix)) == sorted(MODELS)
    assert matrix.locator("[data-matrix-count]").inner_text() == f"{len(MODELS)} of {len(MODELS)} shown"


def test_sorting_by_release_then_reverse(matrix, MODELS):
    header = matrix.locator("table[data-matrix] thead th", has_text="Released")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    releases = [MODELS[m]["release"] for m in visible_models(matrix)]
    assert releases == sorted(releases)
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "descending"
    releases = [MODELS[m]["release"] for m in visible_models(matrix)]
    assert releases == sorted(releases, reverse=True)


def test_sorting_by_openness_score_is_numeric(matrix, DATASET, MODELS):
    matrix.locator("table[data-matrix] thead th", has_text="Openness score").locator("button").click()
    scores = [openness_score(MODELS[m], DATASET.vocabularies).percent for m in visible_models(matrix)]
    known = [s for s in scores if s is not None]
    assert known == sorted(known)


FILTERS = [
    ("access", "open-weights", lambda m, i, kinds: m["access"] == "open-weights"),
    ("access", "api", lambda m, i, kinds: m["access"] == "api"),
    ("licence-kind", "permissive", lambda m, i, kinds: kinds[i] == "permissive"),
    ("developer", "Meta", lambda m, i, kinds: m["developer"] == "Meta"),
    ("modality", "image", lambda m, i, kinds: "image" in m["modality"]),
    ("year", "2023", lambda m, i, kinds: release_year(m) == 2023),
    ("commercial-use", "allowed", lambda m, i, kinds: m["commercial_use"] == "allowed"),
]


@pytest.mark.parametrize("field, value, keep", FILTERS, ids=[f"{f}={v}" for f, v, _ in FILTERS])
def test_each_filter(matrix, field, value, keep, MODELS, LICENCE_KIND):
    matrix.select_option(f'select[data-filter="{field}"]', value)
    expected = sorted(i for i, m in MODELS.items() if keep(m, i, LICENCE_KIND))
    assert expected, f"no shipped model has {field}={value}; pick another value"
    assert sorted(visible_models(matrix)) == expected


def test_minimum_score_filter_and_reset(matrix, DATASET, MODELS):
    matrix.fill('input[data-filter="score"]', "60")
    expected = sorted(i for i, m in MODELS.items()
                      if (openness_score(m, DATASET.vocabularies).percent or -1) >= 60)
    assert sorted(visible_models(matrix)) == expected
    matrix.click("[data-matrix-filters] button[type=reset]")
    matrix.wait_for_function(f"document.querySelectorAll('table[data-matrix] tbody tr:not([hidden])').length === {len(MODELS)}")


def test_filters_combine(matrix, MODELS):
    matrix.select_option('select[data-filter="access"]', "open-weights-restricted")
    matrix.select_option('select[data-filter="year"]', "2024")
    expected = sorted(i for i, m in MODELS.items() if m["access"] == "open-weights-restricted" and release_year(m) == 2024)
    assert sorted(visible_models(matrix)) == expected


def test_compare_restores_selection_from_the_address(page, site_url, MODELS):
    page.goto(f"{site_url}/compare/?models=llama-2,gpt-4o")
    page.wait_for_selector("[data-compare-output]:not([hidden])")
    assert page.locator('[data-compare-slot="1"]').input_value() == "llama-2"
    assert page.locator('[data-compare-slot="2"]').input_value() == "gpt-4o"
    headers = page.locator(".compare-table thead th").all_inner_texts()
    assert headers[1:] == [MODELS["llama-2"]["name"], MODELS["gpt-4o"]["name"]]
    access = page.locator(".compare-table tbody tr", has_text="Access")
    assert "differs" in access.get_attribute("class")


def test_compare_choice_goes_into_the_address(page, site_url):
    page.goto(f"{site_url}/compare/")
    page.check('input[name="kind"][value="licences"]')
    page.select_option('[data-compare-slot="1"]', "mit")
    page.select_option('[data-compare-slot="2"]', "apache-2-0")
    assert page.url.endswith("?licences=mit%2Capache-2-0") or page.url.endswith("?licences=mit,apache-2-0")
    page.reload()
    assert page.locator('[data-compare-slot="2"]').input_value() == "apache-2-0"
    patent = page.locator(".compare-table tbody tr", has_text="Permissions: Patent use")
    assert "differs" in patent.get_attribute("class")


def test_a_larger_catalogue_shows_its_first_rows_then_all(page, site_url, MODELS):
    # The page size covers the shipped data; shrink it to see what a larger catalogue would show.
    def smaller_page(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(f'data-page-size="{len(MODELS)}"', 'data-page-size="10"'))
    page.route("**/models/matrix/", smaller_page)
    page.goto(f"{site_url}/models/matrix/")
    page.wait_for_selector("table[data-matrix][data-ready]")
    assert len(visible_models(page)) == 10
    assert page.locator("[data-matrix-count]").inner_text() == f"First 10 of {len(MODELS)} matching models shown ({len(MODELS)} in all)"
    page.locator("table[data-matrix] thead th", has_text="Released").locator("button").click()
    releases = [MODELS[m]["release"] for m in visible_models(page)]
    assert releases == sorted(m["release"] for m in MODELS.values())[:10]
    page.click("[data-matrix-more]")
    assert len(visible_models(page)) == len(MODELS)
    assert page.locator("[data-matrix-more]").is_hidden()


def test_a_catalogue_past_the_show_all_size_shows_a_page_then_a_button():
    from generator.site.explore import MATRIX_PAGE_SIZE, matrix_page_size
    assert matrix_page_size(MATRIX_SHOW_ALL_UP_TO) == MATRIX_SHOW_ALL_UP_TO
    assert matrix_page_size(MATRIX_SHOW_ALL_UP_TO + 1) == MATRIX_PAGE_SIZE < MATRIX_SHOW_ALL_UP_TO
