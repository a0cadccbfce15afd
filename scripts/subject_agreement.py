"""Subject agreement of an extraction with the reviewers' subjects, per half of the reviewed articles.

    python scripts/subject_agreement.py [--pred data/extracted/facts.csv] [--base-rev 4deba17] [--half A|B] [--list]

The reviewed subject of a fact is its edit's `set.subject`; for an accept (or an edit that left the subject alone)
it is the subject the reviewer saw, taken from the facts table at ``--base-rev`` (the extraction the decisions were
made on). Half A / B of the reviewed articles: the md5 of the article's file name, even / odd — rules are developed
on A and checked on B. Also counts the edits the extraction now matches in every column they set (an edit that
would be an exact accept today). ``--list`` prints each disagreement: doc, fact, extracted, reviewed, quote.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from curate.curation import load_curation_dir  # noqa: E402
from curate.schema import Accept, Edit  # noqa: E402


def half(doc: str) -> str:
    return "A" if int(hashlib.md5(doc.encode()).hexdigest(), 16) % 2 == 0 else "B"


def _rows(text: str) -> dict[str, dict]:
    return {r["fact_id"]: r for r in csv.DictReader(io.StringIO(text))}


def _same(a, b) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pred", default="data/extracted/facts.csv")
    ap.add_argument("--base-rev", default="4deba17", help="git revision of the facts the reviewers saw")
    ap.add_argument("--curation", default="data/curation")
    ap.add_argument("--half", choices=("A", "B", "all"), default="all")
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args()
    base = _rows(subprocess.run(["git", "show", f"{a.base_rev}:data/extracted/facts.csv"], check=True,
                                capture_output=True, text=True).stdout)
    pred = _rows(Path(a.pred).read_text(encoding="utf-8"))
    agree, total, exact, edits = Counter(), Counter(), Counter(), Counter()
    for cur in load_curation_dir(a.curation):
        h = half(cur.file.doc)
        if a.half not in ("all", h):
            continue
        for d in cur.file.decisions:
            if not isinstance(d, Accept | Edit) or d.fact_id not in base:
                continue
            changes = d.fields.changes() if isinstance(d, Edit) else {}
            reviewed = changes.get("subject", base[d.fact_id]["subject"])
            p = pred.get(d.fact_id)
            total[h] += 1
            ok = p is not None and p["subject"] == reviewed
            agree[h] += ok
            if isinstance(d, Edit):
                edits[h] += 1
                exact[h] += p is not None and all(_same(p.get(k), v) for k, v in changes.items() if k != "region_level")
            if a.list and not ok:
                print("\t".join((cur.file.doc, d.fact_id, p["subject"] if p else "(missing)", reviewed,
                                 p["quote"] if p else "")))
    for h in sorted(total):
        print(f"half {h}: subject agreement {agree[h]}/{total[h]} = {agree[h] / total[h]:.3f}; "
              f"edits the extraction now matches exactly {exact[h]}/{edits[h]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
