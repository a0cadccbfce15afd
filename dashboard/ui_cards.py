"""Formatting and cards: labels for widgets, source lines, units, headline cards, fact cards, empty states.

Safety rule for this module and the pages: text that comes from the dataset (quotes, titles, subjects,
notes, article text) is shown with ``st.text``, ``st.dataframe`` or inside Plotly figures (escaped), never
with ``st.markdown``/``st.caption``/labels that interpret Markdown, and never with ``unsafe_allow_html``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import cached as q
from dashboard.data import clean_quote
from dashboard.i18n import basis_label, fmt_compact, fmt_period, pool_label, source_label, t, unit_label
from dashboard.review import status_text
from dashboard.ui_links import reader_link
from dashboard.ui_state import Ctx, _md_safe

STATUS_ICONS = {"accepted": ":material/check_circle:", "edited": ":material/edit:",
                "added": ":material/add_circle:", "unreviewed": ":material/help:", "rejected": ":material/block:"}


BADGE_COLORS = {"accepted": "blue", "edited": "orange", "added": "green", "unreviewed": "gray", "rejected": "red"}


def headline_card_markdown(label: str, value: str) -> str:
    """A small grey label over a large value, in plain Markdown (both escaped)."""
    return f":gray[{_md_safe(label)}]\n\n## {_md_safe(value)}"


def headline_cards(items: list[tuple[str, str]]) -> None:
    """Headline numbers in a row of bordered cards: label above, large value below.

    Plain Markdown (a heading without its anchor link), not st.metric and not HTML: on a first load
    st.metric pulls seven script chunks (number formatting, sparkline support) and Markdown with HTML three
    (an HTML parser), and those requests queue ahead of plotly.js on the browser's six connections to the
    server, delaying every chart on the page (bench/RESULTS.md, page loads).
    """
    for col, (label, value) in zip(st.columns(len(items), border=True), items, strict=True):
        col.markdown(headline_card_markdown(label, value), anchors=False)


# labels shared by widgets
def fmt_region(ctx: Ctx):
    return lambda r: q.region_label(ctx.ds, r, ctx.lang)


def fmt_indicator(ctx: Ctx):
    return lambda i: q.indicator_label(ctx.ds, i, ctx.lang)


def source_line(ctx: Ctx, docs, *, bare: bool = False) -> str:
    """'来源：中国电子报 2023-03；…。区域数字经济看板整理' (``bare``: without the '来源：' prefix, for the map,
    which adds its own)."""
    names = q.source_names(ctx.ds, list(docs), ctx.lang)
    if not names:
        line = ctx.t("source_line", sources="–")
    elif len(names) <= 3:
        sep = "；" if ctx.lang == "zh" else "; "
        line = ctx.t("source_line", sources=sep.join(names))
    else:
        line = ctx.t("source_line_n", n=len(names), first=names[0])
    if bare:
        for prefix in ("来源：", "Source: "):
            line = line.removeprefix(prefix)
    return line


def unit_text(ctx: Ctx, unit: str, kind: str = "", pool: str = "") -> str:
    """The unit as a subtitle names it: 亿元 / bn yuan, 个 / number, 全国位次 / rank nationally, 指数 / index."""
    if kind == "rank" or unit == "位":
        where = pool_label(pool, ctx.lang)
        return f"{where}位次" if ctx.lang == "zh" else f"rank {where}".strip()
    if unit == "":
        return "指数" if ctx.lang == "zh" else "index"
    u = unit_label(unit, ctx.lang)
    if ctx.lang == "en" and not u:
        return "number"
    return u


def fact_card(ctx: Ctx, row: pd.Series, *, key: str, link: bool = True) -> None:
    """One fact: value, region, indicator, period, review status, the quote (as text) and its article."""
    ds = ctx.ds
    ind = q.indicator_label(ds, str(row["indicator"]), ctx.lang, str(row.get("subject", "")))
    value = fmt_compact(row["value"], str(row["unit"]), str(row["qualifier"]), ctx.lang, str(row["kind"]),
                        str(row.get("rank_of", "") or ""))
    status = str(row["status"])
    kind = t("kind_" + str(row["kind"]), ctx.lang)
    badge = (f":{BADGE_COLORS.get(status, 'gray')}-badge[{STATUS_ICONS.get(status, '')} "
             f"{_md_safe(status_text(status, row.get('confidence'), ctx.lang))}]")
    art = ds.articles.get(str(row["doc"])) or {}
    colon = "：" if ctx.lang == "zh" else ": "
    meta = [str(art.get("title") or row["doc"]),
            source_label(str(art.get("source") or ""), ctx.lang, str(art.get("source_en") or "")),
            str(art.get("date") or "")]
    if str(row.get("period_basis", "")) and str(row.get("period_basis")) != "explicit":
        meta.append(f"{t('period', ctx.lang)}{colon}{basis_label(str(row['period_basis']), ctx.lang)}")
    if str(row.get("note", "")).strip():
        meta.append(f"{t('note_label', ctx.lang)}{colon}{t('curator_wording', ctx.lang)}{row['note']}")
    # Few elements per card (a page shows up to a dozen, and each element is a message the browser renders
    # on arrival): the value line is one Markdown element built only from our own labels, escaped; everything
    # that comes from an article or curation is one plain-text element (quote, article, conflicting values).
    # The row says whether other values exist (``alternatives``); only then look them up (a lookup scans the
    # whole facts table: ~14 ms a card on the shipped data, six cards on the overview).
    n_alt = row.get("alternatives") if "alternatives" in row.index else None
    others = (q.alternatives_of(ds, str(row["fact_id"]))
              if n_alt is None or (pd.to_numeric(n_alt, errors="coerce") or 0) > 0 else None)
    lines = [f"“{clean_quote(str(row['quote']))}”", " · ".join(x for x in meta if x)]
    if others is not None and not others.empty:
        # Articles disagree on this value: every value is kept, side by side, with the rule that chose one.
        rule = str(row.get("preferred_by", "") or "")
        head = t("conflict_preferred" if str(row.get("preferred", "")).lower() == "true" else "conflict_other",
                 ctx.lang, rule=t("prefer_" + rule, ctx.lang) if rule else "")
        lines += [""] + [head] + [
            "· " + fmt_compact(o["value"], str(o["unit"]), str(o["qualifier"]), ctx.lang, str(o["kind"]),
                               str(o.get("rank_of", "") or ""))
            + f"（{(ds.articles.get(str(o['doc'])) or {}).get('source') or o['doc']} "
              f"{(ds.articles.get(str(o['doc'])) or {}).get('date') or ''}）"
            + (f" ← {t('conflict_is_preferred', ctx.lang)}" if str(o.get('preferred', '')).lower() == "true" else "")
            for _, o in others.head(5).iterrows()]
    with st.container(border=True):
        st.text(f"{q.region_label(ds, str(row['region']), ctx.lang)} · {ind} · "
                f"{fmt_period(str(row['period']), ctx.lang)}")
        kind_md = _md_safe(f"（{kind}）" if ctx.lang == "zh" else f" ({kind})")
        st.markdown(f"**{_md_safe(value)}**{kind_md} {badge}")
        st.text("\n".join(lines))
        if link:
            reader_link(ctx, str(row["doc"]), str(row["fact_id"]), key=f"rl_{key}")


def empty_state(ctx: Ctx, key: str = "no_data_filter", **kw) -> None:
    st.info(ctx.t(key, **kw), icon=":material/info:")
