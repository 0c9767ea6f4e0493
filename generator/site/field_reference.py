"""The contributor's field reference, generated from the JSON Schemas in schemas/.

    pages = field_reference_pages(site)
    pages["contributing/fields-model.md"]     # one page per record kind

Every field of a kind, with its type, whether it is required, whether it needs a source,
its description and, for a controlled term, its vocabulary (linked to the glossary, whose
anchors are the vocabulary names). The validator reads the same schemas, so the docs and
the checks cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.load import KINDS
from ..data.schema import load_schemas, resolve, shape, types


@dataclass
class FieldRow:
    field: str
    type: str
    required: bool
    description: str = ""
    sourced: bool = False
    vocabulary: str = ""
    terms: list[str] = field(default_factory=list)
    reference: str = ""    # records of this kind (a data/ folder)
    bibkey: bool = False


def field_reference_pages(site) -> dict[str, str]:
    dataset = site.dataset
    schemas = load_schemas()
    template = site.env.get_template("field_reference.md.j2")
    pages = {}
    for kind in KINDS.values():
        name = f"{kind}.schema.json"
        schema = schemas[name]
        page = f"contributing/fields-{kind}.md"
        pages[page] = template.render(
            kind=kind, schema_file=name, description=schema.get("description", ""),
            rows=field_rows(schemas, name, dataset.vocabularies), **site.helpers(page))
    return pages


def field_rows(schemas: dict, schema_name: str, vocabularies: dict) -> list[FieldRow]:
    return list(_rows(schemas, schemas[schema_name], schema_name, "", vocabularies))


def _rows(schemas, schema, base, prefix, vocabularies):
    required = set(schema.get("required", []))
    properties = schema.get("properties", {})
    for name, spec in properties.items():
        resolved, resolved_base = resolve(schemas, spec, base)
        path = prefix + name
        yield _row(schemas, path, resolved, resolved_base, name in required, vocabularies)
        yield from _children(schemas, path, resolved, resolved_base, vocabularies)


def _children(schemas, path, schema, base, vocabularies):
    keys_vocabulary = schema.get("x-vocabulary-keys")
    properties = schema.get("properties", {})
    if keys_vocabulary and properties and len({repr(spec) for spec in properties.values()}) == 1:
        # Hack: every key has the same shape (openness components, leans), so one row stands for all.
        child, child_base = resolve(schemas, next(iter(properties.values())), base)
        key_path = f"{path}.<{keys_vocabulary}>"
        row = _row(schemas, key_path, child, child_base, True, vocabularies)
        row.vocabulary, row.terms = keys_vocabulary, list(vocabularies.get(keys_vocabulary, {}))
        row.description = row.description or f"one entry for each term of {keys_vocabulary}"
        yield row
        yield from _children(schemas, key_path, child, child_base, vocabularies)
    elif properties:
        yield from _rows(schemas, schema, base, path + ".", vocabularies)
    elif isinstance(schema.get("additionalProperties"), dict):
        child, child_base = resolve(schemas, schema["additionalProperties"], base)
        yield _row(schemas, f"{path}.<field>", child, child_base, False, vocabularies)
    items = schema.get("items")
    if isinstance(items, dict):
        child, child_base = resolve(schemas, items, base)
        if child.get("properties"):
            yield from _rows(schemas, child, child_base, path + "[].", vocabularies)


def _row(schemas, path, schema, base, required, vocabularies) -> FieldRow:
    row = FieldRow(path, _type_text(schemas, schema, base), required,
                   description=schema.get("description", ""), sourced=bool(schema.get("x-fact")))
    target = schema
    if types(schema) == ["array"] and isinstance(schema.get("items"), dict):
        target, _ = resolve(schemas, schema["items"], base)
    if target.get("x-vocabulary"):
        row.vocabulary = target["x-vocabulary"]
        row.terms = list(vocabularies.get(row.vocabulary, {}))
    row.reference = target.get("x-reference", "")
    row.bibkey = bool(target.get("x-bibkey"))
    return row


def _type_text(schemas, schema, base) -> str:
    if "oneOf" in schema:
        return " or ".join(_type_text(schemas, *resolve(schemas, option, base)) for option in schema["oneOf"])
    words = []
    for kind in types(schema):
        if kind == "array":
            items, items_base = resolve(schemas, schema.get("items", {}), base)
            item = _type_text(schemas, items, items_base)
            word = f"list, each {item}" if item.startswith(("a ", "an ", "one ")) else f"list of {_plural(item)}"
            if schema.get("minItems"):
                word += f" (at least {schema['minItems']})"
        elif kind == "string":
            word = _string_type(schema)
        elif kind in ("integer", "number"):
            word = "whole number" if kind == "integer" else "number"
            if "minimum" in schema and "maximum" in schema:
                word += f", {schema['minimum']} to {schema['maximum']}"
        else:
            word = {"object": "mapping", "boolean": "true or false", "null": "null"}.get(kind, kind)
        words.append(word)
    return " or ".join(words) or "any"


def _string_type(schema: dict) -> str:
    if schema.get("x-reference"):
        return f"{KINDS[schema['x-reference']]} id"
    return shape(schema)


def _plural(word: str) -> str:
    head, _, rest = word.partition(",")
    head = head if head.endswith(("s", "e or null")) else head + "s"
    return head.replace("true or falses", "true or false values") + ("," + rest if rest else "")
