"""The contributor field reference is generated from schemas/, so the docs and the checks
cannot disagree; its glossary links land on real anchors."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT
from generator.site.field_reference import field_reference_pages, field_rows
from generator.data.load import KINDS as FOLDERS
from generator.data.schema import load_schemas

KINDS = tuple(FOLDERS.values())


@pytest.fixture(scope="module")
def PAGES(shipped_pages):
    return {path: text for path, text in shipped_pages.items() if path.startswith("contributing/fields-")}


def schema(kind):
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def test_one_page_per_kind(PAGES):
    assert sorted(PAGES) == sorted(f"contributing/fields-{kind}.md" for kind in KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_of_the_schema_is_documented(kind, PAGES, shipped_dataset):
    page = PAGES[f"contributing/fields-{kind}.md"]
    rows = {row.field: row for row in field_rows(load_schemas(), f"{kind}.schema.json", shipped_dataset.vocabularies)}
    for name, spec in schema(kind)["properties"].items():
        assert f"| `{name}` |" in page, f"{name} is missing from the {kind} field reference"
        assert rows[name].required == (name in schema(kind)["required"]), name
        assert rows[name].sourced == bool(spec.get("x-fact")), name


def test_model_rows_say_type_requirement_source_and_vocabulary(PAGES):
    page = PAGES["contributing/fields-model.md"]
    assert ("| `access` | term | yes | needs a source | How the model can be obtained. | "
            "[access](../glossary.md#access): `open-weights`, `open-weights-restricted`") in page
    assert "| `release` | a month as YYYY-MM | yes | needs a source |" in page
    assert "| `family` | a kebab-case id (lower-case letters, digits, single hyphens) | no |  |" in page
    assert "| `licence` | licence id | yes | needs a source |" in page and "an id from [licences](../licences/index.md)" in page
    assert "| `openness.<openness_component>.status` | term | yes |" in page
    assert "| `paper` | BibTeX key or null | yes |" in page


def test_criterion_nested_fields(PAGES):
    page = PAGES["contributing/fields-criterion.md"]
    assert "| `options[].leans.<leaning>` | whole number, 0 to 3 | yes |" in page
    assert "| `weight` | whole number, 1 to 3 | yes |" in page


def test_every_vocabulary_is_linked_to_its_glossary_anchor(PAGES, shipped_pages):
    glossary = shipped_pages["glossary.md"]
    anchors = set(re.findall(r"\{ #([a-z_]+) \}", glossary))
    linked = {anchor for page in PAGES.values() for anchor in re.findall(r"\]\(\.\./glossary\.md#([^)]+)\)", page)}
    assert linked, "no glossary links"
    assert linked <= anchors, f"no glossary anchor for {sorted(linked - anchors)}"
    used = {notes for kind in KINDS for notes in re.findall(r'"x-vocabulary(?:-keys)?": "([a-z_]+)"',
                                                             (ROOT / "schemas" / f"{kind}.schema.json").read_text())}
    assert used <= linked, f"vocabularies without a glossary link: {sorted(used - linked)}"


def test_every_link_target_is_a_generated_page(PAGES, shipped_pages):
    generated = set(shipped_pages)
    for name, page in PAGES.items():
        for target in re.findall(r"\]\(\.\./([^)#]+)", page):
            assert target in generated, f"{name} links to {target}, which is not generated"
