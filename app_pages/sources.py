"""来源 Sources: the articles with their metadata, full-text search, and a reader that highlights every
extracted number (colour = review status) and links it to its fact.

Article text is untrusted: it is only ever passed to ``st.text`` (plain text, never Markdown or HTML). The
highlighted numbers are buttons whose label is the number itself, and only when it consists of digits
(see dashboard.reader.SAFE_NUMBER).
"""

import pandas as pd
import streamlit as st

from dashboard import cached as q
from dashboard import reader as R
from dashboard.archive import has_doc, is_archive, scoped
from dashboard.data import article_index, load_rejected, read_article
from dashboard.i18n import fmt_value, source_label, status_label
from dashboard.review import tr as review_text
from dashboard.ui import (
    BADGE_COLORS,
    STATUS_ICONS,
    _md_safe,
    empty_state,
    fact_card,
    hint,
    inject_reader_css,
    page_setup,
    scroll_to_selected_number,
    show_provenance,
    url_multiselect,
)
from dashboard.views import values_table

ctx = page_setup("sources")
inject_reader_css()
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("src_title"))

# --- the articles ---------------------------------------------------------------------------------------------
arts = q.article_summary(ds, lang)
docs = list(arts["doc"])
if not docs:
    empty_state(ctx, "no_data")
    st.stop()
# No internal file names; the link column only when some article has a link (an empty column reads as broken).
table = pd.DataFrame({
    ctx.t("title"): arts["title"], ctx.t("date"): arts["date"], ctx.t("source"): arts["source"],
    ctx.t("n_facts"): arts["n"], ctx.t("status_unreviewed"): arts["unreviewed"],
})
link_cfg = {}
if (arts["url"] != "").any():
    table[ctx.t("url")] = arts["url"].where(arts["url"] != "", None)
    link_cfg = {ctx.t("url"): st.column_config.LinkColumn(display_text=ctx.t("open_link"), width="small")}
st.dataframe(table, hide_index=True, key="src_articles", height=min(400, 38 + 35 * len(table)),
             column_config={ctx.t("title"): st.column_config.TextColumn(width="large"), **link_cfg})

# --- state: which article and which fact (from the URL, a search hit, or a click) ------------------------------
qp_doc = st.query_params.get("doc")
if is_archive(ds) and qp_doc and qp_doc not in docs and has_doc(ds, qp_doc):
    docs.append(qp_doc)  # an archive lists its newest articles only; a link may open any other
qp_fact = st.query_params.get("fact")
if qp_doc in docs and st.session_state.get("_src_doc_seen") != qp_doc:
    st.session_state["src_doc_sel"] = qp_doc
    st.session_state["_src_doc_seen"] = qp_doc
if qp_fact and st.session_state.get("_src_fact_seen") != qp_fact:
    st.session_state["src_fact"] = qp_fact
    st.session_state["_src_fact_seen"] = qp_fact
    st.session_state["_src_scroll"] = qp_fact  # arrived by a link ("View in article"): scroll to the number
if st.session_state.get("src_doc_sel") not in docs:
    st.session_state["src_doc_sel"] = qp_doc if qp_doc in docs else docs[0]


def _open(doc: str, fact: str | None = None) -> None:
    st.session_state["src_doc_sel"] = doc
    st.session_state["src_fact"] = fact


@st.cache_resource(show_spinner=False, max_entries=32)
def display(directory: str, doc: str, _original: str) -> R.Display:
    """The cleaned, reflowed article and its offset map (shared, never changed)."""
    return R.display_text(_original)


def _pick_fact(fact: str) -> None:
    st.session_state["src_fact"] = fact


def strike(s: str) -> str:
    """Struck-through text in a plain-text cell: U+0336 after each digit, sign and Latin character (CJK fonts
    have no combining stroke, so a unit such as 亿元 is left as it is)."""
    return "".join(ch + "\u0336" if ch.isascii() and not ch.isspace() else ch for ch in s)


