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
import re

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


# ---------------------------------------------------------------- a quick yes for valid documents

# jsonschema reports every error with its path, which the messages need, but it is slow: two
# fifths of validating a large catalogue. Almost every document is valid, so conforms() first
# answers "valid?" for the keywords our schemas use; only a document it cannot call valid goes
# through jsonschema for its errors. tests/test_shipped_data.py checks that both always agree.
_IGNORED = frozenset({"$schema", "$id", "$defs", "title", "description", "examples", "default", "$comment"})


def conforms(schema, value) -> bool | None:
    """True or False when the schema's keywords are all understood here, else None (ask jsonschema)."""
    if schema is True or schema == {}:
        return True
    if schema is False:
        return False
    if not isinstance(schema, dict):
        return None
    answer = True
    for keyword, expected in schema.items():
        if keyword in _IGNORED or keyword.startswith("x-"):
            continue
        check = _KEYWORDS.get(keyword)
        if check is None:
            return None
        result = check(schema, expected, value)
        if result is None:
            return None
        answer = answer and result
    return answer


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type(schema, expected, value):
    kind = json_type(value)
    if not kind:
        return None
    wanted = expected if isinstance(expected, list) else [expected]
    if kind == "number" and value.is_integer():
        kind = "integer"
    return kind in wanted or (kind == "integer" and "number" in wanted)


def _all(results):
    answer = True
    for result in results:
        if result is None:
            return None
        answer = answer and result
    return answer


def _properties(schema, expected, value):
    if not isinstance(value, dict):
        return True
    return _all(conforms(expected[key], item) for key, item in value.items() if key in expected)


def _additional(schema, expected, value):
    if not isinstance(value, dict):
        return True
    if "patternProperties" in schema:
        return None
    known = schema.get("properties", {})
    return _all(conforms(expected, item) for key, item in value.items() if key not in known)


def _items(schema, expected, value):
    if not isinstance(value, list):
        return True
    if "prefixItems" in schema:
        return None
    return _all(conforms(expected, item) for item in value)


def _unique(schema, expected, value):
    if not isinstance(value, list) or not expected:
        return True
    if any(isinstance(item, (float, dict, list)) or item is None for item in value):
        return None   # JSON equality of these (1 == 1.0, nested values) is jsonschema's to judge
    seen = {(type(item), item) for item in value}
    return len(seen) == len(value)


def _enum(schema, expected, value):
    if isinstance(value, (dict, list, float)) or any(isinstance(option, (dict, list, float)) for option in expected):
        return None   # JSON equality of these (1 == 1.0, nested values) is jsonschema's to judge
    return any(type(option) is type(value) and option == value for option in expected)


def _const(schema, expected, value):
    return _enum(schema, [expected], value)


def _pattern(schema, expected, value):
    return not isinstance(value, str) or re.search(expected, value) is not None


def _one_of(schema, expected, value):
    results = [conforms(option, value) for option in expected]
    return None if None in results else results.count(True) == 1


def _not(schema, expected, value):
    result = conforms(expected, value)
    return None if result is None else not result


def _if(schema, expected, value):
    result = conforms(expected, value)
    if result is None:
        return None
    branch = schema.get("then", True) if result else schema.get("else", True)
    return conforms(branch, value)


_KEYWORDS = {
    "type": _type,
    "properties": _properties,
    "additionalProperties": _additional,
    "required": lambda s, e, v: not isinstance(v, dict) or all(key in v for key in e),
    "minProperties": lambda s, e, v: not isinstance(v, dict) or len(v) >= e,
    "propertyNames": lambda s, e, v: not isinstance(v, dict) or _all(conforms(e, key) for key in v),
    "items": _items,
    "minItems": lambda s, e, v: not isinstance(v, list) or len(v) >= e,
    "maxItems": lambda s, e, v: not isinstance(v, list) or len(v) <= e,
    "uniqueItems": _unique,
    "minLength": lambda s, e, v: not isinstance(v, str) or len(v) >= e,
    "maxLength": lambda s, e, v: not isinstance(v, str) or len(v) <= e,
    "pattern": _pattern,
    "enum": _enum,
    "const": _const,
    "minimum": lambda s, e, v: not _is_number(v) or v >= e,
    "maximum": lambda s, e, v: not _is_number(v) or v <= e,
    "exclusiveMinimum": lambda s, e, v: not _is_number(v) or v > e,
    "exclusiveMaximum": lambda s, e, v: not _is_number(v) or v < e,
    "oneOf": _one_of,
    "anyOf": lambda s, e, v: (lambda r: None if None in r else any(r))([conforms(o, v) for o in e]),
    "allOf": lambda s, e, v: _all(conforms(o, v) for o in e),
    "not": _not,
    "if": _if,
    "then": lambda s, e, v: True,   # judged with "if"
    "else": lambda s, e, v: True,
}
