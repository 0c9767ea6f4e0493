"""The build benchmark: synthesise N models, build the site, measure, check the targets.

    .venv/bin/python bench/run.py                      # N = 100, 1,000, 5,000 (make bench)
    .venv/bin/python bench/run.py --sizes 100 1000     # a quicker run
    .venv/bin/python bench/run.py --keep               # keep the datasets and sites, print where

For each N it makes a valid project in a temporary folder outside the repository
(bench/synth.py), then measures: load, validate and generate in one process without cache;
`mkdocs build --strict` from cold (no .cache) and again with nothing changed, with the
generator's own share as the MkDocs hook logs it; the Chinese edition (mkdocs.zh.yml, every
synthetic record translated as its original is) from cold, for the bilingual build's cost beside
the English one's; the site's size and the HTML bytes of a
record page and of the model matrix; the same pages built with Zensical (python -m generator zensical), English
cold and unchanged, and both editions cold; and whether `python -m generator build --out DIR` rewrites nothing when
nothing changed and only dependants after one record changes. At N = 1,000 it sorts and
filters the model matrix in headless Chromium. The table goes to standard output and to
bench/results/latest.md and latest.json, with the CPU count and the versions used.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth  # noqa: E402
from generator.site import zensical  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
BROWSER_N = 1000
LOAD_AT_START = os.getloadavg()
KINDS = ("models", "licences", "domains", "criteria")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600", "PYTHONDONTWRITEBYTECODE": "1"}
HOOK_LINE = re.compile(r"generator: (\d+) pages in ([0-9.]+) s, ([0-9.]+) s CPU \((from .cache|loaded)")

TARGETS = [
    ("generator share of the cold MkDocs build at N=1,000", "<= 15%"),
    ("generator share of the unchanged MkDocs build at N=1,000", "<= 5%"),
    ("MkDocs build at N=5,000 / N=1,000 (cold)", "<= 6x"),
    ("bilingual MkDocs build / English build at N=1,000 (cold)", "<= 2.2x"),
    ("largest record page, every N", "< 50 KB"),
    ("matrix sort at N=1,000 (slowest column, median)", "< 100 ms"),
    ("matrix filter at N=1,000 (slowest filter, median)", "< 100 ms"),
    ("build --out: nothing changed rewrites no file", "0 files"),
    ("build --out: one record changed rewrites only its dependants", "dependants only"),
]


# ---------------------------------------------------------------- measurements

def phases(project: Path) -> dict:
    """Load, validate and generate in a fresh process, without the cache."""
    code = ("import json, sys, time\nfrom pathlib import Path\n"
            "from generator.data.load import read_dataset\nfrom generator.data.validate import check_dataset\n"
            "from generator.site.pages import build_pages\n"
            "root = Path(sys.argv[1])\n"
            "t0 = time.perf_counter(); dataset, problems = read_dataset(root)\n"
            "t1 = time.perf_counter(); problems += check_dataset(dataset)\n"
            "t2 = time.perf_counter(); pages = build_pages(dataset)\n"
            "t3 = time.perf_counter()\n"
            "errors = [str(p) for p in problems if p.severity == 'error']\n"
            "print(json.dumps({'load': t1 - t0, 'validate': t2 - t1, 'generate': t3 - t2, 'pages': len(pages),"
            " 'errors': errors[:5]}))\n")
    result = _run([PYTHON, "-c", code, str(project)], cwd=ROOT)
    found = json.loads(result.stdout)
    if found["errors"]:
        raise SystemExit(f"the synthetic data is invalid: {found['errors']}")
    return found


def mkdocs_build(project: Path, site: Path, cold: bool, lang: str = "en") -> dict:
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    config = "mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml"
    started, cpu = time.perf_counter(), _children_cpu()
    result = _check(_run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)],
                         cwd=project), f"mkdocs build -f {config}")
    seconds, cpu = time.perf_counter() - started, _children_cpu() - cpu
    hook = HOOK_LINE.search(result.stdout + result.stderr)
    if not hook:
        raise SystemExit("the MkDocs hook did not log its time:\n" + (result.stdout + result.stderr)[-2000:])
    return {"seconds": seconds, "cpu_seconds": cpu, "generator_seconds": float(hook.group(2)),
            "generator_cpu_seconds": float(hook.group(3)), "cached": hook.group(4) != "loaded"}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def zensical_builds(project: Path, out: Path) -> dict:
    started = time.perf_counter()
    _check(zensical.prepare(project, out), "generator build --with-content")
    timings = {"prepare_seconds": time.perf_counter() - started, "note": ""}
    for name, clean in (("cold_seconds", True), ("unchanged_seconds", False)):
        if clean:
            shutil.rmtree(out / "site", ignore_errors=True)
        started = time.perf_counter()
        result = zensical.build(out, clean=clean)
        if result.returncode != 0:
            timings["note"] = "failed: " + (result.stderr.strip() or result.stdout.strip()).splitlines()[-1][:300]
            return timings
        timings[name] = time.perf_counter() - started
    timings.update({f"site_{k}": v for k, v in site_stats(out / "site", project).items()})
    started = time.perf_counter()
    _check(zensical.prepare(project, out, "zh"), "generator build --lang zh --with-content")
    shutil.rmtree(out / "site" / "zh", ignore_errors=True)
    result = zensical.build(out, "zh")
    if result.returncode != 0:
        timings["note"] = "Chinese edition failed: " + (result.stderr.strip() or result.stdout.strip()).splitlines()[-1][:300]
        return timings
    timings["zh_seconds"] = time.perf_counter() - started
    return timings


def site_stats(site: Path, project: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    largest = max(((p.stat().st_size, p.relative_to(site).as_posix())
                   for kind in KINDS for record in (project / "data" / kind).glob("*.yaml")
                   for p in [site / kind / record.stem / "index.html"] if p.is_file()), default=(0, ""))
    synthetic = synthetic_models(project)
    model_page = site / "models" / (synthetic[0].stem if synthetic else "llama-2") / "index.html"
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
            "model_page_bytes": model_page.stat().st_size if model_page.is_file() else None,
            "largest_record_page_bytes": largest[0], "largest_record_page": largest[1],
            "matrix_bytes": (site / "models" / "matrix" / "index.html").stat().st_size}


def synthetic_models(project: Path) -> list[Path]:
    """The first copies of the real models (a real id may end in -s1 too: intern-s1); the real
    models where N is below their number and nothing was copied."""
    models = sorted((project / "data" / "models").glob("*.yaml"))
    copies = [path for path in models if path.stem.endswith("-s1") and not (ROOT / "data" / "models" / path.name).is_file()]
    return copies or models


def incremental(project: Path, out: Path) -> dict:
    """Rebuild `out` (made by zensical.prepare) unchanged, then after one record changes."""
    before = _snapshot(out)
    result = _generator_build(project, out)
    unchanged = sorted(path for path, stamp in _snapshot(out).items() if before.get(path) != stamp)
    record = synthetic_models(project)[0]
    record_id, original = record.stem, record.read_text(encoding="utf-8")
    changed = synth._read(record)
    changed["summary"] = "Changed for the benchmark. " + changed["summary"]
    synth._dump(record.parent, "models", changed)
    try:
        before = _snapshot(out)
        _generator_build(project, out)
        after = _snapshot(out)
    finally:
        record.write_text(original, encoding="utf-8")
    rewritten = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    mention = re.compile(rf"(?<![a-z0-9-]){re.escape(record_id)}(?![a-z0-9])")
    unexpected = [path for path in rewritten
                  if not mention.search((out / "docs-en" / path).read_text(encoding="utf-8", errors="replace"))]
    return {"unchanged_rewritten": unchanged, "unchanged_message": result.stdout.strip(),
            "changed_record": f"data/models/{record_id}.yaml (summary)", "rewritten": rewritten,
            "not_dependants": unexpected,
            "record_page_rewritten": f"{record_id}.md" in {Path(p).name for p in rewritten}}


def _generator_build(project: Path, out: Path) -> subprocess.CompletedProcess:
    return _check(_run([PYTHON, "-m", "generator", "--root", str(project), "build", "--out", str(out / "docs-en"),
                        "--with-content"], cwd=ROOT), "generator build")


def _snapshot(out: Path) -> dict[str, tuple]:
    docs = out / "docs-en"
    return {p.relative_to(docs).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in docs.rglob("*") if p.is_file()}


def browser_timings(site: Path, rounds: int = 5) -> dict:
    from playwright.sync_api import sync_playwright
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            version = browser.version
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/models/matrix/", wait_until="load")
            page.wait_for_selector("table[data-matrix][data-ready] th button.sort-button", state="attached")
            rows = page.evaluate("document.querySelector('table[data-matrix]').allRows.length")
            shown = page.evaluate("document.querySelector('table[data-matrix]').tBodies[0].rows.length")
            columns = page.evaluate("""() => Array.from(document.querySelectorAll('table[data-matrix] thead th'))
                .map((th, i) => [i, th.textContent.trim(), th.getAttribute('data-type')])""")
            chosen = [c for c in columns if c[1] in ("Model", "Developer", "Openness score", "Weights")]
            sort = {}
            for index, name, _ in chosen:
                samples = [page.evaluate("""(i) => {
                    const button = document.querySelectorAll('table[data-matrix] thead th')[i].querySelector('button');
                    const t0 = performance.now(); button.click(); document.body.offsetHeight;
                    return performance.now() - t0; }""", index) for _ in range(rounds * 2)]
                sort[name] = statistics.median(samples)
            filters = {}
            for field in ("access", "licence-kind", "developer", "modality", "year", "commercial-use"):
                values = page.evaluate(f"""Array.from(document.querySelectorAll('select[data-filter="{field}"] option'))
                    .map(o => o.value).filter(v => v)""")
                samples = []
                for value in (values[:1] + [""]) * rounds:
                    samples.append(page.evaluate("""([field, value]) => {
                        const select = document.querySelector(`select[data-filter="${field}"]`);
                        select.value = value;
                        const t0 = performance.now();
                        select.dispatchEvent(new Event('input', {bubbles: true}));
                        select.dispatchEvent(new Event('change', {bubbles: true}));
                        document.body.offsetHeight;
                        return performance.now() - t0; }""", [field, value]))
                filters[field] = statistics.median(samples)
            browser.close()
    finally:
        server.shutdown()
    return {"rows": rows, "shown_rows": shown, "chromium": version, "sort_ms": sort, "filter_ms": filters,
            "sort_worst_ms": max(sort.values()), "filter_worst_ms": max(filters.values())}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _run(args, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)


def _check(result: subprocess.CompletedProcess, what: str) -> subprocess.CompletedProcess:
    if result.returncode != 0:
        raise SystemExit(f"{what} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return result


# ---------------------------------------------------------------- the run

def measure(n: int, work: Path, browser: bool, unchanged: bool) -> dict:
    project = work / f"n{n}"
    print(f"N={n}: synthesising", flush=True)
    counts = synth.synthesise(project, n)
    row = {"n": n, "counts": counts}
    print(f"N={n}: load, validate, generate", flush=True)
    row["phases"] = phases(project)
    site = work / f"site-{n}"
    print(f"N={n}: mkdocs build (cold)", flush=True)
    row["mkdocs_cold"] = mkdocs_build(project, site, cold=True)
    if unchanged:
        print(f"N={n}: mkdocs build (nothing changed)", flush=True)
        row["mkdocs_unchanged"] = mkdocs_build(project, site, cold=False)
    row["site"] = site_stats(site, project)
    print(f"N={n}: mkdocs build -f mkdocs.zh.yml (cold)", flush=True)
    row["mkdocs_zh_cold"] = mkdocs_build(project, site / "zh", cold=True, lang="zh")
    if browser:
        print(f"N={n}: matrix in Chromium", flush=True)
        row["browser"] = browser_timings(site)
    print(f"N={n}: zensical", flush=True)
    row["zensical"] = zensical_builds(project, work / f"zensical-{n}")
    print(f"N={n}: build --out, unchanged and one record changed", flush=True)
    row["incremental"] = incremental(project, work / f"zensical-{n}")
    return row


def versions() -> dict:
    found = {"python": platform.python_version()}
    for name in ("mkdocs", "mkdocs-material", "zensical", "pymdown-extensions", "markdown", "pyyaml", "jinja2",
                 "jsonschema", "bibtexparser", "playwright"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    found["libyaml (C loader)"] = yaml.__with_libyaml__
    return found


def evaluate(rows: list[dict]) -> list[dict]:
    by_n = {row["n"]: row for row in rows}
    results = []

    def add(index, value, passed):
        name, target = TARGETS[index]
        results.append({"target": name, "limit": target, "measured": value,
                        "result": "n/a" if passed is None else "PASS" if passed else "FAIL"})

    if 1000 in by_n:
        cold, warm = by_n[1000]["mkdocs_cold"], by_n[1000]["mkdocs_unchanged"]
        share_cold = cold["generator_cpu_seconds"] / cold["cpu_seconds"]
        share_warm = warm["generator_cpu_seconds"] / warm["cpu_seconds"]
        add(0, f"{share_cold:.1%} ({cold['generator_cpu_seconds']:.1f} of {cold['cpu_seconds']:.1f} s CPU)",
            share_cold <= 0.15)
        add(1, f"{share_warm:.1%} ({warm['generator_cpu_seconds']:.2f} of {warm['cpu_seconds']:.1f} s CPU)",
            share_warm <= 0.05)
    else:
        add(0, "not measured", None)
        add(1, "not measured", None)
    if 1000 in by_n and 5000 in by_n:
        small, large = by_n[1000]["mkdocs_cold"], by_n[5000]["mkdocs_cold"]
        ratio = large["cpu_seconds"] / small["cpu_seconds"]
        add(2, f"{ratio:.2f}x CPU ({large['seconds'] / small['seconds']:.2f}x wall-clock)", ratio <= 6)
    else:
        add(2, "not measured", None)
    if 1000 in by_n:
        english, chinese = by_n[1000]["mkdocs_cold"], by_n[1000]["mkdocs_zh_cold"]
        ratio = (english["cpu_seconds"] + chinese["cpu_seconds"]) / english["cpu_seconds"]
        add(3, f"{ratio:.2f}x CPU ({english['cpu_seconds']:.1f} s + {chinese['cpu_seconds']:.1f} s for the Chinese edition)",
            ratio <= 2.2)
    else:
        add(3, "not measured", None)
    largest = max(rows, key=lambda r: r["site"]["largest_record_page_bytes"])["site"]
    add(4, f"{largest['largest_record_page_bytes'] / 1000:.1f} KB ({largest['largest_record_page']})",
        all(r["site"]["largest_record_page_bytes"] < 50_000 for r in rows))
    browser = by_n.get(BROWSER_N, {}).get("browser")   # at another N it is shown, not judged
    if browser:
        add(5, f"{browser['sort_worst_ms']:.1f} ms ({browser.get('shown_rows', '?')} of {browser['rows']} rows shown)", browser["sort_worst_ms"] < 100)
        add(6, f"{browser['filter_worst_ms']:.1f} ms", browser["filter_worst_ms"] < 100)
    else:
        add(5, "not measured", None)
        add(6, "not measured", None)
    unchanged = sum(len(r["incremental"]["unchanged_rewritten"]) for r in rows)
    add(7, f"{unchanged} files", unchanged == 0)
    bad = [p for r in rows for p in r["incremental"]["not_dependants"]]
    counts = ", ".join(f"N={r['n']}: {len(r['incremental']['rewritten'])}" for r in rows)
    add(8, f"rewritten {counts}; not dependants: {len(bad)}",
        not bad and all(r["incremental"]["record_page_rewritten"] for r in rows))
    return results


def table(rows: list[dict]) -> str:
    def kb(value):
        return "–" if value is None else f"{value / 1000:,.1f} KB"

    def mb(value):
        return f"{value / 1_000_000:,.1f} MB"

    lines = ["| | " + " | ".join(f"N = {r['n']:,}" for r in rows) + " |", "| --- |" + " ---: |" * len(rows)]
    measures = [
        ("records (models / licences / domains / criteria / references)",
         lambda r: " / ".join(f"{r['counts'][k]:,}" for k in ("models", "licences", "domains", "criteria", "references"))),
        ("load (read YAML and BibTeX)", lambda r: f"{r['phases']['load']:.2f} s"),
        ("validate", lambda r: f"{r['phases']['validate']:.2f} s"),
        ("generate pages", lambda r: f"{r['phases']['generate']:.2f} s ({r['phases']['pages']:,} files)"),
        ("MkDocs build, cold: wall-clock (CPU)",
         lambda r: f"{r['mkdocs_cold']['seconds']:.1f} s ({r['mkdocs_cold']['cpu_seconds']:.1f} s)"),
        ("of which the generator in the hook: CPU (share); wall-clock (share)",
         lambda r: f"{r['mkdocs_cold']['generator_cpu_seconds']:.2f} s"
                   f" ({r['mkdocs_cold']['generator_cpu_seconds'] / r['mkdocs_cold']['cpu_seconds']:.1%});"
                   f" {r['mkdocs_cold']['generator_seconds']:.2f} s"
                   f" ({r['mkdocs_cold']['generator_seconds'] / r['mkdocs_cold']['seconds']:.1%})"),
        ("MkDocs build of the Chinese edition, cold: wall-clock (CPU)",
         lambda r: f"{r['mkdocs_zh_cold']['seconds']:.1f} s ({r['mkdocs_zh_cold']['cpu_seconds']:.1f} s)"),
        ("bilingual MkDocs build, cold: CPU, and its ratio to the English build",
         lambda r: f"{r['mkdocs_cold']['cpu_seconds'] + r['mkdocs_zh_cold']['cpu_seconds']:.1f} s"
                   f" ({(r['mkdocs_cold']['cpu_seconds'] + r['mkdocs_zh_cold']['cpu_seconds']) / r['mkdocs_cold']['cpu_seconds']:.2f}x)"),
        ("MkDocs build, nothing changed: wall-clock (CPU)",
         lambda r: f"{r['mkdocs_unchanged']['seconds']:.1f} s ({r['mkdocs_unchanged']['cpu_seconds']:.1f} s)"
         if "mkdocs_unchanged" in r else "not run"),
        ("of which the generator in the hook, from .cache: CPU (share)",
         lambda r: f"{r['mkdocs_unchanged']['generator_cpu_seconds']:.2f} s"
                   f" ({r['mkdocs_unchanged']['generator_cpu_seconds'] / r['mkdocs_unchanged']['cpu_seconds']:.1%})"
         if "mkdocs_unchanged" in r else "–"),
        ("Zensical: generator build --out --with-content", lambda r: f"{r['zensical']['prepare_seconds']:.1f} s"),
        ("Zensical build, cold", lambda r: f"{r['zensical']['cold_seconds']:.1f} s" if not r["zensical"]["note"]
         else "failed (search index limit, see below)"),
        ("Zensical build, nothing changed",
         lambda r: f"{r['zensical']['unchanged_seconds']:.1f} s" if not r["zensical"]["note"] else "–"),
        ("Zensical, the Chinese edition: build --lang zh and build, cold",
         lambda r: f"{r['zensical']['zh_seconds']:.1f} s" if "zh_seconds" in r["zensical"] else "–"),
        ("site size, MkDocs", lambda r: f"{mb(r['site']['bytes'])} ({r['site']['files']:,} files)"),
        ("site size, Zensical", lambda r: f"{mb(r['zensical']['site_bytes'])} ({r['zensical']['site_files']:,} files)"
         if "site_bytes" in r["zensical"] else "–"),
        ("model record page (HTML), MkDocs / Zensical",
         lambda r: f"{kb(r['site']['model_page_bytes'])} / {kb(r['zensical'].get('site_model_page_bytes'))}"),
        ("largest record page (HTML), MkDocs",
         lambda r: f"{kb(r['site']['largest_record_page_bytes'])} ({r['site']['largest_record_page']})"),
        ("model matrix page (HTML), MkDocs / Zensical",
         lambda r: f"{kb(r['site']['matrix_bytes'])} / {kb(r['zensical'].get('site_matrix_bytes'))}"),
        ("matrix sort / filter in Chromium (worst median)",
         lambda r: f"{r['browser']['sort_worst_ms']:.1f} / {r['browser']['filter_worst_ms']:.1f} ms" if "browser" in r else "–"),
        ("build --out rewrites: nothing changed / one record changed",
         lambda r: f"{len(r['incremental']['unchanged_rewritten'])} / {len(r['incremental']['rewritten'])}"),
    ]
    for name, cell in measures:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in rows) + " |")
    return "\n".join(lines)


def report(rows: list[dict], results: list[dict], started: float) -> str:
    info = versions()
    lines = ["# Benchmark results", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} in {time.time() - started:.0f} s on "
             f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}); load average "
             f"{LOAD_AT_START[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end (other work on the machine"
             " slows the wall-clock times; the targets use CPU time, which it disturbs less).", "",
             "Versions: " + ", ".join(f"{k} {v}" for k, v in info.items())
             + (f", Chromium {rows_browser}" if (rows_browser := next((r['browser']['chromium'] for r in rows if 'browser' in r), None)) else "")
             + ".", "", table(rows), "", "| Target | Limit | Measured | Result |", "| --- | --- | --- | --- |"]
    lines += [f"| {r['target']} | {r['limit']} | {r['measured']} | {r['result']} |" for r in results]
    lines += ["", *[f"Zensical at N = {r['n']:,}: {r['zensical']['note']}" for r in rows if r["zensical"]["note"]]]
    changed = [r for r in rows if r["incremental"]["rewritten"]]
    if changed:
        last = changed[-1]
        lines += ["", f"At N = {last['n']:,}, changing {last['incremental']['changed_record']} rewrote: "
                  + ", ".join(f"`{p}`" for p in last["incremental"]["rewritten"]) + "."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000], help="values of N")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--browser-at", type=int, default=BROWSER_N, help="N at which to time the matrix in Chromium")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    parser.add_argument("--unchanged-up-to", type=int, default=1000,
                        help="rebuild with MkDocs with nothing changed only up to this N (default 1000, to save time)")
    args = parser.parse_args(argv)
    started = time.time()
    work = Path(tempfile.mkdtemp(prefix="open-or-closed-bench-"))
    if ROOT in work.parents:
        raise SystemExit(f"the temporary folder {work} lies inside the repository")
    rows = []
    try:
        for n in sorted(args.sizes):
            rows.append(measure(n, work, unchanged=n <= args.unchanged_up_to,
                                browser=n == args.browser_at and not args.no_browser and Path(CHROMIUM).exists()))
    except SystemExit as error:
        print(f"stopped: {error}", file=sys.stderr)
        if not rows:
            raise
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    results = evaluate(rows)
    text = report(rows, results, started)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps({"cpus": os.cpu_count(), "versions": versions(), "rows": rows,
                                                     "targets": results}, indent=1) + "\n", encoding="utf-8")
    print("\n" + text)
    for result in results:
        print(f"{result['result']}: {result['target']} ({result['limit']}): {result['measured']}")
    print(f"Written to {RESULTS.relative_to(ROOT)}/latest.md and latest.json")
    return 0 if all(r["result"] != "FAIL" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
