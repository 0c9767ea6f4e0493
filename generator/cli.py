"""Command line: python -m generator validate | build --out DIR

Exit status 0 on success, 1 when the data has errors (every problem printed, file:line first),
2 on a usage error. No traceback for bad data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .output import write_pages
from .problems import DataError, format_report
from .render import build_pages
from .validate import load_valid_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every record, reference and citation")
    build = commands.add_parser("build", help="write the generated pages to a folder outside content/")
    build.add_argument("--out", type=Path, required=True, help="folder to write the pages into")
    args = parser.parse_args(argv)

    try:
        dataset = load_valid_dataset(args.root)
    except DataError as error:
        print(format_report(error.problems), file=sys.stderr)
        return 1
    if dataset.warnings:
        print(format_report(dataset.warnings), file=sys.stderr)

    if args.command == "validate":
        counts = ", ".join(f"{len(records)} {kind}" for kind, records in dataset.records.items())
        print(f"Data valid: {counts}, {len(dataset.references)} references.")
        return 0
    if args.command == "build":
        try:
            pages = build_pages(dataset)
            written = write_pages(pages, args.out, args.root)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        print(f"{len(pages)} generated pages in {args.out}; {written} written, the rest unchanged.")
        return 0
    return 2
