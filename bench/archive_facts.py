"""A generated extracted archive of any size: facts in the layout ``python -m extract … --engine spark`` writes.

    .venv/bin/python -m bench.archive_facts 1000000 /tmp/arch1m [--seed 7] [--reviewed 0]

Writes ``OUT/facts/year=YYYY/region_code=NNNNNN/part-0.parquet`` (the columns of
``extract.columns.FACT_COLUMNS``, ``start``/``end`` int64, ``confidence`` double, everything else string, as
the Spark engine writes them; partition keys in the folder names only), ``OUT/docs/docs.parquet`` (one row per
article: doc, title, date, source, url — the optional article table the app reads when present) and
``OUT/run_report.json``.

The distribution is meant to look like a news archive, not uniform noise:
- regions: provinces weighted by how much they are written about (the large coastal economies most), 全国
  often, a handful of cities and multi-province areas rarely;
- indicators: a long tail (a few indicators carry most facts, ``other`` a share of its own);
- periods: 2013–2025, recent years far more often, mostly whole years, some half-years, quarters, months;
  targets one to five years ahead of the article;
- articles: about 20 facts each (1,000,000 facts → ~50,000 articles), dated after the period they report;
- the same figure is reported again by later articles (about a third of the facts repeat an earlier one
  with the same region/indicator/kind/period/value), so the "best fact" rule has work to do;
- confidence: 0.3–0.99, skewed high, as the extractor's scores are.

``--reviewed F`` adds a ``status`` column with a share F of facts reviewed (``accepted``): an archive that has
been through a review pass. Without it (the default) there is no ``status`` column: nothing is reviewed,
as the extractor writes it. Deterministic for a given seed. Figures are random, not statistics.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.synth import AREAS, CITIES, INDICATORS, SOURCES  # noqa: E402

# provinces most written about first (weight ~ how often the press reports their figures)
PROVINCE_WEIGHT = {"广东省": 10, "江苏省": 9, "浙江省": 9, "山东省": 7, "北京市": 7, "上海市": 7, "湖北省": 6,
                   "四川省": 6, "河南省": 5, "福建省": 5, "湖南省": 5, "安徽省": 5, "河北省": 4, "重庆市": 4,
                   "陕西省": 4, "天津市": 3, "贵州省": 3, "江西省": 3, "辽宁省": 3, "云南省": 3, "广西壮族自治区": 2}
YEARS = np.arange(2013, 2026)


def _regions():
    from extract.engines.common import region_code
    from extract.refdata import load_regions

    provinces = [r for r in load_regions().values() if r.level == "province"]
    out = [("全国", "nation", 12.0)]
    out += [(p.name, "province", float(PROVINCE_WEIGHT.get(p.name, 1.5))) for p in provinces]
    out += [(c, "city", 0.6) for c, *_ in CITIES]
    out += [(a, "area", 0.5) for a in AREAS]
    names = [r[0] for r in out]
    codes = [region_code(n) for n in names]
    w = np.array([r[2] for r in out])
    return names, [r[1] for r in out], codes, w / w.sum()


def make_archive_facts(n_facts: int, out_dir, *, seed: int = 7, reviewed: float = 0.0,
                       facts_per_article: int = 20) -> Path:
    """Write ``n_facts`` facts (and the article table) to ``out_dir`` in the archive layout; returns the folder."""
    rng = np.random.default_rng(seed)
    out = Path(out_dir)
    if (out / "facts").exists():
        shutil.rmtree(out / "facts")
    (out / "docs").mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    names, levels, codes, rw = _regions()
    n = int(n_facts)

    # indicators: a long tail, plus uncatalogued `other` facts
    inds = [i[0] for i in INDICATORS] + ["other"]
    iw = 1.0 / np.arange(1, len(INDICATORS) + 1) ** 0.8
    iw = np.append(iw, iw.sum() * 0.08)
    iw = iw / iw.sum()
    ind_i = rng.choice(len(inds), size=n, p=iw)
    reg_i = rng.choice(len(names), size=n, p=rw)
    kind_names = np.array(["actual", "change", "target", "rank"])
    kind_i = rng.choice(4, size=n, p=[0.6, 0.22, 0.12, 0.06])
    yw = np.exp((YEARS - YEARS[0]) / 3.5)
    year = rng.choice(YEARS, size=n, p=yw / yw.sum())
    gran = rng.choice(4, size=n, p=[0.72, 0.1, 0.08, 0.1])  # year, H1, Q3, month
    month = rng.integers(1, 13, size=n)
    ahead = rng.integers(1, 6, size=n)

    # values: within each indicator's typical range; change in %, rank 1..31
    lo = np.array([i[7][0] for i in INDICATORS] + [1.0])
    hi = np.array([i[7][1] for i in INDICATORS] + [500.0])
    scale = np.array([i[6] for i in INDICATORS] + [1])
    raw = lo[ind_i] + rng.random(n) * (hi[ind_i] - lo[ind_i])
    raw = np.round(raw, 2)
    value = np.round(raw * scale[ind_i], 4)
    is_change, is_rank, is_target = kind_i == 1, kind_i == 3, kind_i == 2
    chg = np.round(rng.uniform(-5, 30, size=n), 1)
    raw = np.where(is_change, np.abs(chg), raw)
    value = np.where(is_change, chg, value)
    rnk = rng.integers(1, 32, size=n).astype(float)
    raw = np.where(is_rank, rnk, raw)
    value = np.where(is_rank, rnk, value)

    # re-reports: a third of the facts copy an earlier fact's key and value (a later article quoting it)
    rep = rng.random(n) < 0.33
    rep[:1000] = False
    src = (rng.random(n) * np.arange(n)).astype(np.int64)
    for arr in (ind_i, reg_i, kind_i, year, gran, month, raw, value, ahead):
        arr[rep] = arr[src[rep]]
    is_change, is_rank, is_target = kind_i == 1, kind_i == 3, kind_i == 2

    # articles: consecutive blocks of ~facts_per_article facts; an article is dated after what it reports
    n_docs = max(1, -(-n // facts_per_article))
    doc_i = np.minimum(np.arange(n) // facts_per_article, n_docs - 1)
    rng.shuffle(doc_i)
    # an article appears after the newest period it reports (a whole year: usually in the next year)
    doc_max = np.zeros(n_docs, dtype=np.int64)
    np.maximum.at(doc_max, doc_i, np.where(is_target, 0, year))
    doc_year = np.where(doc_max == 0, rng.choice(YEARS, size=n_docs), doc_max + (rng.random(n_docs) < 0.6))
    doc_year = np.minimum(doc_year, 2026)
    doc_month = rng.integers(1, 13, size=n_docs)

    # periods as written by the extractor
    py = np.where(is_target, doc_year[doc_i] + ahead, year)
    periods = np.empty(n, dtype=object)
    suffix = np.array(["", "-H1", "-Q3", ""], dtype=object)
    ystr = py.astype(str).astype(object)
    periods[:] = ystr + suffix[gran]
    is_month = (gran == 3) & ~is_target
    periods[is_month] = ystr[is_month] + "-" + np.char.zfill(month[is_month].astype(str), 2).astype(object)
    periods[is_target] = ystr[is_target]

    zh = np.array([i[1] for i in INDICATORS] + ["数据要素市场交易额"], dtype=object)
    unit = np.array([i[3] for i in INDICATORS] + ["亿元"], dtype=object)
    unit_raw = np.array([i[5] for i in INDICATORS] + ["亿元"], dtype=object)
    units = np.where(is_change, "%", np.where(is_rank, "位", unit[ind_i])).astype(object)
    uraw = np.where(is_change, "%", np.where(is_rank, "位", unit_raw[ind_i])).astype(object)
    raw_s = np.char.rstrip(np.char.rstrip(np.char.mod("%.2f", raw), "0"), ".").astype(object)
    verb = np.where(is_change, np.where(value < 0, "同比下降", "同比增长"),
                    np.where(is_rank, "居全国第", np.where(is_target, "力争达到", "达到"))).astype(object)
    names_a = np.array(names, dtype=object)
    when = np.where(is_target, "到" + ystr + "年", ystr + "年").astype(object)
    before = when + "，" + names_a[reg_i] + zh[ind_i] + verb
    quote = before + raw_s + uraw
    start = np.array([len(b) for b in before], dtype=np.int64) + 30
    end = start + np.array([len(r) for r in raw_s], dtype=np.int64)
    qualifier = np.where((rng.random(n) < 0.12) & ~is_change & ~is_rank, ">=", "").astype(object)
    conf = np.round(np.clip(1 - rng.beta(1.6, 5.0, size=n), 0.3, 0.99), 2)
    docs = np.char.add("a", np.char.zfill(doc_i.astype(str), 7)).astype(object)
    ids = [hashlib.sha1(f"{d}:{s}:{i}".encode()).hexdigest()[:12] for i, (d, s) in enumerate(zip(docs, start, strict=True))]
    levels_a = np.array(levels, dtype=object)
    codes_a = np.array(codes, dtype=object)
    subject = zh[ind_i]

    cols = {
        "fact_id": ids, "doc": docs, "region": names_a[reg_i], "region_level": levels_a[reg_i],
        "indicator": np.array(inds, dtype=object)[ind_i], "subject": subject,
        "kind": kind_names[kind_i].astype(object), "value_raw": raw_s, "unit_raw": uraw,
        "value": np.array([repr(float(x)) for x in value], dtype=object), "unit": units, "qualifier": qualifier,
        "period": periods, "period_basis": np.where(rng.random(n) < 0.9, "explicit", "article").astype(object),
        "quote": quote, "start": start, "end": end, "confidence": conf,
        "rank_of": np.where(is_rank, "全国", "").astype(object), "why": np.full(n, "", dtype=object),
    }
    if reviewed > 0:
        cols["status"] = np.where(rng.random(n) < reviewed, "accepted", "unreviewed").astype(object)
    fields = [pa.field(c, pa.int64() if c in ("start", "end") else pa.float64() if c == "confidence" else pa.string())
              for c in cols]
    table = pa.table({c: pa.array(v, type=f.type) for (c, v), f in zip(cols.items(), fields, strict=True)})
    table = table.append_column("year", pa.array(py.astype(np.int32))).append_column(
        "region_code", pa.array(codes_a[reg_i], type=pa.string()))
    part = pads.partitioning(pa.schema([("year", pa.int32()), ("region_code", pa.string())]), flavor="hive")
    pads.write_dataset(table, out / "facts", format="parquet", partitioning=part, basename_template="part-{i}.parquet",
                       existing_data_behavior="overwrite_or_ignore", max_rows_per_group=200_000)

    titles = np.char.add(np.char.add(rng.choice(["数字经济", "信息化", "工业互联网", "新型基础设施", "5G应用"], size=n_docs)
                                     .astype(str), "发展观察（第"), np.arange(1, n_docs + 1).astype(str))
    dates = np.char.add(np.char.add(doc_year.astype(str), "-"), np.char.zfill(doc_month.astype(str), 2))
    pq.write_table(pa.table({
        "doc": pa.array(np.char.add("a", np.char.zfill(np.arange(n_docs).astype(str), 7)).astype(object), pa.string()),
        "title": pa.array(np.char.add(titles, "期）").astype(object), pa.string()),
        "date": pa.array(dates.astype(object), pa.string()),
        "source": pa.array(rng.choice(SOURCES, size=n_docs).astype(object), pa.string()),
        "url": pa.array(np.full(n_docs, "", dtype=object), pa.string()),
    }), out / "docs" / "docs.parquet")
    (out / "run_report.json").write_text(json.dumps({
        "engine": "bench.archive_facts", "articles_read": n_docs, "articles_extracted": n_docs, "articles_failed": 0,
        "facts_written": n, "seconds": round(time.perf_counter() - t0, 1), "seed": seed,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.archive_facts", description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="facts to generate")
    ap.add_argument("out", help="archive folder to write (OUT/facts is replaced)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--reviewed", type=float, default=0.0, help="share of facts marked accepted (default 0: none)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    out = make_archive_facts(args.n, args.out, seed=args.seed, reviewed=args.reviewed)
    files = list((out / "facts").rglob("*.parquet"))
    size = sum(f.stat().st_size for f in files)
    print(f"{args.n:,} facts in {len(files)} files ({size / 1e6:.1f} MB) → {out} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
