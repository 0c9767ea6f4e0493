"""The Chinese edition: every English page has a Chinese twin linked both ways, each page declares
its language, the Chinese texts are complete, and no English text of the interface shows on a
Chinese page except where it is marked as English (a record text not translated yet); in
Chromium, the Chinese checklist answers, restores from its address, downloads its answers and
prints on two A4 pages with CJK glyphs, and the Chinese search finds 许可证."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT
from generator.site.settings import nav_key, read_mkdocs_config
from generator.data.validate import _text_paths


def _pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("zh/"))


def test_every_english_page_has_a_chinese_twin(site):
    missing = [page for page in _pages(site) if not (site / "zh" / page).is_file() and page != "404.html"]
    assert not missing, missing[:20]


def _switcher(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="([a-z-]+)" class="md-select__link">', html))


@pytest.mark.parametrize("page", ["index.html", "models/llama-2/index.html", "checklist/index.html",
                                  "primer/background/index.html", "licences/matrix/index.html"])
def test_the_switcher_links_the_same_page_in_both_directions(site, page):
    english = (site / page).read_text(encoding="utf-8")
    chinese = (site / "zh" / page).read_text(encoding="utf-8")
    to_chinese = (site / page).parent / _switcher(english)["zh"]
    to_english = (site / "zh" / page).parent / _switcher(chinese)["en"]
    assert to_chinese.resolve() in ((site / "zh" / page).resolve(), (site / "zh" / page).parent.resolve())
    assert to_english.resolve() in ((site / page).resolve(), (site / page).parent.resolve())
    assert re.search(r'<link rel="alternate" href="[^"]*" hreflang="zh">', english)


def test_pages_declare_their_language(site):
    for page in ("index.html", "models/llama-2/index.html", "checklist/index.html"):
        assert '<html lang="en"' in (site / page).read_text(encoding="utf-8")
        assert re.search(r'<html lang="zh(-Hans)?"', (site / "zh" / page).read_text(encoding="utf-8"))


def test_every_interface_text_is_translated():
    en = dict(_text_paths(yaml.safe_load((ROOT / "data/strings/en.yaml").read_text(encoding="utf-8"))))
    zh = dict(_text_paths(yaml.safe_load((ROOT / "data/strings/zh.yaml").read_text(encoding="utf-8"))))
    assert not sorted(set(en) - set(zh)), "texts missing in zh.yaml"
    vocabularies = yaml.safe_load((ROOT / "data/vocabularies.yaml").read_text(encoding="utf-8"))
    untranslated = [f"{name}.{term}" for name, terms in vocabularies.items() for term, entry in terms.items()
                    if "zh" not in entry]
    assert not untranslated, untranslated[:20]


def test_the_navigation_titles_match_mkdocs_yml():
    titles = {}

    def walk(items):
        for item in items:
            if isinstance(item, dict):
                for title, value in item.items():
                    titles[nav_key(title)] = title
                    if isinstance(value, list):
                        walk(value)

    walk(read_mkdocs_config(ROOT / "mkdocs.yml")["nav"])
    nav = yaml.safe_load((ROOT / "data/strings/en.yaml").read_text(encoding="utf-8"))["nav"]
    assert nav == titles


class _Visible(HTMLParser):
    """The page's visible text, leaving out what is marked lang="en", scripts and styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "path", "line", "rect", "circle", "col"):
            return
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if any(t in ("script", "style", "code", "pre") or lang == "en" for t, lang in self.stack):
            return
        self.text.append(data)


ENGLISH_UI = None


def _english_interface_phrases():
    """Texts of en.yaml of three words or more, with placeholders and Markdown removed: what an
    English interface string looks like on a page."""
    en = yaml.safe_load((ROOT / "data/strings/en.yaml").read_text(encoding="utf-8"))
    # A phrase that zh.yaml itself writes in English is a name kept as it is (Model Openness Framework).
    chinese = " ".join(text for _, text in _text_paths(yaml.safe_load((ROOT / "data/strings/zh.yaml").read_text(encoding="utf-8"))))
    phrases = set()
    for path, text in _text_paths(en):
        if path[0] in ("nav", "language"):
            continue
        for part in re.split(r"\{[a-z_]+\}|[*_`\[\]()|]|\n", text):
            words = part.strip(" .,:;!?–-")
            if len(words.split()) >= 3 and re.fullmatch(r"[A-Za-z' ,-]+", words) and words not in chinese:
                phrases.add(words)
    return phrases


