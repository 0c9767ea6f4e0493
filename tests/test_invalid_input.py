"""Every bad input in tests/invalid_cases.yaml gives its exact problem, exit 1 and no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import PYTHON, ROOT, make_project, run

CASES = yaml.safe_load((Path(__file__).parent / "invalid_cases.yaml").read_text(encoding="utf-8"))


def apply_case(project: Path, case: dict) -> None:
    for path, pairs in case.get("replace", {}).items():
        target = project / path
        text = target.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"case {case['name']}: {old!r} not found in {path}"
            text = text.replace(old, new, 1)
        target.write_text(text, encoding="utf-8")
    for path, text in case.get("write", {}).items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    for path, hexdata in case.get("write_bytes", {}).items():
        (project / path).write_bytes(bytes.fromhex(hexdata))
    for path in case.get("delete", []):
        (project / path).unlink()


def validate(project: Path):
    return run([PYTHON, "-m", "generator", "--root", str(project), "validate"], cwd=ROOT)


def test_the_tiny_fixture_is_valid(tmp_path):
    result = validate(make_project(tmp_path / "p"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input_is_reported(tmp_path, case):
    project = make_project(tmp_path / "p", with_content=False)
    apply_case(project, case)
    result = validate(project)
    report = result.stderr
    assert result.returncode == 1, f"expected exit 1, got {result.returncode}\n{report}"
    assert "Traceback" not in report + result.stdout
    lines = report.splitlines()
    for expected in case["expected"]:
        assert any(expected in line for line in lines), f"missing:\n  {expected}\nin report:\n{report}"


def test_oversized_file_is_refused(tmp_path):
    project = make_project(tmp_path / "p")
    (project / "data/models/huge.yaml").write_text("id: huge\nsummary: " + "x" * 10_000_000 + "\n", encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1
    assert "data/models/huge.yaml: is 10,000,019 bytes; a record must be at most 1,000,000 bytes" in result.stderr


def test_symlinked_record_is_refused(tmp_path):
    project = make_project(tmp_path / "p")
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: outside\n", encoding="utf-8")
    (project / "data/models/outside.yaml").symlink_to(outside)
    result = validate(project)
    assert result.returncode == 1
    assert "data/models/outside.yaml: must be a regular file, not a link or folder" in result.stderr