def rejected_card(ctx, row) -> None:
    """A rejected number: struck through, with the reviewer's reason (in the reviewer's own words)."""
    value = fmt_value(row["value"], str(row["unit"]), str(row["qualifier"]), ctx.lang, str(row["kind"]))
    with st.container(border=True):
        st.badge(status_label("rejected", ctx.lang), icon=STATUS_ICONS["rejected"], color=BADGE_COLORS["rejected"])
        st.markdown(f"~~{_md_safe(value)}~~")
        st.text(f"{ctx.t('reject_reason')}：{ctx.t('curator_wording')}{row['reason']}" if ctx.lang == "zh"
                else f"{ctx.t('reject_reason')}: {ctx.t('curator_wording')}{row['reason']}")
        st.text(f"“{row['quote']}”")


# --- full-text search -----------------------------------------------------------------------------------------
st.subheader(ctx.t("src_search"))
query = st.text_input(ctx.t("src_search"), key="src_q", bind="query-params", placeholder=ctx.t("src_search_ph"),
                      label_visibility="collapsed")
if query.strip():
    texts = article_index(ds.data_dir, tuple(docs))
    hits = R.search(texts, query)
    st.text(ctx.t("src_hits", n=len(hits), q=query.strip()))
    for i, (doc, snippets) in enumerate(list(hits.items())[:20]):
        with st.container(border=True):
            c1, c2 = st.columns([5, 1], vertical_alignment="center")
            c1.text(q.article_label(ds, doc))
            c2.button(ctx.t("src_reader"), key=f"src_hit_{i}", on_click=_open, args=(doc,), icon=":material/menu_book:")
            for s in snippets:
                st.text(s)

# --- reader ---------------------------------------------------------------------------------------------------
st.subheader(ctx.t("src_reader"))
doc = st.selectbox(ctx.t("src_pick"), docs, format_func=lambda d: q.article_label(ds, d), key="src_doc_sel")
if doc != st.query_params.get("doc"):
    st.query_params["doc"] = doc
    st.session_state["_src_doc_seen"] = doc
STATUSES = ["accepted", "edited", "added", "unreviewed", "rejected"]
shown_statuses = url_multiselect(ctx, st, ctx.t("src_status_filter"), STATUSES, key="src_status",
                                 labeler=status_label, placeholder=ctx.t("all")) or STATUSES
rejected_all, rejected_warnings = load_rejected(ds.data_dir)
ARCHIVE = is_archive(ds)
ds = ctx.ds = scoped(ds, doc=doc)  # an archive: this article's facts (the shipped dataset: unchanged)
doc_facts = ds.facts.loc[(ds.facts["doc"] == doc) & ds.facts["status"].astype(str).isin(shown_statuses)]
doc_rejected = (rejected_all.loc[rejected_all["doc"] == doc] if "rejected" in shown_statuses
                else rejected_all.iloc[0:0])
selected = st.session_state.get("src_fact")
if selected not in set(doc_facts["fact_id"]) | set(doc_rejected["fact_id"]):
    selected = None
if selected and st.query_params.get("fact") != selected:
    st.query_params["fact"] = selected
    st.session_state["_src_fact_seen"] = selected
elif not selected and "fact" in st.query_params:
    del st.query_params["fact"]

original = read_article(ds.data_dir, doc)
meta = ds.articles.get(doc) or {}
st.text(" · ".join(x for x in (str(meta.get("title") or doc),
                                source_label(str(meta.get("source") or ""), lang, str(meta.get("source_en") or "")),
                                str(meta.get("date") or "")) if x))
# The reader shows the cleaned text (Simplified, no glued pinyin or heading marks, wrapped lines joined);
# the original, exactly as the file has it, is one click away.
view_mode = st.segmented_control(ctx.t("src_view"), ["clean", "original"], required=True, default="clean",
                                 format_func=lambda m: ctx.t(f"src_view_{m}"), key="src_view")
hint(ctx, "src_untrusted")

# The legend: one Markdown element of our own labels (escaped), not a text and five badge elements.
st.markdown(_md_safe(ctx.t("src_legend")) + " " + " ".join(
    f":{BADGE_COLORS[s]}-badge[{STATUS_ICONS[s]} {_md_safe(status_label(s, lang))}]" for s in STATUSES))

