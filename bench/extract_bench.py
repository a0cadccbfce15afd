"""Extraction throughput and peak memory (issue 3: "Speed and memory").

    python -m bench extract [--mb 10] [--workers N] [--big-mb 50] [--no-memory]

1. Builds a corpus of at least ``--mb`` MB in a temp dir by repeating the seed articles (data/articles,
   with their sidecars) under distinct file names.
2. Times whole-corpus extraction through the library (``extract.pipeline.extract_article``, one article
   at a time) and ``jieba.lcut`` over the same texts, in the same run, after warming both; the corpus is
   read into memory first so both timings are compute only. Prints MB/s, chars/s and extract/jieba.
3. ``--workers N``: also times the CLI (``python -m extract DIR -o OUT --workers N``) on that corpus.
4. Peak memory: runs the CLI (one worker) in a subprocess on the ``--mb`` corpus and on a ``--big-mb``
   corpus and prints each child's peak RSS (``os.wait4`` rusage ``ru_maxrss``). Flat = articles are
   processed one at a time, not all held at once.

MB = 10^6 bytes of article files on disk. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "articles"


def build_corpus(out_dir: Path, target_bytes: int, seeds_dir: Path = SEEDS) -> tuple[int, int]:
    """Copies of the seed articles (and sidecars) named ``c00000_<stem>.txt`` … until ``target_bytes``.

    Returns (number of articles, total bytes)."""
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seed articles in {seeds_dir}")
    out_dir.mkdir(parents=True, exist_ok=True)
    total = n = 0
    while total < target_bytes:
        for p in seeds:
            name = f"c{n:05d}_{p.stem}"
            shutil.copyfile(p, out_dir / f"{name}.txt")
            side = p.with_suffix(".yaml")
            if side.exists():
                shutil.copyfile(side, out_dir / f"{name}.yaml")
            total += p.stat().st_size
            n += 1
            if total >= target_bytes:
                break
    return n, total


def load_corpus(corpus: Path) -> list[tuple[str, str, object, int]]:
    from extract.textio import ArticleMeta, read_article_text, read_sidecar

    items = []
    for p in sorted(corpus.glob("*.txt")):
        side = p.with_suffix(".yaml")
        meta = read_sidecar(side) if side.exists() else ArticleMeta()
        items.append((p.name, read_article_text(p), meta, p.stat().st_size))
    return items


def time_library(items, rounds: int) -> dict:
    import jieba

    from extract.pipeline import extract_article

    jieba.setLogLevel(60)
    jieba.initialize()
    for doc, text, meta, _ in items[:10]:  # warm both: imports, regex compilation, jieba's dictionary
        extract_article(text, doc, meta)
        jieba.lcut(text)
    ext_times, jie_times, ext_cpu, jie_cpu, n_facts = [], [], [], [], 0
    for _ in range(rounds):  # alternate, keep the best of each: less noise from the other engineers' jobs
        t0, c0 = time.perf_counter(), time.process_time()
        n_facts = 0
        for doc, text, meta, _ in items:
            n_facts += len(extract_article(text, doc, meta))
        ext_times.append(time.perf_counter() - t0)
        ext_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        for _, text, _, _ in items:
            jieba.lcut(text)
        jie_times.append(time.perf_counter() - t0)
        jie_cpu.append(time.process_time() - c0)
    # CPU seconds of this process as well as wall time: on a shared machine the wall clock also counts the
    # time other jobs held the CPU, and it does not fall on both sides alike.
    return {"extract_s": min(ext_times), "jieba_s": min(jie_times), "facts": n_facts,
            "extract_all": ext_times, "jieba_all": jie_times,
            "extract_cpu": min(ext_cpu), "jieba_cpu": min(jie_cpu)}


def run_cli(corpus: Path, out: Path, workers: int = 1) -> tuple[float, int, int]:
    """(wall seconds, peak RSS in kB of that child, exit code) of ``python -m extract``."""
    cmd = [sys.executable, "-m", "extract", str(corpus), "-o", str(out), "--workers", str(workers)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage (not every child's so far)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, int(usage.ru_maxrss), proc.returncode


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench extract", description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0, help="corpus size for the timing (default 10)")
    ap.add_argument("--big-mb", type=float, default=50.0, help="larger corpus for the memory check (default 50)")
    ap.add_argument("--workers", type=int, default=0, help="also time the CLI with N workers")
    ap.add_argument("--rounds", type=int, default=2, help="timing rounds, best kept (default 2)")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    args = ap.parse_args(argv)

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    print("== extraction throughput (library, one article at a time) vs jieba.lcut, same texts, same run ==")
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        corpus = Path(tmp) / "corpus"
        n, size = build_corpus(corpus, int(args.mb * 1e6))
        items = load_corpus(corpus)
        chars = sum(len(t) for _, t, _, _ in items)
        print(f"corpus: {n} articles (copies of {len(list(SEEDS.glob('*.txt')))} seeds), "
              f"{size / 1e6:.2f} MB on disk, {chars:,} chars")
        r = time_library(items, args.rounds)
        mb = size / 1e6
        print(f"extract_article: {r['extract_s']:7.2f} s  {mb / r['extract_s']:6.2f} MB/s  "
              f"{chars / r['extract_s']:>10,.0f} chars/s  ({r['facts']:,} facts)")
        print(f"jieba.lcut:      {r['jieba_s']:7.2f} s  {mb / r['jieba_s']:6.2f} MB/s  "
              f"{chars / r['jieba_s']:>10,.0f} chars/s")
        print(f"ratio extract/jieba (time): {r['extract_s'] / r['jieba_s']:.2f}x   "
              f"(goal <= 0.5x, done <= 1.0x; rounds: extract "
              f"{', '.join(f'{x:.2f}' for x in r['extract_all'])} s, jieba "
              f"{', '.join(f'{x:.2f}' for x in r['jieba_all'])} s)")
        print(f"ratio extract/jieba (CPU time of the process): {r['extract_cpu'] / r['jieba_cpu']:.2f}x   "
              f"(extract {r['extract_cpu']:.2f} s, jieba {r['jieba_cpu']:.2f} s)")
        del items

        cli = {}
        if args.workers or not args.no_memory:
            wall, rss, rc = run_cli(corpus, Path(tmp) / "out1", 1)
            cli[1] = wall
            print(f"CLI --workers 1: {wall:7.2f} s  {mb / wall:6.2f} MB/s  peak RSS {rss / 1024:7.1f} MB  (exit {rc})")
            mem_small = rss
        if args.workers and args.workers > 1:
            wall, rss, rc = run_cli(corpus, Path(tmp) / f"out{args.workers}", args.workers)
            print(f"CLI --workers {args.workers}: {wall:7.2f} s  {mb / wall:6.2f} MB/s  "
                  f"speed-up {cli[1] / wall:.2f}x over 1 worker  (exit {rc})")

        if not args.no_memory:
            print("== peak memory of the CLI (one worker) as the corpus grows ==")
            big = Path(tmp) / "corpus_big"
            n_big, size_big = build_corpus(big, int(args.big_mb * 1e6))
            wall, rss_big, rc = run_cli(big, Path(tmp) / "out_big", 1)
            print(f"{mb:5.1f} MB corpus ({n} articles):     peak RSS {mem_small / 1024:7.1f} MB")
            print(f"{size_big / 1e6:5.1f} MB corpus ({n_big} articles):    peak RSS {rss_big / 1024:7.1f} MB  "
                  f"({wall:.1f} s, {size_big / 1e6 / wall:.2f} MB/s, exit {rc})")
            print(f"growth: {rss_big / mem_small:.2f}x memory for {size_big / size:.1f}x input")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
