"""Translations of the records' texts: data/translations/LANG/KIND/ID.yaml, one file per record.

    summary:
      source: 3f2a9c1e8b7d    # which English text this translates (source_hash of it)
      text: 这是……

Each entry is keyed by a field path (`summary`, `openness.weights.note`, `options.no-ml-team.label`,
`considerations.0.text`) and remembers the English text it translated by a short hash. When the
English changes, the hash no longer matches: the translation is stale, the validator warns, the
Known gaps page lists it, and the page shows the current English instead, marked as English.

    texts = translatable_texts("criteria", record.data)     # {path: English text}
    localised = localise(dataset, "zh")                      # record data with translated texts
"""

from __future__ import annotations

import copy
import hashlib
import re

# The fields of each kind whose text is translated; names, identifiers, numbers and dates are not.
TRANSLATABLE = {
    "models": ("summary", "commercial_use_note", "variants.*.note", "openness.*.note", "lifecycle.*.note",
               "prices.*.tier", "prices.*.note"),
    "licences": ("summary", "commercial_conditions", "versions.*.note"),
    "domains": ("name", "summary", "considerations.*.title", "considerations.*.text", "regulation.*.name",
                "regulation.*.text", "leaning.rationale"),
    "criteria": ("name", "question", "why", "options.*.label", "options.*.advice.*.text"),
    "accelerators": ("summary", "rental_prices.*.offer", "rental_prices.*.note"),
}


def source_hash(text: str) -> str:
    """A short fingerprint of an English text, blind to line breaks and spacing."""
    return hashlib.sha256(" ".join(str(text).split()).encode("utf-8")).hexdigest()[:12]


def translatable_texts(kind: str, data: dict) -> dict[str, str]:
    """Every translatable English text of a record, by its path. In a list of mappings with ids
    (a criterion's options) the id names the item; otherwise its position does."""
    found: dict[str, str] = {}
    for pattern in TRANSLATABLE.get(kind, ()):
        for path, value in _match(data, pattern.split("."), ()):
            if isinstance(value, str) and value.strip():
                found[".".join(path)] = value
    return found


def _match(value, parts, path):
    if not parts:
        yield path, value
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        if isinstance(value, dict):
            for key, item in value.items():
                yield from _match(item, rest, path + (str(key),))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                key = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else str(index)
                yield from _match(item, rest, path + (key,))
    elif isinstance(value, dict) and head in value:
        yield from _match(value[head], rest, path + (head,))


class Untranslated(str):
    """An English text shown on a page of another language: Markdown pages mark it lang="en"."""
    lang = "en"


def translation_state(dataset, lang: str) -> dict[str, dict]:
    """For each record, {"missing": [paths], "stale": [paths], "total": n}, keyed by "KIND/ID"
    (judged on the English records, also when `dataset` is a localised copy)."""
    state = {}
    translations = dataset.translations.get(lang, {})
    for kind, records in getattr(dataset, "source_records", dataset.records).items():
        for record_id, record in records.items():
            entries = translations.get(kind, {}).get(record_id, {})
            texts = translatable_texts(kind, record.data)
            missing = [p for p in texts if p not in entries]
            stale = [p for p in texts if p in entries and entries[p].get("source") != source_hash(texts[p])]
            state[f"{kind}/{record_id}"] = {"missing": missing, "stale": stale, "total": len(texts)}
    return state


def localise(dataset, lang: str):
    """A copy of the dataset whose records' texts are in `lang` where a current translation
    exists, and the English (as Untranslated) where none does or it is stale."""
    if lang == "en":
        return dataset
    local = copy.copy(dataset)
    local.documents = dict(dataset.documents)
    vocabularies = copy.copy(dataset.documents["vocabularies"])
    vocabularies.data = {name: {term: {**entry, **entry.get(lang, {})} for term, entry in terms.items()}
                         for name, terms in dataset.vocabularies.items()}
    local.documents["vocabularies"] = vocabularies
    local.records = {}
    local.source_records = dataset.records
    translations = dataset.translations.get(lang, {})
    for kind, records in dataset.records.items():
        local.records[kind] = {}
        for record_id, record in records.items():
            entries = translations.get(kind, {}).get(record_id, {})
            data = copy.deepcopy(record.data)
            for path, english in translatable_texts(kind, record.data).items():
                entry = entries.get(path)
                current = entry is not None and entry.get("source") == source_hash(english)
                _put(data, path.split("."), entry["text"] if current else Untranslated(english))
            local.records[kind][record_id] = copy.copy(record)
            local.records[kind][record_id].data = data
    return local


def _put(data, parts, text):
    target = data
    for part in parts[:-1]:
        if isinstance(target, list):
            target = next((item for item in target if isinstance(item, dict) and item.get("id") == part), None) \
                if not re.fullmatch(r"\d+", part) else target[int(part)]
        else:
            target = target[part]
    last = parts[-1]
    if isinstance(target, list):
        target[int(last)] = text
    else:
        target[last] = text


def translation_stub(kind: str, data: dict, existing: dict) -> str:
    """YAML for the translatable texts of a record that `existing` (a translation file's data) lacks:
    each with the English as a comment, its source hash and a TODO text to replace."""
    import json
    lines = []
    for path, english in translatable_texts(kind, data).items():
        if path in existing:
            continue
        for line in _wrap(" ".join(english.split()), 100):
            lines.append(f"# {line}")
        lines.append(f"{path}:")
        lines.append(f'  source: "{source_hash(english)}"')
        lines.append(f"  text: {json.dumps('TODO: translate the English above', ensure_ascii=False)}")
    return "\n".join(lines) + ("\n" if lines else "")


def _wrap(text: str, width: int) -> list[str]:
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + ([line] if line else [])
