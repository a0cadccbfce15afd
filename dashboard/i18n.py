"""The zh/en string table. Chinese first; every label on screen and in figures comes from here.

``t(key, lang, **kw)`` formats the string; a missing key raises KeyError in tests (``check_table``)
rather than showing a raw key to a reader.
"""

from __future__ import annotations

import math

LANGS = ("zh", "en")
LANG_LABELS = {"zh": "中文", "en": "English"}

S: dict[str, tuple[str, str]] = {
    # app / navigation
    "app_title": ("区域数字经济看板", "Regional Digital Economy Dashboard"),
    "nav_overview": ("总览", "Overview"),
    "nav_compare": ("对比", "Compare"),
    "nav_region": ("地区", "Region profile"),
    "nav_indicator": ("指标", "Indicator"),
    "nav_sources": ("来源", "Sources"),
    "nav_data": ("数据", "Data"),
    "language": ("语言 Language", "Language 语言"),
    "view_mode": ("版式", "Layout"),
    "mode_explore": ("浏览", "Explore"),
    "mode_briefing": ("简报", "Briefing"),
    "briefing_help": ("宽版面、隐藏侧栏和图表工具栏，便于截图和打印", "Wide layout, no sidebar clutter and a minimal chart toolbar, for screenshots and print"),
    "dataset_caption": ("数据：{facts} 条事实 · {articles} 篇文章 · 更新于 {updated}", "Data: {facts} facts · {articles} articles · updated {updated}"),
    "data_checks": ("数据检查（{n} 条提示）", "Data checks ({n} notes)"),
    "controls": ("筛选条件", "Filters"),
    "copy_link": ("复制本页链接", "Copy link to this view"),
    "link_copied": ("已复制", "Copied"),
    # dataset error page
    "err_title": ("数据集无法加载", "The dataset cannot be loaded"),
    "err_what": ("出了什么问题", "What is wrong"),
    "err_file": ("文件", "File"),
    "err_fix": ("如何修复", "How to fix it"),
    "err_fix_body": (
        "在项目目录中重新生成数据集：", "Rebuild the dataset from the project folder:"),
    "err_fix_env": (
        "数据目录由环境变量 DASHBOARD_DATA_DIR 指定（未设置时为项目下的 data/）。当前目录：",
        "The data folder is set by the DASHBOARD_DATA_DIR environment variable (default: data/ in the project). Current folder:"),
    "err_fix_after": ("重新生成后刷新本页即可。", "Reload this page after the rebuild."),
    # common
    "indicator": ("指标", "Indicator"),
    "regions": ("地区", "Regions"),
    "region": ("地区", "Region"),
    "period": ("时期", "Period"),
    "measure": ("数据类型", "Measure"),
    "all_regions": ("全部省份", "All provinces"),
    "region_group": ("地区组", "Region group"),
    "group_none": ("自选", "Custom"),
    "latest": ("各地区最新一期", "Latest per region"),
    "value": ("数值", "Value"),
    "unit": ("单位", "Unit"),
    "source": ("来源", "Source"),
    "status": ("审核状态", "Review status"),
    "quote": ("原文", "Quote"),
    "article": ("文章", "Article"),
    "date": ("日期", "Date"),
    "open_reader": ("在原文中查看", "Open in the article reader"),
    "open_region": ("查看地区概况", "Open the region profile"),
    "no_data": ("暂无数据", "No data"),
    "open_region_of": ("查看{region}概况", "Open the profile of {region}"),
    "map_no_value": ("{region}：本指标暂无数据", "{region}: no data for this indicator yet"),
    "map_no_data": ("{region}暂无任何数据", "No data for {region} yet"),
    "no_data_filter": ("当前筛选条件下没有数据。请放宽筛选条件。", "No data for the current filters. Try widening them."),
    "one_region_note": ("仅 {region} 有该指标数据，无法比较。", "Only {region} has data for this indicator; nothing to compare with."),
    "png_download": ("下载 PNG（2×）", "Download PNG (2×)"),
    "png_unavailable": ("PNG 导出需要 Debian chromium 与 fonts-noto-cjk（make system-deps）", "PNG export needs Debian chromium and fonts-noto-cjk (make system-deps)"),
    "table_hint": ("勾选表格中的行，查看对应原文。", "Select rows in the table to see the sentences behind them."),
    "all": ("全部", "All"),
    "level": ("地区级别", "Region level"),
    "click_hint": ("点击图中的柱、点或省份，查看对应原文。", "Click a bar, point or province to see the sentence behind it."),
    "selected_facts": ("所选数据的出处", "Where the selected numbers come from"),
    "source_line": ("来源：{sources}。区域数字经济看板整理", "Source: {sources}. Compiled by the Regional Digital Economy Dashboard"),
    "source_line_n": ("来源：{n} 篇新闻报道（{first} 等）。区域数字经济看板整理", "Source: {n} news articles ({first} et al.). Compiled by the Regional Digital Economy Dashboard"),
    "unreviewed_note": ("斜纹 = 未经人工审核", "Hatched = not yet reviewed"),
    "mixed_measures": ("口径不一：括号内为原文所述的细分口径，与其他地区不可直接比较",
                       "Mixed measures: a name in brackets is the article's narrower measure, not directly comparable"),
    "url_ignored": ("链接中的“{what}”无法识别，已忽略：{values}", "The link's {what} was not recognised and was ignored: {values}"),
    "tab_label": ("视图", "view"),
    "qualifier_note": ("≥ 超过/以上，≈ 约", "≥ at least, ≈ about"),
    "alt_chart": ("图表：{title}。{subtitle}。", "Chart: {title}. {subtitle}."),
    "citation": ("引用：区域数字经济看板（{date}），数据整理自新闻报道，详见 source 列。", "Cite as: Regional Digital Economy Dashboard ({date}), compiled from news reports; see the source columns."),
    # kinds / statuses
    "kind_actual": ("实际值", "Actual"),
    "kind_target": ("目标值", "Target"),
    "kind_change": ("增速/变化", "Growth / change"),
    "kind_rank": ("排名", "Rank"),
    "status_accepted": ("已审核", "Accepted"),
    "status_edited": ("已修订", "Edited"),
    "status_added": ("人工补录", "Added by reviewer"),
    "status_unreviewed": ("未审核", "Unreviewed"),
    "status_rejected": ("已驳回", "Rejected"),
    "note_label": ("审核备注", "Reviewer's note"),
    "reject_reason": ("驳回原因", "Reason for rejection"),
    "curator_wording": ("（审核人原话）", "(reviewer's wording) "),
    "src_status_filter": ("显示哪些数字（按审核状态）", "Numbers shown (by review status)"),
    "src_rejected_in": ("本文被驳回的数字（{n} 个，不在数据集中）", "Numbers rejected in this article ({n}; not in the dataset)"),
    "level_nation": ("全国", "Nation"),
    "level_province": ("省级", "Province"),
    "level_city": ("城市", "City"),
    "level_area": ("区域", "Area"),
    "basis_explicit": ("原文写明", "stated"),
    "basis_relative": ("据文章日期推算", "resolved from the article date"),
    "basis_article": ("取文章日期", "article date"),
    # overview
    "ov_title": ("区域数字经济总览", "Regional digital economy at a glance"),
    "ov_intro": ("数据整理自新闻报道中的地区数字经济指标，每个数字都可追溯到原文句子。",
                 "Regional digital-economy figures compiled from news reports; every number traces back to its sentence."),
    "m_regions": ("地区", "Regions"),
    "m_indicators": ("指标", "Indicators"),
    "m_facts": ("数据点", "Facts"),
    "m_articles": ("文章", "Articles"),
    "m_latest": ("最新时期", "Latest period"),
    "map_title": ("{indicator}：各省份{kind}", "{indicator}: {kind} by province"),
    "rank_title": ("{indicator}：省份排名", "{indicator}: provinces ranked"),
    "newest_facts": ("最新数据", "Newest facts"),
    "map_unavailable": ("地图组件暂不可用（{err}），下方排名图给出同样的数据。", "The map is not available ({err}); the ranking below shows the same data."),
    "subtitle_unit_period": ("单位：{unit}；时期：{period}", "Unit: {unit}; period: {period}"),
    "subtitle_period": ("时期：{period}", "Period: {period}"),
    "periods_range": ("各地区最新一期（{first}–{last}）", "latest per region ({first}–{last})"),
    # compare
    "cmp_title": ("地区对比", "Compare regions"),
    "cmp_bar_title": ("{indicator}：{period}", "{indicator}: {period}"),
    "cmp_line_title": ("{indicator}：历年变化", "{indicator} over time"),
    "cmp_at_title": ("{indicator}：最新实际值与目标", "{indicator}: latest actual vs target"),
    "cmp_table": ("数据表", "Table"),
    "cmp_no_target": ("所选地区没有该指标的目标值。", "None of the selected regions has a target for this indicator."),
    "actual_latest": ("最新实际值", "Latest actual"),
    "target": ("目标值", "Target"),
    "progress": ("完成进度", "Progress"),
    "tab_bar": ("单期对比", "One period"),
    "tab_line": ("历年走势", "Over time"),
    "tab_target": ("实际与目标", "Actual vs target"),
    "tab_table": ("数据表", "Table"),
    "tab_coverage": ("数据覆盖", "Coverage"),
    "tab_timeline": ("时间线", "Timeline"),
    "tab_map": ("省份地图", "Province map"),
    "tab_ranking": ("排名", "Ranking"),
    # region
    "reg_title": ("地区概况", "Region profile"),
    "reg_all_indicators": ("全部指标（最新值）", "Every indicator (latest value)"),
    "reg_targets": ("目标与进度", "Targets and progress"),
    "reg_ranks": ("在各地区中的位次", "Rank among regions"),
    "reg_rank_line": ("{indicator}：第 {rank} / {n} 位（{period}，{n} 个地区有数据）", "{indicator}: {rank} of {n} ({period}; {n} regions with data)"),
    "reg_rank_stated": ("原文所述排名", "Rank stated in the article"),
    "reg_timeline": ("{region}：数据时间线", "{region}: timeline of facts"),
    "reg_no_ranks": ("没有可与其他地区比较的指标。", "No indicator here can be compared with other regions."),
    "reg_no_targets": ("该地区没有目标值。", "No targets for this region."),
    "progress_line": ("{period}实际 {actual}，{year}年目标 {target}：完成 {pct}", "{period} actual {actual} vs {year} target {target}: {pct} of the way"),
    "progress_no_actual": ("{year}年目标 {target}；暂无实际值可比", "{year} target {target}; no actual value to compare"),
    "members": ("成员", "Members"),
    # indicator
    "ind_title": ("指标详情", "Indicator"),
    "definition": ("定义", "Definition"),
    "category": ("类别", "Category"),
    "ind_values": ("各地区数值", "Every region's values"),
    "coverage_title": ("{indicator}：数据覆盖", "{indicator}: data coverage"),
    "coverage_sub": ("每格为该地区该时期的数据条数；颜色为审核状态", "Each cell counts facts for that region and period; colour shows review status"),
    # sources
    "src_title": ("来源文章", "Source articles"),
    "src_search": ("全文搜索", "Full-text search"),
    "src_search_ph": ("输入关键词，例如 5G基站", "Type a word, e.g. 5G基站"),
    "src_hits": ("{n} 篇文章包含“{q}”", "{n} article(s) contain “{q}”"),
    "src_reader": ("阅读原文", "Article reader"),
    "src_pick": ("选择文章", "Choose an article"),
    "src_legend": ("高亮颜色：", "Highlight colours:"),
    "src_missing": ("找不到文章文件：{doc}", "The article file is missing: {doc}"),
    "src_facts_in": ("本文抽取的数据（{n} 条）", "Facts extracted from this article ({n})"),
    "src_fact_sel": ("当前数据", "Selected fact"),
    "src_snippet": ("命中片段", "Matches"),
    "src_view": ("文本", "Text"),
    "src_view_clean": ("整理后（简体）", "Cleaned (Simplified)"),
    "src_view_original": ("原始文本", "Original as published"),
    "open_link": ("打开原文", "Open"),
    "src_untrusted": ("原文按纯文本显示，不解析任何标记。", "The article is shown as plain text; no markup is interpreted."),
    "src_offsets_bad": ("该数据的位置与原文不符（{n} 条）", "Offsets do not match the text for {n} fact(s)"),
    "title": ("标题", "Title"),
    "n_facts": ("数据条数", "Facts"),
    "url": ("链接", "Link"),
    # data
    "dat_title": ("数据表", "Data table"),
    "dat_search": ("在原文/主题中搜索", "Search quotes and subjects"),
    "dat_download": ("下载 CSV（当前显示的 {n} 行）", "Download CSV (the {n} rows shown)"),
    "dat_shown": ("显示 {n} / {total} 行", "Showing {n} of {total} rows"),
    "dat_columns": ("列说明", "Column meanings"),
    "dat_column": ("列", "Column"),
    "dat_csv_codes": ("下载的 CSV 使用数据表的规范列名和代码（见文件开头的说明行），便于程序读取。",
                      "The CSV download keeps the facts table's column names and codes (explained in its header lines), for use in code."),
    "kinds": ("数据类型", "Measures"),
    "statuses": ("审核状态", "Review status"),
}

