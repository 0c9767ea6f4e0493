"""Every check on the data, collected into one list of problems.

    dataset = load_valid_dataset(Path("."))     # raises DataError listing every error

The JSON Schemas in schemas/ define the shape. Their `x-` annotations drive the checks
that a schema alone cannot make, so each rule is written once:

- x-vocabulary: NAME     the value (or each list item) is a term of that vocabulary
- x-vocabulary-keys: NAME  the mapping's keys are terms of that vocabulary
- x-reference: KIND      the value is the id of a record in data/KIND/
- x-bibkey: true         the value is a key in references.bib
- x-fact: true           a value other than null/unknown/[] needs `sources: {field: [...]}`
- x-date: month|day|day-or-month   a real calendar date, not in the future
- x-date: any            a real calendar date, future allowed (an announced shutdown)
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from .load import DOCUMENTS, KINDS, LANGUAGES, SOURCE_LANGUAGE, VOCABULARIES_FILE, Dataset, Record, read_dataset
from .schema import conforms, fact_fields, inline_refs, load_schemas, shape, walk
from .translations import source_hash, translatable_texts
from .derived import PRICE_STALE_AFTER_DAYS, STALE_AFTER_DAYS, data_version, stale_prices
from .citations import citation_keys, replace_citations
from .problems import DataError, Problem, dotted_path, errors

# A Markdown link or an HTML href/src whose target has a scheme other than http(s) or mailto.
UNSAFE_LINK = re.compile(r"(?:\]\(\s*<?|(?:href|src)\s*=\s*[\"']?)\s*((?!https?:|mailto:)[a-zA-Z][a-zA-Z0-9+.-]*:[^)\s\"'>]*)")
UNKNOWN_VALUES = (None, "unknown", [])
PLACEHOLDER = "TODO"   # written by `python -m generator new`; see is_placeholder()
EVIDENCED_STATUSES = ("open", "partial", "closed")
PLACEHOLDER_NAME = re.compile(r"\{([a-z_]+)\}")
# A file on a branch that moves: the text cited today may not be the text there tomorrow.
MOVING_FILE = re.compile(r"/(?:blob|raw|resolve)/(?:main|master)/")
MOVING_FILE_HINT = "points at a file on a moving branch (main or master); cite it at a commit or tag (/blob/<commit>/...)"


def load_valid_dataset(root: Path, today: dt.date | None = None) -> Dataset:
    dataset, problems = read_dataset(root)
    problems += check_dataset(dataset, today=today)
    if errors(problems):
        raise DataError(problems)
    dataset.warnings = problems
    return dataset


def check_dataset(dataset: Dataset, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    schemas = inline_refs(load_schemas())
    validators = _validators(schemas)
    problems: list[Problem] = []
    cited: set[str] = set()
    walk_cache: dict = {}
    for name, doc in dataset.documents.items():
        file, schema_name, _ = DOCUMENTS[name]
        problems += _schema_problems(validators[schema_name], doc.data, file, doc.line_of)
        found, _ = _annotation_problems(dataset, file, doc.line_of, doc.data, schemas, schema_name, cited, today,
                                        walk_cache)
        problems += found
    for kind, records in dataset.records.items():
        schema_name = f"{KINDS[kind]}.schema.json"
        for record in records.values():
            problems += _schema_problems(validators[schema_name], record.data, record.file, record.doc.line_of)
            problems += _record_problems(dataset, record, schemas, schema_name, cited, today, walk_cache)
    problems += _duplicate_ids(dataset)
    problems += _stale_price_problems(dataset)
    problems += _string_problems(dataset)
    problems += _developer_problems(dataset)
    problems += _translation_problems(dataset, validators["translation.schema.json"])
    for kind, records in dataset.records.items():
        if not records and (dataset.root / "data" / kind).is_dir():
            problems.append(Problem(f"data/{kind}/", None, "", f"has no records; expected at least one {KINDS[kind]} (.yaml)"))
    for page, text in dataset.content.items():
        # Mark each citation outside code with a line-keeping token, then read them back line by line.
        marked = replace_citations(text, lambda match: "\x00" + match.group(1) + "\x00")
        for number, line in enumerate(marked.splitlines(), start=1):
            keys = [key for group in re.findall(r"\x00([^\x00]*)\x00", line) for key in citation_keys(group)]
            for key in keys:
                cited.add(key)
                if key not in dataset.references:
                    problems.append(Problem(f"content/{page}", number, "", f"cites [@{key}], which references.bib does not have"))
            for target in UNSAFE_LINK.findall(line):
                problems.append(Problem(f"content/{page}", number, "", f"links to {target!r}; links may only be http(s), mailto or relative"))
    for key, ref in sorted(dataset.references.items()):
        if any(MOVING_FILE.search(href) for _, href in ref.links):
            problems.append(Problem("references.bib", ref.line, key, MOVING_FILE_HINT, severity="warning"))
        if key not in cited:
            problems.append(Problem("references.bib", ref.line, key, "is cited nowhere", severity="warning"))
    return problems


def _validators(schemas: dict) -> dict:
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}


# ---------------------------------------------------------------- schema problems

_TYPE_WORDS = {"string": "text", "number": "a number", "integer": "a whole number", "boolean": "true or false",
               "array": "a list", "object": "a mapping", "null": "null"}


def _found(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads a bare yes/no/on/off as true/false; quote it if you meant text)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "...'"


def _schema_problems(validator, data, file, line_of) -> list[Problem]:
    if conforms(validator.schema, data) is True:
        return []
    found = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return _schema_problems_of(found, file, line_of)


def _schema_problems_of(found, file, line_of) -> list[Problem]:
    problems = []
    for error in found:
        if is_placeholder(error.instance):
            continue  # reported once, as a placeholder, by _record_problems
        path = tuple(error.absolute_path)
        field = dotted_path(path)
        v, expected = error.validator, error.validator_value
        if v == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
            for name in extra:
                problems.append(Problem(file, line_of(path + (name,)), dotted_path(path + (name,)),
                                        f"unknown field; expected one of: {', '.join(allowed)}"))
            continue
        if v == "required":
            missing = error.message.split("'")[1] if "'" in error.message else str(expected)
            message = f"missing required field '{missing}'"
        elif v == "type":
            wanted = expected if isinstance(expected, list) else [expected]
            message = f"expected {' or '.join(_TYPE_WORDS.get(t, t) for t in wanted)}, found {_found(error.instance)}"
        elif v == "pattern":
            words = shape(error.schema)
            message = (f"expected {words}, found {_found(error.instance)}" if words != "text"
                       else f"expected text matching {expected}, found {_found(error.instance)}")
        elif v in ("minimum", "maximum", "exclusiveMinimum"):
            message = f"expected a value {'at least' if v == 'minimum' else 'at most' if v == 'maximum' else 'above'} {expected}, found {_found(error.instance)}"
        elif v == "minItems":
            message = f"expected at least {expected} item{'s' if expected != 1 else ''}, found {len(error.instance)}"
        elif v == "uniqueItems":
            message = "lists the same item twice"
        elif v == "minLength":
            message = "must not be empty"
        elif v == "oneOf" and error.context:
            deepest = max(error.context, key=lambda e: len(e.absolute_path))
            if len(deepest.absolute_path) > len(path):
                problems += _schema_problems_of([deepest], file, line_of)
                continue
            message = f"expected {error.schema.get('description', 'another shape')}; found {_found(error.instance)}"
        elif v == "propertyNames":
            message = f"expected lower-case names, found {_found(error.instance)}"
        else:
            message = error.message
        problems.append(Problem(file, line_of(path), field, message))
    return problems


# ---------------------------------------------------------------- annotation checks

def _record_problems(dataset: Dataset, record: Record, schemas: dict, schema_name: str,
                     cited: set, today: dt.date, walk_cache: dict | None = None) -> list[Problem]:
    problems = []
    add = lambda path, message, severity="error": problems.append(
        Problem(record.file, record.line(*path), dotted_path(path), message, severity))
    data = record.data

    declared = data.get("id")
    if isinstance(declared, str) and declared != record.id:
        add(("id",), f"must equal the file name: expected '{record.id}', found '{declared}'")
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", record.id):
        add((), f"file name '{record.id}.yaml' is not a lower-case kebab-case id")

    found, facts = _annotation_problems(dataset, record.file, record.doc.line_of, data, schemas, schema_name, cited,
                                       today, walk_cache)
    problems += found

    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    for name, value in facts.items():
        if value in UNKNOWN_VALUES or value == ["none-disclosed"]:
            continue
        if not sources.get(name):
            add((name,), f"states a fact without a source; add `sources: {{{name}: [bibkey]}}` or set it to null/unknown")
    for name in sources:
        if name not in facts and name not in fact_fields(schemas, schema_name):
            add(("sources", name), f"names no factual field of this record; expected one of: {', '.join(sorted(fact_fields(schemas, schema_name)))}")

    openness = data.get("openness") if isinstance(data.get("openness"), dict) else {}
    for component, entry in openness.items():
        if isinstance(entry, dict) and entry.get("status") in EVIDENCED_STATUSES and not entry.get("evidence"):
            add(("openness", component, "status"),
                f"status '{entry['status']}' needs evidence: a list of BibTeX keys (or status 'unknown')")

    if record.kind == "criteria" and isinstance(data.get("options"), list):
        seen = {}
        for index, option in enumerate(data["options"]):
            option_id = option.get("id") if isinstance(option, dict) else None
            if option_id in seen:
                add(("options", index, "id"), f"option id '{option_id}' is used twice (first as option {seen[option_id] + 1})")
            seen.setdefault(option_id, index)

    licence_id = data.get("licence")
    licence = dataset.records["licences"].get(licence_id) if record.kind == "models" and isinstance(licence_id, str) else None
    if licence is not None and data.get("commercial_use") != licence.data.get("commercial_use") \
            and not data.get("commercial_use_note"):
        add(("commercial_use",), f"is '{data.get('commercial_use')}' but its licence '{licence.id}' says "
            f"'{licence.data.get('commercial_use')}'; add commercial_use_note saying why they differ", "warning")
    if record.kind == "licences" and isinstance(data.get("url"), str) and MOVING_FILE.search(data["url"]):
        add(("url",), MOVING_FILE_HINT, "warning")

    verified = data.get("last_verified")
    if isinstance(verified, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", verified):
        try:
            age = (today - dt.date.fromisoformat(verified)).days
        except ValueError:
            age = 0
        if age > STALE_AFTER_DAYS:
            add(("last_verified",), f"was {age} days ago; re-check the sources and update it", "warning")
    return problems


def is_placeholder(value) -> bool:
    """A value the scaffold left for the contributor: "TODO" or "TODO: what goes here"."""
    return isinstance(value, str) and (value == PLACEHOLDER or value.startswith(PLACEHOLDER + ":"))


def _placeholder_message(dataset: Dataset, notes: dict, value: str) -> str:
    hint = value[len(PLACEHOLDER) + 1:].strip()
    if not hint and notes.get("x-vocabulary"):
        terms = ", ".join(dataset.vocabularies.get(notes["x-vocabulary"], {}))
        hint = f"a term of the vocabulary '{notes['x-vocabulary']}': {terms}"
    elif not hint and notes.get("x-reference"):
        hint = f"the id of a {KINDS[notes['x-reference']]}, a file name in data/{notes['x-reference']}/ without .yaml"
    elif not hint and notes.get("x-bibkey"):
        hint = "a BibTeX key of references.bib (add the entry there first), or delete it if the value is null, unknown or empty"
    return f"placeholder: fill in {hint or 'this value'}"


def _annotation_problems(dataset: Dataset, file: str, line_of, data, schemas: dict, schema_name: str,
                         cited: set, today: dt.date, walk_cache: dict | None = None) -> tuple[list[Problem], dict]:
    """Checks driven by the schema's x- annotations; also returns the top-level facts found."""
    problems = []
    add = lambda path, message: problems.append(Problem(file, line_of(path), dotted_path(path), message))
    facts = {}
    vocabularies = dataset.vocabularies   # if the file is missing, that is reported once, elsewhere
    for path, notes, value in walk(schemas, schemas[schema_name], schema_name, data, (), walk_cache):
        if is_placeholder(value):
            add(path, _placeholder_message(dataset, notes, value))
            continue
        if not notes:
            continue
        vocabulary = notes.get("x-vocabulary") if vocabularies else None
        # A fact may be unknown (the data contract's sourcing rule), whatever its vocabulary.
        unknown_fact = notes.get("x-fact") and value == "unknown"
        if vocabulary and isinstance(value, str) and not unknown_fact and value not in vocabularies.get(vocabulary, {}):
            known = ", ".join(vocabularies.get(vocabulary, {}))
            add(path, f"'{value}' is not a term of the vocabulary '{vocabulary}' in {VOCABULARIES_FILE}; expected one of: {known}")
        keys_vocabulary = notes.get("x-vocabulary-keys") if vocabularies else None
        if keys_vocabulary and isinstance(value, dict):
            for key in value:
                if key not in vocabularies.get(keys_vocabulary, {}):
                    add(path + (key,), f"'{key}' is not a term of the vocabulary '{keys_vocabulary}' in {VOCABULARIES_FILE}")
        target = notes.get("x-reference")
        if target and isinstance(value, str) and value not in dataset.records.get(target, {}):
            add(path, f"'{value}' is not a known {KINDS[target]}; expected the id of a file in data/{target}/")
        if notes.get("x-bibkey") and isinstance(value, str):
            cited.add(value)
            if value not in dataset.references:
                add(path, f"cites '{value}', which references.bib does not have")
        if notes.get("x-fact") and len(path) == 1:
            facts[path[0]] = value
        kind = notes.get("x-date")
        if kind and isinstance(value, str):
            problems += _date_problems(file, line_of, path, value, kind, today)
    return problems, facts


