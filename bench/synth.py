"""Synthesise a valid project of N models from the real one, for the benchmark.

    counts = synthesise(Path("/tmp/bench/n1000"), 1000)

The real records are kept, so every reference in them still resolves; copies of them,
renamed and re-pointed, make up the rest. Licences, domains and criteria grow with N
(one licence per 20 models, one domain per 50, one criterion per 100, never fewer than the
real data has), each synthetic model gets its own paper and model card in references.bib,
and domains list synthetic models as examples. Each copy takes its original's Chinese translation
(data/translations/zh/, without the name, which the copy changes), so that the Chinese edition
(mkdocs.zh.yml) is as fully translated as the real one. The output is deterministic: the same N
gives the same files. It is written outside the repository and never committed.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import yaml

from generator.data.load import KINDS as KIND_SCHEMAS
from generator.site.settings import read_mkdocs_config

ROOT = Path(__file__).resolve().parents[1]
PER_LICENCE, PER_DOMAIN, PER_CRITERION = 20, 50, 100
MODELS_PER_DEVELOPER = 10
COPIED = ["data/vocabularies.yaml", "data/scoring.yaml", "data/crosswalk.yaml", "data/strings", "data/terminology.yaml",
          "references.bib", "CONTRIBUTING.md", "examples", "content", "schemas", "mkdocs.zh.yml"]
TRANSLATED = ("models", "licences", "domains", "criteria")


def _read(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _real_records(kind: str) -> dict[str, dict]:
    return {path.stem: _read(path) for path in sorted((ROOT / "data" / kind).glob("*.yaml"))}


def _dump(folder: Path, kind: str, record: dict) -> None:
    header = f"# yaml-language-server: $schema=../../schemas/{KIND_SCHEMAS[kind]}.schema.json\n"
    text = yaml.dump(record, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                     allow_unicode=True, width=120)
    (folder / f"{record['id']}.yaml").write_text(header + text, encoding="utf-8")


def _clones(real: dict[str, dict], total: int) -> dict[str, list[str]]:
    """real id -> [real id, real-id-s1, ...]: ids to spread `total` records over, real ones first."""
    ids = {record_id: [record_id] for record_id in real}
    order, k = sorted(real), 0
    while sum(len(v) for v in ids.values()) < total:
        source = order[k % len(order)]
        ids[source].append(f"{source}-s{k // len(order) + 1}")
        k += 1
    return ids


def _replace(value, old: str, new: str):
    if isinstance(value, dict):
        return {key: _replace(item, old, new) for key, item in value.items()}
    if isinstance(value, list):
        return [_replace(item, old, new) for item in value]
    return new if value == old else value


def _bib_entry(key: str, title: str, year: str, url: str) -> str:
    return (f"@misc{{{key},\n  author = {{Synthetic Lab}},\n  title = {{{title}}},\n"
            f"  year = {{{year}}},\n  url = {{{url}}}\n}}\n\n")


def synthesise(out: Path, n_models: int) -> dict[str, int]:
    """Write a project with n_models models into `out` (which must not exist yet)."""
    out = Path(out)
    out.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name)
        else:
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, out / name)
    config = read_mkdocs_config(ROOT / "mkdocs.yml")
    config["hooks"] = [str(ROOT / "generator" / "mkdocs_hook.py")]
    config.pop("watch", None)
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")

    real = {kind: _real_records(kind) for kind in KIND_SCHEMAS}
    licence_ids = _clones(real["licences"], max(len(real["licences"]), n_models // PER_LICENCE))
    domain_ids = _clones(real["domains"], max(len(real["domains"]), n_models // PER_DOMAIN))
    criterion_ids = _clones(real["criteria"], max(len(real["criteria"]), n_models // PER_CRITERION))
    model_ids = _clones(real["models"], max(len(real["models"]), n_models))
    synthetic_models = [m for ids in model_ids.values() for m in ids[1:]]

    folders = {kind: out / "data" / kind for kind in KIND_SCHEMAS}
    for folder in folders.values():
        folder.mkdir(parents=True)
    bib = []

    for index, (source, ids) in enumerate(sorted(model_ids.items())):
        template = real["models"][source]
        _dump(folders["models"], "models", template)
        for copy_number, model_id in enumerate(ids[1:], start=1):
            serial = index * 1000 + copy_number
            model = copy.deepcopy(template)
            model["id"], model["name"] = model_id, f"{template['name']} S{copy_number}"
            model["developer"] = f"{template['developer']} Lab {copy_number % (n_models // (MODELS_PER_DEVELOPER * len(real['models'])) + 1)}"
            choices = licence_ids[template["licence"]]
            model["licence"] = choices[copy_number % len(choices)]
            model["domains"] = [domain_ids[d][copy_number % len(domain_ids[d])] for d in template["domains"]]
            card = f"synth{serial}card"
            bib.append(_bib_entry(card, f"{model['name']} model card", template["release"][:4],
                                  f"https://example.org/models/{model_id}/card"))
            if template.get("paper"):
                paper = f"synth{serial}paper"
                bib.append(_bib_entry(paper, f"{model['name']}: technical report", template["release"][:4],
                                      f"https://example.org/models/{model_id}/paper"))
                model = _replace(model, template["paper"], paper)
            model["sources"]["developer"] = list(model["sources"].get("developer", [])) + [card]
            _dump(folders["models"], "models", model)

    for kind, ids_of, field_updates in (("licences", licence_ids, None), ("criteria", criterion_ids, None),
                                        ("domains", domain_ids, "domains")):
        for source, ids in ids_of.items():
            template = real[kind][source]
            for copy_number, record_id in enumerate(ids):
                record = copy.deepcopy(template)
                if copy_number:
                    record["id"], record["name"] = record_id, f"{template['name']} (S{copy_number})"
                if field_updates == "domains" and copy_number:
                    record["example_models"] = _spread(synthetic_models, record_id, 5)
                    record["key_criteria"] = [criterion_ids[c][copy_number % len(criterion_ids[c])]
                                              for c in template["key_criteria"]]
                _dump(folders[kind], kind, record)
    for record in real["accelerators"].values():   # the real ones, as they are: the cost page offers them
        _dump(folders["accelerators"], "accelerators", record)

    for kind, ids_of in (("models", model_ids), ("licences", licence_ids), ("domains", domain_ids),
                         ("criteria", criterion_ids)):
        _copy_translations(out, kind, ids_of)

    _write_sorted_bib(out / "references.bib", bib)
    references = len(re.findall(r"^@\w+\{", (out / "references.bib").read_text(encoding="utf-8"), re.M))
    return {"models": sum(map(len, model_ids.values())), "licences": sum(map(len, licence_ids.values())),
            "domains": sum(map(len, domain_ids.values())), "criteria": sum(map(len, criterion_ids.values())),
            "references": references}


def _write_sorted_bib(path: Path, added: list[str]) -> None:
    """references.bib with the synthetic entries, sorted by key as the validator requires."""
    text = path.read_text(encoding="utf-8")
    first = re.search(r"^@", text, re.M)
    head, body = (text[:first.start()], text[first.start():]) if first else (text, "")
    entries = [entry.strip() + "\n" for entry in re.split(r"(?m)^(?=@)", body) if entry.strip()]
    entries += [entry.strip() + "\n" for entry in added]
    key = re.compile(r"@\w+\{([^,]+),")
    entries.sort(key=lambda entry: key.match(entry).group(1).lower())
    path.write_text(head + "\n".join(entries), encoding="utf-8")


def _copy_translations(out: Path, kind: str, ids_of: dict[str, list[str]]) -> None:
    for lang_folder in sorted((ROOT / "data" / "translations").iterdir()):
        folder = out / "data" / "translations" / lang_folder.name / kind
        folder.mkdir(parents=True, exist_ok=True)
        for source, ids in ids_of.items():
            path = lang_folder / kind / f"{source}.yaml"
            if not path.is_file():
                continue
            text = path.read_text(encoding="utf-8")
            (folder / f"{source}.yaml").write_text(text, encoding="utf-8")
            if len(ids) > 1:
                copy_text = _without_name(text)
                for record_id in ids[1:]:
                    (folder / f"{record_id}.yaml").write_text(copy_text, encoding="utf-8")


def _without_name(text: str) -> str:
    """A translation file without its name entry (a top-level "name:" and its indented lines)."""
    lines, out, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith("name:"):
            skipping = True
            continue
        if skipping and line.startswith((" ", "\t")):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def _spread(items: list[str], seed: str, count: int) -> list[str]:
    """`count` distinct items, chosen by a stable hash of `seed`."""
    if not items:
        return []
    start = sum(map(ord, seed)) * 7919
    return sorted({items[(start + step * 104729) % len(items)] for step in range(count)})
