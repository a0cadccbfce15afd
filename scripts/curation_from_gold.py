"""Write curation decisions that make shipped articles agree with their audited gold (../shared/gold-dev).

    .venv/bin/python scripts/curation_from_gold.py --gold ../shared/gold-dev --facts data/extracted/facts.csv \
        --articles data/articles d01.txt d02.txt …

A developer tool, run by hand when an article with audited gold joins the corpus (issue 12: the shipped
dataset must agree with the gold). For each article it replaces data/curation/<stem>.yaml with:
- `accept` for an extracted fact the gold has with the same region, kind, period and indicator;
- `edit` (reason: the audited gold) where one of those differs, or the subject;
- `reject` for an extracted fact the gold does not count as a regional fact;
- `add` for a gold fact the extractor missed (quote and number from the gold).
Facts are matched as tools/score.py matches them: the number inside an occurrence of the gold quote, same value.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from curate.curation import _number_matches  # noqa: E402
from curate.review import seen_of  # noqa: E402
from extract import patterns as P  # noqa: E402
from extract.refdata import load_catalogue  # noqa: E402
from extract.units import to_canonical  # noqa: E402

TODAY = date.today().isoformat()
CN_DIGITS = "零一二三四五六七八九十"


def close(a, b, rel=1e-6) -> bool:
    try:
        a, b = abs(float(a)), abs(float(b))
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= rel * max(a, b, 1e-12)


def value_matches(row, g) -> bool:
    return any(close(row.get(k), g.get(v)) for k in ("value_raw", "value") for v in ("value", "value_base"))


def spans(text: str, quote: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(quote)) for m in re.finditer(re.escape(quote), text)]


def match(gold: list[dict], rows: list[dict], text: str) -> dict[int, int]:
    """gold index -> row index, as tools/score.py pairs them (region facts first, same region and kind first)."""
    gspans = [spans(text, g["quote"]) for g in gold]
    matched: dict[int, int] = {}
    for ri, row in enumerate(rows):
        s, e = int(row["start"]), int(row["end"])
        cands = [gi for gi, g in enumerate(gold) if any(qs <= s and e <= qe + 1 for qs, qe in gspans[gi])
                 and value_matches(row, g)]
        cands.sort(key=lambda gi: (gi in matched, gold[gi].get("scope") != "region",
                                   not (row["region"] == gold[gi]["region"] and row["kind"] == gold[gi]["kind"])))
        for gi in cands:
            if gi not in matched:
                matched[gi] = ri
            break
    return matched


def number_in_quote(g: dict) -> str | None:
    q, v = g["quote"], g["value"]
    cands = []
    try:
        f = float(v)
        cands += [f"{f:g}", str(v), f"{f:.1f}", f"{f:.2f}"]
        if f.is_integer() and 0 < f <= 10:
            cands += [CN_DIGITS[int(f)]]
        if f == 1:
            cands += ["首"]
        if f == 0.5:
            cands += ["一半"]
    except (TypeError, ValueError):
        cands.append(str(v))
    for c in cands:
        if c and _number_matches(q, c):
            return c
    return None


def canonical(g: dict, catalogue) -> tuple[float, str]:
    raw = g.get("unit_raw") or ""
    m = re.match(f"({P.MAGNITUDE})", raw)
    mag = m.group(1) if m else ""
    unit = raw[len(mag):]
    if g["kind"] == "rank":
        return float(g["value"]), "位"
    ind = catalogue.get(g.get("indicator", ""))
    if g.get("value_base") is not None and g.get("unit_base") in ("%", "个百分点", "位", ""):
        return float(g["value"]), g.get("unit_base") or unit
    value, u = to_canonical(float(g["value"]), mag, unit, ind.unit if ind else None)
    return value, u


def decisions_for(doc: str, gold: list[dict], rows: list[dict], text: str, catalogue) -> list[dict]:
    region_gold = [g for g in gold if g.get("scope") == "region"]
    pairs = match(gold, rows, text)
    by_row = {ri: gold[gi] for gi, ri in pairs.items()}
    out: list[dict] = []
    for ri, row in enumerate(rows):
        g = by_row.get(ri)
        base = {"fact_id": row["fact_id"]}
        if g is None or g.get("scope") != "region":
            why = (f"scope {g['scope']} in the audited gold (gold-dev): not a regional fact" if g is not None
                   else "not a regional fact in the audited gold (gold-dev)")
            out.append({**base, "action": "reject", "reason": why, "by": "gold-dev", "at": TODAY})
            continue
        changes = {}
        for col in ("region", "kind", "period", "indicator"):
            want = str(g.get(col, "") if col != "indicator" else g.get("indicator", "other"))
            if str(row[col]) != want:
                changes[col] = want
        if changes:
            changes["subject"] = g["subject"]
            out.append({**base, "action": "edit", "set": changes,
                        "reason": "the audited gold (gold-dev)" + (f": {g['note']}" if g.get("note") else ""),
                        "seen": seen_of(row), "by": "gold-dev", "at": TODAY})
        else:
            out.append({**base, "action": "accept", "seen": seen_of(row), "by": "gold-dev", "at": TODAY})
    found = set(pairs)
    seen_numbers: dict[tuple[str, str], int] = {}  # (quote, number) -> how many gold facts used it so far
    for gi, g in enumerate(gold):
        number = number_in_quote(g)
        nth = seen_numbers.get((g["quote"], number), 0) + 1
        seen_numbers[(g["quote"], number)] = nth
        if g.get("scope") != "region" or gi in found:
            continue
        if number is None:
            print(f"{doc}: cannot place the number of gold fact {g['subject']} {g['value']} in its quote", file=sys.stderr)
            continue
        value, unit = canonical(g, catalogue)
        hits = len(_number_matches(g["quote"], number))
        occurrence = {"occurrence": min(nth, hits)} if hits > 1 else {}
        out.append({"action": "add", "quote": g["quote"], "number": number, **occurrence,
                    "set": {"region": g["region"], "indicator": g.get("indicator", "other"), "subject": g["subject"],
                            "kind": g["kind"], "value": value, "unit": unit, "unit_raw": g.get("unit_raw") or "",
                            "period": str(g["period"]), "period_basis": "explicit"},
                    "reason": "missed by the extractor; the audited gold (gold-dev)", "by": "gold-dev", "at": TODAY})
    del region_gold
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--facts", type=Path, required=True)
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--curation", type=Path, default=Path("data/curation"))
    ap.add_argument("docs", nargs="+")
    args = ap.parse_args(argv)
    catalogue = load_catalogue()
    with open(args.facts, encoding="utf-8", newline="") as fh:
        all_rows = list(csv.DictReader(fh))
    for doc in args.docs:
        gold = yaml.safe_load((args.gold / f"{Path(doc).stem}.yaml").read_text(encoding="utf-8")) or []
        text = (args.articles / doc).read_text(encoding="utf-8")
        rows = [r for r in all_rows if r["doc"] == doc]
        decisions = decisions_for(doc, gold, rows, text, catalogue)
        body = (f"# decisions for {doc}, made to agree with its audited gold (scripts/curation_from_gold.py)\n"
                + yaml.safe_dump({"doc": doc, "decisions": decisions}, allow_unicode=True, sort_keys=False, width=200))
        (args.curation / f"{Path(doc).stem}.yaml").write_text(body, encoding="utf-8")
        counts = {a: sum(d["action"] == a for d in decisions) for a in ("accept", "edit", "reject", "add")}
        print(f"{doc}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
