"""Bring your own article (page 添加文章 / Add article): the logic, with no Streamlit in it.

- **Intake**: ``read_upload`` / ``read_pasted`` turn an upload or a pasted text into article text, or raise
  ``IntakeError`` with an i18n key (too big, not a text file, a zip, binary, not Chinese, no numbers). HTML is
  reduced to its text (scripts and styles dropped). ``stored_name`` names the file from a hash of the text:
  nothing a user types becomes a path.
- **Details**: ``infer_details`` prefills date and title from the extractor's own inference
  (``extract.resolve.article_date``) and the first line; ``check_details`` refuses an unreadable or future date.
- **Review state**: a draft lives in ``<data>/inbox/`` (article, sidecar, ``<stem>.review.json``). Every decision
  is written at once, under a file lock, after re-reading the file: ``decide`` applies one change only if the
  fact's decision on disk is still the one the caller saw, so two sessions never overwrite each other; the
  caller learns what the other session changed. Each decision keeps the fact's quote and offsets:
  ``fact_states`` marks a decision whose fact moved or changed "needs re-review" instead of applying it.
- **Add to the dataset**: ``add_to_dataset`` writes the article and its sidecar, extracts it with the command
  line's own per-file code (``extract.cli.process_file``), updates ``extracted/facts.csv``, appends the decisions
  with ``curate.review.append_decisions`` and rebuilds with ``curate.build.run_build`` (atomic renames), rolling
  the inputs back if the build refuses.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from extract.atomic import atomic_write_bytes, atomic_write_text, locked
from extract.textio import ArticleError, check_article_text, decode_article, looks_like_html, normalise_date

READ_ONLY_ENV = "DASHBOARD_READ_ONLY"
MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # an article is tens of kB; the uploader refuses more, and so does this
MAX_TEXT_CHARS = 200_000
SUFFIXES = (".txt", ".html", ".htm", ".md")
INBOX = "inbox"
LOCK_NAME = ".review.lock"
ACTIONS = ("accept", "reject", "edit", "add")
STATES = ("suggested", "accepted", "rejected", "edited", "added", "rereview")
EDIT_FIELDS = ("region", "period", "kind", "value", "unit", "indicator", "subject")
_MAGIC = {b"PK\x03\x04": "zip", b"PK\x05\x06": "zip", b"\x1f\x8b": "gzip", b"Rar!": "rar", b"7z\xbc\xaf": "7z",
          b"%PDF": "pdf", b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif", b"\xd0\xcf\x11\xe0": "office"}


def read_only() -> bool:
    """Intake and review are off when DASHBOARD_READ_ONLY is set to 1/true/yes (a read-only deployment)."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on")


class IntakeError(Exception):
    """A refused input: ``key`` is the i18n key of the message, ``kw`` its fields."""

    def __init__(self, key: str, **kw: Any):
        super().__init__(key)
        self.key = key
        self.kw = kw


# ---- intake ----------------------------------------------------------------------------------------------
class _TextOfHtml(HTMLParser):
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "title",
             "header", "footer", "table", "ul", "ol", "blockquote", "pre"}
    DROP = {"script", "style", "noscript", "template", "iframe", "object", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0
        self.dropped = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.DROP:
            self.dropping += 1
            self.dropped += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropping:
            self.parts.append(data)


def html_to_text(source: str) -> tuple[str, int]:
    """(the visible text of an HTML page, how many script/style-like elements were dropped)."""
    p = _TextOfHtml()
    p.feed(source)
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).splitlines()]
    text = "\n".join(line for line in lines if line)
    return html.unescape(text) if "&" in text else text, p.dropped


@dataclass(frozen=True)
class Intake:
    text: str
    name: str  # what the user called it (shown, never used as a path)
    html: bool = False
    dropped_scripts: int = 0
    encoding: str = "utf-8"


def _has_numbers(text: str) -> bool:
    from extract.numbers import find_numbers

    return bool(find_numbers(text))


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise IntakeError("add_err_too_long", n=f"{len(text):,}", max=f"{MAX_TEXT_CHARS:,}")
    try:
        check_article_text(text)
    except ArticleError as exc:
        msg = str(exc)
        if "empty" in msg:
            raise IntakeError("add_err_empty") from None
        if "binary" in msg:
            raise IntakeError("add_err_binary") from None
        raise IntakeError("add_err_not_chinese") from None
    if not _has_numbers(text):
        raise IntakeError("add_err_no_numbers")


