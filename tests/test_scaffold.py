"""`python -m generator new KIND ID`: a record with every field, whose placeholders the
validator reports one by one until they are filled, and clear refusals of bad ids."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import PYTHON, ROOT, run
from generator.data.scaffold import count_placeholders

from generator.data.scaffold import FOLDERS as KINDS


def generator(project, *args):
    return run([PYTHON, "-m", "generator", "--root", str(project), *args], cwd=ROOT)


def placeholder_lines(stderr: str, file: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"error: {file}")]


@pytest.mark.parametrize("kind", KINDS)
def test_new_record_has_every_field_and_only_placeholder_errors(kind, tiny_project):
    result = generator(tiny_project, "new", kind, "brand-new")
    assert result.returncode == 0, result.stderr
    file = f"data/{KINDS[kind]}/brand-new.yaml"
    assert file in result.stdout
    text = (tiny_project / file).read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert set(yaml.safe_load(text)) == set(schema["properties"])

    check = generator(tiny_project, "validate")
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    errors = placeholder_lines(check.stderr, file)
    assert errors, check.stderr
    not_placeholders = [line for line in errors if ": placeholder: fill in " not in line]
    assert not not_placeholders, "\n".join(not_placeholders)
    assert len(errors) == count_placeholders(text), check.stderr
    other = [line for line in check.stderr.splitlines() if line.startswith("error:") and file not in line]
    assert not other, other


def test_placeholder_messages_say_what_to_fill_in(tiny_project):
    generator(tiny_project, "new", "model", "brand-new")
    stderr = generator(tiny_project, "validate").stderr
    assert re.search(r"brand-new.yaml:\d+: access: placeholder: fill in a term of the vocabulary 'access': open-weights, ", stderr)
    assert re.search(r"brand-new.yaml:\d+: licence: placeholder: fill in the id of a licence, a file name in data/licences/", stderr)
    assert re.search(r"brand-new.yaml:\d+: sources.developer\[0\]: placeholder: fill in a BibTeX key of references.bib", stderr)
    assert re.search(r"brand-new.yaml:\d+: release: placeholder: fill in first public release or announcement, YYYY-MM", stderr)
    assert re.search(r"brand-new.yaml:\d+: openness.weights.status: placeholder: fill in a term of the vocabulary 'openness_status'", stderr)


FILLED_MODEL = {
    '"TODO: the model\'s name as its developer writes it"': "Brand New 7B",
    '"TODO: the organisation that released it"': "Example Lab",
    'family: "TODO: groups releases of one line of models, e.g. llama for Llama 2 and Llama 3 (optional: delete this line if it does not apply)"\n': "",
    '"TODO: first public release or announcement, YYYY-MM"': "2024-03",
    '"TODO: published sizes in parameters (7.0e9), or null if undisclosed"': "[7.0e9]",
    "modality: [TODO]": "modality: [text]",
    "access: TODO": "access: open-weights",
    "licence: TODO": "licence: example-permissive",
    "commercial_use: TODO": "commercial_use: allowed",
    'commercial_use_note: "TODO: why commercial use differs from what the model\'s licence record says, where it does (for example a variant under other terms) (optional: delete this line if it does not apply)"\n': "",
    "{status: TODO, evidence: [TODO]}": "{status: unknown}",
    "monetisation: [TODO]": "monetisation: [none-disclosed]",
    "domains: [TODO]": "domains: []",
    "paper: TODO": "paper: null",
    '"TODO: one or two plain sentences"': "A small model used by the tests.",
    "[TODO]": "[fixture2024card]",
    '"TODO: YYYY-MM-DD: the day the sources were last read"': "2024-06-01",
}


def test_a_filled_in_model_is_valid(tiny_project):
    generator(tiny_project, "new", "model", "brand-new")
    path = tiny_project / "data" / "models" / "brand-new.yaml"
    text = path.read_text(encoding="utf-8")
    for placeholder, value in FILLED_MODEL.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value, -1 if placeholder.startswith(("{", "[")) else 1)
    path.write_text(text, encoding="utf-8")
    result = generator(tiny_project, "validate")
    assert result.returncode == 0, result.stderr


def test_each_fix_removes_one_problem(tiny_project):
    generator(tiny_project, "new", "licence", "brand-new")
    path = tiny_project / "data" / "licences" / "brand-new.yaml"
    before = len(placeholder_lines(generator(tiny_project, "validate").stderr, "data/licences/brand-new.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("kind: TODO", "kind: permissive"), encoding="utf-8")
    after = placeholder_lines(generator(tiny_project, "validate").stderr, "data/licences/brand-new.yaml")
    assert len(after) == before - 1
    assert not any(": kind:" in line for line in after)


@pytest.mark.parametrize("bad_id, message", [
    ("My_Model", "error: 'My_Model' is not a valid id: use lower-case letters, digits and single hyphens, e.g. 'my-model'"),
    ("double--hyphen", "error: 'double--hyphen' is not a valid id"),
    ("trailing-", "error: 'trailing-' is not a valid id"),
    ("../escape", "error: '../escape' is not a valid id"),
])
def test_malformed_id_is_refused(bad_id, message, tiny_project):
    before = sorted(p.name for p in (tiny_project / "data" / "models").iterdir())
    result = generator(tiny_project, "new", "model", bad_id)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tiny_project / "data" / "models").iterdir()) == before


def test_existing_id_is_refused_and_left_alone(tiny_project):
    path = tiny_project / "data" / "models" / "example-open.yaml"
    before = path.read_bytes()
    result = generator(tiny_project, "new", "model", "example-open")
    assert result.returncode == 1
    assert "error: data/models/example-open.yaml already exists; edit it, or choose another id" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_unknown_kind_is_a_usage_error(tiny_project):
    result = generator(tiny_project, "new", "dataset", "x")
    assert result.returncode == 2
    assert "invalid choice: 'dataset'" in result.stderr


def test_outside_a_project_says_where_to_run_it(tmp_path):
    result = generator(tmp_path, "new", "model", "x")
    assert result.returncode == 1
    assert "data/models/ does not exist here; run the command from the project root" in result.stderr


def test_new_works_while_the_data_is_invalid(tiny_project):
    (tiny_project / "references.bib").write_text("@misc{broken,\n", encoding="utf-8")
    result = generator(tiny_project, "new", "domain", "brand-new")
    assert result.returncode == 0, result.stderr
    assert (tiny_project / "data" / "domains" / "brand-new.yaml").is_file()
