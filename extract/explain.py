"""``python -m extract explain ARTICLE``: every number of one article with the decisions taken on it.

For each fact: the number in its sentence, then region, period, kind, indicator and rank pool, each with the
rule that decided it and the words (evidence) it rested on. Numbers that are not facts are listed with why
not, so a reviewer can see what the extractor skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from extract.pipeline import explain_article
from extract.textio import ArticleError, load_article

_EVIDENCE = re.compile(r"@(\d+)-(\d+)")


def _evidence(rule: str, original: str) -> str:
    m = _EVIDENCE.search(rule)
    if not m:
        return rule
    a, b = int(m.group(1)), int(m.group(2))
    return f"{rule[:m.start()]}  «{original[a:b]}» [{a}:{b}]"


def render(original: str, report: dict) -> str:
    lines = [f"{report['doc']}  date {report['date'] or '?'} ({report['date_source']})  "
             f"article region {report['article_region'] or '-'}  default period {report['default_period'] or '-'}"]
    for row in report["facts"]:
        s, e = row["start"], row["end"]
        context = original[max(0, s - 24):s] + "【" + original[s:e] + "】" + original[e:e + 16]
        lines.append("")
        lines.append(f"{row['value_raw']}{row['unit_raw']}  ·  {context.replace(chr(10), ' ')}")
        lines.append(f"  fact {row['fact_id']}: {row['region']} | {row['indicator']} ({row['subject']}) | {row['kind']} | "
                     f"{row['period']} | value {row['value']} {row['unit']}" + (f" | rank of {row['rank_of']}"
                                                                                if row["rank_of"] else ""))
        for part in row["why"].split("; "):
            question, _, rule = part.partition(":")
            lines.append(f"    {question:<9} {_evidence(rule, original)}")
    if report["skipped"]:
        lines.append("")
        lines.append("Numbers that are not facts:")
        for start, end, reason in report["skipped"]:
            context = original[max(0, start - 12):start] + "【" + original[start:end] + "】" + original[end:end + 8]
            lines.append(f"  {context.replace(chr(10), ' ')}  — {reason}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract explain",
                                 description="Show every number of one article with the extractor's decisions.")
    ap.add_argument("article", type=Path, help="an article .txt/.html file (its <stem>.yaml sidecar is read if present)")
    ap.add_argument("--skipped", action="store_true", help="also list numbers that were judged not to be facts")
    args = ap.parse_args(argv)
    try:
        article = load_article(args.article)
    except ArticleError as exc:
        print(f"{args.article}: {exc}", file=sys.stderr)
        return 2
    for msg in article.notes:
        print(msg, file=sys.stderr)
    original = article.text
    report = explain_article(original, args.article.name, article.meta, html=article.html)
    if not args.skipped:
        report["skipped"] = []
    print(render(original, report))
    return 0
