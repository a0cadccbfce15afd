"""Review extracted facts from the terminal and record decisions in the curation files.

    python -m curate.review [--doc STEM] [--min-confidence 0.7] [--low-only] list
    python -m curate.review show FACT_ID
    python -m curate.review accept FACT_ID [FACT_ID ...] [--reason TEXT] [--by WHO]
    python -m curate.review reject FACT_ID [FACT_ID ...] --reason TEXT [--by WHO]
    python -m curate.review draft [--doc STEM]      a draft curation file per new article, to review by hand
    python -m curate.review stats [--doc STEM]      accepted as extracted / edited (by field) / rejected / added,
                                                    and how many dataset facts the extractor now produces exactly

``list`` shows the facts nobody has decided yet (low-confidence ones marked), each with its quote and
40 characters of article text on either side. ``accept``/``reject`` append a decision to
``data/curation/<article stem>.yaml``, creating the file if needed. Existing text is never rewritten:
the new decision is inserted as text after the last one, so comments and formatting stay as they are.
Edits and adds are written by hand in the same file (format: data/curation/README.md).

This is the only code that writes curation files; extraction and the build only read them.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from curate.build import BuildError, read_facts_csv
from curate.curation import (
    CurationError,
    LoadedCuration,
    load_curation_dir,
    load_yaml_data,
    locate_added,
    parse_curation_text,
    read_article,
)
from curate.schema import SEEN_COLUMNS, Accept, Add, Edit, Reject
from extract.atomic import atomic_write_text, locked

CONTEXT_CHARS = 40
LOCK_NAME = ".review.lock"
REVIEWER_ENV = "REVIEWER"


class ReviewError(Exception):
    """A reason a review command cannot run; one line."""


# ---- what is decided -------------------------------------------------------------------------------


def decisions_by_fact(curations: list[LoadedCuration]) -> dict[str, tuple[LoadedCuration, int]]:
    return {d.fact_id: (cur, i) for cur in curations for i, d in enumerate(cur.file.decisions)
            if hasattr(d, "fact_id")}


def select_docs(rows: list[dict[str, str]], doc: str | None) -> set[str]:
    """Docs matching --doc: the file name, its stem, or a unique prefix of the stem (e.g. '001')."""
    docs = sorted({r["doc"] for r in rows})
    if doc is None:
        return set(docs)
    exact = [d for d in docs if doc in (d, Path(d).stem)]
    if exact:
        return set(exact)
    prefixed = [d for d in docs if d.startswith(doc)]
    if len(prefixed) == 1:
        return set(prefixed)
    if not prefixed:
        raise ReviewError(f"no article matches --doc {doc!r} in the facts")
    raise ReviewError(f"--doc {doc!r} matches {len(prefixed)} articles: {', '.join(prefixed[:5])}")


def offset(row: dict[str, str], column: str) -> int:
    try:
        return int(row[column])
    except ValueError:
        return -1  # a malformed row still lists (the build will name it)


def confidence(row: dict[str, str]) -> float:
    try:
        return float(row["confidence"])
    except ValueError:
        return 0.0  # an unreadable confidence deserves a look


# ---- display ---------------------------------------------------------------------------------------------


def context(text: str, start: int, end: int, width: int = CONTEXT_CHARS) -> str:
    """The number in brackets with ``width`` characters either side, on one line."""
    before, number, after = text[max(0, start - width):start], text[start:end], text[end:end + width]
    lead = "…" if start > width else ""
    tail = "…" if end + width < len(text) else ""
    one_line = str.maketrans({"\n": "⏎", "\r": ""})
    return f"{lead}{before}⟦{number}⟧{after}{tail}".translate(one_line)


def describe(row: dict[str, str], text: str | None, low: bool) -> list[str]:
    flag = "  LOW" if low else ""
    value = f"{row['qualifier']}{row['value']} {row['unit']}".strip()
    raw = f"{row['value_raw']}{row['unit_raw']}"
    lines = [
        f"  {row['fact_id']}  conf {confidence(row):.2f}{flag}",
        f"      {row['region']} · {row['indicator']} ({row['subject']}) · {row['kind']} · "
        f"{row['period'] or '(no period)'} [{row['period_basis']}] · {value}  (as written: {raw})",
        f"      quote:   {row['quote']}",
    ]
    start, end = offset(row, "start"), offset(row, "end")
    if text is not None and 0 <= start < end:
        lines.append(f"      context: {context(text, start, end)}")
    return lines


def _article_text(articles: Path, doc: str, cache: dict[str, str | None]) -> str | None:
    if doc not in cache:
        try:
            cache[doc] = read_article(articles / doc)
        except CurationError as exc:
            print(f"warning: {exc}", file=sys.stderr)
            cache[doc] = None
    return cache[doc]


def cmd_list(rows, decided, args) -> int:
    docs = select_docs(rows, args.doc)
    cache: dict[str, str | None] = {}
    shown = 0
    for doc in sorted(docs):
        todo = [r for r in rows if r["doc"] == doc and r["fact_id"] not in decided]
        low = [r for r in todo if confidence(r) < args.min_confidence]
        if args.low_only:
            todo = low
        if not todo:
            continue
        print(f"{doc}: {len(todo)} to review ({len(low)} below confidence {args.min_confidence})")
        text = _article_text(args.articles, doc, cache)
        for r in sorted(todo, key=lambda r: offset(r, "start")):
            print("\n".join(describe(r, text, confidence(r) < args.min_confidence)))
        shown += len(todo)
    if shown:
        print(f"\n{shown} fact(s). Decide with: python -m curate.review accept ID [ID ...]   |   "
              "reject ID --reason '...'   (edits and adds: by hand, see data/curation/README.md)")
    else:
        print("nothing to review")
    return 0


def cmd_show(rows, decided, args) -> int:
    by_id = {r["fact_id"]: r for r in rows}
    for fact_id in args.fact_ids:
        row = by_id.get(fact_id)
        if row is None:
            raise ReviewError(f"fact {fact_id} is not in {args.facts}")
        text = _article_text(args.articles, row["doc"], {})
        print(f"{row['doc']}:{row['start']}-{row['end']}")
        print("\n".join(describe(row, text, confidence(row) < args.min_confidence)))
        for col in ("value_raw", "unit_raw", "value", "unit", "qualifier", "region_level"):
            print(f"      {col}: {row[col]!r}")
        if fact_id in decided:
            cur, i = decided[fact_id]
            d = cur.file.decisions[i]
            print(f"      decision: {d.action} at {cur.path}:{cur.lines[i]}"
                  + (f" — {d.note_text()}" if d.note_text() else ""))
        else:
            print("      decision: none yet")
    return 0


# ---- appending decisions ------------------------------------------------------------------------------


def new_file_text(doc: str) -> str:
    doc_line = yaml.safe_dump({"doc": doc}, allow_unicode=True)
    return f"# decisions for {doc}; format: data/curation/README.md\n{doc_line}decisions:\n"


def render_decisions(entries: list[dict], indent: int) -> str:
    """Block YAML for new decision items, each starting with '- ' at column ``indent``."""
    text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=1 << 16)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def _decisions_node(root) -> tuple[ScalarNode | None, object | None]:
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == "decisions":
                return key, value
    return None, None


def insert_decisions(text: str, entries: list[dict], path: Path) -> str:
    """``text`` with ``entries`` appended to its decisions list, everything else byte for byte."""
    _, root = load_yaml_data(text, path)
    key, seq = _decisions_node(root)
    if key is None:  # no decisions key yet: start the list at the end
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + "decisions:\n" + render_decisions(entries, 2)
    if isinstance(seq, SequenceNode) and seq.value and not seq.flow_style:
        at = seq.end_mark.index
        head = text[:at] if text[:at].endswith("\n") else text[:at] + "\n"
        return head + render_decisions(entries, seq.start_mark.column) + text[at:]
    if isinstance(seq, SequenceNode) and seq.value:
        raise ReviewError(f"{path}:{seq.start_mark.line + 1}: decisions is written as a [flow, list]; "
                          "write one decision per block item, then retry")
    # empty: `decisions:`, `decisions: null` or `decisions: []` -> drop the empty value, list below the key
    head, tail = text[:seq.start_mark.index], text[seq.end_mark.index:]
    eol = tail.find("\n")
    line_rest, after = (tail, "") if eol == -1 else (tail[:eol], tail[eol + 1:])
    return head.rstrip(" ") + line_rest + "\n" + render_decisions(entries, 2) + after


def seen_of(row: dict[str, str]) -> dict:
    """What a reviewer sees of an extracted fact (SEEN_COLUMNS), typed as the facts table types them."""
    seen: dict = {}
    for col in SEEN_COLUMNS:
        v = row.get(col, "")
        if col == "value":
            try:
                seen[col] = float(v)
            except ValueError:
                continue
        else:
            seen[col] = v
    return seen


def decision_entry(action: str, fact_id: str, reason: str | None, by: str | None, today: date,
                   row: dict[str, str] | None = None) -> dict:
    entry: dict = {"fact_id": fact_id, "action": action}
    if reason:
        entry["reason"] = reason
    if row is not None and action == "accept":
        entry["seen"] = seen_of(row)  # so a later extraction cannot change what was accepted unnoticed
    if by:
        entry["by"] = by
    entry["at"] = today
    return entry


def append_decisions(path: Path, doc: str, entries: list[dict]) -> LoadedCuration:
    """Append decisions (accept, reject, edit or add entries) to one curation file (created if missing), under
    a lock, atomically.

    The result is parsed before it replaces the file, so a decision that would break it never lands.
    """
    with locked(path.parent / LOCK_NAME):
        existed = path.exists()
        text = path.read_bytes().decode("utf-8") if existed else new_file_text(doc)
        before = parse_curation_text(text, path)
        known = {getattr(d, "fact_id", None): i for i, d in enumerate(before.file.decisions)}
        for e in entries:
            if e.get("fact_id") in known:  # an add has no fact_id: never a repeat
                i = known[e["fact_id"]]
                raise ReviewError(f"{path}:{before.lines[i]}: fact {e['fact_id']} is already decided "
                                  f"({before.file.decisions[i].action}); change it there by hand")
        new_text = insert_decisions(text, entries, path)
        after = parse_curation_text(new_text, path)
        added = after.file.decisions[len(before.file.decisions):]
        if [(d.action, getattr(d, "fact_id", None)) for d in added] != [(e["action"], e.get("fact_id")) for e in entries]:
            raise ReviewError(f"{path}: could not append the decision safely; add it by hand")
        atomic_write_text(path, new_text)
        return after


def mark_checked(path: Path, doc: str, by: str | None, today: date) -> LoadedCuration:
    """Record "checked: nothing missing" in an article's curation file (created if missing), under the lock.

    The mark goes on its own line after ``doc:``; a file that already has one keeps it as it is."""
    with locked(path.parent / LOCK_NAME):
        text = path.read_bytes().decode("utf-8") if path.exists() else new_file_text(doc)
        before = parse_curation_text(text, path)
        if before.file.checked is not None:
            return before
        mark = yaml.safe_dump({"checked": {k: v for k, v in (("by", by), ("at", today)) if v}}, allow_unicode=True,
                              default_flow_style=None, sort_keys=False, width=1 << 16)
        lines = text.splitlines(keepends=True)
        at = next((i + 1 for i, line in enumerate(lines) if line.startswith("doc:")), len(lines))
        new_text = "".join(lines[:at]) + mark + "".join(lines[at:])
        after = parse_curation_text(new_text, path)
        if after.file.checked is None or len(after.file.decisions) != len(before.file.decisions):
            raise ReviewError(f"{path}: could not record the checked mark safely; add it by hand")
        atomic_write_text(path, new_text)
        return after


def cmd_decide(rows, decided, args) -> int:
    by_id = {r["fact_id"]: r for r in rows}
    by_doc: dict[str, list[dict]] = {}
    for fact_id in dict.fromkeys(args.fact_ids):
        row = by_id.get(fact_id)
        if row is None:
            raise ReviewError(f"fact {fact_id} is not in {args.facts}")
        if fact_id in decided:
            cur, i = decided[fact_id]
            raise ReviewError(f"{cur.path}:{cur.lines[i]}: fact {fact_id} is already decided "
                              f"({cur.file.decisions[i].action}); change it there by hand")
        entry = decision_entry(args.command, fact_id, args.reason, args.by, date.today(), row)
        by_doc.setdefault(row["doc"], []).append(entry)
    for doc, entries in sorted(by_doc.items()):
        path = args.curation / f"{Path(doc).stem}.yaml"
        append_decisions(path, doc, entries)
        print(f"{path}: {args.command}ed {', '.join(e['fact_id'] for e in entries)}")
    print("rebuild the dataset with: python -m curate.build")
    return 0


# ---- a draft to review by hand, and the statistics of a review ---------------------------------------------


def render_draft_entry(entry: dict, row: dict[str, str], text: str) -> str:
    """One decision for the draft, with a comment that shows the number in its sentence."""
    s, e = int(row["start"]), int(row["end"])
    context = (text[max(0, s - CONTEXT_CHARS):s] + "【" + text[s:e] + "】" + text[e:e + CONTEXT_CHARS // 2])
    context = " ".join(context.split())
    head = (f"  # {row['value_raw']}{row['unit_raw']} | {row['region']} | {row['indicator']} ({row['subject']}) | "
            f"{row['kind']} | {row['period']}{' | rank of ' + row['rank_of'] if row.get('rank_of') else ''}\n"
            f"  # {context}\n")
    return head + render_decisions([entry], 2)


def cmd_draft(rows, decided, args) -> int:
    """Every undecided fact of the chosen articles as an `accept` with what the extractor says (`seen`), each
    under a comment with its sentence: the reviewer turns the wrong ones into edits and rejects, and adds
    what is missing. Written only for articles that have no curation file yet."""
    docs = select_docs(rows, args.doc)
    written = 0
    for doc in sorted(docs):
        path = args.curation / f"{Path(doc).stem}.yaml"
        if path.exists():
            print(f"{path}: exists; decide the rest with accept/reject or by hand", file=sys.stderr)
            continue
        todo = [r for r in rows if r["doc"] == doc and r["fact_id"] not in decided]
        text = _article_text(args.articles, doc, {})
        body = new_file_text(doc)
        body += "".join(render_draft_entry(decision_entry("accept", r["fact_id"], None, args.by, date.today(), r),
                                           r, text) for r in todo)
        if not todo:
            body = body.replace("decisions:\n", "decisions: []\n")
        parse_curation_text(body, path)  # a draft that does not parse never lands
        with locked(path.parent / LOCK_NAME):
            atomic_write_text(path, body)
        written += 1
        print(f"{path}: {len(todo)} fact(s) drafted as accept; review each against the article")
    return 0 if written or not docs else 1


# The columns of an added fact compared with an extracted row at its span (``as_extracted``).
ADDED_COLUMNS = ("region", "indicator", "subject", "kind", "value_raw", "unit_raw", "value", "unit", "qualifier",
                 "period", "period_basis")


def review_stats(rows: list[dict[str, str]], curations: list[LoadedCuration],
                 articles: Path | None = None) -> dict[str, dict]:
    """Per article: facts extracted, accepted as extracted, edited (and by field), rejected, added, undecided.

    An accept whose `seen` differs from what the extractor says now counts as edited (the reviewed values are
    what the dataset keeps), under the fields that differ.

    ``as_extracted`` counts the dataset's facts that the extractor now produces exactly as they stand in the
    dataset: the accepts counted above, every edit whose `set` (and `seen`) the current row already has, and
    (when ``articles`` is given, to place them) every add that an extracted row at its span matches in every
    column. The decisions are counted as recorded; this figure only says how many would need no correction today.
    """
    by_id = {r["fact_id"]: r for r in rows}
    by_span = {(r["doc"], r.get("start"), r.get("end")): r for r in rows}
    out: dict[str, dict] = {}

    def doc_stats(doc: str) -> dict:
        return out.setdefault(doc, {"extracted": 0, "accepted": 0, "edited": 0, "edited_fields": Counter(),
                                    "rejected": 0, "added": 0, "undecided": 0, "as_extracted": 0})

    decided: set[str] = set()
    for r in rows:
        doc_stats(r["doc"])["extracted"] += 1
    for cur in curations:
        st = doc_stats(cur.file.doc)
        for d in cur.file.decisions:
            if isinstance(d, Add):
                st["added"] += 1
                st["as_extracted"] += _add_is_extracted(d, by_span, articles)
                continue
            decided.add(d.fact_id)
            row = by_id.get(d.fact_id)
            if row is None:
                continue  # orphaned: the build reports it
            if isinstance(d, Reject):
                st["rejected"] += 1
                continue
            fields = set(d.fields.changes()) if isinstance(d, Edit) else set()
            if d.seen is not None:
                seen = d.seen.changes()
                fields |= {k for k, v in seen.items() if str(v) != row.get(k, "") and not _numeric_equal(row.get(k), v)}
            fields.discard("region_level")
            if isinstance(d, Accept) and not fields:
                st["accepted"] += 1
                st["as_extracted"] += 1
            else:
                if isinstance(d, Edit):
                    # the dataset keeps the row under `seen` and then `set` (curate.build): does the row already say it?
                    stands = {**(d.seen.changes() if d.seen is not None else {}), **d.fields.changes()}
                    stands.pop("region_level", None)
                    st["as_extracted"] += not any(_differs(row.get(k), v) for k, v in stands.items())
                st["edited"] += 1
                st["edited_fields"].update(fields or {"(none)"})
    for r in rows:
        if r["fact_id"] not in decided:
            doc_stats(r["doc"])["undecided"] += 1
    return out


def _differs(current, reviewed) -> bool:
    return str(reviewed) != (current or "") and not _numeric_equal(current, reviewed)


def _add_is_extracted(add: Add, by_span: dict, articles: Path | None) -> bool:
    """Whether an extracted row sits at the added fact's span with every column as the reviewer wrote it."""
    if articles is None:
        return False
    try:
        start, end = locate_added(add, read_article(articles / add.doc))
    except (CurationError, ValueError, OSError):
        return False
    row = by_span.get((add.doc, str(start), str(end)))
    if row is None:
        return False
    reviewed = {k: getattr(add, k, None) for k in ADDED_COLUMNS}
    if reviewed["value_raw"] is None:
        reviewed["value_raw"] = add.number
    return not any(_differs(row.get(k), v if v is not None else "") for k, v in reviewed.items())


