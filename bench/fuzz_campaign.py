"""A long fuzz campaign over the readers; prints how many inputs ran and every failure found.

Two engines:
- hypothesis: the properties of ``tests/test_fuzz.py`` under its ``long`` profile, each target run
  again and again (a fresh random seed per round) until its share of the time is spent;
- atheris (libFuzzer, coverage-guided; ``pip install atheris``): byte-level harnesses for the HTML
  reader and the JSON Lines readers, each in a child process with a per-input timeout (a hang) and a
  memory cap.

    python bench/fuzz_campaign.py --minutes 10            # both engines, time split between them
    python bench/fuzz_campaign.py --minutes 2 --engine hypothesis

Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HYPOTHESIS_TARGETS = ("html", "feed", "ingest_jsonl", "annotate", "geoparse", "warc")
ATHERIS_TARGETS = ("html", "jsonl")
# Share of the hypothesis time per target: the NLP targets are slow per example.
WEIGHTS = {"html": 3, "feed": 2, "ingest_jsonl": 1, "annotate": 2, "geoparse": 1, "warc": 1}


@dataclass
class Outcome:
    engine: str
    target: str
    executed: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


class _TmpFactory:
    """Stands in for pytest's tmp_path_factory when the tests run outside pytest."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.n = 0

    def mktemp(self, name: str) -> Path:
        self.n += 1
        path = self.root / f"{name}{self.n}"
        path.mkdir()
        return path


def _summary(exc: BaseException) -> str:
    notes = "\n".join(getattr(exc, "__notes__", []))
    tb = traceback.format_exception_only(type(exc), exc)
    return ("".join(tb).strip() + ("\n" + notes if notes else ""))[:3000]


def run_hypothesis(seconds: float) -> list[Outcome]:
    os.environ["HYPOTHESIS_PROFILE"] = "long"
    sys.path.insert(0, str(REPO / "tests"))
    import test_fuzz as tf

    tests = {
        "html": tf.test_html_reader_gives_a_document_or_bad_input,
        "feed": tf.test_feed_parser_gives_items_or_bad_input,
        "ingest_jsonl": tf.test_ingest_jsonl_gives_a_document_or_error_per_line,
        "annotate": tf.test_annotate_lines_contract,
        "geoparse": tf.test_geoparse_lines_contract,
        "warc": tf.test_warc_reader_gives_documents_or_errors,
    }
    if tf._warc_reader() is None:
        del tests["warc"]
    total_weight = sum(WEIGHTS[t] for t in tests)
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        factory = _TmpFactory(Path(tmp))
        for name, test in tests.items():
            budget = seconds * WEIGHTS[name] / total_weight
            out = Outcome("hypothesis", name)
            start = time.monotonic()
            rounds = 0
            while time.monotonic() - start < budget:
                rounds += 1
                try:
                    if name in ("ingest_jsonl", "warc"):
                        test(tmp_path_factory=factory)
                    else:
                        test()
                except Exception as exc:  # noqa: BLE001 - a failure is what we are looking for
                    text = _summary(exc)
                    if text not in out.failures:
                        out.failures.append(text)
            out.seconds = time.monotonic() - start
            out.executed = tf.EXECUTED[name]
            outcomes.append(out)
            print(f"  hypothesis {name}: {out.executed} examples in {rounds} rounds, {out.seconds:.0f} s, "
                  f"{len(out.failures)} failures", file=sys.stderr, flush=True)
    return outcomes


# ---------------------------------------------------------------- atheris


def atheris_worker(target: str, libfuzzer_args: list[str]) -> None:
    """Runs inside the child process: libFuzzer takes over and exits when done or on a crash."""
    import atheris

    with atheris.instrument_imports(include=["frontlines", "trafilatura", "htmldate", "justext", "courlan",
                                             "charset_normalizer"]):
        from frontlines.errors import BadInput
        from frontlines.extract import _parse_line
        from frontlines.ingest import document_from_html, document_from_jsonl_line

    def html(data: bytes) -> None:
        try:
            doc = document_from_html(data, item="fuzz")
        except BadInput:
            return
        doc.text.encode("utf-8")

    def jsonl(data: bytes) -> None:
        line = data.split(b"\n", 1)[0]
        try:
            doc = document_from_jsonl_line(line, "fuzz")
            doc.text.encode("utf-8")
        except BadInput:
            pass
        result = _parse_line(line.decode("utf-8", "replace"), 1)  # annotate's reading of the line
        if isinstance(result, dict):
            json.dumps(result, ensure_ascii=False).encode("utf-8")

    one = {"html": html, "jsonl": jsonl}[target]
    atheris.Setup([sys.argv[0], *libfuzzer_args], one)
    atheris.Fuzz()


