"""Accessibility of every page type in headless Chromium: axe-core in the light and the dark
palette, in both editions, document structure, keyboard-only use of the matrices, the compare view and the
checklist, and print.

axe-core is shipped in tests/vendor/axe-core/ (see its README) and injected into each page;
nothing is fetched at run time. A serious or critical violation fails the test with its rule,
impact and first offending nodes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")


def records(kind: str) -> list[str]:
    return sorted(path.stem for path in (ROOT / "data" / kind).glob("*.yaml"))


def first_record(kind: str) -> str:
    return records(kind)[0]


PAGE_TYPES = {
    "home": "",
    "primer": "primer/worked-example/",
    "models-index": "models/",
    "model": f"models/{first_record('models')}/",
    "licences-index": "licences/",
    "licence": f"licences/{first_record('licences')}/",
    "domains-index": "domains/",
    "domain": f"domains/{first_record('domains')}/",
    "criteria-index": "criteria/",
    "criterion": f"criteria/{first_record('criteria')}/",
    "model-matrix": "models/matrix/",
    "licence-matrix": "licences/matrix/",
    "domain-matrix": "domains/matrix/",
    "compare": "compare/?models={},{}".format(*records("models")[:2]),
    "checklist": "checklist/",
    "cost": "cost/",
    "accelerators-index": "accelerators/",
    "accelerator": f"accelerators/{first_record('accelerators')}/",
    "checklist-answered": "checklist/",
    "references": "references/",
    "data-and-api": "data-and-api/",
    "charts": "charts/",
    "glossary": "glossary/",
    "known-gaps": "gaps/",
}
MATRICES = ["models/matrix/", "licences/matrix/", "domains/matrix/"]
SCHEMES = {"light": "default", "dark": "slate"}

# Violations of Material for MkDocs itself that our files cannot reach: (rule, node) -> why.
# (Material's unnamed search dialog is named by generator/mkdocs_hook.py's on_post_page.)
THEME_EXEMPTIONS: dict[tuple[str, str], str] = {}


def open_page(page, site, site_url, page_type, edition=""):
    """edition: "" for the English pages, "zh/" for the Chinese ones."""
    path = edition + PAGE_TYPES[page_type]
    response = page.goto(f"{site_url}/{path}")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    if page_type == "checklist-answered":
        answer_every_question(page)
    if page_type == "compare":
        assert page.locator("[data-compare-output]").is_visible(), f"{path}: the comparison is not shown"


def answer_every_question(page):
    """Picks the first option of every question, through the address as a shared link does."""
    query = page.evaluate("""() => [...document.querySelectorAll('fieldset[data-criterion]')]
        .map(f => f.querySelector('input[type="radio"]')).map(r => `${r.name}=${r.value}`).join('&')""")
    page.goto(f"{page.url.split('?')[0]}?{query}")
    assert page.locator("[data-checklist-result]").is_visible()
    assert page.locator("fieldset[data-criterion] input:checked").count() == page.locator("fieldset[data-criterion]").count()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary}))}));
    }""")


def failing(violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        nodes = [n for n in violation["nodes"] if (violation["id"], n["target"]) not in THEME_EXEMPTIONS]
        if nodes:
            kept.append({**violation, "nodes": nodes})
    return kept


def describe(violations: list[dict], shown: int = 3) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}, {len(v['nodes'])} node(s)")
        for node in v["nodes"][:shown]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  {node['html'][:160]}\n      {summary[:300]}")
    return "\n".join(lines)


def use_palette(page, palette):
    page.emulate_media(color_scheme="dark" if palette == "dark" else "light")


def assert_palette(page, palette):
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == SCHEMES[palette], f"expected the {palette} palette, the page shows {scheme!r}"


# ---------------------------------------------------------------- axe-core

@pytest.mark.parametrize("edition", ["", "zh/"], ids=["en", "zh"])
@pytest.mark.parametrize("palette", SCHEMES)
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_serious_axe_violations(page, site, site_url, page_type, palette, edition):
    use_palette(page, palette)
    open_page(page, site, site_url, page_type, edition)
    assert_palette(page, palette)
    found = failing(axe_violations(page))
    assert not found, f"{edition}{PAGE_TYPES[page_type] or 'home'} ({palette} palette):\n{describe(found)}"


