"""Start a new record with every field of its kind, for a contributor to fill in.

    python -m generator new model my-model      # writes data/models/my-model.yaml
    path = new_record(Path("."), "model", "my-model")

The record is written from the kind's JSON Schema, so it has every top-level field. Each
value to supply is a placeholder, "TODO" or "TODO: what goes here", which
`python -m generator validate` reports one line each until it is filled in. Optional lists
start empty; nested optional fields (an openness note, an option's `requires`) are left out
and listed in the field reference.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from .load import DATA_DIR, KINDS, VOCABULARIES_FILE
from .schema import first_type, load_schemas, resolve, types
from .validate import PLACEHOLDER, is_placeholder
from .yamlfile import read_yaml

FOLDERS = {schema: folder for folder, schema in KINDS.items()}   # model -> models
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class ScaffoldError(Exception):
    """A record cannot be started; the message says why and what to do."""


def new_record(root: Path, kind: str, record_id: str) -> Path:
    """Write data/<kind>/<record_id>.yaml and return its path."""
    if kind not in FOLDERS:
        raise ScaffoldError(f"unknown kind '{kind}'; expected one of: {', '.join(FOLDERS)}")
    if not ID_PATTERN.fullmatch(record_id):
        suggestion = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-")
        hint = f", e.g. '{suggestion}'" if suggestion and ID_PATTERN.fullmatch(suggestion) else ""
        raise ScaffoldError(f"'{record_id}' is not a valid id: use lower-case letters, digits and single hyphens{hint}")
    folder = Path(root) / DATA_DIR / FOLDERS[kind]
    if not folder.is_dir():
        raise ScaffoldError(f"{DATA_DIR}/{FOLDERS[kind]}/ does not exist here; run the command from the project root (or pass --root)")
    path = folder / f"{record_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{DATA_DIR}/{FOLDERS[kind]}/{record_id}.yaml already exists; edit it, or choose another id")
    path.write_text(scaffold_text(kind, record_id, _vocabularies(Path(root))), encoding="utf-8")
    return path


def scaffold_text(kind: str, record_id: str, vocabularies: dict | None = None) -> str:
    schemas = load_schemas()
    name = f"{kind}.schema.json"
    writer = _Writer(schemas, vocabularies or {})
    lines = [
        f"# yaml-language-server: $schema=../../schemas/{name}",
        "#",
        f"# A new {kind}. Replace every TODO with a value from a primary source, then run",
        "#   python -m generator validate",
        "# which lists every placeholder still left. Unknown is a valid value: write null",
        "# (or unknown) and delete that field's line under sources. See CONTRIBUTING.md.",
    ]
    schema = schemas[name]
    facts = [field for field, spec in schema["properties"].items()
             if field in schema.get("required", []) and resolve(schemas, spec, name)[0].get("x-fact")]
    for field, spec in schema["properties"].items():
        if field == "id":
            lines.append(f"id: {record_id}")
        elif field == "sources":
            lines.append("sources:   # the BibTeX keys that support each field above")
            lines += [f"  {fact}: [{PLACEHOLDER}]" for fact in facts]
        else:
            lines += writer.field(field, spec, name, 0, required=field in schema.get("required", []))
    return "\n".join(lines) + "\n"


def count_placeholders(text: str) -> int:
    """How many values of a record are still placeholders."""

    def count(value) -> int:
        if isinstance(value, dict):
            return sum(count(item) for item in value.values())
        if isinstance(value, list):
            return sum(count(item) for item in value)
        return int(is_placeholder(value))

    return count(yaml.safe_load(text))


class _Writer:
    def __init__(self, schemas: dict, vocabularies: dict):
        self.schemas = schemas
        self.vocabularies = vocabularies

    def field(self, name: str, spec: dict, base: str, indent: int, required: bool, item: int | None = None) -> list[str]:
        schema, base = resolve(self.schemas, spec, base)
        pad = " " * indent
        kind = first_type(schema)
        if not required and kind == "array":
            return [f"{pad}{name}: []   # optional: {_sentence(_describe(schema))}"] + self._terms(schema, base, pad)
        if not required and schema.get("x-vocabulary"):
            return [f"{pad}{name}: null   # optional: {_sentence(_describe(schema)) or 'a term'}; null if unknown"] + \
                self._terms(schema, base, pad)
        if kind == "object" and "properties" in schema:
            return self._object(name, schema, base, indent)
        if kind == "array" and first_type(resolve(self.schemas, schema.get("items", {}), base)[0]) == "object":
            items_schema, items_base = resolve(self.schemas, schema["items"], base)
            comment = f"   # {_describe(schema)}" if _describe(schema) else ""
            lines = [f"{pad}{name}:{comment}"]
            for number in range(1, max(1, schema.get("minItems", 1)) + 1):
                body = self._properties(items_schema, items_base, indent + 4, item=number)
                lines.append(f"{pad}  - {body[0].lstrip()}")
                lines += body[1:]
            return lines
        value, comment = self.value(name, schema, base, required, item)
        return [f"{pad}{name}: {value}" + (f"   # {comment}" if comment else "")] + self._terms(schema, base, pad)

    def _terms(self, schema: dict, base: str, pad: str) -> list[str]:
        """A comment line for each term a value may take, with its meaning."""
        if first_type(schema) == "array":
            schema, base = resolve(self.schemas, schema.get("items", {}), base)
        vocabulary = self.vocabularies.get(schema.get("x-vocabulary"), {})
        return [f"{pad}#   {term}: {entry.get('description', '')}" for term, entry in vocabulary.items()]

    def value(self, name: str, schema: dict, base: str, required: bool = True, item: int | None = None) -> tuple[str, str]:
        """A placeholder for one value, and a comment for its line."""
        kind = first_type(schema)
        if kind == "array":
            items, _ = resolve(self.schemas, schema.get("items", {}), base)
            _, comment = self.value(name, items, base)
            if "minItems" not in schema:
                comment = (comment + "; " if comment else "") + "[] if none"
            return f"[{PLACEHOLDER}]", comment
        if schema.get("x-vocabulary"):
            terms = ", ".join(self.vocabularies.get(schema["x-vocabulary"], {}))
            return PLACEHOLDER, "one of the terms below" if terms else f"a term of '{schema['x-vocabulary']}' in {VOCABULARIES_FILE}"
        if schema.get("x-reference"):
            return PLACEHOLDER, f"the id of a {KINDS[schema['x-reference']]} (a file name in data/{schema['x-reference']}/)"
        if schema.get("x-bibkey"):
            return PLACEHOLDER, "a key in references.bib" + (", or null" if "null" in types(schema) else "")
        description = _sentence(schema.get("description", ""))
        if name == "id" and item is not None:
            hint = f"a short kebab-case id for item {item} of this list"
        elif schema.get("x-date") and "YYYY" not in description:
            hint = ("YYYY-MM" if schema["x-date"] == "month" else "YYYY-MM-DD") + (f", {description}" if description else "")
        elif kind == "boolean":
            hint = "true or false" + (f"; {description}" if description else "")
        elif kind == "integer" and "minimum" in schema and "maximum" in schema:
            hint = description or f"a number from {schema['minimum']} to {schema['maximum']}"
        else:
            hint = description or name.replace("_", " ")
        if not required:
            hint += " (optional: delete this line if it does not apply)"
        return json.dumps(f"{PLACEHOLDER}: {hint}", ensure_ascii=False), ""

    def _object(self, name: str, schema: dict, base: str, indent: int) -> list[str]:
        pad = " " * indent
        comment = f"   # {_describe(schema)}" if _describe(schema) else ""
        children = [resolve(self.schemas, spec, base) for spec in schema["properties"].values()]
        if all(first_type(child) not in ("object", "array") for child, _ in children):
            return [f"{pad}{name}: {self._flow(schema, base)}{comment}"]
        if schema.get("x-vocabulary-keys"):
            lines = [f"{pad}{name}:{comment}"]
            for key, spec in schema["properties"].items():
                child, child_base = resolve(self.schemas, spec, base)
                if first_type(child) == "object" and "properties" in child:
                    lines.append(f"{pad}  {key}: {self._flow(child, child_base)}")
                else:
                    lines.append(f"{pad}  {key}: {self.value(key, child, child_base)[0]}")
            first = next(iter(schema["properties"].values()))
            child, child_base = resolve(self.schemas, first, base)
            if first_type(child) == "object" and "properties" in child:
                lines.insert(1, f"{pad}  # each: " + "; ".join(self._explain(child, child_base)))
            return lines
        return [f"{pad}{name}:{comment}"] + self._properties(schema, base, indent + 2)

    def _properties(self, schema: dict, base: str, indent: int, item: int | None = None) -> list[str]:
        lines = []
        for key, spec in schema.get("properties", {}).items():
            child, _ = resolve(self.schemas, spec, base)
            required = key in schema.get("required", [])
            if required or first_type(child) == "array":
                lines += self.field(key, spec, base, indent, required=True, item=item)
        return lines

    def _flow(self, schema: dict, base: str) -> str:
        parts = []
        for key, spec in schema["properties"].items():
            child, child_base = resolve(self.schemas, spec, base)
            if key in schema.get("required", []) or first_type(child) == "array":
                parts.append(f"{key}: {self.value(key, child, child_base)[0]}")
        return "{" + ", ".join(parts) + "}"

    def _explain(self, schema: dict, base: str) -> list[str]:
        parts = []
        for key, spec in schema["properties"].items():
            child, child_base = resolve(self.schemas, spec, base)
            text = self.value(key, child, child_base)[1] if child.get("x-vocabulary") else _sentence(child.get("description", ""))
            parts.append(f"{key} = {text}" if text else key)
        return parts


def _sentence(text: str) -> str:
    """'The model's name.' -> 'the model's name', to follow "TODO: " and "fill in "."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if text and first[1:] == first[1:].lower() else text


def _describe(schema: dict) -> str:
    return schema.get("description", "").rstrip(".")


def _vocabularies(root: Path) -> dict:
    path = root / VOCABULARIES_FILE
    if not path.is_file():
        return {}
    doc, _ = read_yaml(path, VOCABULARIES_FILE)
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}