def read_pasted(text: str) -> Intake:
    """A pasted article. Pasted HTML is reduced to its text like an uploaded page."""
    text = (text or "").replace("\x00", "\ufffd") if "\x00" not in (text or "") else text
    if text and "\x00" in text:
        raise IntakeError("add_err_binary")
    dropped, is_html = 0, looks_like_html(text or "")
    if is_html:
        text, dropped = html_to_text(text)
    _check_text(text or "")
    return Intake(text=text, name="", html=is_html, dropped_scripts=dropped)


def read_upload(name: str, raw: bytes) -> Intake:
    """One uploaded file: .txt/.html/.htm/.md, UTF-8 or GB18030, at most MAX_UPLOAD_BYTES."""
    suffix = Path(name or "").suffix.lower()
    if len(raw) > MAX_UPLOAD_BYTES:
        raise IntakeError("add_err_too_big", size=f"{len(raw) / 1e6:.1f}", max=f"{MAX_UPLOAD_BYTES / 1e6:.0f}")
    for magic, kind in _MAGIC.items():
        if raw.startswith(magic):
            raise IntakeError("add_err_archive" if kind in ("zip", "gzip", "rar", "7z") else "add_err_binary",
                              kind=kind)
    if suffix not in SUFFIXES:
        raise IntakeError("add_err_type", suffix=suffix or "–")
    if b"\x00" in raw[:200_000]:
        raise IntakeError("add_err_binary", kind="")
    text, encoding = decode_article(raw)
    if encoding == "mixed":
        raise IntakeError("add_err_encoding")
    dropped, is_html = 0, suffix in (".html", ".htm") or looks_like_html(text)
    if is_html:
        text, dropped = html_to_text(text)
    _check_text(text)
    return Intake(text=text, name=name, html=is_html, dropped_scripts=dropped, encoding=encoding)


def stored_name(text: str) -> str:
    """The article's file name: a hash of its text (the same text always gets the same name)."""
    return f"web_{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.txt"


_SAFE_DOC = re.compile(r"^[A-Za-z0-9_]+\.(txt|html)$")


def safe_doc(doc: str) -> bool:
    """A document name this page may open (from the URL or the queue): no path, no dot files."""
    return bool(doc) and bool(_SAFE_DOC.match(doc))


# ---- the details form ---------------------------------------------------------------------------------------
def infer_details(text: str) -> dict[str, str]:
    """Prefill: the extractor's article date (dateline, publication stamp, latest reported period) and the
    first non-empty line as title."""
    from extract.resolve.article_date import infer_article_date

    d = infer_article_date(text)
    date = ""
    if d.year:
        date = f"{d.year:04d}-{d.month:02d}" if d.month else f"{d.year:04d}"
    title = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return {"date": date, "title": title[:120], "source": "", "url": "", "date_rule": d.rule}


def check_details(date: str, title: str, source: str, url: str, today: dt.date) -> tuple[dict, list[tuple[str, dict]]]:
    """(clean details, errors as (i18n key, fields)). The date must be YYYY, YYYY-MM or YYYY-MM-DD, not after
    ``today``; a title is required; a URL, if given, is http(s)."""
    errors: list[tuple[str, dict]] = []
    clean = {"date": "", "title": " ".join((title or "").split())[:300], "source": " ".join((source or "").split())[:120],
             "url": (url or "").strip()}
    raw = (date or "").strip()
    if not raw:
        errors.append(("add_err_date_missing", {}))
    else:
        try:
            clean["date"] = normalise_date(raw)
        except ArticleError:
            errors.append(("add_err_date_unreadable", {"date": raw}))
        else:
            first = dt.date(int(clean["date"][:4]), int(clean["date"][5:7] or 1) if len(clean["date"]) >= 7 else 1,
                            int(clean["date"][8:10]) if len(clean["date"]) == 10 else 1)
            if first > today:
                errors.append(("add_err_date_future", {"date": clean["date"], "today": today.isoformat()}))
    if not clean["title"]:
        errors.append(("add_err_title_missing", {}))
    if clean["url"] and not re.match(r"^https?://[^\s<>\"']+$", clean["url"]):
        errors.append(("add_err_url", {}))
    return clean, errors