col_text, col_side = st.columns([3, 2], gap="large")
with col_text:
    if original is None and ARCHIVE:  # an extracted archive holds the facts and their quotes, not the texts
        st.info(review_text("rv_no_text", lang), icon=":material/info:")
    elif original is None:
        st.warning(ctx.t("src_missing", doc=doc), icon=":material/warning:")
    else:
        spans_in = list(zip(doc_facts["fact_id"], doc_facts["start"], doc_facts["end"],
                            doc_facts["status"].astype(str), strict=True))
        spans_in += [(f, s, e, "rejected") for f, s, e in
                     zip(doc_rejected["fact_id"], doc_rejected["start"], doc_rejected["end"], strict=True)]
        if view_mode == "original":
            text = original
        else:
            shown_text = display(ds.data_dir, doc, original)
            text = shown_text.text
            spans_in = [(f, *(shown_text.span(int(s), int(e)) or (-1, -1)), stt) for f, s, e, stt in spans_in]
        numbers, bad = R.spans(text, spans_in)
        reasons = dict(zip(doc_rejected["fact_id"], doc_rejected["reason"], strict=True))
        if bad:
            st.warning(ctx.t("src_offsets_bad", n=len(bad)), icon=":material/warning:")
        with st.container(border=True, key="reader"):
            # Paragraphs without numbers, one after another, are one plain-text element (blank lines between
            # them): every element is a message the browser renders on arrival, and a long article has dozens.
            plain: list[str] = []
            for par in [*R.paragraphs(text, numbers), None]:
                if par is not None and not par.has_numbers:
                    plain.append(par.pieces[0].text)
                    continue
                if plain:
                    st.text("\n\n".join(plain))
                    plain = []
                if par is None:
                    break
                with st.container(horizontal=True, gap=None, key=f"rdpara-{par.index}"):
                    for piece in par.pieces:
                        if isinstance(piece, R.Text):
                            st.text(piece.text)
                            continue
                        label = piece.safe_label
                        if label is None:  # not a plain number: keep it as text, add a neutral marker
                            st.text(piece.text)
                            label = "◆"
                        sel = "sel-" if selected in piece.fact_ids else ""
                        tip = status_label(piece.status, lang)
                        if piece.status == "rejected":
                            why = reasons.get(piece.fact_ids[0], "")
                            tip = f"{tip} — {ctx.t('curator_wording')}{why}" if why else tip
                        st.button(label, key=f"rdn-{piece.status}-{sel}{piece.start}", type="tertiary",
                                  on_click=_pick_fact, args=(piece.fact_ids[0],), help=tip)
        if selected and st.session_state.get("_src_scroll") == selected:
            scroll_to_selected_number()
            st.session_state["_src_scroll"] = None

with col_side:
    if selected and selected in set(doc_facts["fact_id"]):
        st.markdown(f"**{ctx.t('src_fact_sel')}**")
        row = doc_facts.loc[doc_facts["fact_id"] == selected].iloc[0]
        fact_card(ctx, row, key="src_sel", link=False)
    elif selected:
        st.markdown(f"**{ctx.t('src_fact_sel')}**")
        rejected_card(ctx, doc_rejected.loc[doc_rejected["fact_id"] == selected].iloc[0])
    st.markdown(f"**{ctx.t('src_facts_in', n=len(doc_facts))}**")
    ordered = doc_facts.sort_values("start")
    picked = values_table(ctx, ordered, key="src_doc_table", with_indicator=True)
    if picked:
        show_provenance(ctx, picked, key="src_table_prov")
    if not doc_rejected.empty:
        st.markdown(f"**{ctx.t('src_rejected_in', n=len(doc_rejected))}**")
        rej = doc_rejected.sort_values("start")
        st.dataframe(pd.DataFrame({
            ctx.t("value"): [strike(fmt_value(v, str(u), str(qq), lang, str(k))) for v, u, qq, k in
             zip(rej["value"], rej["unit"], rej["qualifier"], rej["kind"], strict=True)],
            ctx.t("status"): status_label("rejected", lang),
            ctx.t("reject_reason"): [ctx.t("curator_wording") + r for r in rej["reason"]],
            ctx.t("quote"): rej["quote"].to_numpy(),
        }), hide_index=True, key="src_rejected_table")
for w in rejected_warnings:
    st.caption(w)