def _date_problems(file: str, line_of, path: tuple, value: str, kind: str, today: dt.date) -> list[Problem]:
    if kind in ("day-or-month", "any"):
        kind_of_value = "month" if len(value) == 7 else "day"
        problems = _date_problems(file, line_of, path, value, kind_of_value, today if kind != "any" else dt.date.max)
        return problems
    try:
        if kind == "month":
            year, month = (int(part) for part in value.split("-"))
            date = dt.date(year, month, 1)
            future = (year, month) > (today.year, today.month)
        else:
            date = dt.date.fromisoformat(value)
            future = date > today
    except ValueError:
        return [Problem(file, line_of(path), dotted_path(path), f"'{value}' is not a real date")]
    if date.year < 1950:
        return [Problem(file, line_of(path), dotted_path(path), f"'{value}' is before 1950; check the year")]
    if future:
        return [Problem(file, line_of(path), dotted_path(path), f"'{value}' is in the future (today is {today.isoformat()})")]
    return []


def _string_problems(dataset: Dataset) -> list[Problem]:
    """Every language has every text of the source language, with the same {placeholders}."""
    source_doc = dataset.documents.get(f"strings-{SOURCE_LANGUAGE}")
    if source_doc is None or not isinstance(source_doc.data, dict):
        return []
    source = dict(_text_paths(source_doc.data))
    problems = []
    for lang in LANGUAGES:
        doc = dataset.documents.get(f"strings-{lang}")
        if lang == SOURCE_LANGUAGE or doc is None or not isinstance(doc.data, dict):
            continue
        file = DOCUMENTS[f"strings-{lang}"][0]
        found = dict(_text_paths(doc.data))
        for path in source.keys() - found.keys():
            problems.append(Problem(file, None, dotted_path(path), f"is missing, so pages show the English: translate "
                                    f"{DOCUMENTS['strings-' + SOURCE_LANGUAGE][0]}'s text {source[path]!r}", "warning"))
        for path in found.keys() - source.keys():
            problems.append(Problem(file, doc.line_of(path), dotted_path(path), f"is not a text of {DOCUMENTS['strings-' + SOURCE_LANGUAGE][0]}; remove it or add it there"))
        for path in found.keys() & source.keys():
            if path[0] == "language":
                continue
            wanted, got = set(PLACEHOLDER_NAME.findall(source[path])), set(PLACEHOLDER_NAME.findall(found[path]))
            if wanted != got:
                problems.append(Problem(file, doc.line_of(path), dotted_path(path),
                                        f"has the placeholders {sorted(got)}; expected those of the source text: {sorted(wanted)}"))
    return problems