# Header labels of the facts table on screen (the CSV keeps the contract's column names).
COLUMN_LABELS = {
    "fact_id": ("事实编号", "Fact ID"), "doc": ("文件", "File"), "region": ("地区", "Region"),
    "region_level": ("地区层级", "Region level"), "indicator": ("指标", "Indicator"), "subject": ("原文表述", "As worded"),
    "kind": ("类型", "Kind"), "value_raw": ("原文数值", "Value as written"), "unit_raw": ("原文单位", "Unit as written"),
    "value": ("数值", "Value"), "unit": ("单位", "Unit"), "qualifier": ("限定", "Bound"), "rank_of": ("排名范围", "Rank pool"), "period": ("时期", "Period"),
    "period_basis": ("时期依据", "Period basis"), "quote": ("原文", "Quote"), "start": ("起始位置", "Start"),
    "end": ("结束位置", "End"), "confidence": ("置信度", "Confidence"), "status": ("审核状态", "Review"),
    "note": ("备注", "Note"), "title": ("文章标题", "Article"), "date": ("日期", "Date"), "source": ("来源", "Source"),
}


def column_label(col: str, lang: str) -> str:
    pair = COLUMN_LABELS.get(col)
    return (pair[1] if lang == "en" else pair[0]) if pair else col


COLUMN_DOC: dict[str, tuple[str, str]] = {
    "fact_id": ("数据点的稳定编号", "stable id of the fact"),
    "region": ("地区（规范简体名）", "region (canonical Simplified name)"),
    "region_level": ("地区级别：nation/province/city/area", "region level: nation/province/city/area"),
    "indicator": ("指标编号（目录）或 other", "indicator id from the catalogue, or other"),
    "subject": ("原文中的指标表述", "the indicator as the article words it"),
    "kind": ("actual 实际值 / target 目标 / change 增速 / rank 排名", "actual / target / change / rank"),
    "value": ("规范单位下的数值，下降为负", "value in the canonical unit; negative for decreases"),
    "unit": ("规范单位", "canonical unit"),
    "qualifier": ("限定：>= 超过，<= 不到，~ 约", "bound: >= at least, <= at most, ~ about"),
    "period": ("时期：YYYY、YYYY-MM、YYYY-H1、YYYY-Q1…；目标为目标年份", "period: YYYY, YYYY-MM, YYYY-H1, YYYY-Q1…; a target's target year"),
    "value_raw": ("原文数字", "the number as written"),
    "unit_raw": ("原文单位", "the unit as written"),
    "rank_of": ("排名的范围（全国、中部地区…），空 = 原文未说明", "the pool a rank is within (全国, 中部地区 …); empty = not stated"),
    "quote": ("原文句子", "the sentence from the article"),
    "doc": ("文章文件名", "article file"),
    "title": ("文章标题", "article title"),
    "date": ("文章日期", "article date"),
    "source": ("刊载媒体", "publisher"),
    "status": ("审核状态：accepted/edited/added/unreviewed", "review status: accepted/edited/added/unreviewed"),
    "note": ("审核备注", "reviewer's note"),
    "start": ("数字在原文中的起始位置（字符）", "character offset where the number starts in the article"),
    "end": ("数字在原文中的结束位置（字符）", "character offset where the number ends"),
}

