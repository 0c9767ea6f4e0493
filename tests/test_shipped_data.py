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


def test_the_shortcut_for_simple_latex_reads_as_the_converter_does():
    """bib._simple_latex skips the slow LaTeX converter for values with only braces and escapes."""
    import bibtexparser
    from generator.data import bib
    library = bibtexparser.parse_string((ROOT / "references.bib").read_text(encoding="utf-8"))
    values = [str(field.value) for entry in library.entries for field in entry.fields]
    values += [name for entry in library.entries for field in entry.fields if field.key == "author"
               for name in str(field.value).split(" and ")]
    values += ["{{NVIDIA}}", "A \\& B", "x\\_y 50\\%", "{unbalanced", "}{", "It's", "a -- b", "``q''", "\\'e"]
    shortcut = 0
    for value in values:
        simple = bib._simple_latex(value)
        if simple is not None:
            shortcut += 1
            assert " ".join(simple.split()) == " ".join(bib._latex.latex_to_text(value).split()), value
    assert shortcut > len(values) / 2


def _mutations(value, rng):
    """Small bad (and some harmless) edits of a document: one value swapped, dropped or added."""
    import copy
    paths = []
    def collect(node, path):
        paths.append(path)
        children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, child in children:
            collect(child, path + (key,))
    collect(value, ())
    replacements = [None, True, 1, 1.5, -3, "", "x", "2026-13", "two\nlines", [], ["a", "a"], {}, {"unknown": 1}, [1.0, 1]]
    for path in rng.sample(paths, min(len(paths), 25)):
        for replacement in rng.sample(replacements, 4):
            edited = copy.deepcopy(value)
            if not path:
                continue
            parent = edited
            for key in path[:-1]:
                parent = parent[key]
            if rng.random() < 0.2 and isinstance(parent, dict):
                del parent[path[-1]]
            elif rng.random() < 0.1 and isinstance(parent, dict):
                parent["unknown_field"] = replacement
            else:
                parent[path[-1]] = replacement
            yield edited


def test_the_quick_schema_check_agrees_with_jsonschema():
    """schema.conforms() may skip jsonschema only where both give the same answer."""
    import random
    from generator.data.load import KINDS
    from generator.data.schema import conforms, inline_refs, load_schemas
    from generator.data.validate import _validators
    dataset, _ = read_dataset(ROOT)
    validators = _validators(inline_refs(load_schemas()))
    rng = random.Random(20261205)
    checked = quick = 0
    for kind, records in dataset.records.items():
        validator = validators[f"{KINDS[kind]}.schema.json"]
        for record in rng.sample(sorted(records.values(), key=lambda r: r.file), min(len(records), 12)):
            for data in [record.data, *_mutations(record.data, rng)]:
                answer = conforms(validator.schema, data)
                checked += 1
                if answer is not None:
                    quick += 1
                    assert answer == validator.is_valid(data), (record.file, data)
    translation = validators["translation.schema.json"]
    for doc in list(dataset.translation_docs["zh"]["models"].values())[:10]:
        for data in [doc.data, *_mutations(doc.data, rng)]:
            answer = conforms(translation.schema, data)
            checked += 1
            if answer is not None:
                quick += 1
                assert answer == translation.is_valid(data)
    assert quick > checked * 0.9
