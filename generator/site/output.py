"""Write generated pages to a folder, touching only what changed.

    write_pages({"models/index.md": "...", "assets/logo.png": b"..."}, Path("build/pages"), Path("."))

A manifest in the folder lists the pages written last time, so a page that is no longer
generated is removed, and no other file in the folder is ever deleted. The folder may not
be content/ or lie inside it, nor be a folder of sources, so hand-written files are safe.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

MANIFEST = ".generated-pages.json"
PROTECTED = ("content", "data", "generator", "schemas", "tests", ".git")


def write_pages(pages: dict[str, str | bytes], out: Path, root: Path) -> int:
    out, root = out.resolve(), root.resolve()
    if out == root:
        raise ValueError(f"--out {out} is the project root; choose a folder of its own")
    for name in PROTECTED:
        protected = root / name
        if out == protected or protected in out.parents:
            raise ValueError(f"--out {out} is inside {name}/, which holds sources; choose a folder outside it")
    for path in pages:
        target = (out / path).resolve()
        if out not in target.parents:
            raise ValueError(f"page path {path!r} would be written outside {out}")
    out.mkdir(parents=True, exist_ok=True)
    manifest = out / MANIFEST
    previous = set(json.loads(manifest.read_text(encoding="utf-8"))) if manifest.is_file() else set()

    written = 0
    for path, text in sorted(pages.items()):
        target = out / path
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        _atomic_write(target, data)
        written += 1
    for stale in sorted(previous - set(pages)):
        target = (out / stale).resolve()
        if out in target.parents and target.is_file():
            target.unlink()
    listing = (json.dumps(sorted(pages), indent=1) + "\n").encode("utf-8")
    if not manifest.is_file() or manifest.read_bytes() != listing:
        _atomic_write(manifest, listing)
    return written


def write_file(target: Path, text: str) -> None:
    """Write one file whole or not at all."""
    _atomic_write(Path(target), text.encode("utf-8"))


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
