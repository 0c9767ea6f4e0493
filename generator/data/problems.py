"""Problems found in the data, kept apart from how they are printed.

    problems.append(Problem("data/models/x.yaml", 12, "licence", "'llama3' is not a known licence"))
    print(format_report(problems))
"""

from __future__ import annotations

from dataclasses import dataclass


class DataError(Exception):
    """Raised with the full list of problems when the data cannot be used."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(format_report(problems))


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def format_report(problems: list[Problem]) -> str:
    """Errors first, then warnings, each block sorted by file and line, with a count."""
    lines = []
    errs, warns = errors(problems), warnings(problems)
    for p in sorted(errs, key=_sort_key):
        lines.append(f"error: {p}")
    for p in sorted(warns, key=_sort_key):
        lines.append(f"warning: {p}")
    if errs:
        lines.append(f"Aborted with {len(errs)} error{'s' if len(errs) != 1 else ''}"
                     f" and {len(warns)} warning{'s' if len(warns) != 1 else ''}.")
    elif warns:
        lines.append(f"Data valid, with {len(warns)} warning{'s' if len(warns) != 1 else ''}.")
    return "\n".join(lines)


def _sort_key(p: Problem):
    return (p.file, p.line or 0, p.field, p.message)


def dotted_path(path: tuple) -> str:
    """('openness', 'weights', 'evidence', 0) -> 'openness.weights.evidence[0]'"""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