def sidecar_text(details: dict) -> str:
    data = {k: details[k] for k in ("date", "title", "source", "url") if details.get(k)}
    return "# written by the Add article page\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# ---- offsets between Python (code points) and JavaScript (UTF-16 code units) ----------------------------------
def utf16_offset(text: str, index: int) -> int:
    """The UTF-16 offset of code-point offset ``index`` in ``text`` (astral characters count twice)."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def codepoint_offset(text: str, u16: int) -> int:
    """The code-point offset of UTF-16 offset ``u16`` (one inside a surrogate pair rounds down)."""
    units = 0
    for i, ch in enumerate(text):
        step = 2 if ord(ch) > 0xFFFF else 1
        if units + step > u16:
            return i
        units += step
    return len(text)


def segments(text: str, facts: list[dict]) -> list[dict]:
    """The text cut into plain runs and marked numbers, in order, each with its code-point start: what the
    component draws (as DOM text nodes). Overlapping spans: the later one is dropped from the marks (it stays in
    the fact list)."""
    out, pos = [], 0
    for f in sorted(facts, key=lambda f: (int(f["start"]), int(f["end"]))):
        s, e = int(f["start"]), int(f["end"])
        if s < pos or not 0 <= s < e <= len(text):
            continue
        if s > pos:
            out.append({"t": text[pos:s], "s": pos})
        out.append({"t": text[s:e], "s": s, "id": f["fact_id"], "state": f.get("state", "suggested"),
                    "kind": f.get("kind", "")})
        pos = e
    if pos < len(text):
        out.append({"t": text[pos:], "s": pos})
    return out


# ---- review state: one JSON file per article, written under a lock ------------------------------------------------
def inbox(data_dir: Path) -> Path:
    return Path(data_dir) / INBOX


def review_path(data_dir: Path, doc: str) -> Path:
    return inbox(data_dir) / f"{Path(doc).stem}.review.json"


def load_review(data_dir: Path, doc: str) -> dict:
    p = review_path(data_dir, doc)
    try:
        state = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        state = {}
    except (OSError, ValueError):
        state = {}
    state.setdefault("doc", doc)
    state.setdefault("rev", 0)
    state.setdefault("decisions", {})
    state.setdefault("checked", None)
    state.setdefault("log", [])
    return state


@dataclass
class DecideResult:
    state: dict
    applied: list[str] = field(default_factory=list)  # fact ids changed by this call
    conflicts: list[tuple[str, dict | None]] = field(default_factory=list)  # (fact id, what is on disk now)
    others: list[str] = field(default_factory=list)  # fact ids another session changed since ``seen_rev``


def decide(data_dir: Path, doc: str, changes: list[tuple[str, dict | None, dict | None]], *, session: str,
           seen_rev: int, checked: Any = ..., now: str | None = None) -> DecideResult:
    """Apply ``changes`` = [(fact id, decision seen on screen before, new decision or None to clear)].

    Under the lock: re-read the file, apply each change only if the fact's decision on disk is still the one
    seen (otherwise it is a conflict and nothing of it is written), write atomically. ``others`` lists what
    other sessions changed after revision ``seen_rev``, so the caller can say so."""
    path = review_path(data_dir, doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with locked(path.parent / LOCK_NAME):
        state = load_review(data_dir, doc)
        others = sorted({e["fact_id"] for e in state["log"] if e.get("rev", 0) > seen_rev and e.get("session") != session
                         and e.get("fact_id")})
        res = DecideResult(state=state, others=others)
        for fact_id, before, after in changes:
            current = state["decisions"].get(fact_id)
            if _strip(current) != _strip(before):
                res.conflicts.append((fact_id, current))
                continue
            if after is None:
                state["decisions"].pop(fact_id, None)
            else:
                state["decisions"][fact_id] = {**after, "session": session, "at": now}
            res.applied.append(fact_id)
        if checked is not ...:
            state["checked"] = checked
        if res.applied or checked is not ...:
            state["rev"] += 1
            for fid in res.applied:
                state["log"].append({"rev": state["rev"], "fact_id": fid, "session": session, "at": now,
                                     "action": (state["decisions"].get(fid) or {}).get("action", "undo")})
            state["log"] = state["log"][-500:]
            atomic_write_text(path, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))
        return res


def _strip(d: dict | None) -> dict | None:
    """A decision without who/when, for comparing what was seen with what is on disk."""
    if d is None:
        return None
    return {k: v for k, v in d.items() if k not in ("session", "at")}


def fact_states(rows: list[dict], decisions: dict[str, dict]) -> tuple[dict[str, str], list[dict]]:
    """({fact id: state} for the extracted rows, [decisions that need re-review]).

    A decision applies to a fact only if the fact still has the quote and offsets it was made on; one whose
    fact moved, changed its quote or vanished is listed for re-review and the fact shows as such."""
    by_id = {r["fact_id"]: r for r in rows}
    states: dict[str, str] = {}
    stale: list[dict] = []
    for r in rows:
        states[r["fact_id"]] = "suggested"
    for fid, d in decisions.items():
        if d.get("action") == "add":
            continue
        r = by_id.get(fid)
        if r is None:
            stale.append({**d, "fact_id": fid, "why_stale": "gone"})
            continue
        if (int(r["start"]), int(r["end"])) != (int(d.get("start", -1)), int(d.get("end", -1))) or \
                str(r.get("quote", "")) != str(d.get("quote", "")):
            stale.append({**d, "fact_id": fid, "why_stale": "changed"})
            states[fid] = "rereview"
            continue
        states[fid] = {"accept": "accepted", "reject": "rejected", "edit": "edited"}.get(d.get("action"), "suggested")
    return states, stale


def decision_for(row: dict, action: str, *, reason: str = "", changes: dict | None = None, bulk: str = "") -> dict:
    """A decision on an extracted fact, carrying the fact's quote and offsets (and what the reviewer saw)."""
    from curate.review import seen_of

    d = {"action": action, "quote": str(row["quote"]), "start": int(row["start"]), "end": int(row["end"]),
         "seen": seen_of({k: str(v) for k, v in row.items()})}
    if reason:
        d["reason"] = reason
    if changes:
        d["set"] = changes
    if bulk:
        d["bulk"] = bulk
    return d


