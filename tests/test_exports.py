"""The open data under api/v1/: every JSON file validates against its schema, every CSV has
one row per record."""

from __future__ import annotations

import csv
import json

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from conftest import ROOT

from generator.data.load import KINDS


@pytest.fixture(scope="module")
def api(site):
    return site / "api" / "v1"


@pytest.fixture(scope="module")
def validators(api):
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (api / "schemas").glob("*.json")}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}


def test_published_schemas_are_the_repository_schemas(api):
    for path in (ROOT / "schemas").glob("*.json"):
        assert json.loads((api / "schemas" / path.name).read_text(encoding="utf-8")) == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", KINDS)
def test_kind_file_validates(api, validators, kind):
    records = json.loads((api / f"{kind}.json").read_text(encoding="utf-8"))
    assert len(records) == len(list((ROOT / "data" / kind).glob("*.yaml")))
    validator = validators[f"{KINDS[kind]}.schema.json"]
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, f"{kind}/{record.get('id')}: {errors}"


def test_combined_file_validates(api, validators):
    combined = json.loads((api / "all.json").read_text(encoding="utf-8"))
    assert not list(validators["vocabularies.schema.json"].iter_errors(combined["vocabularies"]))
    if "crosswalk" in combined:
        assert not list(validators["crosswalk.schema.json"].iter_errors(combined["crosswalk"]))
    for kind, schema in KINDS.items():
        for record in combined[kind]:
            assert not list(validators[f"{schema}.schema.json"].iter_errors(record)), record["id"]
    assert combined["data_version"]
    assert all(ref["links"] for ref in combined["references"])


@pytest.mark.parametrize("kind", KINDS)
def test_csv_has_one_row_per_record(api, kind):
    with (api / f"{kind}.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    ids = sorted(p.stem for p in (ROOT / "data" / kind).glob("*.yaml"))
    assert sorted(row["id"] for row in rows) == ids


@pytest.mark.parametrize("kind", KINDS)
def test_one_file_per_record_validates_and_equals_the_list(api, validators, kind):
    records = {record["id"]: record for record in json.loads((api / f"{kind}.json").read_text(encoding="utf-8"))}
    files = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in (api / kind).glob("*.json")}
    assert files == records
    validator = validators[f"{KINDS[kind]}.schema.json"]
    for record_id, record in files.items():
        assert not list(validator.iter_errors(record)), record_id


def test_references_file_is_the_combined_files_list(api):
    combined = json.loads((api / "all.json").read_text(encoding="utf-8"))
    assert json.loads((api / "references.json").read_text(encoding="utf-8")) == combined["references"]


def test_record_page_links_to_its_json(site):
    page = (site / "models" / "llama-2" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../api/v1/models/llama-2.json"' in page
