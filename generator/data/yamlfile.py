"""Safe YAML reading that remembers where every value came from.

    doc, problems = read_yaml(Path("data/models/llama-2.yaml"), "data/models/llama-2.yaml")
    doc.data            # plain dicts, lists, str, int, float, bool, None
    doc.line_of(("openness", "weights", "status"))   # -> 17

Safe by construction: only the plain YAML types are built (no Python tags), files over
MAX_BYTES are refused, alias expansion is capped at MAX_NODES, duplicate keys are problems
(PyYAML would silently keep the last one), and dates stay strings so that an impossible
date is reported by the validator instead of crashing the loader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .problems import Problem, dotted_path

MAX_BYTES = 1_000_000
MAX_NODES = 100_000

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

# The C loader is several times faster; the pure-Python one is the fallback.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RecordLoader(_BaseLoader):
    """SafeLoader without the implicit timestamp type: dates are read as strings."""


_RecordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
# YAML 1.1 reads 7.0e9 (no sign in the exponent) as text; accept it as a number, as YAML 1.2 does.
_RecordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float", re.compile(r"^[-+]?[0-9][0-9_]*(\.[0-9_]*)?[eE][-+]?[0-9]+$"), list("-+0123456789"))


@dataclass
class YamlDocument:
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int | None:
        """The line of the deepest part of `path` that the file has."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _TooManyNodes(Exception):
    pass


def read_yaml(path: Path, shown_as: str, max_bytes: int = MAX_BYTES) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one YAML file; return the document, or None and the problems that stopped it."""

    def fail(line, message):
        return None, [Problem(shown_as, line, "", message)]

    try:
        size = path.stat().st_size
    except OSError as exc:
        return fail(None, f"cannot be read: {exc.strerror}")
    if size > max_bytes:
        return fail(None, f"is {size:,} bytes; a record must be at most {max_bytes:,} bytes")
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return fail(1, "starts with a byte-order mark; save the file as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return fail(line, f"is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return fail(1, "is empty; expected a YAML mapping of fields")
    if "\t" in text:  # rare, so the line-by-line look is paid only then
        for number, line in enumerate(text.splitlines(), start=1):
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return fail(number, "indents with a tab; YAML needs spaces")

    loader = _RecordLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            return fail(line, f"is not valid YAML: {exc.problem or exc.context}")
        except yaml.YAMLError as exc:
            return fail(None, f"is not valid YAML: {exc}")
        if node is None:
            return fail(1, "is empty; expected a YAML mapping of fields")
        doc = YamlDocument(None)
        problems: list[Problem] = []
        counter = [0]
        try:
            doc.data = _build(loader, node, (), doc.lines, problems, shown_as, counter)
        except _TooManyNodes:
            return fail(node.start_mark.line + 1,
                        f"expands to more than {MAX_NODES:,} values (aliases?); refused")
        return (None if problems else doc), problems
    finally:
        loader.dispose()


def _build(loader, node, path, lines, problems, shown_as, counter):
    counter[0] += 1
    if counter[0] > MAX_NODES:
        raise _TooManyNodes
    line = node.start_mark.line + 1
    lines.setdefault(path, line)
    if isinstance(node, ScalarNode):
        if node.tag == _STR_TAG:
            return node.value  # what the constructor would return, without its dispatch
        if node.tag not in _SCALAR_TAGS:
            problems.append(Problem(shown_as, line, dotted_path(path),
                                    f"the tag {node.tag!r} is not allowed; write a plain value"))
            return None
        try:
            return loader.construct_object(node)
        except yaml.YAMLError as exc:
            problems.append(Problem(shown_as, line, dotted_path(path), f"cannot read the value: {exc}"))
            return None
    dotted = dotted_path(path)
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ_TAG:
            problems.append(Problem(shown_as, line, dotted, f"the tag {node.tag!r} is not allowed"))
            return None
        return [_build(loader, item, path + (i,), lines, problems, shown_as, counter)
                for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != _MAP_TAG:
            problems.append(Problem(shown_as, line, dotted, f"the tag {node.tag!r} is not allowed"))
            return None
        result = {}
        first_line = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(shown_as, key_line, dotted, "keys must be plain names (no merge keys or complex keys)"))
                continue
            key = key_node.value
            if key in result:
                problems.append(Problem(
                    shown_as, key_line, dotted_path(path + (key,)),
                    f"duplicate key; it was already set on line {first_line[key]} (YAML would silently keep only the last)"))
                continue
            first_line[key] = key_line
            lines[path + (key,)] = key_line
            result[key] = _build(loader, value_node, path + (key,), lines, problems, shown_as, counter)
        return result
    problems.append(Problem(shown_as, line, dotted, "unsupported YAML node"))
    return None