def _seed_corpus(target: str, folder: Path) -> None:
    """A few well-formed inputs to start from (written here, in the project's own words)."""
    if target == "html":
        seeds = [
            (b"<html><head><title>Shelling hits town</title><meta charset='utf-8'></head><body><article>"
             b"<p>Artillery struck the eastern districts of the town on Monday, killing four people, "
             b"local officials said.</p></article></body></html>"),
            (b"<meta name='date' content='2025-01-15'><p>Rebels entered the city after a long siege, "
             b"residents said, and government troops withdrew to the north.</p>"),
        ]
    else:
        seeds = [
            b'{"id": "a", "text": "Rebels shelled the town.", "published": "2025-01-15", "outlet": "Wire"}',
            b'{"id": 7, "text": "Troops withdrew.", "url": "https://x.example/a", "title": "T"}',
        ]
    for n, seed in enumerate(seeds):
        (folder / f"seed{n}").write_bytes(seed)


def run_atheris(target: str, seconds: int) -> Outcome:
    out = Outcome("atheris", target)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        _seed_corpus(target, corpus)
        args = [f"-max_total_time={seconds}", "-timeout=30", "-rss_limit_mb=3072", "-max_len=20000",
                f"-artifact_prefix={tmp}/", "-print_final_stats=1", str(corpus)]
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, __file__, "--atheris-worker", target, "--", *args],
            check=False, capture_output=True, text=True, errors="replace", cwd=REPO,
            timeout=seconds + 300,
        )
        out.seconds = time.monotonic() - start
        log = proc.stderr + proc.stdout
        runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log) or re.findall(r"#(\d+)\s", log)
        out.executed = int(runs[-1]) if runs else 0
        if proc.returncode != 0:
            crash = [ln for ln in log.splitlines() if "Uncaught Python exception" in ln or "ERROR:" in ln
                     or "Error" in ln or "Exception" in ln]
            artifacts = [p.name for p in Path(tmp).iterdir() if p.name.startswith(("crash-", "timeout-", "oom-"))]
            for p in Path(tmp).iterdir():
                if p.name.startswith(("crash-", "timeout-", "oom-")):
                    keep = REPO / "bench" / "fuzz-findings"
                    keep.mkdir(exist_ok=True)
                    (keep / f"{target}-{p.name}").write_bytes(p.read_bytes())
            out.failures.append(f"exit {proc.returncode}: " + " | ".join(crash[:8]) + f" artifacts={artifacts}")
    print(f"  atheris {target}: {out.executed} inputs, {out.seconds:.0f} s, {len(out.failures)} failures",
          file=sys.stderr, flush=True)
    return out


def _atheris_available() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--atheris-worker"]:
        atheris_worker(argv[1], argv[3:] if argv[2:3] == ["--"] else argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="total wall time of the campaign")
    parser.add_argument("--engine", choices=["both", "hypothesis", "atheris"], default="both")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    seconds = args.minutes * 60
    use_atheris = args.engine in ("both", "atheris") and _atheris_available()
    if args.engine == "atheris" and not use_atheris:
        print("atheris is not installed (pip install atheris)", file=sys.stderr)
        return 2
    hyp_seconds = 0.0 if args.engine == "atheris" else (seconds * 0.6 if use_atheris else seconds)
    ath_seconds = seconds - hyp_seconds if use_atheris else 0.0

    started = time.monotonic()
    outcomes: list[Outcome] = []
    if hyp_seconds:
        outcomes += run_hypothesis(hyp_seconds)
    if ath_seconds:
        for target in ATHERIS_TARGETS:
            outcomes.append(run_atheris(target, int(ath_seconds / len(ATHERIS_TARGETS))))
    wall = time.monotonic() - started

    print(f"\nfuzz campaign: {wall / 60:.1f} min wall time")
    print(f"{'engine':<11} {'target':<13} {'inputs':>9} {'seconds':>8} {'failures':>8}")
    for o in outcomes:
        print(f"{o.engine:<11} {o.target:<13} {o.executed:>9} {o.seconds:>8.0f} {len(o.failures):>8}")
    print(f"{'total':<25} {sum(o.executed for o in outcomes):>9}")
    for o in outcomes:
        for failure in o.failures:
            print(f"\n--- {o.engine} {o.target} ---\n{failure}")
    if args.json:
        Path(args.json).write_text(json.dumps([o.__dict__ for o in outcomes], indent=2))
    return 1 if any(o.failures for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