def test_material_search_dialog_has_a_name(page, site_url):
    page.goto(f"{site_url}/")
    name = page.evaluate("""() => { const d = document.querySelector('.md-search[role="dialog"]');
        return d ? (d.getAttribute('aria-label') || d.getAttribute('aria-labelledby') || '') : null; }""")
    assert name is not None, "Material's search dialog is missing from the page"
    assert name, "Material's search dialog has no accessible name"


# ---------------------------------------------------------------- colour

def _luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground, background):
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


RESOLVE_COLOURS = """(names) => {
    const probe = document.createElement('span');
    document.querySelector('.md-content').appendChild(probe);
    const out = {};
    for (const name of names) {
        probe.style.color = `var(${name})`;
        out[name] = getComputedStyle(probe).color.match(/[\\d.]+/g).map(Number);
    }
    probe.remove();
    return out;
}"""


def _opaque(rgba, background):
    if len(rgba) < 4:
        return rgba[:3]
    alpha = rgba[3]
    return [round(c * alpha + b * (1 - alpha)) for c, b in zip(rgba[:3], background)]


@pytest.mark.parametrize("palette", SCHEMES)
def test_link_colours_contrast_with_page_and_code_backgrounds(page, site_url, palette):
    """Links (and their hover and focus colour, Material's accent) reach 4.5:1 on the page
    background and on code backgrounds; an underline tells them from text."""
    use_palette(page, palette)
    page.goto(f"{site_url}/data-and-api/")
    assert_palette(page, palette)
    colours = page.evaluate(RESOLVE_COLOURS, ["--md-default-bg-color", "--md-code-bg-color",
                                              "--md-typeset-a-color", "--md-accent-fg-color"])
    page_bg = _opaque(colours["--md-default-bg-color"], [255, 255, 255])
    code_bg = _opaque(colours["--md-code-bg-color"], page_bg)
    problems = []
    for name in ("--md-typeset-a-color", "--md-accent-fg-color"):
        for where, background in (("page", page_bg), ("code", code_bg)):
            ratio = contrast(_opaque(colours[name], background), background)
            if ratio < 4.5:
                problems.append(f"{name} on the {where} background: {ratio:.2f}:1")
    assert not problems, f"{palette} palette: " + "; ".join(problems)
    decoration = page.locator(".md-content p a[href]").first.evaluate("a => getComputedStyle(a).textDecorationLine")
    assert "underline" in decoration


# ---------------------------------------------------------------- structure

