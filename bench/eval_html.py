"""Boilerplate removal on the shared HTML benchmark: quality and speed of ``document_from_html``
next to bare ``trafilatura.extract`` on the same pages, in the same run.

Data: ``<data>/pages.tar.gz`` (``html/<id>.html``) and ``<data>/ground-truth.json``
(``{id: {"url", "articleBody"}}``); see PROVENANCE.md beside them.

Scores per page, then averaged over pages (macro mean):
- token: bag-of-words overlap of lower-cased ``\\w+`` tokens (precision = shared tokens / tokens
  extracted, recall = shared tokens / tokens in the hand-checked body), as in trafilatura's
  evaluation;
- shingle4: the same on 4-token shingles, as in the benchmark's own evaluate.py (order-aware).
A page where nothing was extracted scores 0 on all three.

    python bench/eval_html.py [--data DIR] [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "html"
_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def shingles(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def prf(pred: Counter, gold: Counter) -> tuple[float, float, float]:
    shared = sum((pred & gold).values())
    if not pred or not gold or not shared:
        return 0.0, 0.0, 0.0
    p = shared / sum(pred.values())
    r = shared / sum(gold.values())
    return p, r, 2 * p * r / (p + r)


@dataclass
class Tally:
    name: str
    seconds: float = 0.0
    empty: int = 0
    scores: dict[str, list[tuple[float, float, float]]] = field(
        default_factory=lambda: {"token": [], "shingle4": []}
    )

    def add(self, text: str, gold: str, seconds: float) -> None:
        self.seconds += seconds
        if not text.strip():
            self.empty += 1
        pred_words, gold_words = tokens(text), tokens(gold)
        self.scores["token"].append(prf(Counter(pred_words), Counter(gold_words)))
        self.scores["shingle4"].append(prf(shingles(pred_words, 4), shingles(gold_words, 4)))

    def summary(self) -> dict[str, object]:
        pages = len(self.scores["token"])
        out: dict[str, object] = {
            "extractor": self.name,
            "pages": pages,
            "empty": self.empty,
            "seconds": round(self.seconds, 3),
            "pages_per_s": round(pages / self.seconds, 2) if self.seconds else None,
        }
        for metric, rows in self.scores.items():
            for i, label in enumerate(("precision", "recall", "f1")):
                out[f"{metric}_{label}"] = round(sum(r[i] for r in rows) / pages, 4) if pages else None
        return out


def load_pages(data: Path, limit: int | None) -> list[tuple[str, str, bytes, str]]:
    """(id, url, html bytes, hand-checked body), sorted by id."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    with tarfile.open(data / "pages.tar.gz") as archive:
        for member in archive:
            name = Path(member.name)
            if not member.isfile() or name.suffix != ".html" or name.stem not in truth:
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            entry = truth[name.stem]
            pages.append((name.stem, entry.get("url") or "", handle.read(), entry["articleBody"]))
    pages.sort()
    return pages[:limit] if limit else pages


def ours(html: bytes, url: str) -> str:
    from frontlines.errors import BadInput
    from frontlines.ingest import document_from_html

    try:
        return document_from_html(html, url=url or None).text
    except BadInput:
        return ""


def bare(html: bytes, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (by id)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    pages = load_pages(args.data, args.limit)
    extractors: list[tuple[str, Callable[[bytes, str], str]]] = [
        ("frontlines document_from_html", ours),
        ("trafilatura.extract", bare),
    ]
    ours(b"<html><body><p>warm up the imports</p></body></html>", "")
    bare(b"<html><body><p>warm up the imports</p></body></html>", "")
    tallies = [Tally(name) for name, _ in extractors]
    for _, url, html, gold in pages:
        for tally, (_, extract) in zip(tallies, extractors, strict=True):
            start = time.perf_counter()
            text = extract(html, url)
            tally.add(text, gold, time.perf_counter() - start)
    results = [t.summary() for t in tallies]
    if args.json:
        print(json.dumps({"data": str(args.data), "pages": len(pages), "results": results}, indent=2))
        return 0
    print(f"{len(pages)} pages from {args.data}")
    header = f"{'extractor':32} {'tok P':>6} {'tok R':>6} {'tok F1':>6} {'sh4 F1':>6} {'empty':>5} {'pages/s':>8}"
    print(header)
    for r in results:
        print(
            f"{r['extractor']:32} {r['token_precision']:6.3f} {r['token_recall']:6.3f} "
            f"{r['token_f1']:6.3f} {r['shingle4_f1']:6.3f} {r['empty']:5d} {r['pages_per_s']:8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
