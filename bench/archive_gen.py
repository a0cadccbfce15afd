"""A generated news archive of article-like text, as JSONL or Parquet records, of a requested size.

    .venv/bin/python -m bench.archive_gen OUT.jsonl --size-mb 200 [--format jsonl|parquet] [--seed 7]

Each record is a shipped article (data/articles, with its sidecar's date/title/source) perturbed so the
extractor sees varied input rather than the same five texts: every province name (full or short, simplified)
is swapped for another province consistently within the article, years are shifted by the same offset as
the article date (-4 … +2), and every other number is replaced by a random one with the same number of
digits. Records are ``id, date, title, source, url, text`` (the sources' default column names).
Deterministic for a given seed. MB = 10^6 bytes of the records' text as UTF-8.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "articles"
GAZETTEER = REPO / "extract" / "data" / "gazetteer.yaml"
_NUMBER = re.compile(r"\d+")


def _seeds() -> list[tuple[str, dict]]:
    out = []
    for p in sorted(SEEDS.glob("*.txt")):
        side = p.with_suffix(".yaml")
        meta = (yaml.safe_load(side.read_text(encoding="utf-8")) or {}) if side.exists() else {}
        out.append((p.read_text(encoding="utf-8"), meta))
    if not out:
        raise SystemExit(f"no seed articles in {SEEDS}")
    return out


def _provinces() -> list[tuple[str, str]]:
    gaz = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))
    return [(p["name"], p.get("short") or p["name"]) for p in gaz["provinces"]]


def perturb(text: str, date: str, rng: random.Random, provinces: list[tuple[str, str]]) -> tuple[str, str]:
    """(text, date) with provinces swapped, years shifted and other numbers randomised."""
    shift = rng.randint(-4, 2)
    targets = provinces[:]
    rng.shuffle(targets)
    mapping: dict[str, str] = {}
    for (full, short), (t_full, t_short) in zip(provinces, targets, strict=True):
        mapping[full] = t_full
        mapping[short] = t_short
    names = re.compile("|".join(sorted(map(re.escape, mapping), key=len, reverse=True)))
    text = names.sub(lambda m: mapping[m.group(0)], text)

    def number(m: re.Match) -> str:
        s = m.group(0)
        if len(s) == 4 and s[:2] in ("19", "20"):
            return str(int(s) + shift)
        if len(s) == 1:
            return str(rng.randint(1, 9))
        return str(rng.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))

    text = _NUMBER.sub(number, text)
    if date[:4].isdigit():
        date = str(int(date[:4]) + shift) + date[4:]
    return text, date


def records(size_bytes: int, seed: int = 7) -> Iterator[dict]:
    """Records until their texts add up to ``size_bytes`` (UTF-8)."""
    rng = random.Random(seed)
    seeds = _seeds()
    provinces = _provinces()
    total = n = 0
    while total < size_bytes:
        text, meta = seeds[n % len(seeds)]
        date = str(meta.get("date") or "")
        new_text, new_date = perturb(text, date, rng, provinces)
        yield {"id": f"a{n:08d}", "date": new_date or None, "title": str(meta.get("title") or ""),
               "source": str(meta.get("source") or ""), "url": f"https://example.org/archive/a{n:08d}",
               "text": new_text}
        total += len(new_text.encode("utf-8"))
        n += 1


def write_archive(out: Path, size_mb: float, fmt: str = "jsonl", seed: int = 7) -> tuple[int, int]:
    """Write the archive; returns (records, bytes of text)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = total = 0
    if fmt == "jsonl":
        with open(out, "w", encoding="utf-8") as fh:
            for rec in records(int(size_mb * 1e6), seed):
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                total += len(rec["text"].encode("utf-8"))
        return n, total
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.string()) for c in ("id", "date", "title", "source", "url", "text")])
    batch: list[dict] = []
    with pq.ParquetWriter(out, schema) as writer:
        for rec in records(int(size_mb * 1e6), seed):
            batch.append(rec)
            n += 1
            total += len(rec["text"].encode("utf-8"))
            if len(batch) == 500:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return n, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.archive_gen", description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--size-mb", type=float, default=100.0)
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    n, total = write_archive(args.out, args.size_mb, args.format, args.seed)
    print(f"{n} records, {total / 1e6:.1f} MB of text -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