# What each column means, as the Data page shows it (labels, no codes); the CSV's comment lines use COLUMN_DOC.
SCREEN_DOC: dict[str, tuple[str, str]] = {
    "region": ("地区（规范简体名）", "region"),
    "indicator": ("指标目录中的指标；括号内为原文的细分口径", "indicator of the catalogue; in brackets, the article's narrower measure"),
    "subject": ("原文中的指标表述", "the indicator as the article words it (in the article's Chinese)"),
    "kind": ("实际值、目标值、增速/变化或排名", "actual value, target, growth/change or rank"),
    "value": ("数值与单位；排名注明范围（如全国第8位）", "value with its unit; a rank names its pool (e.g. 8th nationally)"),
    "period": ("数据所属时期；目标为目标年份", "period the value is for; for a target, the target year"),
    "status": ("审核状态：已审核、已修订、人工补录或未审核", "review status: accepted, edited, added by a reviewer, or unreviewed"),
    "quote": ("原文句子（简体，已清理拼音标注）", "the sentence from the article (Simplified, pinyin annotations removed)"),
    "title": ("文章标题", "article title"),
    "date": ("文章日期", "article date"),
    "source": ("刊载媒体", "publisher"),
    "note": ("审核备注（审核人原话）", "reviewer's note (the reviewer's own words)"),
    "fact_id": ("数据点的稳定编号", "stable id of the fact"),
}


def screen_doc(col: str, lang: str) -> str:
    pair = SCREEN_DOC.get(col)
    return (pair[1] if lang == "en" else pair[0]) if pair else ""