def _numeric_equal(a, b) -> bool:
    try:
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(b)))
    except (TypeError, ValueError):
        return False


def cmd_stats(rows, decided, args) -> int:
    stats = review_stats(rows, load_curation_dir(args.curation), args.articles)
    docs = select_docs(rows, args.doc) if args.doc else set(stats)
    total = {"extracted": 0, "accepted": 0, "edited": 0, "edited_fields": Counter(), "rejected": 0, "added": 0,
             "undecided": 0, "as_extracted": 0}
    print(f"{'article':32s} {'extracted':>9s} {'accepted':>8s} {'edited':>6s} {'rejected':>8s} {'added':>5s} "
          f"{'undecided':>9s}  edited fields")
    for doc in sorted(docs):
        st = stats.get(doc)
        if st is None:
            continue
        for k in total:
            total[k] = total[k] + st[k]
        fields = ", ".join(f"{f} {n}" for f, n in st["edited_fields"].most_common())
        print(f"{doc[:32]:32s} {st['extracted']:9d} {st['accepted']:8d} {st['edited']:6d} {st['rejected']:8d} "
              f"{st['added']:5d} {st['undecided']:9d}  {fields}")
    final = total["accepted"] + total["edited"] + total["added"]
    share = total["accepted"] / final if final else 0.0
    fields = ", ".join(f"{f} {n}" for f, n in total["edited_fields"].most_common())
    print(f"{'total':32s} {total['extracted']:9d} {total['accepted']:8d} {total['edited']:6d} {total['rejected']:8d} "
          f"{total['added']:5d} {total['undecided']:9d}  {fields}")
    print(f"accepted exactly as extracted: {total['accepted']} of {final} reviewed dataset facts ({share:.1%})")
    now = total["as_extracted"] / final if final else 0.0
    print(f"produced exactly by today's extractor: {total['as_extracted']} of {final} reviewed dataset facts ({now:.1%}) "
          f"(accepts, plus edits and adds the extractor now matches; decisions counted as recorded above)")
    return 0