def quote_around(text: str, start: int, end: int) -> str:
    """The sentence around a selected number (at most 120 characters either side), for an added fact."""
    stops = "。！？!?\n；;"
    s = max([text.rfind(c, 0, start) for c in stops] + [max(0, start - 120) - 1]) + 1
    ends = [i for i in (text.find(c, end) for c in stops) if i >= 0]
    e = min(ends + [min(len(text), end + 120)])
    e = e + 1 if e < len(text) and text[e] in "。！？!?；;" else e
    return text[s:e].strip()


def added_decision(text: str, start: int, end: int, fields: dict) -> dict:
    """An 'add' for the number at text[start:end]: quote, the number as written and which of its occurrences
    in the quote it is (so curate.curation.locate_added finds exactly this span)."""
    from curate.curation import _number_matches

    quote = quote_around(text, start, end)
    number = text[start:end]
    q = text.find(quote)
    hits = _number_matches(quote, number)
    occurrence = None
    if q >= 0 and start - q in hits:
        occurrence = hits.index(start - q) + 1
    elif q >= 0:
        # the quote occurs earlier too, or the number is glued to digits: use the exact span as quote
        quote, occurrence = number, None
    d = {"action": "add", "quote": quote, "number": number, "start": start, "end": end, **fields}
    if occurrence and len(hits) > 1:
        d["occurrence"] = occurrence
    return d


