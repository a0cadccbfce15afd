"""Extraction time of one pasted article on the server, as the Add article page runs it (issue 13).

    python -m bench byo [--chars 10000] [--repeat 5]

Builds an article of ``--chars`` characters from the shipped articles (whole paragraphs, so it reads like
news and carries numbers), then times ``extract.pipeline.extract_article`` on it: the first call (cold: the
gazetteer, jieba and the patterns load) and the median of ``--repeat`` warm calls, which is what a session
waits for after pressing "Read and extract" on a running server. Also times ``dashboard.byo.segments`` (the
marks sent to the browser). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def article(chars: int) -> str:
    parts: list[str] = []
    total = 0
    for p in sorted((REPO / "data" / "articles").glob("*.txt")):
        for para in p.read_text(encoding="utf-8").splitlines():
            if para.strip():
                parts.append(para)
                total += len(para) + 1
                if total >= chars:
                    return "\n".join(parts)[:chars]
    return "\n".join(parts)[:chars]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench byo")
    ap.add_argument("--chars", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    from dashboard.byo import segments, stored_name
    from extract.pipeline import extract_article

    text = article(args.chars)
    doc = stored_name(text)
    t0 = time.perf_counter()
    rows = extract_article(text, doc)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        rows = extract_article(text, doc)
        warm.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    segs = segments(text, rows)
    seg_t = time.perf_counter() - t0
    print(f"article: {len(text):,} characters, {len(rows)} facts, {sum(1 for s in segs if s.get('id'))} marks")
    print(f"extract_article cold (first call in the process): {cold:.3f} s")
    print(f"extract_article warm: median {statistics.median(warm):.3f} s, max {max(warm):.3f} s over {len(warm)} runs")
    print(f"segments for the component: {seg_t * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
