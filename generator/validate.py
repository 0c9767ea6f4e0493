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

from .load import DOCUMENTS, KINDS, VOCABULARIES_FILE, Dataset, Record, load_schemas, read_dataset
from .problems import DataError, Problem, dotted_path, errors

STALE_AFTER_DAYS = 365
# A Markdown link or an HTML href/src whose target has a scheme other than http(s) or mailto.
UNSAFE_LINK = re.compile(r"(?:\]\(\s*<?|(?:href|src)\s*=\s*[\"']?)\s*((?!https?:|mailto:)[a-zA-Z][a-zA-Z0-9+.-]*:[^)\s\"'>]*)")
# [@key] or [@key1; @key2] in hand-written Markdown.
CITATION = re.compile(r"\[@([A-Za-z0-9_:-]+(?:;\s*@[A-Za-z0-9_:-]+)*)\]")
UNKNOWN_VALUES = (None, "unknown", [])
PLACEHOLDER = "TODO"   # written by `python -m generator new`; see is_placeholder()
EVIDENCED_STATUSES = ("open", "partial", "closed")
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
    for kind, records in dataset.records.items():
        if not records and (dataset.root / "data" / kind).is_dir():
            problems.append(Problem(f"data/{kind}/", None, "", f"has no records; expected at least one {KINDS[kind]} (.yaml)"))
    for page, text in dataset.content.items():
        for number, line in enumerate(text.splitlines(), start=1):
            keys = [key for group in CITATION.findall(line) for key in citation_keys(group)]
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


def citation_keys(group: str) -> list[str]:
    """'a; @b' (the inside of [@a; @b]) -> ['a', 'b']"""
    return [part.strip().lstrip("@") for part in group.split(";")]


def _validators(schemas: dict) -> dict:
    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items())
    return {name: Draft202012Validator(schema, registry=registry) for name, schema in schemas.items()}


_ANNOTATIONS = {"description", "title", "$comment", "examples", "default"}   # do not validate


def inline_refs(schemas: dict) -> dict:
    """The schemas with every $ref replaced by what it points to, its own keywords kept beside
    (its annotations, such as a description, win over the target's, as in _resolve).

    Validation gives the same verdicts and messages, but jsonschema no longer looks a
    reference up for every value of every record, which was most of its time. A $ref that
    cannot be inlined (a cycle, or a validation keyword on both sides) stays as it is and the registry
    resolves it; tests/test_shipped_data.py checks that the project's schemas have none."""

    def inline(node, base, stack):
        if isinstance(node, list):
            return [inline(item, base, stack) for item in node]
        if not isinstance(node, dict):
            return node
        siblings = {key: inline(value, base, stack) for key, value in node.items() if key != "$ref"}
        if "$ref" not in node:
            return siblings
        target_file, _, pointer = str(node["$ref"]).partition("#")
        absolute = f"{target_file or base}#{pointer}"
        target = schemas[target_file or base]
        for part in [p for p in pointer.split("/") if p]:
            target = target[part]
        resolved = {} if absolute in stack else inline(target, target_file or base, stack | {absolute})
        if not resolved or set(siblings) & set(resolved) - _ANNOTATIONS:
            return {**siblings, "$ref": node["$ref"]}
        return {**resolved, **siblings}

    return {name: inline(schema, name, frozenset()) for name, schema in schemas.items()}


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
            message = f"expected text matching {expected}, found {_found(error.instance)}"
            if expected == "^[^\\n<>]+$":
                message = f"a name may not contain '<', '>' or a line break (it becomes the page title), found {_found(error.instance)}"
            if expected == "^https?://":
                message = f"expected a web address starting with https:// or http://, found {_found(error.instance)}"
            if expected == "^[a-z0-9]+(-[a-z0-9]+)*$":
                message = f"expected a lower-case kebab-case id (letters, digits, single hyphens), found {_found(error.instance)}"
            elif "[0-9]{2}-[0-9]{2}$" in expected:
                message = f"expected a date as YYYY-MM-DD, found {_found(error.instance)}"
            elif expected.endswith("[0-9]{2}$"):
                message = f"expected a month as YYYY-MM, found {_found(error.instance)}"
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
        if name not in facts and name not in _fact_fields(schemas, schema_name):
            add(("sources", name), f"names no factual field of this record; expected one of: {', '.join(sorted(_fact_fields(schemas, schema_name)))}")

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
    for path, notes, value in _walk(schemas, schemas[schema_name], schema_name, data, (), walk_cache):
        if is_placeholder(value):
            add(path, _placeholder_message(dataset, notes, value))
            continue
        if not notes:
            continue
        vocabulary = notes.get("x-vocabulary") if vocabularies else None
        if vocabulary and isinstance(value, str) and value not in vocabularies.get(vocabulary, {}):
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


def _json_type(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number",
            type(None): "null"}.get(type(value), "")


def _as_list(value) -> list:
    types = value if isinstance(value, list) else [value]
    return types + (["integer"] if "number" in types else [])


def _fact_fields(schemas: dict, schema_name: str) -> set[str]:
    props = schemas[schema_name].get("properties", {})
    return {name for name, spec in props.items() if spec.get("x-fact")}


def _resolve(schemas: dict, schema: dict, base: str) -> tuple[dict, str]:
    """Follow $ref chains, keeping the annotations written beside each $ref."""
    merged = {}
    while isinstance(schema, dict) and "$ref" in schema:
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        target, _, pointer = schema["$ref"].partition("#")
        base = target or base
        node = schemas[base]
        for part in [p for p in pointer.split("/") if p]:
            node = node[part]
        schema = node
    return {**schema, **merged}, base


def _walk(schemas, schema, base, value, path, cache=None):
    """Yield (path, annotations, value) for every value that the schema describes.

    `cache` (any dict, kept for one run) remembers each schema node's resolution: the same
    few dozen nodes describe every record."""
    if cache is None:
        cache = {}
    key = (id(schema), base)
    if key not in cache:
        resolved, resolved_base = _resolve(schemas, schema, base)
        notes = {k: v for k, v in resolved.items() if k.startswith("x-")}
        cache[key] = (schema, resolved, resolved_base, notes)   # the schema, so its id stays unique
    _, schema, base, notes = cache[key]
    yield path, notes, value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in props:
                yield from _walk(schemas, props[key], base, item, path + (key,), cache)
            elif isinstance(extra, dict):
                yield from _walk(schemas, extra, base, item, path + (key,), cache)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from _walk(schemas, schema["items"], base, item, path + (index,), cache)
    for alternative in schema.get("oneOf", []):
        resolved, _ = _resolve(schemas, alternative, base)
        if _json_type(value) in _as_list(resolved.get("type")) and len(path) > 0:
            yield from _walk(schemas, alternative, base, value, path, cache)
            break