STRUCTURE = """() => {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(h => ({
        level: Number(h.tagName[1]), text: h.textContent.trim().slice(0, 60)}));
    const unlabelled = [...document.querySelectorAll('.md-content input, .md-content select, .md-content textarea')]
        .filter(c => c.type !== 'hidden')
        .filter(c => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
        .map(c => c.outerHTML.slice(0, 120));
    return {lang: document.documentElement.lang, headings, unlabelled};
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_structure(page, site, site_url, page_type):
    """One h1, headings without skipped levels, a language, and a label on every form control."""
    open_page(page, site, site_url, page_type)
    found = page.evaluate(STRUCTURE)
    where = PAGE_TYPES[page_type] or "home"
    assert found["lang"] == "en", f"{where}: <html lang> is {found['lang']!r}"
    headings = found["headings"]
    h1 = [h["text"] for h in headings if h["level"] == 1]
    assert len(h1) == 1, f"{where}: {len(h1)} h1 elements: {h1}"
    assert headings[0]["level"] == 1, f"{where}: the first heading is {headings[0]}"
    for before, after in zip(headings, headings[1:]):
        assert after["level"] <= before["level"] + 1, \
            f"{where}: h{before['level']} {before['text']!r} is followed by h{after['level']} {after['text']!r}"
    assert not found["unlabelled"], f"{where}: form controls without a label: {found['unlabelled']}"


@pytest.mark.parametrize("path", MATRICES)
def test_matrix_headers_have_scope_and_every_row_a_header(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    table = page.locator("table.matrix")
    missing = table.evaluate("""t => [...t.querySelectorAll('th')]
        .filter(th => !['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope')))
        .map(th => th.textContent.trim())""")
    assert not missing, f"{path}: headers without scope: {missing[:5]}"
    rows_without_header = table.evaluate("""t => [...t.tBodies[0].rows]
        .filter(r => !r.querySelector('th[scope="row"]')).length""")
    assert rows_without_header == 0, f"{path}: {rows_without_header} body rows have no row header"
    assert table.locator("caption").inner_text().strip(), f"{path}: the table has no caption"


@pytest.mark.parametrize("path", MATRICES)
def test_status_symbols_have_a_text_equivalent(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    silent = page.evaluate("""() => [...document.querySelectorAll('table.matrix td')]
        .filter(td => td.querySelector('[aria-hidden="true"]'))
        .filter(td => {
            const hidden = [...td.querySelectorAll('.visually-hidden')].map(s => s.textContent.trim()).join('');
            const labelled = [...td.querySelectorAll('[aria-label]')].some(e => e.getAttribute('aria-label').trim());
            return !hidden && !labelled;
        }).map(td => td.outerHTML.slice(0, 120))""")
    assert not silent, f"{path}: symbols without text: {silent[:3]}"


def test_charts_have_a_title_a_description_and_a_data_table(page, site_url):
    page.goto(f"{site_url}/charts/")
    charts = page.locator("figure.chart")
    assert charts.count() > 0
    for chart in charts.all():
        svg = chart.locator("svg")
        assert svg.get_attribute("role") == "img"
        ids = (svg.get_attribute("aria-labelledby") or "").split()
        texts = [chart.locator(f"#{i}").text_content().strip() for i in ids]
        assert len(texts) >= 2 and all(texts), f"{chart.get_attribute('id')}: title and description missing"
        assert chart.locator("table th[scope]").count() > 0, f"{chart.get_attribute('id')}: no data table"


def test_checklist_result_is_announced_politely(page, site_url):
    page.goto(f"{site_url}/checklist/")
    live = page.locator('[data-checklist-result] [role="status"]')
    assert live.count() == 1
    assert live.get_attribute("aria-live") == "polite"
    answer_every_question(page)
    assert live.inner_text().strip(), "the live region stays empty after answering"


@pytest.mark.parametrize("path", MATRICES)
def test_sorting_sets_aria_sort(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    headers = page.locator("table.matrix thead th[aria-sort]")
    assert headers.count() > 1, f"{path}: no sortable headers"
    assert set(headers.evaluate_all("hs => hs.map(h => h.getAttribute('aria-sort'))")) == {"none"}
    second = headers.nth(1)
    second.locator("button.sort-button").click()
    assert second.get_attribute("aria-sort") == "ascending"
    second.locator("button.sort-button").click()
    assert second.get_attribute("aria-sort") == "descending"
    headers.nth(0).locator("button.sort-button").click()
    states = headers.evaluate_all("hs => hs.map(h => h.getAttribute('aria-sort'))")
    assert states[0] == "ascending" and set(states[1:]) == {"none"}, states


# ---------------------------------------------------------------- keyboard

def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el);
        return {tag: el.tagName.toLowerCase(), type: el.type || '', name: el.getAttribute('name') || '',
                text: (el.textContent || '').trim().slice(0, 60),
                sortButton: el.classList.contains('sort-button'),
                header: el.closest('th') ? el.closest('th').textContent.trim() : '',
                filter: el.getAttribute('data-filter') || '',
                checklist: Boolean(el.closest('[data-checklist]')),
                slot: el.getAttribute('data-compare-slot') || '',
                outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                shadow: s.boxShadow !== 'none'};
    }""")


def tab_to(page, wanted, limit=300, key="Tab"):
    for _ in range(limit):
        page.keyboard.press(key)
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"{key} never reached the wanted control within {limit} presses")


def assert_focus_visible(state):
    assert state["outline"] or state["shadow"], f"no visible focus indicator on {state}"


FORM_PAGES = ["model-matrix", "licence-matrix", "domain-matrix", "checklist-answered", "compare"]


@pytest.mark.parametrize("page_type", FORM_PAGES)
def test_every_control_shows_keyboard_focus(page, site, site_url, page_type):
    open_page(page, site, site_url, page_type)
    page.keyboard.press("Tab")  # the last interaction is the keyboard, as for a keyboard user
    unmarked = page.evaluate("""() => [...document.querySelectorAll(
            '.md-content input, .md-content select, .md-content textarea, .md-content button, .md-content summary')]
        .filter(el => el.checkVisibility())
        .filter(el => {
            el.focus();
            const s = getComputedStyle(el);
            return !(s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) && s.boxShadow === 'none';
        }).map(el => el.outerHTML.slice(0, 100))""")
    assert not unmarked, f"{PAGE_TYPES[page_type]}: no visible focus on {unmarked[:5]}"