# ---- into the dataset -------------------------------------------------------------------------------------------
def curation_entries(rows: list[dict], decisions: dict[str, dict], by: str, today: dt.date,
                     already: set[str] = frozenset()) -> list[dict]:
    """The decisions as curation-file entries (format of data/curation/README.md), in text order; decisions
    needing re-review and facts already decided in the curation file are left out."""
    from curate.review import decision_entry, seen_of

    states, stale = fact_states(rows, decisions)
    stale_ids = {s["fact_id"] for s in stale}
    by_id = {r["fact_id"]: r for r in rows}
    out = []
    items = sorted(decisions.items(), key=lambda kv: (int(kv[1].get("start", 0)), kv[0]))
    for fid, d in items:
        action = d.get("action")
        if action == "add":
            entry = {"action": "add", "quote": d["quote"], "number": d["number"]}
            if d.get("occurrence"):
                entry["occurrence"] = int(d["occurrence"])
            entry["set"] = {k: d[k] for k in ("region", "indicator", "subject", "kind", "value", "unit", "period",
                                              "period_basis") if k in d}
            entry["reason"] = d.get("reason") or "missed by the extractor (added in the browser)"
            entry["by"], entry["at"] = by, today
            out.append(entry)
            continue
        if fid in stale_ids or fid in already or fid not in by_id:
            continue
        row = {k: str(v) for k, v in by_id[fid].items()}
        if action == "accept":
            entry = decision_entry("accept", fid, d.get("bulk") or d.get("reason") or None, by, today, row)
        elif action == "reject":
            entry = decision_entry("reject", fid, d.get("reason") or "rejected in the browser", by, today)
            entry = {"fact_id": fid, "action": "reject", "reason": entry["reason"], "seen": seen_of(row),
                     "by": by, "at": today}
        elif action == "edit":
            entry = {"fact_id": fid, "action": "edit", "set": dict(d.get("set") or {}),
                     "reason": d.get("reason") or "edited in the browser", "seen": seen_of(row), "by": by, "at": today}
        else:
            continue
        entry["quote"], entry["span"] = d["quote"], [int(d["start"]), int(d["end"])]
        out.append(entry)
    return out


