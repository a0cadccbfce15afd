"""添加文章 Add article: paste or upload an article, review every number it contains, add it to the dataset.

The logic is in ``dashboard.byo`` (intake, details, review state under a lock, adding through curate.review and
curate.build); the marked text is ``dashboard.byo_component``. This page only wires widgets to them. Article
text is shown by the component as DOM text nodes, and elsewhere with ``st.text``/``st.dataframe`` only.
Widget keys start with ``add_``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import uuid
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import byo
from dashboard.archive import is_archive
from dashboard.byo_component import article_view
from dashboard.i18n import t
from dashboard.ui import _md_safe, page_setup
from extract.columns import KINDS

ctx = page_setup("add")
lang = ctx.lang
ddir = Path(ctx.ds.data_dir)
st.title(ctx.t("add_title"))
if byo.read_only():
    st.info(ctx.t("add_read_only"), icon=":material/lock:")
    st.stop()
if is_archive(ctx.ds):  # an extracted archive is Spark's output, not a curated dataset: nothing to add it to
    st.info(ctx.t("add_archive"), icon=":material/lock:")
    st.stop()
st.caption(ctx.t("add_hint"))

ss = st.session_state
ss.setdefault("add_session", uuid.uuid4().hex[:12])
ss.setdefault("add_undo", [])  # [(doc, fact id, decision before, decision after)], newest last
BY = os.environ.get("REVIEWER") or "browser"
STATE_KEYS = {s: ctx.t(f"add_state_{s}") for s in byo.STATES}
KIND_LABELS = {k: t(f"kind_{k}", lang) for k in KINDS}


def _flash(kind: str, msg: str) -> None:
    ss.setdefault("add_flash", []).append((kind, msg))


def _open(doc: str) -> None:
    ss["add_doc"] = doc
    ss["add_cur"] = None
    ss["add_sel"] = None
    st.query_params["doc"] = doc


def _close() -> None:
    ss["add_doc"] = None
    ss["add_sel"] = None
    if "doc" in st.query_params:
        del st.query_params["doc"]


# ---- which article is open: the session's, else the URL's (a reload keeps it) ---------------------------------
doc = ss.get("add_doc")
if doc is None:
    raw = st.query_params.get("doc")
    if raw and byo.safe_doc(raw) and byo.draft_text(ddir, raw) is not None:
        doc = raw
        ss["add_doc"] = doc


# ---- intake -----------------------------------------------------------------------------------------------------
def _read() -> None:
    pasted = ss.get("add_text") or ""
    files = ss.get("add_files") or []
    opened: list[str] = []
    for f in files:
        try:
            intake = byo.read_upload(f.name, f.getvalue())
        except byo.IntakeError as exc:
            # the file's name is the user's: escaped, since alerts read Markdown
            _flash("error", ctx.t("add_err_file", name=_md_safe(f.name), msg=ctx.t(exc.key, **{"kind": "", **exc.kw})))
            continue
        opened.append(byo.save_draft(ddir, intake))
        if intake.dropped_scripts:
            _flash("info", ctx.t("add_html_note", n=intake.dropped_scripts))
    if pasted.strip():
        try:
            intake = byo.read_pasted(pasted)
        except byo.IntakeError as exc:
            _flash("error", ctx.t("add_err_file", name=ctx.t("add_pasted"), msg=ctx.t(exc.key, **{"kind": "", **exc.kw})))
        else:
            opened.insert(0, byo.save_draft(ddir, intake))
            if intake.dropped_scripts:
                _flash("info", ctx.t("add_html_note", n=intake.dropped_scripts))
    if not files and not pasted.strip():
        _flash("warning", ctx.t("add_nothing"))
    if opened:
        _open(opened[0])
        ss["add_text"] = ""
        if len(opened) > 1:
            _flash("info", ctx.t("add_read_more", n=len(opened) - 1))


with st.expander(ctx.t("add_intake"), expanded=doc is None, icon=":material/post_add:"):
    st.text_area(ctx.t("add_paste"), key="add_text", height=180, max_chars=byo.MAX_TEXT_CHARS,
                 placeholder=ctx.t("add_paste_ph"))
    st.file_uploader(ctx.t("add_upload"), type=["txt", "html", "htm", "md"], accept_multiple_files=True,
                     key="add_files", max_upload_size=byo.MAX_UPLOAD_BYTES // (1024 * 1024))
    st.button(ctx.t("add_read"), key="add_read", type="primary", on_click=_read, icon=":material/manage_search:")

for kind, msg in ss.pop("add_flash", []):
    getattr(st, kind)(msg)


# ---- review queue ------------------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=8)
def _queue(data_dir: str, signature: tuple) -> list[dict]:
    return byo.review_queue(Path(data_dir))


def _queue_signature(d: Path) -> tuple:
    paths = [d / "extracted" / "facts.csv", d / "curation", d / byo.INBOX]
    out = []
    for p in paths:
        try:
            out.append((p.name, p.stat().st_mtime_ns))
        except OSError:
            out.append((p.name, None))
    return tuple(out)


def _queue_open(key: str, docs: list[str]) -> None:
    try:
        picked = ss[key]["selection"]["rows"]
    except (KeyError, TypeError):
        return
    if picked:
        _open(docs[picked[0]])


with st.expander(ctx.t("add_queue"), expanded=doc is None, icon=":material/checklist:"):
    st.caption(ctx.t("add_queue_hint"))
    queue = _queue(str(ddir), _queue_signature(ddir))
    if not queue:
        st.text(ctx.t("add_queue_empty"))
    titles = {d: (ctx.ds.articles.get(d) or {}).get("title", "") for d in (item["doc"] for item in queue)}
    queue_table = pd.DataFrame({
        ctx.t("add_q_doc"): [item["doc"] for item in queue],
        ctx.t("add_title_f"): [str(titles.get(item["doc"]) or "") for item in queue],
        ctx.t("add_q_undecided"): [item["undecided"] if item["undecided"] is not None else pd.NA for item in queue],
        ctx.t("add_q_rereview"): [item["rereview"] for item in queue],
        ctx.t("add_q_state"): [ctx.t("add_q_draft") if item["draft"] else ctx.t("add_q_in_dataset") for item in queue],
    })
    queue_key = f"add_queue_{len(queue)}_{hashlib.sha1(repr(queue).encode()).hexdigest()[:8]}"
    st.dataframe(queue_table, key=queue_key, hide_index=True, selection_mode="single-row",
                 on_select=functools.partial(_queue_open, queue_key, [item["doc"] for item in queue]),
                 height=min(36 * (len(queue) + 1) + 3, 330))

if doc is None:
    st.stop()

text = byo.draft_text(ddir, doc)
if text is None:
    st.warning(ctx.t("add_missing_doc"))
    _close()
    st.stop()
in_dataset = byo.is_added(ddir, doc)
st.button(ctx.t("add_close"), key="add_close", on_click=_close, icon=":material/close:", type="tertiary")


# ---- details ---------------------------------------------------------------------------------------------------
details = byo.load_details(ddir, doc)
guess = byo.infer_details(text)
# ---- facts --------------------------------------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=16)
def _extract(doc: str, digest: str, date: str, title: str, _text: str) -> list[dict]:
    from extract.pipeline import extract_article
    from extract.textio import ArticleMeta

    return extract_article(_text, doc, ArticleMeta(date=date, title=title))


def _rows() -> list[dict]:
    if in_dataset:
        return [r for r in byo.read_rows(ddir / "extracted" / "facts.csv") if r["doc"] == doc]
    d = details or {"date": guess["date"], "title": guess["title"]}
    return _extract(doc, hashlib.sha256(text.encode("utf-8")).hexdigest(), d.get("date", ""), d.get("title", ""), text)


rows = [{**r, "start": int(r["start"]), "end": int(r["end"])} for r in _rows()]
review = byo.load_review(ddir, doc)
ss.setdefault("add_rev", {})
ss["add_rev"].setdefault(doc, review["rev"])
decisions = review["decisions"]
curated: dict[str, str] = {}  # decisions already in the curation file (made here or on the command line)
curated_set: dict[str, dict] = {}  # what their edits changed
curated_adds: list[dict] = []  # facts people added to this article
if in_dataset:
    from curate.curation import CurationError, added_fact_id, load_curation_file, locate_added

    cur_path = ddir / "curation" / f"{Path(doc).stem}.yaml"
    if cur_path.is_file():
        try:
            for d in load_curation_file(cur_path).file.decisions:
                if d.action == "add":
                    try:
                        s0, e0 = locate_added(d, text)
                    except ValueError:
                        continue
                    curated_adds.append({"fact_id": added_fact_id(doc, s0, e0), "start": s0, "end": e0,
                                         "value_raw": d.number, "unit_raw": d.unit_raw, "value": d.value, "unit": d.unit,
                                         "region": d.region, "period": d.period, "kind": d.kind,
                                         "indicator": d.indicator, "subject": d.subject, "confidence": 1.0,
                                         "why": "added by a reviewer", "quote": d.quote, "state": "added"})
                    continue
                curated[d.fact_id] = {"accept": "accepted", "reject": "rejected", "edit": "edited"}[d.action]
                if d.action == "edit":
                    curated_set[d.fact_id] = d.fields.changes()
        except CurationError:
            pass
    st.caption(ctx.t("add_in_dataset", n=len(curated) + len(curated_adds)))
states, stale = byo.fact_states(rows, decisions)
for fid, s in curated.items():
    if fid in states and fid not in decisions:
        states[fid] = s
if stale:
    st.warning(ctx.t("add_stale", n=len(stale)), icon=":material/sync_problem:")

# the list: extracted facts, then the facts added here, in text order
items = [{**r, "state": states.get(r["fact_id"], "suggested")} for r in rows]
for fid, d in decisions.items():
    if d.get("action") == "add":
        items.append({"fact_id": fid, "start": d["start"], "end": d["end"], "value_raw": d["number"], "unit_raw": "",
                      "value": d.get("value"), "unit": d.get("unit", ""), "region": d.get("region", ""),
                      "period": d.get("period", ""), "kind": d.get("kind", ""), "indicator": d.get("indicator", ""),
                      "confidence": 1.0, "why": "added by a reviewer", "quote": d["quote"],
                      "subject": d.get("subject", ""), "state": "added"})
items += curated_adds
items.sort(key=lambda r: (int(r["start"]), int(r["end"])))
for it in items:  # what an edit changed shows in the list
    d = decisions.get(it["fact_id"])
    if d and d.get("action") == "edit" and it["state"] == "edited":
        it.update({k: v for k, v in (d.get("set") or {}).items()})
    elif it["fact_id"] in curated_set and it["fact_id"] not in decisions:
        it.update(curated_set[it["fact_id"]])
ids = [it["fact_id"] for it in items]
cur = ss.get("add_cur")
if cur not in ids:
    cur = next((it["fact_id"] for it in items if it["state"] == "suggested"), ids[0] if ids else None)
    ss["add_cur"] = cur
cur_i = ids.index(cur) if cur in ids else -1


def _move(step: int) -> None:
    if not ids:
        return
    i = ids.index(ss.get("add_cur")) if ss.get("add_cur") in ids else -1
    ss["add_cur"] = ids[(i + step) % len(ids)]


def _next_undecided() -> None:
    i = ids.index(ss.get("add_cur")) if ss.get("add_cur") in ids else -1
    order = ids[i + 1:] + ids[:i + 1]
    ss["add_cur"] = next((f for f in order if states.get(f, "added") == "suggested" and f not in decisions),
                         ids[(i + 1) % len(ids)] if ids else None)


def _write(changes: list[tuple[str, dict | None, dict | None]], *, checked=..., record_undo: bool = True) -> bool:
    res = byo.decide(ddir, doc, changes, session=ss["add_session"], seen_rev=ss["add_rev"].get(doc, 0),
                     checked=checked)
    ss["add_rev"][doc] = res.state["rev"]
    if res.others:
        _flash("info", ctx.t("add_others", n=len(res.others), ids=", ".join(res.others[:8])))
    for fid, now in res.conflicts:
        _flash("warning", ctx.t("add_conflict", action=(now or {}).get("action", "–")))
        ss["add_cur"] = fid
    if record_undo:
        by_id = {c[0]: c for c in changes}
        for fid in res.applied:
            ss["add_undo"].append((doc, fid, by_id[fid][1], by_id[fid][2]))
        ss["add_undo"] = ss["add_undo"][-20:]
    return bool(res.applied)


def _row(fid: str) -> dict | None:
    return next((r for r in rows if r["fact_id"] == fid), None)


def _decide(action: str, **kw) -> None:
    fid = ss.get("add_cur")
    row = _row(fid) if fid else None
    if row is None or fid in curated:
        return
    if _write([(fid, decisions.get(fid), byo.decision_for(row, action, **kw))]):
        _next_undecided()


def _accept() -> None:
    _decide("accept")


def _undo() -> None:
    mine = [u for u in ss["add_undo"] if u[0] == doc]
    if not mine:
        _flash("info", ctx.t("add_undo_none"))
        return
    last = mine[-1]
    ss["add_undo"].remove(last)
    _, fid, before, after = last
    current = byo.load_review(ddir, doc)["decisions"].get(fid)
    # undo only what is still there as this session left it
    if byo._strip(current) == byo._strip(after):
        _write([(fid, current, before)], record_undo=False)
    else:
        _flash("warning", ctx.t("add_conflict", action=(current or {}).get("action", "–")))
    ss["add_cur"] = fid


def _clicked() -> None:
    v = ss.get(f"add_view_{doc}")
    fid = getattr(v, "clicked", None) if v is not None else None
    if fid in ids:
        ss["add_cur"] = fid
        ss["add_sel"] = None


def _selected() -> None:
    v = ss.get(f"add_view_{doc}")
    sel = getattr(v, "selection", None) if v is not None else None
    if isinstance(sel, dict):
        try:
            s, e = int(sel["start"]), int(sel["end"])
        except (KeyError, TypeError, ValueError):
            return
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if 0 <= s < e <= len(text) and e - s <= 40:
            ss["add_sel"] = (s, e)


def _list_select(key: str) -> None:
    ev = ss.get(key)
    try:
        rows_sel = ev["selection"]["rows"]
    except (KeyError, TypeError):
        return
    if rows_sel:
        ss["add_cur"] = ids[rows_sel[0]]
        ss["add_sel"] = None


left, right = st.columns([3, 2], gap="medium")
with left:
    segs = byo.segments(text, items)
    version = hashlib.sha1(repr([(s.get("id"), s.get("state"), s.get("kind")) for s in segs if s.get("id")]).encode()
                           ).hexdigest()[:12]
    article_view(doc=doc, version=version, segments=segs, selected=cur, key=f"add_view_{doc}",
                 legend=[(s, STATE_KEYS[s]) for s in ("suggested", "accepted", "rejected", "edited", "added", "rereview")],
                 kinds=KIND_LABELS, states=STATE_KEYS, on_clicked=_clicked, on_selection=_selected)

with right:
    st.subheader(ctx.t("add_facts"))
    if not items:
        st.info(ctx.t("add_no_facts"))
    else:
        table = pd.DataFrame({
            ctx.t("add_col_state"): [STATE_KEYS.get(it["state"], it["state"]) for it in items],
            ctx.t("add_col_value"): [f"{it.get('value_raw', '')}{it.get('unit_raw', '')}" for it in items],
            ctx.t("add_f_unit"): [str(it.get("unit", "")) for it in items],
            ctx.t("add_f_region"): [str(it.get("region", "")) for it in items],
            ctx.t("period"): [str(it.get("period", "")) for it in items],
            ctx.t("add_f_kind"): [KIND_LABELS.get(str(it.get("kind", "")), str(it.get("kind", ""))) for it in items],
            ctx.t("add_f_indicator"): [str(it.get("indicator", "")) for it in items],
            ctx.t("add_conf"): [float(it.get("confidence") or 0) for it in items],
            ctx.t("add_col_why"): [str(it.get("why", "")) for it in items],
        })
        # keyed by the fact in focus, so a click in the text (or a key) also moves the row selection
        list_key = f"add_list_{doc}_{cur_i}"
        st.dataframe(table, key=list_key, on_select=functools.partial(_list_select, list_key),
                     selection_mode="single-row",
                     selection_default={"selection": {"rows": [cur_i] if cur_i >= 0 else [], "columns": []}},
                     hide_index=True, height=min(38 * (len(items) + 1), 420),
                     column_config={ctx.t("add_conf"): st.column_config.NumberColumn(format="%.2f")})

    # the fact in focus, and the decision buttons with their keys
    if cur is not None:
        it = items[cur_i]
        with st.container(border=True, key="add_focus"):
            st.text(ctx.t("add_focus", i=cur_i + 1, n=len(items)) + f" · {STATE_KEYS.get(it['state'])}")
            st.text(f"{it.get('value_raw', '')}{it.get('unit_raw', '')} → {it.get('value', '')} {it.get('unit', '')} · "
                    f"{it.get('region', '')} · {it.get('period', '')} · {KIND_LABELS.get(str(it.get('kind')), '')} · "
                    f"{it.get('indicator', '')} ({it.get('subject', '')})")
            st.text(f"{ctx.t('add_quote')}: {it.get('quote', '')}")
            st.text(f"{ctx.t('add_why')}: {it.get('why', '')}")
    locked_fact = cur is None or cur in curated or _row(cur) is None
    b = st.columns(2)
    b[0].button(ctx.t("add_accept"), key="add_b_accept", shortcut="A", on_click=_accept, disabled=locked_fact,
                icon=":material/check:", width="stretch", type="primary")
    reject_clicked = b[1].button(ctx.t("add_reject"), key="add_b_reject", shortcut="X", disabled=locked_fact,
                                 icon=":material/block:", width="stretch")
    edit_clicked = b[0].button(ctx.t("add_edit"), key="add_b_edit", shortcut="E", disabled=locked_fact,
                               icon=":material/edit:", width="stretch")
    b[1].button(ctx.t("add_skip"), key="add_b_skip", shortcut="Space", on_click=_move, args=(1,),
                icon=":material/skip_next:", width="stretch")
    n = st.columns(3)
    n[0].button(ctx.t("add_prev"), key="add_b_prev", shortcut="K", on_click=_move, args=(-1,),
                icon=":material/arrow_upward:", width="stretch")
    n[1].button(ctx.t("add_next"), key="add_b_next", shortcut="J", on_click=_move, args=(1,),
                icon=":material/arrow_downward:", width="stretch")
    n[2].button(ctx.t("add_undo"), key="add_b_undo", shortcut="U", on_click=_undo, icon=":material/undo:",
                width="stretch")


# ---- dialogs: reject with a reason, edit with choices from the gazetteer and the catalogue ------------------------------
@st.cache_data(show_spinner=False)
def _choices() -> tuple[list[str], list[str], dict[str, str]]:
    from extract.refdata import load_catalogue, load_regions

    regions = sorted(load_regions(), key=lambda r: ({"nation": 0, "province": 1, "area": 2, "city": 3}.get(
        load_regions()[r].level, 4), r))
    cat = load_catalogue()
    return regions, list(cat) + ["other"], {k: v.zh for k, v in cat.items()}


@st.dialog(" ", width="medium")
def _reject_dialog(fid: str) -> None:
    st.subheader(ctx.t("add_reject_title"))
    row = _row(fid)
    st.text(f"{row.get('value_raw', '')}{row.get('unit_raw', '')} · {row.get('quote', '')}")
    presets = [ctx.t(k) for k in ("add_reason_notfact", "add_reason_dup", "add_reason_wrongnum", "add_reason_other")]
    preset = st.pills(ctx.t("add_reject_presets"), presets, key="add_rej_preset")
    reason = st.text_input(ctx.t("add_reject_reason"), value=preset or "", key=f"add_rej_reason_{preset}")
    if st.button(ctx.t("add_reject_confirm"), key="add_rej_ok", type="primary"):
        if not reason.strip():
            st.error(ctx.t("add_reason_needed"))
            return
        ss["add_cur"] = fid
        _decide("reject", reason=reason.strip())
        st.rerun()


def _fact_fields(prefix: str, base: dict) -> dict:
    regions, indicators, ind_names = _choices()
    r = str(base.get("region") or "")
    region = st.selectbox(ctx.t("add_f_region"), regions, index=regions.index(r) if r in regions else None,
                          key=f"{prefix}_region")
    period = st.text_input(ctx.t("add_f_period"), value=str(base.get("period") or ""), key=f"{prefix}_period")
    k = str(base.get("kind") or "actual")
    kind = st.selectbox(ctx.t("add_f_kind"), list(KINDS), index=list(KINDS).index(k) if k in KINDS else 0,
                        format_func=lambda x: KIND_LABELS[x], key=f"{prefix}_kind")
    try:
        v0 = float(base.get("value"))
    except (TypeError, ValueError):
        v0 = 0.0
    value = st.number_input(ctx.t("add_f_value"), value=v0, format="%.6g", key=f"{prefix}_value")
    unit = st.text_input(ctx.t("add_f_unit"), value=str(base.get("unit") or ""), key=f"{prefix}_unit")
    ind = str(base.get("indicator") or "other")
    indicator = st.selectbox(ctx.t("add_f_indicator"), indicators, index=indicators.index(ind) if ind in indicators else
                             len(indicators) - 1, format_func=lambda i: f"{ind_names.get(i, i)} · {i}",
                             key=f"{prefix}_indicator")
    subject = st.text_input(ctx.t("add_f_subject"), value=str(base.get("subject") or ""), key=f"{prefix}_subject")
    return {"region": region, "period": period.strip(), "kind": kind, "value": value, "unit": unit.strip(),
            "indicator": indicator, "subject": subject.strip()}


@st.dialog(" ", width="medium", position="right")
def _edit_dialog(fid: str) -> None:
    st.subheader(ctx.t("add_edit_title"))
    row = _row(fid)
    st.text(f"{row.get('value_raw', '')}{row.get('unit_raw', '')} · {row.get('quote', '')}")
    new = _fact_fields("add_ed", row)
    note = st.text_input(ctx.t("add_f_reason"), key="add_ed_note")
    if st.button(ctx.t("add_edit_save"), key="add_ed_ok", type="primary"):
        changes = {}
        for k, v in new.items():
            old = row.get(k)
            if k == "value":
                try:
                    same = abs(float(old) - float(v)) <= 1e-9 * max(1.0, abs(float(v)))
                except (TypeError, ValueError):
                    same = False
            else:
                same = str(old or "") == str(v or "")
            if not same and v not in (None, ""):
                changes[k] = v
        if not changes:
            st.warning(ctx.t("add_edit_nothing"))
            return
        ss["add_cur"] = fid
        _decide("edit", reason=note.strip() or "edited in the browser", changes=changes)
        st.rerun()


if reject_clicked and cur is not None:
    _reject_dialog(cur)
elif edit_clicked and cur is not None:
    _edit_dialog(cur)

# ---- add a missed fact: the number selected in the text --------------------------------------------------------------------
sel = ss.get("add_sel")
if sel:
    s, e = sel
    number = text[s:e]
    with st.container(border=True, key="add_missed"):
        st.text(ctx.t("add_missed", number=number))
        from extract.numbers import find_numbers

        if not any(ch.isdigit() for ch in number) and not find_numbers(number):
            st.warning(ctx.t("add_missed_bad"))
        else:
            near = next((r for r in sorted(rows, key=lambda r: abs(r["start"] - s))), {})
            base = {"region": near.get("region", ""), "period": near.get("period", "") or (details or guess)["date"][:4],
                    "kind": "actual", "value": "".join(ch for ch in number if ch.isdigit() or ch == ".") or 0,
                    "unit": "", "indicator": "other", "subject": ""}
            with st.form("add_missed_form", border=False):
                fields = _fact_fields("add_mf", base)
                go = st.form_submit_button(ctx.t("add_missed_save"), type="primary")
            if go:
                if not fields["region"] or not fields["period"]:
                    st.error(ctx.t("add_reason_needed") if not fields["region"] else ctx.t("add_f_period"))
                else:
                    fields["period_basis"] = "explicit"
                    fields["subject"] = fields["subject"] or number
                    d = byo.added_decision(text, s, e, fields)
                    fid = f"add_{s}_{e}"
                    if _write([(fid, decisions.get(fid), d)]):
                        ss["add_sel"] = None
                        ss["add_cur"] = fid
                    st.rerun()

# ---- details: date, title, source, URL (prefilled from the extractor), checked before saving -------------------
with st.expander(ctx.t("add_details"), expanded=details is None and not in_dataset, icon=":material/edit_note:"):
    st.caption(ctx.t("add_details_hint", rule=guess["date_rule"]))
    base = details or guess
    with st.form(f"add_meta_{doc}", border=False):
        f_date = st.text_input(ctx.t("add_date"), value=base["date"], key="add_date")
        f_title = st.text_input(ctx.t("add_title_f"), value=base["title"], key="add_title_in", max_chars=300)
        f_source = st.text_input(ctx.t("add_source"), value=base["source"], key="add_source", max_chars=120)
        f_url = st.text_input(ctx.t("add_url"), value=base["url"], key="add_url", max_chars=500)
        saved = st.form_submit_button(ctx.t("add_save_details"), disabled=in_dataset)
    if saved:
        clean, errors = byo.check_details(f_date, f_title, f_source, f_url, dt.date.today())
        if errors:
            for key, kw in errors:
                st.error(ctx.t(key, **kw), icon=":material/error:")
        else:
            byo.save_details(ddir, doc, clean)
            details = clean
            st.success(ctx.t("add_details_saved"))


# ---- bulk accept, checked mark, add to the dataset ----------------------------------------------------------------------
with st.container(border=True, key="add_finish"):
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    x = c1.number_input(ctx.t("add_bulk_x"), min_value=0.0, max_value=1.0, value=0.9, step=0.05, key="add_bulk_x")
    todo = [r for r in rows if states.get(r["fact_id"]) == "suggested" and r["fact_id"] not in curated
            and float(r.get("confidence") or 0) >= x]
    if c2.button(ctx.t("add_bulk_go"), key="add_bulk_go", help=ctx.t("add_bulk")):
        ss["add_bulk_armed"] = x
    if ss.get("add_bulk_armed") is not None:
        if not todo:
            st.info(ctx.t("add_bulk_none", x=x))
            ss["add_bulk_armed"] = None
        elif st.button(ctx.t("add_bulk_confirm", n=len(todo), x=x), key="add_bulk_ok", type="primary"):
            note = f"bulk: accepted with confidence >= {x:g}"
            _write([(r["fact_id"], decisions.get(r["fact_id"]), byo.decision_for(r, "accept", bulk=note)) for r in todo])
            _flash("success", ctx.t("add_bulk_done", n=len(todo)))
            ss["add_bulk_armed"] = None
            st.rerun()
    checked = st.checkbox(ctx.t("add_checked"), value=bool(review.get("checked")), key=f"add_checked_{doc}")
    if checked != bool(review.get("checked")):
        _write([], checked={"by": BY, "at": dt.date.today().isoformat()} if checked else None)
    if in_dataset:
        label, ready = ctx.t("add_commit_saved"), True
    else:
        label, ready = ctx.t("add_commit"), details is not None
        if not ready:
            st.caption(ctx.t("add_need_details"))
    if st.button(label, key="add_commit", type="primary", disabled=not ready, icon=":material/library_add:"):
        d = None if in_dataset else (details or byo.load_details(ddir, doc) or {})
        with st.spinner():
            try:
                res = byo.add_to_dataset(ddir, doc, text, d, byo.load_review(ddir, doc)["decisions"], by=BY,
                                         checked=bool(byo.load_review(ddir, doc).get("checked")))
            except Exception as exc:  # noqa: BLE001 - any refusal is shown, the inputs were rolled back
                st.error(ctx.t("add_failed", msg=_md_safe(" ".join(str(exc).split())[:400])))
            else:
                committed = [(fid, dd, None) for fid, dd in byo.load_review(ddir, doc)["decisions"].items()]
                _write(committed, record_undo=False)
                _flash("success", ctx.t("add_added", facts=res.facts, decisions=res.decisions, n=res.dataset_facts))
                st.rerun()  # the page (and its sidebar) now read the rebuilt dataset and the curation file