@pytest.mark.parametrize("page", ["index.html", "models/llama-2/index.html", "licences/apache-2-0/index.html",
                                  "criteria/task/index.html", "checklist/index.html", "models/matrix/index.html",
                                  "gaps/index.html", "lifecycles/index.html", "coverage/index.html", "glossary/index.html"])
def test_chinese_pages_show_no_english_interface_text(site, page):
    parser = _Visible()
    parser.feed((site / "zh" / page).read_text(encoding="utf-8"))
    visible = " ".join(" ".join(parser.text).split())
    found = sorted(p for p in _english_interface_phrases() if p in visible)
    assert not found, found[:10]


# ---------------------------------------------------------------- the Chinese edition in Chromium

def _chinese_question(criterion_id: str) -> str:
    translation = ROOT / "data" / "translations" / "zh" / "criteria" / f"{criterion_id}.yaml"
    return " ".join(yaml.safe_load(translation.read_text(encoding="utf-8"))["question"]["text"].split())


def test_chinese_checklist_answers_and_restores_from_the_address(page, site_url):
    page.goto(f"{site_url}/zh/checklist/")
    assert page.locator("[data-checklist-result]").is_hidden()
    page.check('input[name="latency-offline"][value="offline-or-on-device"]')
    result = page.locator("[data-checklist-result]")
    assert result.is_visible() and result.get_attribute("data-leaning") == "open"
    assert "latency-offline=offline-or-on-device" in page.url
    summary = page.locator("[data-result-summary]").inner_text()
    assert re.search(r"[\u4e00-\u9fff]", summary) and not re.search(r"\b(only|models|meet)\b", summary), summary
    page.goto(page.url)    # a shared link
    assert page.locator('input[name="latency-offline"][value="offline-or-on-device"]').is_checked()
    assert page.locator("[data-checklist-result]").get_attribute("data-leaning") == "open"


def test_chinese_checklist_downloads_answers(page, site_url, tmp_path):
    page.goto(f"{site_url}/zh/checklist/?latency-offline=offline-or-on-device")
    with page.expect_download() as download:
        page.click("[data-download]")
    path = tmp_path / "answers.yaml"
    download.value.save_as(path)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["answers"]["latency-offline"] == "offline-or-on-device"


def test_chinese_checklist_prints_on_two_a4_pages_with_every_question(page, site_url, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext is missing; .ci/run installs poppler-utils")
    # Chromium embeds fonts without their names, so the glyphs' font is checked where it comes from.
    fonts = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font installed; .ci/run installs fonts-noto-cjk"
    page.goto(f"{site_url}/zh/checklist/")
    pdf = tmp_path / "checklist-zh.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages <= 2, f"{pages} pages"
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    for record in sorted((ROOT / "data" / "criteria").glob("*.yaml")):
        question = "".join(_chinese_question(record.stem).split())
        assert question in text, f"missing {question!r}"


def test_chinese_search_finds_the_licence_pages(page, site_url):
    page.goto(f"{site_url}/zh/")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "许可证")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")
    assert any("/zh/licences/" in href for href in hrefs), hrefs[:10]


def test_chinese_content_pages_cite_the_same_sources_as_their_english_twins():
    """A hand-translated page keeps every citation (the contributing page includes CONTRIBUTING.md)."""
    from generator.data.citations import citation_keys, replace_citations
    content = ROOT / "content"

    def keys(path):
        found = set()
        replace_citations(path.read_text(encoding="utf-8"), lambda m: found.update(citation_keys(m.group(1))) or "")
        return found

    for english in sorted(content.rglob("*.md")):
        relative = english.relative_to(content)
        if relative.parts[0] == "zh" or relative.as_posix() == "contributing/index.md":
            continue
        chinese = content / "zh" / relative
        assert chinese.is_file(), f"content/zh/{relative.as_posix()} is missing"
        assert keys(chinese) == keys(english), relative.as_posix()