def read_rows(facts_csv: Path) -> list[dict]:
    try:
        with open(facts_csv, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except FileNotFoundError:
        return []


def _replace_doc_rows(facts_csv: Path, doc: str, rows: list[dict]) -> None:
    from extract.columns import FACT_COLUMNS

    old = [r for r in read_rows(facts_csv) if r.get("doc") != doc]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FACT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in old + rows:
        w.writerow({k: r.get(k, "") for k in FACT_COLUMNS})
    facts_csv.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(facts_csv, buf.getvalue())


@dataclass
class AddResult:
    doc: str
    facts: int  # extracted rows for this article
    decisions: int  # decisions written to the curation file
    dataset_facts: int  # facts of this article in the rebuilt dataset


def add_to_dataset(data_dir: Path, doc: str, text: str, details: dict | None, decisions: dict[str, dict], *, by: str,
                   checked: bool = False, today: dt.date | None = None) -> AddResult:
    """Article + sidecar into ``<data>/articles`` (kept as they are if the article is there already), its rows into ``<data>/extracted/facts.csv``, its decisions
    into ``<data>/curation/<stem>.yaml`` (curate.review), then the dataset rebuilt (curate.build). If anything
    fails, the three inputs are put back as they were and the error is raised; the dataset is replaced only by
    a build that validated."""
    from curate.build import Paths, run_build
    from curate.curation import load_curation_file
    from curate.review import append_decisions
    from extract.cli import process_file

    data_dir = Path(data_dir)
    if not safe_doc(doc):
        raise ValueError(f"refused document name {doc!r}")
    today = today or dt.date.today()
    articles, curation, facts_csv = data_dir / "articles", data_dir / "curation", data_dir / "extracted" / "facts.csv"
    art, side, cur = articles / doc, articles / f"{Path(doc).stem}.yaml", curation / f"{Path(doc).stem}.yaml"
    curation.mkdir(parents=True, exist_ok=True)
    articles.mkdir(parents=True, exist_ok=True)
    with locked(data_dir / ".intake.lock"):
        backup = {p: (p.read_bytes() if p.exists() else None) for p in (art, side, cur, facts_csv)}
        try:
            if not art.exists():  # an article already in the dataset keeps its file and sidecar as they are
                atomic_write_bytes(art, text.encode("utf-8"))
                atomic_write_text(side, sidecar_text(details or {}))
            elif details is not None and not side.exists():
                atomic_write_text(side, sidecar_text(details))
            out_doc, rows, messages, failed = process_file(art)
            if failed:
                raise ValueError("; ".join(messages) or "the extractor could not read the article")
            _replace_doc_rows(facts_csv, doc, rows)
            already: set[str] = set()
            if cur.exists():
                already = {getattr(d, "fact_id", "") for d in load_curation_file(cur).file.decisions}
            entries = curation_entries(rows, decisions, by, today, already)
            if entries:
                append_decisions(cur, doc, entries)
            elif not cur.exists():
                from curate.review import new_file_text

                atomic_write_text(cur, new_file_text(doc).replace("decisions:\n", "decisions: []\n"))
            if checked:
                from curate.review import mark_checked

                mark_checked(cur, doc, by, today)
            result = run_build(Paths(facts_csv, curation, articles, data_dir), log=lambda _line: None)
        except BaseException:
            for p, data in backup.items():
                if data is None:
                    p.unlink(missing_ok=True)
                else:
                    atomic_write_bytes(p, data)
            raise
    for p in (inbox(data_dir) / doc, inbox(data_dir) / f"{Path(doc).stem}.yaml"):  # the draft is the article now
        p.unlink(missing_ok=True)
    n = sum(1 for f in result.facts if f.doc == doc)
    return AddResult(doc=doc, facts=len(rows), decisions=len(entries), dataset_facts=n)


# ---- drafts and the review queue -------------------------------------------------------------------------------
def save_draft(data_dir: Path, intake: Intake) -> str:
    """Keep a read article in the inbox until it is added; returns its stored name."""
    doc = stored_name(intake.text)
    box = inbox(data_dir)
    box.mkdir(parents=True, exist_ok=True)
    p = box / doc
    if not p.exists():
        atomic_write_bytes(p, intake.text.encode("utf-8"))
    return doc


def draft_text(data_dir: Path, doc: str) -> str | None:
    """A draft's (or an added article's) text, by its stored name only."""
    if not safe_doc(doc):
        return None
    for p in (inbox(data_dir) / doc, Path(data_dir) / "articles" / doc):
        if p.is_file():
            try:
                return decode_article(p.read_bytes())[0]
            except OSError:
                return None
    return None


def save_details(data_dir: Path, doc: str, details: dict) -> None:
    if not safe_doc(doc):
        raise ValueError(doc)
    atomic_write_text(inbox(data_dir) / f"{Path(doc).stem}.yaml", sidecar_text(details))


def load_details(data_dir: Path, doc: str) -> dict | None:
    for p in (inbox(data_dir) / f"{Path(doc).stem}.yaml", Path(data_dir) / "articles" / f"{Path(doc).stem}.yaml"):
        if p.is_file():
            try:
                d = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
            except (OSError, yaml.YAMLError):
                return None
            return {k: str(d.get(k) or "") for k in ("date", "title", "source", "url")}
    return None


def is_added(data_dir: Path, doc: str) -> bool:
    return safe_doc(doc) and (Path(data_dir) / "articles" / doc).is_file()


def review_queue(data_dir: Path) -> list[dict]:
    """Articles with facts nobody decided, or decisions that need re-review: the drafts in the inbox and every
    article of the dataset (whether added here or on the command line). Sorted: most to do first."""
    from curate.curation import CurationError, load_curation_dir

    data_dir = Path(data_dir)
    rows = read_rows(data_dir / "extracted" / "facts.csv")
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    try:
        curations = load_curation_dir(data_dir / "curation")
    except (CurationError, OSError):
        curations = []
    decided: dict[str, Any] = {}
    for cur in curations:
        for d in cur.file.decisions:
            if getattr(d, "fact_id", None):
                decided[d.fact_id] = (cur.file.doc, d)
    ids = {r["fact_id"] for r in rows}
    out: dict[str, dict] = {}
    for doc, rs in by_doc.items():
        undecided = sum(1 for r in rs if r["fact_id"] not in decided)
        rereview = 0
        for r in rs:
            d = decided.get(r["fact_id"], (None, None))[1]
            if d is not None and hasattr(d, "stale_for") and d.stale_for(r):
                rereview += 1
        out[doc] = {"doc": doc, "undecided": undecided, "rereview": rereview, "draft": False}
    for fid, (doc, _d) in decided.items():
        if fid not in ids and doc in out:
            out[doc]["rereview"] += 1  # decided, but the extractor no longer finds that fact
    box = inbox(data_dir)
    if box.is_dir():
        for p in sorted(box.glob("*.txt")):
            if p.name in out:
                continue
            out[p.name] = {"doc": p.name, "undecided": None, "rereview": 0, "draft": True}
    items = [v for v in out.values() if v["draft"] or v["undecided"] or v["rereview"]]
    return sorted(items, key=lambda v: (not v["draft"], -(v["rereview"] or 0), -(v["undecided"] or 0), v["doc"]))