def _developer_problems(dataset: Dataset) -> list[Problem]:
    """Every model's developer is one of the names data/developers.yaml lists."""
    doc = dataset.documents.get("developers")
    if doc is None or not isinstance(doc.data, dict):
        return []
    known = {name for entry in doc.data.get("developers") or [] if isinstance(entry, dict)
             for name in entry.get("names") or []}
    problems = []
    for record in dataset.records["models"].values():
        developer = record.data.get("developer")
        if isinstance(developer, str) and developer not in known and not is_placeholder(developer):
            problems.append(Problem(record.file, record.line("developer"), "developer",
                                    f"'{developer}' is not among the names in data/developers.yaml; use a name listed "
                                    "there, or add it to its organisation's names (or a new organisation)"))
    return problems


def _translation_problems(dataset: Dataset, validator) -> list[Problem]:
    """Each translation names a record and its translatable fields; a stale one only warns."""
    problems = []
    for lang, kinds in dataset.translation_docs.items():
        for kind, docs in kinds.items():
            for record_id, doc in docs.items():
                file = f"data/translations/{lang}/{kind}/{record_id}.yaml"
                problems += _schema_problems(validator, doc.data, file, doc.line_of)
                record = dataset.records.get(kind, {}).get(record_id)
                if record is None:
                    problems.append(Problem(file, None, "", f"translates no record: there is no data/{kind}/{record_id}.yaml"))
                    continue
                if not isinstance(doc.data, dict):
                    continue
                texts = translatable_texts(kind, record.data)
                for path, entry in doc.data.items():
                    line = doc.line_of((path,))
                    if path not in texts:
                        known = ", ".join(texts) or "none"
                        problems.append(Problem(file, line, path, f"is not a translatable text of {record.file}; expected one of: {known}"))
                    elif isinstance(entry, dict) and is_placeholder(entry.get("text")):
                        problems.append(Problem(file, doc.line_of((path, "text")), f"{path}.text",
                                                "placeholder: translate the English text in the comment above"))
                    elif isinstance(entry, dict) and entry.get("source") != source_hash(texts[path]):
                        problems.append(Problem(file, line, path, f"is stale: the English text changed since it was translated "
                                                f"(its source is now {source_hash(texts[path])}); translate it again", "warning"))
    return problems


def _text_paths(data, path=()):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _text_paths(value, path + (key,))
        else:
            yield path + (key,), str(value)


def _stale_price_problems(dataset: Dataset) -> list[Problem]:
    """A price read more than PRICE_STALE_AFTER_DAYS before the data version warns: prices move fast."""
    version = data_version(dataset)
    problems = []
    for stale in stale_prices(dataset):
        record = dataset.records[stale["kind"]][stale["id"]]
        path = (stale["field"], stale["index"], "as_of")
        problems.append(Problem(record.file, record.line(*path), dotted_path(path),
                                f"was read {stale['age']} days before the data version ({version}), more than "
                                f"{PRICE_STALE_AFTER_DAYS}; re-read the price in its source and update it", "warning"))
    return problems


def _duplicate_ids(dataset: Dataset) -> list[Problem]:
    problems = []
    for kind, records in dataset.records.items():
        owners: dict[str, Record] = {}
        for record in records.values():
            declared = record.data.get("id")
            if not isinstance(declared, str):
                continue
            if declared in owners:
                problems.append(Problem(record.file, record.line("id"), "id",
                                        f"'{declared}' is already the id of {owners[declared].file}"))
            else:
                owners[declared] = record
    return problems


