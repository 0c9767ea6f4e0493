"""Read the project's data into one Dataset, without judging it (validate.py does that).

    dataset, problems = read_dataset(Path("."))
    dataset.records["models"]["llama-2"].data["licence"]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .bib import Reference, read_bibliography
from .problems import Problem
from .yamlfile import YamlDocument, read_yaml

# Folder under data/ -> schema name.
KINDS = {"models": "model", "licences": "licence", "domains": "domain", "criteria": "criterion",
         "accelerators": "accelerator"}
SCHEMA_DIR = "schemas"
DATA_DIR = "data"
CONTENT_DIR = "content"
BIB_FILE = "references.bib"
VOCABULARIES_FILE = "data/vocabularies.yaml"
CROSSWALK_FILE = "data/crosswalk.yaml"
SCORING_FILE = "data/scoring.yaml"
# The languages of the site; English is the source language, whose strings every other must match.
LANGUAGES = ("en", "zh")
SOURCE_LANGUAGE = "en"
# Single-file data documents: name -> (file, schema, required)
DOCUMENTS = {
    "vocabularies": (VOCABULARIES_FILE, "vocabularies.schema.json", True),
    "scoring": (SCORING_FILE, "scoring.schema.json", True),
    "crosswalk": (CROSSWALK_FILE, "crosswalk.schema.json", False),
    "terminology": ("data/terminology.yaml", "terminology.schema.json", False),
    "calibration": ("data/calibration.yaml", "calibration.schema.json", False),
    "developers": ("data/developers.yaml", "developers.schema.json", False),
    **{f"strings-{lang}": (f"data/strings/{lang}.yaml", "strings.schema.json", lang == SOURCE_LANGUAGE)
       for lang in LANGUAGES},
}


@dataclass
class Record:
    kind: str            # models, licences, domains, criteria, accelerators
    id: str              # the file name without .yaml
    file: str            # path as shown to people, relative to the project root
    data: dict
    doc: YamlDocument

    def line(self, *path) -> int | None:
        return self.doc.line_of(tuple(path))


@dataclass
class Dataset:
    root: Path
    documents: dict[str, YamlDocument] = field(default_factory=dict)   # see DOCUMENTS
    records: dict[str, dict[str, Record]] = field(default_factory=lambda: {kind: {} for kind in KINDS})
    references: dict[str, Reference] = field(default_factory=dict)
    content: dict[str, str] = field(default_factory=dict)   # content/ path -> Markdown text
    # lang -> kind -> record id -> YamlDocument of data/translations/LANG/KIND/ID.yaml
    translation_docs: dict = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def vocabularies(self) -> dict:
        return self._document("vocabularies")

    @property
    def scoring(self) -> dict:
        return self._document("scoring")

    @property
    def crosswalk(self) -> dict:
        return self._document("crosswalk")

    @property
    def terminology(self) -> list[dict]:
        """The Chinese term of each key concept (data/terminology.yaml)."""
        return self._document("terminology").get("terms") or []

    def _document(self, name: str) -> dict:
        doc = self.documents.get(name)
        return doc.data if doc is not None else {}

    @property
    def translations(self) -> dict:
        """lang -> kind -> record id -> {field path: {"source": hash, "text": translation}}"""
        return {lang: {kind: {record_id: doc.data if isinstance(doc.data, dict) else {}
                              for record_id, doc in records.items()}
                       for kind, records in kinds.items()}
                for lang, kinds in self.translation_docs.items()}

    def strings(self, lang: str = SOURCE_LANGUAGE) -> dict:
        """Every text of the site's pages and scripts in one language (data/strings/LANG.yaml)."""
        return self._document(f"strings-{lang}")

    def label(self, vocabulary: str, term: str, lang: str = SOURCE_LANGUAGE) -> str:
        """A term's label in `lang`; a fact recorded as unknown shows as the openness vocabulary's 'Unknown'."""
        return self.term(vocabulary, term, lang).get("label", term)

    def term(self, vocabulary: str, term: str, lang: str = SOURCE_LANGUAGE) -> dict:
        """A term's label and description (and symbol, score) in `lang`, falling back to the source language."""
        entry = self.vocabularies.get(vocabulary, {}).get(term)
        if entry is None and term == "unknown":
            entry = self.vocabularies.get("openness_status", {}).get("unknown")
        if entry is None:
            return {}
        return {**entry, **entry.get(lang, {})} if lang != SOURCE_LANGUAGE else entry


PROJECT_ROOT = Path(__file__).resolve().parents[2]


def read_dataset(root: Path) -> tuple[Dataset, list[Problem]]:
    root = Path(root)
    dataset = Dataset(root=root)
    problems: list[Problem] = []

    for name, (file, _, required) in DOCUMENTS.items():
        path = root / file
        if not path.is_file():
            if required:
                problems.append(Problem(file, None, "", "is missing"))
            continue
        doc, found = read_yaml(path, file)
        problems += found
        if doc is not None and isinstance(doc.data, dict):
            dataset.documents[name] = doc
        elif doc is not None:
            problems.append(Problem(file, 1, "", f"expected a mapping, found {_type_name(doc.data)}"))

    data_dir = root / DATA_DIR
    for kind in KINDS:
        folder = data_dir / kind
        if not folder.is_dir():
            problems.append(Problem(f"{DATA_DIR}/{kind}/", None, "", "folder is missing"))
            continue
        for path in sorted(folder.iterdir(), key=lambda p: p.name):
            shown = f"{DATA_DIR}/{kind}/{path.name}"
            if path.name.startswith("."):
                continue
            if path.suffix in (".yml", ".json"):
                problems.append(Problem(shown, None, "", "records must end in .yaml"))
                continue
            if path.suffix != ".yaml":
                continue
            if path.is_symlink() or not path.is_file():
                problems.append(Problem(shown, None, "", "must be a regular file, not a link or folder"))
                continue
            doc, found = read_yaml(path, shown)
            problems += found
            if doc is None:
                continue
            if not isinstance(doc.data, dict):
                problems.append(Problem(shown, 1, "", f"expected a mapping of fields, found {_type_name(doc.data)}"))
                continue
            record_id = path.name[: -len(".yaml")]
            dataset.records[kind][record_id] = Record(kind, record_id, shown, doc.data, doc)

    for lang in LANGUAGES:
        folder = data_dir / "translations" / lang
        for path in sorted(folder.glob("*/*.yaml")) if folder.is_dir() else []:
            kind = path.parent.name
            shown = path.relative_to(root).as_posix()
            doc, found = read_yaml(path, shown)
            problems += found
            if doc is not None:
                dataset.translation_docs.setdefault(lang, {}).setdefault(kind, {})[path.stem] = doc

    refs, found = read_bibliography(root / BIB_FILE, BIB_FILE)
    dataset.references = refs
    problems += found

    content_dir = root / CONTENT_DIR
    if content_dir.is_dir():
        for path in sorted(content_dir.rglob("*.md")):
            if path.is_file() and not path.is_symlink():
                dataset.content[path.relative_to(content_dir).as_posix()] = path.read_text(encoding="utf-8")
    return dataset, problems


def _type_name(value) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "nothing"}.get(type(value), type(value).__name__)
