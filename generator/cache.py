"""Load, validate and build the pages, or reuse the last result while no input has changed.

    generated = generate(Path("."), repo_url=None, site_address="Open or closed?")
    generated.pages["models/index.md"], generated.references, generated.warnings, generated.cached

The key is a hash of everything the result depends on: each file and folder under data/,
references.bib and the content/ pages (names, kinds and bytes), the schemas, the generator's
code and templates, the versions of Python and of the libraries it calls, today's date
(validation compares dates with it) and the arguments. Results are kept in .cache/generator/
under the project root (ignored by git, safe to delete); the newest few are kept. Invalid
data raises DataError as before and is never cached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .bib import Reference
from .load import BIB_FILE, CONTENT_DIR, DATA_DIR, PROJECT_ROOT
from .problems import Problem

CACHE_DIR = ".cache/generator"
KEEP = 4
LIBRARIES = ("jinja2", "markupsafe", "jsonschema", "referencing", "pyyaml", "bibtexparser", "pylatexenc")
_FORMAT = 1   # bump when Generated changes shape


@dataclass
class Generated:
    pages: dict[str, str]
    references: dict[str, Reference]
    warnings: list[Problem]
    counts: dict[str, int]
    cached: bool = field(default=False, compare=False)


def generate(root: Path, repo_url: str | None = None, site_address: str = "", use_cache: bool = True) -> Generated:
    root = Path(root)
    inputs = _inputs(root) if use_cache else []
    key = input_key(root, repo_url, site_address, inputs=inputs) if use_cache else None
    if key:
        found = _load(root, key)
        if found is not None:
            found.cached = True
            return found
    stamps = _stamps(inputs)
    from .render import build_pages
    from .validate import load_valid_dataset
    dataset = load_valid_dataset(root)
    result = Generated(pages=build_pages(dataset, repo_url=repo_url, site_address=site_address),
                       references=dataset.references, warnings=dataset.warnings,
                       counts={kind: len(records) for kind, records in dataset.records.items()})
    if key and _stamps(inputs) == stamps:   # an input edited during the build would be stored under the old key
        _store(root, key, result)
    return result


def input_key(root: Path, *arguments, inputs: list[tuple[str, Path]] | None = None) -> str:
    digest = hashlib.blake2b(digest_size=20)

    def add(*parts):
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)

    add(_FORMAT, sys.version, dt.date.today().isoformat(), *arguments)
    for name in LIBRARIES:
        try:
            add(name, metadata.version(name))
        except metadata.PackageNotFoundError:
            add(name, None)
    for name, path in _inputs(root) if inputs is None else inputs:
        add(name, _kind(path), _bytes(path))
    return digest.hexdigest()


def _inputs(root: Path) -> list[tuple[str, Path]]:
    """(name, path) of every file and folder the result depends on, in a stable order."""
    found = []
    for base, folder, pattern in ((root, DATA_DIR, "*"), (root, CONTENT_DIR, "*.md"), (root, BIB_FILE, None),
                                  (PROJECT_ROOT, "schemas", "*"), (PROJECT_ROOT, "generator", "*")):
        path = base / folder
        found.append((f"{base == root}:{folder}", path))
        if pattern is not None and path.is_dir():
            found += [(entry.relative_to(base).as_posix(), entry) for entry in sorted(path.rglob(pattern))
                      if "__pycache__" not in entry.parts]
    return found


def _stamps(inputs: list[tuple[str, Path]]) -> list:
    stamps = []
    for _, path in inputs:
        try:
            stat = path.lstat()
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append(None)
    return stamps


def _kind(path: Path) -> str:
    if path.is_symlink():
        return "link"
    return "folder" if path.is_dir() else "file" if path.is_file() else "missing"


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes() if path.is_file() else b""
    except OSError:
        return b"\0unreadable"


def _folder(root: Path) -> Path:
    return root / CACHE_DIR


def _load(root: Path, key: str) -> Generated | None:
    path = _folder(root) / f"{key}.pickle"
    try:
        with open(path, "rb") as stream:
            result = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(result, Generated):
        return None
    os.utime(path)   # keeps it among the newest
    return result


def _store(root: Path, key: str, result: Generated) -> None:
    folder = _folder(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(result, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, folder / f"{key}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass   # a cache that cannot be written only costs time
