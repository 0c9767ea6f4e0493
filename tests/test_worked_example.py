"""The worked example runs, learns, and matches the numbers printed on its page.

The expected accuracies are read from content/primer/worked-example.md and its Chinese twin
content/zh/primer/worked-example.md, so neither page and examples/tiny_network.py can drift apart.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "tiny_network.py"
PAGES = {"en": ROOT / "content" / "primer" / "worked-example.md",
         "zh": ROOT / "content" / "zh" / "primer" / "worked-example.md"}

np = pytest.importorskip("numpy", reason="the worked example needs numpy (pip install numpy)")


def _load_example():
    spec = importlib.util.spec_from_file_location("tiny_network", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result():
    return _load_example().train(seed=0)


@pytest.fixture(scope="module", params=sorted(PAGES))
def page_output(request):
    page = PAGES[request.param]
    text = page.read_text(encoding="utf-8")
    match = re.search(r"## (?:Output|输出)[^\n]*\n.*?```text\n(.*?)```", text, re.S)
    assert match, f"{page.relative_to(ROOT)}: no ```text block under '## Output' (输出)"
    return match.group(1)


def _page_accuracy(page_output: str, which: str):
    match = re.search(rf"^{which} accuracy\s+([0-9.]+) \((\d+) of (\d+)\)$", page_output, re.M)
    assert match, f"worked-example.md: no '{which} accuracy ...' line in the Output block"
    return float(match.group(1)), int(match.group(2)), int(match.group(3))


def test_returns_the_documented_keys(result):
    assert isinstance(result["losses"], list)
    assert {"losses", "train_accuracy", "test_accuracy"} <= set(result)


def test_loss_falls(result):
    losses = result["losses"]
    assert len(losses) >= 2
    assert losses[-1] < losses[0], "training did not reduce the loss"
    assert losses[-1] < 0.5 * losses[0]


@pytest.mark.parametrize("which", ["train", "test"])
def test_accuracy_matches_page(result, page_output, which):
    accuracy, correct, total = _page_accuracy(page_output, which)
    assert result[f"{which}_accuracy"] == accuracy, (
        f"{which} accuracy is {result[f'{which}_accuracy']} but worked-example.md says {accuracy}; "
        "rerun examples/tiny_network.py and paste its output into the page")
    assert result[f"{which}_correct"] == correct
    assert result[f"n_{which}"] == total


def test_printed_losses_match_page(result, page_output):
    printed = re.findall(r"^epoch\s+(\d+)\s+loss ([0-9.]+)$", page_output, re.M)
    assert printed, "worked-example.md: no 'epoch N  loss X' lines in the Output block"
    for epoch, loss in printed:
        assert abs(result["losses"][int(epoch) - 1] - float(loss)) < 1e-3, f"epoch {epoch}"


def test_is_deterministic(result):
    again = _load_example().train(seed=0)
    assert again["losses"] == result["losses"]
    assert again["test_accuracy"] == result["test_accuracy"]