def test_model_matrix_sorts_and_filters_by_keyboard(page, site_url):
    page.goto(f"{site_url}/models/matrix/")
    header = page.locator("table.matrix thead th", has_text="Openness score")
    state = tab_to(page, lambda f: f["sortButton"] and f["header"].startswith("Openness score"))
    assert_focus_visible(state)
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Space")
    assert header.get_attribute("aria-sort") == "descending"
    scores = page.locator("table.matrix tbody tr").evaluate_all(
        "rows => rows.map(r => parseFloat(r.children[6].getAttribute('data-sort')))")
    assert scores == sorted(scores, reverse=True)

    state = tab_to(page, lambda f: f["filter"] == "access", key="Shift+Tab")
    assert_focus_visible(state)
    rows = page.locator("table.matrix tbody tr")
    total = rows.count()
    page.keyboard.press("ArrowDown")
    chosen = page.locator('select[data-filter="access"]').input_value()
    assert chosen, "ArrowDown did not choose an access filter"
    visible = rows.evaluate_all("rows => rows.filter(r => !r.hidden).map(r => r.getAttribute('data-access'))")
    assert 0 < len(visible) < total and set(visible) == {chosen}
    assert page.locator("[data-matrix-count]").inner_text() == f"{len(visible)} of {total} shown"


def test_checklist_answers_by_keyboard(page, site_url):
    page.goto(f"{site_url}/checklist/")
    state = tab_to(page, lambda f: f["type"] == "radio" and f["checklist"])
    assert_focus_visible(state)
    question = state["name"]
    page.keyboard.press("Space")
    result = page.locator("[data-checklist-result]")
    assert result.is_visible()
    first = page.locator(f'input[name="{question}"]:checked').get_attribute("value")
    page.keyboard.press("ArrowDown")
    second = page.locator(f'input[name="{question}"]:checked').get_attribute("value")
    assert second and second != first
    assert f"{question}={second}" in page.url
    assert page.locator("[data-result-summary]").inner_text().strip()


def test_compare_selection_by_keyboard(page, site, site_url):
    page.goto(f"{site_url}/compare/")
    state = tab_to(page, lambda f: f["type"] == "radio" and f["name"] == "kind")
    assert_focus_visible(state)
    page.keyboard.press("ArrowDown")
    assert page.locator('input[name="kind"]:checked').get_attribute("value") == "licences"
    page.keyboard.press("ArrowUp")
    assert page.locator('input[name="kind"]:checked').get_attribute("value") == "models"
    for slot, presses in (("1", 1), ("2", 2)):
        state = tab_to(page, lambda f: f["slot"] == slot)
        assert_focus_visible(state)
        for _ in range(presses):
            page.keyboard.press("ArrowDown")
    first = page.locator('[data-compare-slot="1"]').input_value()
    second = page.locator('[data-compare-slot="2"]').input_value()
    assert first and second and first != second
    assert page.locator("[data-compare-output]").is_visible()
    assert page.locator(".compare-table thead th").count() == 3
    assert f"{first},{second}" in page.url.replace("%2C", ",")


# ---------------------------------------------------------------- print

@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_prints_without_navigation_chrome(page, site, site_url, page_type):
    open_page(page, site, site_url, page_type)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => [...document.querySelectorAll('.md-header, .md-tabs, .md-sidebar, .md-footer, .md-top')]
        .filter(el => getComputedStyle(el).display !== 'none').map(el => el.className)""")
    assert not shown, f"{PAGE_TYPES[page_type] or 'home'}: printed chrome: {shown}"
    assert not page.locator(".md-search").first.evaluate("el => el.checkVisibility()")
    assert page.locator(".md-content h1").first.is_visible()


def test_printed_external_links_show_their_address(page, site_url):
    page.goto(f"{site_url}/references/")
    page.emulate_media(media="print")
    link = page.locator('.md-content a[href^="http"]').first
    href = link.get_attribute("href")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert href in after, f"printed link {href} shows {after!r}"
