"""Command line: python -m generator validate | build --out DIR [--with-content] | report ANSWERS | landscape | new KIND ID | check-links

Exit status 0 on success, 1 when the data has errors (every problem printed, file:line first),
2 on a usage error. No traceback for bad data.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .pipeline import generate
from .site.check_links import check_urls, collect_urls, format_link_report, read_allowlist
from .site.links import broken_internal_links
from .site.output import write_file, write_pages
from .data.problems import DataError, format_report
from .data.load import CONTENT_DIR, DATA_DIR, KINDS, LANGUAGES, SOURCE_LANGUAGE
from .data.translations import localise, translation_stub
from .data.yamlfile import read_yaml
from .site.pages import cite_content_page
from .decide.report import read_answers, report_html, report_markdown
from .site import landscape as landscape_report
from .data.scaffold import FOLDERS, ScaffoldError, count_placeholders, new_record
from .data.validate import load_valid_dataset
from .site.settings import read_settings
from .site.templating import Strings
from .site.zensical import build_site as zensical_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every record, reference and citation")
    build = commands.add_parser("build", help="write the generated pages to a folder outside content/")
    build.add_argument("--out", type=Path, required=True, help="folder to write the pages into")
    build.add_argument("--with-content", action="store_true",
                       help="also copy content/ (citations resolved), making a docs folder that another engine can build")
    build.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE,
                       help="the edition: en from content/, zh from content/zh/ and the Chinese texts of data/")
    new = commands.add_parser("new", help="start a record with every field and TODO placeholders")
    new.add_argument("kind", choices=list(FOLDERS))
    new.add_argument("id", help="lower-case kebab-case, e.g. my-model; becomes the file name")
    report = commands.add_parser("report", help="write the personal decision report from a checklist answers file")
    report.add_argument("answers", type=Path, help="answers YAML, as the checklist page downloads it")
    report.add_argument("--format", choices=["md", "html"], default="md")
    report.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    report.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE, help="language of the report (en, zh)")
    translate = commands.add_parser("translate", help="add the untranslated texts of a record to its translation file")
    translate.add_argument("lang", choices=[lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE])
    translate.add_argument("kind", choices=list(KINDS))
    translate.add_argument("id", help="the record's id, e.g. llama-2")
    landscape = commands.add_parser("landscape", help="write the landscape report, 'The state of play', or release an edition")
    landscape.add_argument("--format", choices=["md", "html", "pdf"], default="md", help="pdf: A4, printed by headless Chromium")
    landscape.add_argument("-o", "--output", type=Path, help="file to write (default: standard output; required for pdf)")
    landscape.add_argument("--lang", choices=LANGUAGES, default=SOURCE_LANGUAGE, help="language of the report's texts")
    landscape.add_argument("--edition", metavar="VERSION", help="regenerate a released edition from its records ('latest': the newest)")
    landscape.add_argument("--release", metavar="VERSION",
                           help="release the current data as edition VERSION (YYYY.MM): keep its records under "
                                "data/editions/VERSION/ and set the version in CITATION.cff")
    landscape.add_argument("--date", help="the release date for --release, YYYY-MM-DD (default: today)")
    zensical = commands.add_parser("zensical", help="build the same site with Zensical, Material's successor")
    zensical.add_argument("out", type=Path, help="folder for docs/, mkdocs.yml and site/ (outside content/)")
    zensical.add_argument("--no-build", action="store_true", help="only write OUT/docs and OUT/mkdocs.yml")
    links = commands.add_parser("check-links", help="check the links of the built site or, with --external, every cited URL")
    links.add_argument("--site", type=Path, help="a built site (mkdocs build) whose internal links to check")
    links.add_argument("--external", action="store_true", help="request every http(s) URL in data/, references.bib and content/")
    links.add_argument("--allowlist", type=Path, default=Path(".github/link-check-allowlist.txt"),
                       help="hosts not to request, one a line (default: .github/link-check-allowlist.txt under --root)")
    links.add_argument("--workers", type=int, default=8, help="requests at a time (default 8)")
    links.add_argument("--timeout", type=float, default=15, help="seconds per request (default 15)")
    args = parser.parse_args(argv)

    if args.command == "new":
        try:
            path = new_record(args.root, args.kind, args.id)
        except ScaffoldError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        shown = path.relative_to(args.root).as_posix()
        count = count_placeholders(path.read_text(encoding="utf-8"))
        print(f"Wrote {shown} with {count} TODO placeholders. Fill them in from primary sources, then run\n"
              f"  python -m generator validate\nwhich lists each placeholder left. See CONTRIBUTING.md.")
        return 0
    if args.command == "check-links":
        if not args.site and not args.external:
            parser.error("check-links needs --site DIR, --external or both")
        return _check_links(args)

    if args.command == "build":
        return _build(args)
    if args.command == "translate":
        return _translate(args)
    if args.command == "zensical":
        status, printed, errors = zensical_site(args.root, args.out, only_prepare=args.no_build)
        sys.stdout.write(printed)
        sys.stderr.write(errors)
        return status

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
    if args.command == "report":
        return _report(args, dataset)
    if args.command == "landscape":
        if args.format == "pdf" and args.output is None and not args.release:
            parser.error("landscape --format pdf needs -o FILE")
        return _landscape(args, dataset)
    return 2


def _build(args) -> int:
    try:
        generated = generate(args.root, read_settings(args.root, args.lang))
    except DataError as error:
        print(format_report(error.problems), file=sys.stderr)
        return 1
    if generated.warnings:
        print(format_report(generated.warnings), file=sys.stderr)
    files: dict[str, str | bytes] = dict(generated.pages)
    if args.with_content:
        content = _content_files(args.root, args.lang, generated)
        clashes = sorted(set(content) & set(files))
        if clashes:
            print(f"error: generated page {clashes[0]} clashes with the hand-written {CONTENT_DIR}/{clashes[0]};"
                  " rename one of them", file=sys.stderr)
            return 1
        files.update(content)
    try:
        written = write_pages(files, args.out, args.root)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    what = f"{len(generated.pages)} generated pages" + (f" and {len(files) - len(generated.pages)} content files"
                                                        if args.with_content else "")
    print(f"{what} in {args.out}; {written} written, the rest unchanged.")
    return 0


def _translate(args) -> int:
    """Append the record's untranslated texts to data/translations/LANG/KIND/ID.yaml, never changing
    what is there; the validator then lists each TODO left."""
    record_path = args.root / DATA_DIR / args.kind / f"{args.id}.yaml"
    doc, problems = read_yaml(record_path, record_path.relative_to(args.root).as_posix()) if record_path.is_file() else (None, [])
    if doc is None or not isinstance(doc.data, dict):
        print(format_report(problems) if problems else f"error: there is no record {args.kind}/{args.id}", file=sys.stderr)
        return 1
    target = args.root / DATA_DIR / "translations" / args.lang / args.kind / f"{args.id}.yaml"
    existing_text = target.read_text(encoding="utf-8") if target.is_file() else ""
    existing, _ = read_yaml(target, str(target)) if existing_text else (None, [])
    stub = translation_stub(args.kind, doc.data, existing.data if existing and isinstance(existing.data, dict) else {})
    if not stub:
        print(f"{target.relative_to(args.root).as_posix()} already has every text of the record.")
        return 0
    header = "" if existing_text else "# yaml-language-server: $schema=../../../../schemas/translation.schema.json\n"
    write_file(target, header + existing_text + ("\n" if existing_text and not existing_text.endswith("\n") else "") + stub)
    print(f"Wrote the untranslated texts of {args.kind}/{args.id} to {target.relative_to(args.root).as_posix()}; "
          "replace each TODO with the translation.")
    return 0


def _check_links(args) -> int:
    status = 0
    if args.site is not None:
        if not (args.site / "index.html").is_file():
            print(f"error: {args.site} is not a built site (no index.html); run `mkdocs build` first", file=sys.stderr)
            return 1
        broken = broken_internal_links(args.site)
        for problem in broken:
            print(f"broken: {problem}")
        print(f"Internal links: {len(broken)} broken.")
        status = 1 if broken else status
    if args.external:
        allowlist = args.allowlist if args.allowlist.is_absolute() else args.root / args.allowlist
        cited = collect_urls(args.root)
        print(f"Checking {len(cited)} URLs, {args.workers} at a time...", flush=True)
        results = check_urls(cited, allowlist=read_allowlist(allowlist), workers=args.workers, timeout=args.timeout)
        print(format_link_report(results, cited))
        status = 1 if any(result.outcome == "failed" for result in results) else status
    return status


def _content_files(root: Path, lang: str, generated) -> dict[str, str | bytes]:
    """content/ as the MkDocs hook serves it: Markdown pages with their [@key] citations resolved.
    English is content/ without the other languages' folders; another language is content/LANG/
    and the shared content/assets/."""
    folder = root / CONTENT_DIR
    skipped = {lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE}
    sources = [(folder, skipped)] if lang == SOURCE_LANGUAGE else [(folder / lang, set()), (folder / "assets", set())]
    strings = Strings(generated.strings) if generated.strings else None
    files: dict[str, str | bytes] = {}
    for source, skip in sources:
        prefix = "assets/" if source.name == "assets" and lang != SOURCE_LANGUAGE else ""
        for path in sorted(source.rglob("*")) if source.is_dir() else []:
            relative = path.relative_to(source)
            if not path.is_file() or path.is_symlink() or relative.parts[0] in skip:
                continue
            name = prefix + relative.as_posix()
            if name in files:
                continue
            if path.suffix == ".md":
                files[name] = cite_content_page(path.read_text(encoding="utf-8"), generated.references,
                                                page_depth=name.count("/"), facts=generated.facts, strings=strings)
            else:
                files[name] = path.read_bytes()
    return files


def _report(args, dataset) -> int:
    answers, problems = read_answers(args.answers, dataset)
    if answers is None:
        print(format_report(problems), file=sys.stderr)
        return 1
    if args.lang != SOURCE_LANGUAGE:
        dataset = localise(dataset, args.lang)
    text = report_markdown(answers, dataset, site_url=read_settings(args.root).site_url, lang=args.lang)
    if args.format == "html":
        text = report_html(text, dataset, lang=args.lang)
    return _print_or_write(text, args.output)



def _landscape(args, dataset) -> int:
    started = time.perf_counter()
    try:
        if args.release:
            folder = landscape_report.release_edition(dataset, args.release, args.date)
            cited = landscape_report.update_citation(args.root, args.release, json.loads(
                (folder / landscape_report.EDITION_FILE).read_text(encoding="utf-8"))["released"])
            shown = folder.relative_to(args.root).as_posix() if folder.is_relative_to(args.root) else folder
            print(f"Released edition {args.release} in {shown}/" + (" and set it in CITATION.cff" if cited else "")
                  + "; commit them together.")
            return 0
        report = landscape_report.landscape_of(dataset, args.edition)
        site_url = read_settings(args.root).site_url
        if args.format == "pdf":
            pages = landscape_report.landscape_pdf(report, args.output, lang=args.lang, site_url=site_url)
            print(f"Wrote {args.output}: {pages} A4 pages in {time.perf_counter() - started:.1f} s.")
            return 0
        if args.format == "html":
            text = landscape_report.landscape_html(report, lang=args.lang, site_url=site_url)
        else:
            text = landscape_report.landscape_markdown(report, lang=args.lang, site_url=site_url)
    except landscape_report.EditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return _print_or_write(text, args.output, started)


def _print_or_write(text: str, output, started: float | None = None) -> int:
    """The text on standard output, or in the file (saying so, with the time taken since `started`)."""
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_file(output, text)
    except OSError as error:
        print(f"error: cannot write {output}: {error.strerror}", file=sys.stderr)
        return 1
    took = f" in {time.perf_counter() - started:.1f} s" if started is not None else ""
    print(f"Wrote {output}{took}.")
    return 0
