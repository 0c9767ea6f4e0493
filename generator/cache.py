"""A cache of the pipeline's result, on disk, keyed by everything the result depends on.

    key, inputs = input_key(root, settings), input_files(root)
    found = lookup(root, key)          # None when nothing was stored under the key
    store(root, key, result)

The key is a hash of everything the result depends on: each file and folder under data/,
references.bib and the content/ pages (names, kinds and bytes), the schemas, the generator's
code and templates, the versions of Python and of the libraries it calls, today's date
(validation compares dates with it) and the arguments. Results are kept in .cache/generator/
under the project root (ignored by git, safe to delete); the newest few are kept. The pipeline
(generator/pipeline.py) never stores invalid data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from .data.load import BIB_FILE, CONTENT_DIR, DATA_DIR, PROJECT_ROOT

CACHE_DIR = ".cache/generator"
KEEP = 4
LIBRARIES = ("jinja2", "markupsafe", "jsonschema", "referencing", "pyyaml", "bibtexparser", "pylatexenc")
_FORMAT = 4   # bump when the stored result changes shape


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
    for name, path in input_files(root) if inputs is None else inputs:
        add(name, _kind(path), _bytes(path))
    return digest.hexdigest()


def input_files(root: Path) -> list[tuple[str, Path]]:
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


def stamps(inputs: list[tuple[str, Path]]) -> list:
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


def lookup(root: Path, key: str, kind: type):
    path = _folder(root) / f"{key}.pickle"
    try:
        with open(path, "rb") as stream:
            result = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(result, kind):
        return None
    os.utime(path)   # keeps it among the newest
    return result


def store(root: Path, key: str, result) -> None:
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
