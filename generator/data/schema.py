"""The JSON Schemas of schemas/: loaded, their $refs inlined or resolved, walked. The validator,
the field reference and the scaffold read the schemas through this module only.

    schemas = load_schemas()                          # {"model.schema.json": {...}, ...}
    node, base = resolve(schemas, spec, "model.schema.json")
    for path, notes, value in walk(schemas, schemas["model.schema.json"], "model.schema.json", record):
        ...                                           # notes: the node's x- annotations
    shape(node)                                       # "month, YYYY-MM": how a value must look, in words

A string pattern carries its own words in the schema (`x-shape`), which both the error
messages and the field reference use.
"""

from __future__ import annotations

import json

from .load import PROJECT_ROOT, SCHEMA_DIR


def load_schemas() -> dict[str, dict]:
    """Every schema of the project by file name (model.schema.json, ...)."""
    schemas = {}
    for path in sorted((PROJECT_ROOT / SCHEMA_DIR).glob("*.schema.json")):
        schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
    return schemas


_ANNOTATIONS = {"description", "title", "$comment", "examples", "default"}   # do not validate


def inline_refs(schemas: dict) -> dict:
    """The schemas with every $ref replaced by what it points to, its own keywords kept beside
    (its annotations, such as a description, win over the target's, as in resolve).

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


def json_type(value) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number",
            type(None): "null"}.get(type(value), "")


def _with_integer(value) -> list:
    types = value if isinstance(value, list) else [value]
    return types + (["integer"] if "number" in types else [])


def fact_fields(schemas: dict, schema_name: str) -> set[str]:
    props = schemas[schema_name].get("properties", {})
    return {name for name, spec in props.items() if spec.get("x-fact")}


def resolve(schemas: dict, schema: dict, base: str) -> tuple[dict, str]:
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


def walk(schemas, schema, base, value, path, cache=None):
    """Yield (path, annotations, value) for every value that the schema describes.

    `cache` (any dict, kept for one run) remembers each schema node's resolution: the same
    few dozen nodes describe every record."""
    if cache is None:
        cache = {}
    key = (id(schema), base)
    if key not in cache:
        resolved, resolved_base = resolve(schemas, schema, base)
        notes = {k: v for k, v in resolved.items() if k.startswith("x-")}
        cache[key] = (schema, resolved, resolved_base, notes)   # the schema, so its id stays unique
    _, schema, base, notes = cache[key]
    yield path, notes, value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in props:
                yield from walk(schemas, props[key], base, item, path + (key,), cache)
            elif isinstance(extra, dict):
                yield from walk(schemas, extra, base, item, path + (key,), cache)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            yield from walk(schemas, schema["items"], base, item, path + (index,), cache)
    for alternative in schema.get("oneOf", []):
        resolved, _ = resolve(schemas, alternative, base)
        if json_type(value) in _with_integer(resolved.get("type")) and len(path) > 0:
            yield from walk(schemas, alternative, base, value, path, cache)
            break


def types(schema: dict) -> list[str]:
    """The node's JSON types as a list ("type": "string" -> ["string"])."""
    value = schema.get("type", [])
    return value if isinstance(value, list) else [value]


def first_type(schema: dict) -> str | None:
    """The node's type other than null, if any."""
    found = [t for t in types(schema) if t != "null"]
    return found[0] if found else None


def shape(schema: dict) -> str:
    """How a string value must look, in words: the node's x-shape, else a word for what it holds."""
    if schema.get("x-shape"):
        return schema["x-shape"]
    if schema.get("x-vocabulary"):
        return "term"
    if schema.get("x-bibkey"):
        return "BibTeX key"
    return "text"