# English for every unit the extractor can give a fact (extract/patterns.py, extract/units.py) and every unit
# of the indicator catalogue; tests/test_i18n_units.py checks that none is left in Chinese.
def _unit_table_english() -> dict[str, str]:
    """English labels of every unit the extractor reads after a number: the one unit table
    (extract/data/units.yaml), so the extractor and the app never disagree about a unit."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parents[1] / "extract" / "data" / "units.yaml"
    groups = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("groups", {})
    return {e["unit"]: e.get("en", "") for entries in groups.values() for e in entries}


# English for every unit a fact can carry: the unit table's labels, plus the canonical units of the catalogue
# and the dataset (亿元, 万户 …) and the units reviewers kept from the article; tests/test_i18n_units.py checks
# that none is left in Chinese.
UNIT_EN = {
    **_unit_table_english(),
    # canonical money and counts the extractor converts to
    "亿元": "100 million yuan", "万亿元": "trillion yuan", "万元": "10,000 yuan", "元": "yuan",
    "亿美元": "100 million US dollars", "万户": "10,000 users", "万架": "10,000 racks", "万人": "10,000 people",
    "个": "", "座": "", "户": "users", "位": "", "PFlops": "PFlops", "EFlops": "EFlops",
    # prices, rates, scores and words that reviewers kept in the article's own unit
    "元/千瓦时": "yuan/kWh", "元/平方米": "yuan/m²", "部/百人": "per 100 people", "分值": "points", "席": "seats",
    "万兆": "10 Gbps", "度": "kWh", "斤": "jin", "吨公里": "t·km",
}

# English readers expect billions, not 亿 (10^8): values in these units are rescaled for display in English.
DISPLAY_EN = {"亿元": (0.1, "bn yuan"), "万亿元": (1000.0, "bn yuan"), "万元": (0.01, "mn yuan"),
              "亿美元": (0.1, "bn US dollars"), "亿欧元": (0.1, "bn euros"), "亿港元": (0.1, "bn HK dollars"),
              "亿日元": (0.1, "bn yen"), "万户": (0.01, "mn users"), "万个": (10_000.0, ""),
              "万家": (10_000.0, "firms"), "万人": (0.01, "mn people")}

QUALIFIER_SYMBOL = {">=": "≥", "<=": "≤", "~": "≈", "": ""}


# English names of the outlets the articles come from (an article's metadata may also give ``source_en``).
SOURCE_EN = {
    "中国电子报": "China Electronics News", "湖北日报": "Hubei Daily", "人民日报": "People's Daily",
    "经济日报": "Economic Daily", "新华社": "Xinhua News Agency", "光明日报": "Guangming Daily",
    "科技日报": "Science and Technology Daily", "工人日报": "Workers' Daily", "中国日报": "China Daily",
    "人民邮电报": "People's Posts and Telecommunications News", "中国工业报": "China Industry News",
    "长江日报": "Changjiang Daily", "浙江日报": "Zhejiang Daily", "南方日报": "Nanfang Daily",
    "新华日报": "Xinhua Daily", "河北日报": "Hebei Daily", "河南日报": "Henan Daily", "湖南日报": "Hunan Daily",
    "四川日报": "Sichuan Daily", "海南日报": "Hainan Daily", "网络转载": "Online repost",
    "湖北省经济和信息化厅": "Hubei Department of Economy and Information Technology",
}
# Bracketed remarks after an outlet's name: （湖北省经济和信息化厅转发） -> (reposted by …)
SOURCE_REMARK_EN = {"测试样例": "test sample", "转发": "reposted", "转载": "reposted"}


def source_label(source: str, lang: str = "zh", source_en: str = "") -> str:
    """An outlet's name in the reader's language. Chinese as written; English from the article's
    ``source_en``, else the outlet table (with a bracketed remark translated), else the Chinese name in
    curly quotes (the article's wording)."""
    source = str(source or "").strip()
    if lang != "en" or not source:
        return source
    if source_en:
        return str(source_en)
    if source in SOURCE_EN:
        return SOURCE_EN[source]
    for sep in ("（", "("):
        if sep in source and source.endswith(("）", ")")):
            head, remark = source.split(sep, 1)
            remark = remark[:-1]
            if head in SOURCE_EN:
                if remark in SOURCE_REMARK_EN:
                    return f"{SOURCE_EN[head]} ({SOURCE_REMARK_EN[remark]})"
                for word, en in SOURCE_REMARK_EN.items():
                    org = remark.removesuffix(word)
                    if remark.endswith(word) and org in SOURCE_EN:
                        return f"{SOURCE_EN[head]} ({en} by {SOURCE_EN[org]})"
                return f"{SOURCE_EN[head]} (“{remark}”)"
    return f"“{source}”"


def fmt_compact(value: float, unit: str = "", qualifier: str = "", lang: str = "zh", kind: str = "",
                pool: str = "") -> str:
    """A value as a reader writes a large number: 3.8亿吨 / 380 million t, 2.3万亿元 / 2,300 bn yuan,
    7.35万个 / 73,500. Units that already carry a magnitude (亿元, 万户) are left as fmt_value gives them."""
    if kind == "rank" or unit == "位" or value is None or (isinstance(value, float) and math.isnan(value)):
        return fmt_value(value, unit, qualifier, lang, kind, pool)
    v = float(value)
    q = QUALIFIER_SYMBOL.get(qualifier or "", "")
    if lang != "en":
        if unit == "亿元" and abs(v) >= 10_000:
            return f"{q}{fmt_number(round(v / 10_000, 4))}万亿元"
        if unit and unit[0] in "万亿" or unit in ("%", "‰", "个百分点", "百分点", "倍"):
            return fmt_value(value, unit, qualifier, lang, kind)
        for size, word in ((1e8, "亿"), (1e4, "万")):
            if abs(v) >= size:
                return f"{q}{fmt_number(round(v / size, 4))}{word}{unit}"
        return fmt_value(value, unit, qualifier, lang, kind)
    if unit in DISPLAY_EN or unit in ("%", "‰", "个百分点", "百分点", "倍"):
        return fmt_value(value, unit, qualifier, lang, kind)
    u = unit_label(unit, lang)
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            return f"{q}{fmt_number(round(v / size, 3))} {word}" + (f" {u}" if u else "")
    return fmt_value(value, unit, qualifier, lang, kind)


def t(key: str, lang: str = "zh", **kw) -> str:
    zh, en = S[key]
    s = en if lang == "en" else zh
    return s.format(**kw) if kw else s


def unit_label(unit: str, lang: str = "zh") -> str:
    if lang == "en":
        if unit in DISPLAY_EN:
            return DISPLAY_EN[unit][1]
        return UNIT_EN.get(unit, unit)
    return unit


def display_factor(unit: str, lang: str = "zh") -> float:
    """Multiply a canonical value by this to show it in ``unit_label(unit, lang)``."""
    return DISPLAY_EN[unit][0] if lang == "en" and unit in DISPLAY_EN else 1.0


def kind_label(kind: str, lang: str = "zh") -> str:
    return t(f"kind_{kind}", lang) if f"kind_{kind}" in S else kind


def status_label(status: str, lang: str = "zh") -> str:
    return t(f"status_{status}", lang) if f"status_{status}" in S else status


def level_label(level: str, lang: str = "zh") -> str:
    return t(f"level_{level}", lang) if f"level_{level}" in S else level


def basis_label(basis: str, lang: str = "zh") -> str:
    return t(f"basis_{basis}", lang) if f"basis_{basis}" in S else basis


def fmt_number(value: float) -> str:
    """12,345 / 43.3 / 0.125: thousands separators, no trailing zeros, at most 4 significant decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    v = float(value)
    if v.is_integer():
        return f"{int(v):,}"
    s = f"{v:,.4f}".rstrip("0").rstrip(".")
    return s


# The pool a rank is within (the facts' rank_of), as a reader says it: 全国第8位 / 8th nationally.
POOL_ZH = {"中部地区": "中部", "东部地区": "东部", "西部地区": "西部", "东北地区": "东北"}
POOL_EN = {"全国": "nationally", "中部地区": "in Central China", "东部地区": "in Eastern China",
           "西部地区": "in Western China", "东北地区": "in Northeast China", "中部": "in Central China",
           "东部": "in Eastern China", "西部": "in Western China", "东北": "in Northeast China",
           "长江经济带": "in the Yangtze River Economic Belt", "长三角": "in the Yangtze River Delta",
           "粤港澳大湾区": "in the Greater Bay Area", "京津冀": "in Beijing-Tianjin-Hebei",
           "全省": "in the province", "全市": "in the city", "全球": "worldwide", "世界": "worldwide"}


def ordinal(n) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st."""
    try:
        i = int(float(n))
    except (TypeError, ValueError):
        return str(n)
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def pool_label(pool: str, lang: str = "zh") -> str:
    """A rank pool as it prefixes (zh: 全国, 中部) or follows (en: nationally, in Hubei) the rank."""
    pool = str(pool or "").strip()
    if not pool:
        return ""
    if lang != "en":
        return POOL_ZH.get(pool, pool)
    if pool in POOL_EN:
        return POOL_EN[pool]
    from dashboard.regions import region_english  # the dataset's English names

    en = region_english(pool)
    return f"in {en}" if en else f"in {pool}"


def fmt_rank(value, qualifier: str = "", lang: str = "zh", pool: str = "") -> str:
    """全国第8位 / 中部第1位 / 第3位; 8th nationally / 1st in Central China / No. 3."""
    q = QUALIFIER_SYMBOL.get(qualifier or "", "")
    where = pool_label(pool, lang)
    if lang == "zh":
        return f"{q}{where}第{fmt_number(value)}位"
    return f"{q}{ordinal(value)} {where}" if where else f"{q}No. {fmt_number(value)}"


def fmt_value(value: float, unit: str = "", qualifier: str = "", lang: str = "zh", kind: str = "",
              pool: str = "") -> str:
    """A value with its bound and unit as a reader expects it: ≥10,000 亿元, 全国第8位, 8th nationally, 43.3%."""
    if kind == "rank" or unit == "位":
        return fmt_rank(value, qualifier, lang, pool)
    value = float(value) * display_factor(unit or "", lang) if value is not None else value
    num = fmt_number(value)
    q = QUALIFIER_SYMBOL.get(qualifier or "", "")
    u = unit_label(unit or "", lang)
    if u in ("%",):
        return f"{q}{num}%"
    if not u:
        return f"{q}{num}"
    sep = "" if lang == "zh" else " "
    return f"{q}{num}{sep}{u}"


def fmt_period(period: str, lang: str = "zh") -> str:
    """2022 → 2022年 / 2022; 2022-H1 → 2022年上半年 / H1 2022; 2023-06 → 2023年6月 / Jun 2023."""
    p = str(period or "")
    if len(p) == 4:
        return f"{p}年" if lang == "zh" else p
    if len(p) == 7 and p[5] in "HQ":
        y, part = p[:4], p[5:]
        if lang == "zh":
            names = {"H1": "上半年", "H2": "下半年", "Q1": "一季度", "Q2": "二季度", "Q3": "三季度", "Q4": "四季度"}
            return f"{y}年{names.get(part, part)}"
        return f"{part} {y}"
    if len(p) == 7 and p[4] == "-":
        y, m = p[:4], int(p[5:])
        if lang == "zh":
            return f"{y}年{m}月"
        months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
        return f"{months[m - 1]} {y}"
    return p


def check_table() -> list[str]:
    """Keys whose zh or en text is empty (tests assert this is empty)."""
    return [k for k, (zh, en) in S.items() if not zh.strip() or not en.strip()]


# ---- analyst views and the briefing pack (dashboard/analysis.py, analyst_figures.py, pack.py, app_pages/pack.py)
S.update({
    "nav_pack": ("简报包", "Briefing pack"),
    "measure_total": ("总量", "Total"),
    "measure_per_capita": ("人均", "Per capita"),
    "measure_gdp_share": ("占GDP比重", "Share of GDP"),
    "measure_index": ("指数（基期=100）", "Index (base = 100)"),
    "fair_measure": ("口径", "Measure"),
    "log_scale": ("对数坐标", "Log scale"),
    "base_year": ("基期", "Base year"),
    "fair_hint": ("人均用人口、占GDP比重用地区生产总值；缺少分母的地区显示为“无数据”，不做估算。",
                  "Per capita divides by population, share of GDP by GDP; a region without the denominator is shown as missing, never estimated."),
    "fair_missing": ("无数据", "missing"),
    "fair_missing_note": ("缺{what}，无数据：{regions}", "No {what}, missing: {regions}"),
    "fair_missing_more": ("{first}等 {n} 个地区", "{first} and {more} more"),
    "what_population": ("人口", "population"),
    "what_gdp": ("地区生产总值", "GDP"),
    "what_base": ("基期数值", "base-year value"),
    "what_money": ("货币单位", "a money unit"),
    "fair_title": ("{indicator}：{measure}", "{indicator}: {measure}"),
    "unit_per_person": ("元/人", "yuan per person"),
    "unit_per_10k": ("{unit}/万人", "{unit} per 10,000 people"),
    "unit_gdp_share": ("占GDP %", "% of GDP"),
    "unit_index": ("指数，{base}=100", "index, {base} = 100"),
    "status_on_track": ("按当前增速可达成", "on track"),
    "status_behind": ("进度落后", "behind"),
    "status_met": ("已达成", "met"),
    "status_missed": ("到期未达成", "missed"),
    "status_unknown": ("增速不足以判断", "not enough data to judge"),
    "rate_required": ("需年均增长 {r}", "needs {r} a year"),
    "rate_achieved": ("已实现年均 {r}", "achieved {r} a year"),
    "pp_required": ("需每年提高 {r} 个百分点", "needs +{r} pp a year"),
    "pp_achieved": ("已实现每年 {r} 个百分点", "achieved {r} pp a year"),
    "rate_na": ("–", "–"),
    "progress_title": ("{region}·{indicator}：目标进度", "{region} · {indicator}: progress to target"),
    "progress_target_label": ("{year}目标 {value}", "{year} target {value}"),
    "progress_growth_label": ("按年均增长{rate}推算：{value}", "at {rate} a year: {value}"),
    "progress_actual": ("实际值", "Actual"),
    "progress_path": ("至目标所需路径", "Path to target"),
    "targets_title": ("{indicator}：各地区目标进度", "{indicator}: progress to target by region"),
    "targets_required": ("所需年均增速", "Required per year"),
    "targets_achieved": ("已实现年均增速", "Achieved per year"),
    "targets_view": ("目标进度", "Targets"),
    "targets_none": ("没有同时具有目标值和实际值的地区。", "No region has both a target and an actual value."),
    "targets_how": ("计算方法", "How it was computed"),
    "quadrant_title": ("{indicator}：规模与增速", "{indicator}: level vs growth"),
    "quadrant_x": ("最新规模（{unit}）", "Latest level ({unit})"),
    "quadrant_y": ("年均增速（%）", "Growth per year (%)"),
    "quadrant_hi_hi": ("规模大·增长快", "large, fast-growing"),
    "quadrant_lo_hi": ("规模小·增长快", "small, fast-growing"),
    "quadrant_hi_lo": ("规模大·增长慢", "large, slow-growing"),
    "quadrant_lo_lo": ("规模小·增长慢", "small, slow-growing"),
    "quadrant_no_growth": ("无增速数据：{regions}", "No growth figure: {regions}"),
    "quadrant_median": ("虚线为中位数", "dotted lines: medians"),
    "tab_fair": ("公平对比", "Fair comparison"),
    "tab_quadrant": ("规模与增速", "Level vs growth"),
    "pack_add": ("加入简报包", "Add to pack"),
    "pack_added": ("已加入简报包（共 {n} 张）", "Added to the pack ({n} charts)"),
    "pack_title": ("简报包", "Briefing pack"),
    "pack_empty": ("简报包是空的。在任一图表下点“加入简报包”。", "The pack is empty. Use “Add to pack” under any chart."),
    "pack_deck_title": ("简报标题", "Deck title"),
    "pack_default_title": ("区域数字经济简报", "Regional digital economy briefing"),
    "pack_item_title": ("幻灯片标题", "Slide title"),
    "pack_up": ("上移", "Move up"),
    "pack_down": ("下移", "Move down"),
    "pack_remove": ("移除", "Remove"),
    "pack_download_pptx": ("下载 PPTX", "Download PPTX"),
    "pack_download_pdf": ("下载 PDF", "Download PDF"),
    "pack_count": ("{n} 张图表", "{n} charts"),
    "pack_sources": ("资料来源", "Sources"),
    "pack_made_by": ("区域数字经济看板 · {date}", "Regional Digital Economy Dashboard · {date}"),
    "pack_notes_header": ("图中数值的原文出处：", "Where each plotted value comes from:"),
    "pack_clear": ("清空", "Clear"),
    "pack_view_figure": ("页面图表", "Chart from a page"),
    "fair_table_facts": ("所用数据（事实编号）", "Facts used (fact ids)"),
    "pack_more": ("……另有 {n} 张图表", "… and {n} more charts"),
    "pack_url_hint": ("简报包保存在本次会话中，切换页面不会丢失。", "The pack lives in this session and survives page changes."),
})

# ---- coverage page ----
S.update({
    "nav_coverage": ("覆盖", "Coverage"),
    "cov_title": ("数据覆盖：各省核心指标", "Coverage: core indicators by province"),
    "cov_hint": ("每格为已审核数据中该指标最新的时期，空白表示尚无数据。点选一行可打开该地区概况。",
                 "Each cell is the latest reviewed period of that indicator; blank means nothing is known yet. "
                 "Select a row to open the region's profile."),
    "cov_fig_0": ("有≥5条核心指标数据（含数字经济或通信指标）的省份", "provinces with ≥ 5 core facts, one digital or telecom"),
    "cov_fig_1": ("有数字经济规模或占GDP比重的省份", "provinces with digital-economy size or share of GDP"),
    "cov_fig_2": ("有≥3个时期GDP或数字经济序列的省份", "provinces with a series (≥ 3 periods) of GDP or digital economy"),
    "cov_fig_3": ("全国核心数字指标覆盖的年份", "years with core digital indicators for China"),
    "cov_fig_4": ("出现的地级市", "prefecture-level cities"),
    "cov_missing": ("未达目标", "below target"),
    "cov_open_profile": ("打开 {region} 概况", "Open the profile of {region}"),
})

# ---- conflicting values ----
S.update({
    "dat_conflicts": ("只看来源不一致的数值", "Only values the sources disagree on"),
    "dat_conflicts_help": ("同一地区、指标、时期有不同数值的数据点，全部保留；看板按 data/curation/preferences.yaml 的规则选用其一。",
                           "Facts whose region, indicator and period have more than one value. Every value is kept; "
                           "the dashboard draws the one chosen by the rules in data/curation/preferences.yaml."),
    "conflict_preferred": ("另有不同数值（看板选用本条：{rule}）：", "Other sources give other values (this one is drawn: {rule}):"),
    "conflict_other": ("另有不同数值（看板选用的是另一条）：", "Other sources give other values (another one is drawn):"),
    "conflict_is_preferred": ("看板选用", "drawn"),
    "conflict_cell_preferred": ("选用（{rule}）", "drawn ({rule})"),
    "conflict_cell_other": ("未选用", "not drawn"),
    "conflict_cell_count": ("另有{n}个数值", "{n} other value(s)"),
    "conflict_note_lines": ("◆ 来源不一致，图中为按规则选用的数值", "◆ sources disagree: the value drawn is the preferred one"),
    "conflict_note": ("{mark} 来源不一致，图中为按规则选用的数值（数据页可查看全部）",
                      "{mark} sources disagree: the value drawn is the one the rules prefer (all values on the Data page)"),
    "prefer_reviewer": ("审核人指定", "reviewer's choice"),
    "prefer_statistical_source": ("统计部门发布优先", "statistical source"),
    "prefer_exact_over_bound": ("确数优先于约数", "exact over bound"),
    "prefer_later_publication": ("较晚发布", "later publication"),
    "prefer_more_precise": ("数值更精确", "more precise"),
    "prefer_reviewed_over_unreviewed": ("已审核优先", "reviewed first"),
    "prefer_first_in_dataset": ("规则无法区分，取首条", "no rule separates them: the first"),
})
COLUMN_LABELS["conflict"] = ("来源不一致", "sources disagree")

# ---- add an article (app_pages/add_article.py, dashboard/byo.py) ----
S.update({
    "nav_add": ("添加文章", "Add article"),
    "add_title": ("添加文章", "Add an article"),
    "add_hint": ("文章按纯文本显示，每个数字按审核状态着色并标注类型。快捷键：A 接受 · X 拒绝 · 空格 跳过 · E 编辑 · J 下一条 · K 上一条 · U 撤销。"
                 "在文中选中一个数字可补充遗漏的事实。",
                 "The article shows as plain text, every number coloured by review state and labelled by kind. Keys: "
                 "A accept · X reject · Space skip · E edit · J next · K previous · U undo. Select a number in the text "
                 "to add a fact the extractor missed."),
    "add_archive": ("打开的是提取归档（DASHBOARD_ARCHIVE）：添加文章和审核只用于整理后的数据集。",
                    "The app shows an extracted archive (DASHBOARD_ARCHIVE): adding and reviewing articles work on "
                    "the curated dataset only."),
    "add_read_only": ("本部署为只读：添加文章和审核已关闭（DASHBOARD_READ_ONLY）。",
                      "This deployment is read-only: adding and reviewing articles is off (DASHBOARD_READ_ONLY)."),
    "add_intake": ("新文章", "New article"),
    "add_paste": ("粘贴文章全文", "Paste the article's text"),
    "add_paste_ph": ("在此粘贴新闻全文（纯文本或HTML）", "Paste the full text of a news article (plain text or HTML)"),
    "add_upload": ("或上传 .txt / .html / .md 文件（UTF-8 或 GB18030，可多选）",
                   "or upload .txt / .html / .md files (UTF-8 or GB18030, several at once)"),
    "add_read": ("读取文章并抽取数字", "Read and extract"),
    "add_nothing": ("请先粘贴文本或选择文件。", "Paste a text or choose a file first."),
    "add_read_ok": ("已读取“{name}”：{n} 个数字待审核。", "Read “{name}”: {n} numbers to review."),
    "add_read_more": ("另有 {n} 篇已放入下方审核队列。", "{n} more are in the review queue below."),
    "add_html_note": ("HTML 已转为纯文本（删除了 {n} 个脚本/样式元素）。", "HTML reduced to its text ({n} script/style elements dropped)."),
    "add_pasted": ("粘贴的文本", "pasted text"),
    "add_err_file": ("“{name}”：{msg}", "“{name}”: {msg}"),
    "add_err_too_big": ("文件过大（{size} MB，上限 {max} MB），未做任何更改。", "File too large ({size} MB, limit {max} MB); nothing was changed."),
    "add_err_too_long": ("文本过长（{n} 字符，上限 {max}），未做任何更改。", "Text too long ({n} characters, limit {max}); nothing was changed."),
    "add_err_archive": ("这是压缩包（{kind}），不是文章。请解压后上传其中的 .txt/.html 文件。未做任何更改。",
                        "This is an archive ({kind}), not an article. Unpack it and upload the .txt/.html inside. Nothing was changed."),
    "add_err_binary": ("这是二进制文件，不是文本。未做任何更改。", "This is a binary file, not text. Nothing was changed."),
    "add_err_type": ("不支持的文件类型（{suffix}），请上传 .txt、.html 或 .md。未做任何更改。",
                     "Unsupported file type ({suffix}); upload .txt, .html or .md. Nothing was changed."),
    "add_err_encoding": ("文件编码混杂（既非 UTF-8 也非 GB18030），请另存为 UTF-8 后再上传。未做任何更改。",
                         "Mixed encodings (neither UTF-8 nor GB18030); save it as UTF-8 and upload again. Nothing was changed."),
    "add_err_empty": ("文本为空。", "The text is empty."),
    "add_err_not_chinese": ("这不像中文文章（中文字符太少），未做任何更改。", "This does not look like a Chinese article (too few Chinese characters); nothing was changed."),
    "add_err_no_numbers": ("文中没有数字，无可抽取的事实，未做任何更改。", "The text has no numbers, so there are no facts to extract; nothing was changed."),
    "add_details": ("文章信息", "Article details"),
    "add_details_hint": ("已按抽取器的推断预填（日期：{rule}；标题：首行），请核对。", "Prefilled from what the extractor infers (date: {rule}; title: first line); check them."),
    "add_date": ("发布日期（YYYY、YYYY-MM 或 YYYY-MM-DD）", "Date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    "add_title_f": ("标题", "Title"),
    "add_source": ("来源（媒体或机构）", "Source (outlet or body)"),
    "add_url": ("网址（可选）", "URL (optional)"),
    "add_save_details": ("保存文章信息", "Save details"),
    "add_details_saved": ("文章信息已保存。", "Details saved."),
    "add_err_date_missing": ("请填写日期。", "Enter a date."),
    "add_err_date_unreadable": ("日期“{date}”无法识别，请写成 YYYY、YYYY-MM 或 YYYY-MM-DD。", "The date “{date}” cannot be read; write YYYY, YYYY-MM or YYYY-MM-DD."),
    "add_err_date_future": ("日期 {date} 晚于今天（{today}），未保存。", "The date {date} is after today ({today}); not saved."),
    "add_err_title_missing": ("请填写标题。", "Enter a title."),
    "add_err_url": ("网址须以 http:// 或 https:// 开头。", "The URL must start with http:// or https://."),
    "add_facts": ("抽取的事实", "Extracted facts"),
    "add_no_facts": ("抽取器在文中没有找到事实；可在文中选中数字手动补充。", "The extractor found no facts; select a number in the text to add one."),
    "add_col_state": ("状态", "State"),
    "add_col_value": ("数值", "Value"),
    "add_col_why": ("抽取依据", "Extractor's reason"),
    "add_state_suggested": ("待审核", "suggested"),
    "add_state_accepted": ("已接受", "accepted"),
    "add_state_rejected": ("已拒绝", "rejected"),
    "add_state_edited": ("已编辑", "edited"),
    "add_state_added": ("已补充", "added"),
    "add_state_rereview": ("需重新审核", "needs re-review"),
    "add_focus": ("当前事实 {i}/{n}", "Fact {i} of {n}"),
    "add_quote": ("原文", "Quote"),
    "add_why": ("抽取依据", "Why"),
    "add_accept": ("接受", "Accept"),
    "add_reject": ("拒绝", "Reject"),
    "add_skip": ("跳过", "Skip"),
    "add_edit": ("编辑", "Edit"),
    "add_next": ("下一条", "Next"),
    "add_prev": ("上一条", "Previous"),
    "add_undo": ("撤销", "Undo"),
    "add_undo_none": ("没有可撤销的决定。", "Nothing to undo."),
    "add_reject_title": ("拒绝这条事实", "Reject this fact"),
    "add_reject_reason": ("理由", "Reason"),
    "add_reject_presets": ("常见理由", "Common reasons"),
    "add_reason_notfact": ("不是统计事实", "not a statistical fact"),
    "add_reason_dup": ("重复", "duplicate"),
    "add_reason_wrongnum": ("数字识别错误", "wrong number"),
    "add_reason_other": ("其他地区或时期的转述", "restates another region or period"),
    "add_reject_confirm": ("确认拒绝", "Reject"),
    "add_reason_needed": ("拒绝需要理由。", "A rejection needs a reason."),
    "add_edit_title": ("编辑这条事实", "Edit this fact"),
    "add_edit_save": ("保存修改", "Save edit"),
    "add_edit_nothing": ("没有修改任何字段。", "No field was changed."),
    "add_missed": ("补充遗漏的事实：“{number}”", "Add a missed fact: “{number}”"),
    "add_missed_save": ("补充这条事实", "Add this fact"),
    "add_missed_bad": ("所选内容不是文中的数字。", "The selection is not a number in the text."),
    "add_f_region": ("地区", "Region"),
    "add_f_period": ("时期（如 2023、2023-06、2023H1、2023Q3）", "Period (e.g. 2023, 2023-06, 2023H1, 2023Q3)"),
    "add_f_kind": ("类型", "Kind"),
    "add_f_value": ("数值（按单位换算后）", "Value (in the unit)"),
    "add_f_unit": ("单位", "Unit"),
    "add_f_indicator": ("指标", "Indicator"),
    "add_f_subject": ("原文表述", "Subject (the article's wording)"),
    "add_f_reason": ("说明（可选）", "Note (optional)"),
    "add_bulk": ("批量接受置信度 ≥ X 的待审核事实", "Accept all suggested facts with confidence ≥ X"),
    "add_bulk_x": ("置信度阈值 X", "Confidence threshold X"),
    "add_bulk_go": ("批量接受…", "Accept all…"),
    "add_bulk_confirm": ("确认接受 {n} 条置信度 ≥ {x} 的事实（记录为批量接受）", "Confirm: accept {n} facts with confidence ≥ {x} (recorded as a bulk accept)"),
    "add_bulk_none": ("没有置信度 ≥ {x} 的待审核事实。", "No suggested fact has confidence ≥ {x}."),
    "add_bulk_done": ("已批量接受 {n} 条。", "Accepted {n} facts in bulk."),
    "add_checked": ("已核对：文中没有遗漏的事实", "Checked: nothing missing in this article"),
    "add_commit": ("加入数据集", "Add to the dataset"),
    "add_commit_saved": ("保存决定到数据集", "Save decisions to the dataset"),
    "add_need_details": ("请先保存文章信息（日期、标题）。", "Save the article's details (date, title) first."),
    "add_added": ("已加入数据集：{facts} 条抽取事实，{decisions} 条决定已写入，数据集中该文章现有 {n} 条事实。其他页面下次运行即显示。",
                  "Added: {facts} extracted facts, {decisions} decisions written; the dataset now holds {n} facts from this article. Every page shows them on its next run."),
    "add_failed": ("未能加入数据集，未做任何更改：{msg}", "Could not add it; nothing was changed: {msg}"),
    "add_others": ("另一会话刚刚修改了 {n} 条决定，已合并：{ids}", "Another session just changed {n} decisions; merged: {ids}"),
    "add_conflict": ("另一会话已对这条事实作出决定（{action}），你的决定未写入，请查看后再决定。",
                     "Another session already decided this fact ({action}); yours was not written. Look at it and decide again."),
    "add_stale": ("{n} 条决定需要重新审核：抽取器现在给出的位置或原文与决定时不同，未自动应用。",
                  "{n} decisions need re-review: the extractor now gives another span or quote than when they were made; not applied."),
    "add_in_dataset": ("本文已在数据集中（{n} 条已有决定保存在整理文件中）。", "This article is in the dataset ({n} decisions already in its curation file)."),
    "add_queue": ("审核队列", "Review queue"),
    "add_queue_hint": ("有待审核或需重新审核事实的文章，包括命令行添加的文章。点选一行即可打开。",
                       "Articles with undecided or needs-re-review facts, including those added on the command line. "
                       "Select a row to open it."),
    "add_queue_empty": ("队列为空：所有文章都已审核。", "The queue is empty: every article is reviewed."),
    "add_q_doc": ("文章文件", "Article file"),
    "add_q_undecided": ("待审核", "Undecided"),
    "add_q_rereview": ("需重新审核", "Needs re-review"),
    "add_q_state": ("状态", "State"),
    "add_q_draft": ("草稿（尚未加入）", "draft (not added yet)"),
    "add_q_in_dataset": ("已在数据集中", "in the dataset"),
    "add_close": ("关闭这篇文章", "Close this article"),
    "add_missing_doc": ("找不到这篇文章。", "This article cannot be found."),
    "add_conf": ("置信度", "Confidence"),
})