# ---- command line ----------------------------------------------------------------------------------------


def _common() -> argparse.ArgumentParser:
    # SUPPRESS so an option given before the command is not reset by the subcommand's default
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--facts", type=Path, default=argparse.SUPPRESS, help="extracted facts (data/extracted/facts.csv)")
    p.add_argument("--curation", type=Path, default=argparse.SUPPRESS, help="decision files (data/curation)")
    p.add_argument("--articles", type=Path, default=argparse.SUPPRESS, help="articles (data/articles)")
    p.add_argument("--doc", default=argparse.SUPPRESS, help="only this article (file name, stem or stem prefix)")
    p.add_argument("--min-confidence", type=float, default=argparse.SUPPRESS,
                   help="facts below this are marked LOW (0.7)")
    return p


DEFAULTS = {"facts": Path("data/extracted/facts.csv"), "curation": Path("data/curation"),
            "articles": Path("data/articles"), "doc": None, "min_confidence": 0.7}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    common = _common()
    p = argparse.ArgumentParser(prog="python -m curate.review", parents=[common],
                                description="List undecided facts and record accept/reject decisions.")
    sub = p.add_subparsers(dest="command")
    ls = sub.add_parser("list", parents=[common], help="undecided facts with quote and context (default)")
    ls.add_argument("--low-only", action="store_true", help="only facts below --min-confidence")
    show = sub.add_parser("show", parents=[common], help="one fact in full, with its decision")
    show.add_argument("fact_ids", nargs="+", metavar="FACT_ID")
    for name, needs_reason in (("accept", False), ("reject", True)):
        sp = sub.add_parser(name, parents=[common], help=f"{name} facts (appends to the curation file)")
        sp.add_argument("fact_ids", nargs="+", metavar="FACT_ID")
        sp.add_argument("--reason", required=needs_reason, default=None, help="why (required to reject)")
        sp.add_argument("--by", default=os.environ.get(REVIEWER_ENV) or None,
                        help=f"who decides (default: ${REVIEWER_ENV})")
    draft = sub.add_parser("draft", parents=[common], help="write a draft curation file (all accepts) per new article")
    draft.add_argument("--by", default=os.environ.get(REVIEWER_ENV) or None, help=f"who reviews (default: ${REVIEWER_ENV})")
    sub.add_parser("stats", parents=[common], help="per article: accepted as extracted, edited (by field), rejected, "
                                                   "added, undecided")
    args = p.parse_args(argv)
    for k, v in DEFAULTS.items():
        if not hasattr(args, k):
            setattr(args, k, v)
    if args.command is None:
        args.command, args.low_only = "list", False
    if args.command == "reject" and not (args.reason or "").strip():
        p.error("reject needs a non-empty --reason")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        rows = [row for row, _ in read_facts_csv(args.facts)]
        decided = decisions_by_fact(load_curation_dir(args.curation))
        command = {"list": cmd_list, "show": cmd_show, "accept": cmd_decide, "reject": cmd_decide,
                   "draft": cmd_draft, "stats": cmd_stats}[args.command]
        return command(rows, decided, args)
    except (ReviewError, BuildError, CurationError) as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `... | head`: the reader has seen enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"{exc.filename or args.curation}: {exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
