"""The shipped data: every record, the vocabularies, references.bib and content/ citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from generator.data.load import KINDS, read_dataset
from generator.data.problems import errors
from generator.data.validate import check_dataset

DATASET, READ_PROBLEMS = read_dataset(ROOT)
PROBLEMS = errors(READ_PROBLEMS + check_dataset(DATASET))
RECORD_FILES = sorted(path.relative_to(ROOT).as_posix() for kind in KINDS for path in (ROOT / "data" / kind).glob("*.yaml"))


def _problems_in(file: str) -> str:
    return "\n".join(str(p) for p in PROBLEMS if p.file == file)


@pytest.mark.parametrize("file", RECORD_FILES)
def test_record_is_valid(file):
    found = _problems_in(file)
    assert not found, f"fix these, then run `python -m generator validate`:\n{found}"


def test_vocabularies_are_valid():
    assert not _problems_in("data/vocabularies.yaml")


def test_references_bib_is_valid():
    assert not _problems_in("references.bib")


def test_content_citations_exist():
    found = "\n".join(str(p) for p in PROBLEMS if p.file.startswith("content/"))
    assert not found


def test_no_other_problem():
    assert not PROBLEMS, "\n".join(map(str, PROBLEMS))


@pytest.mark.parametrize("key", sorted(DATASET.references))
def test_reference_can_be_checked(key):
    ref = DATASET.references[key]
    assert ref.authors and ref.title and ref.year, f"{key}: needs author, title and year"
    assert ref.links, f"{key}: needs a doi, an eprint (arXiv id) or a url"


def test_minimum_dataset():
    counts = {kind: len(records) for kind, records in DATASET.records.items()}
    assert counts["models"] >= 5 and counts["licences"] >= 1 and counts["domains"] >= 3 and counts["criteria"] >= 5, counts


@pytest.mark.parametrize("file", RECORD_FILES)
def test_record_starts_with_its_schema_line(file):
    kind = KINDS[file.split("/")[1]]
    first = (ROOT / file).read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json", \
        f"{file}: the first line must name its schema so editors complete and check fields"


@pytest.mark.parametrize("schema", sorted(p.name for p in (ROOT / "schemas").glob("*.json")))
def test_schema_is_valid_draft_2020_12(schema):
    from jsonschema import Draft202012Validator
    document = json.loads((ROOT / "schemas" / schema).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_record_file_name_is_its_id():
    for file in RECORD_FILES:
        record = yaml.safe_load((ROOT / file).read_text(encoding="utf-8"))
        assert record["id"] == Path(file).stem, file


def test_schemas_inline_completely():
    """Validation inlines every $ref (for speed); a cyclic $ref would stay and be resolved
    against the wrong file by the annotation walk, so the schemas must have none."""
    from generator.data.schema import inline_refs, load_schemas
    assert "$ref" not in json.dumps(inline_refs(load_schemas()))


def test_known_gaps_page_names_every_licence_with_unverified_rules():
    from generator.site.pages import build_pages
    page = build_pages(DATASET)["gaps.md"]
    for licence_id, record in DATASET.records["licences"].items():
        listed = f"(licences/{licence_id}.md)" in page
        assert listed == bool(record.data.get("incomplete_rules")), licence_id
