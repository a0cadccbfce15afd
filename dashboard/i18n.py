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
    "kinds": ("数据类型", "Measures"),
    "statuses": ("审核状态", "Review status"),
}

# Header labels of the facts table on screen (the CSV keeps the contract's column names).
COLUMN_LABELS = {
    "fact_id": ("事实编号", "Fact ID"), "doc": ("文件", "File"), "region": ("地区", "Region"),
    "region_level": ("地区层级", "Region level"), "indicator": ("指标", "Indicator"), "subject": ("原文表述", "As worded"),
    "kind": ("类型", "Kind"), "value_raw": ("原文数值", "Value as written"), "unit_raw": ("原文单位", "Unit as written"),
    "value": ("数值", "Value"), "unit": ("单位", "Unit"), "qualifier": ("限定", "Bound"), "period": ("时期", "Period"),
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

# English for every unit the extractor can give a fact (extract/patterns.py, extract/units.py) and every unit
# of the indicator catalogue; tests/test_i18n_units.py checks that none is left in Chinese.
UNIT_EN = {
    # money and percentages
    "亿元": "100 million yuan", "万亿元": "trillion yuan", "万元": "10,000 yuan", "元": "yuan",
    "个百分点": "pp", "百分点": "pp", "%": "%", "‰": "‰", "倍": "×", "位": "",
    # measure words of counts (个 and 座 need no English word: "12 base stations" comes from the indicator)
    "个": "", "座": "", "家": "firms", "户": "users", "万户": "10,000 users", "台": "units", "项": "items",
    "架": "racks", "万架": "10,000 racks", "名": "people", "人": "people", "件": "items", "套": "sets",
    "辆": "vehicles", "艘": "ships", "部": "units", "所": "institutions", "只": "units", "支": "units",
    "张": "items", "条": "items", "批": "batches", "份": "copies", "场": "events", "次": "times",
    "起": "cases", "宗": "cases", "块": "pieces", "片": "pieces", "颗": "units", "株": "plants", "头": "head",
    "本": "volumes", "篇": "articles", "处": "sites", "间": "rooms", "栋": "buildings", "对": "pairs",
    "例": "cases", "剂": "doses", "剂次": "doses", "笔": "transactions", "单": "orders", "类": "categories",
    "款": "products", "种": "types", "轮": "rounds", "期": "phases", "人次": "person-times",
    "家次": "firm-times", "个次": "times", "户次": "household-times", "架次": "flights", "艘次": "ship calls",
    # physical and computing units
    "吨": "t", "吨标准煤": "tce", "千克": "kg", "公斤": "kg", "千瓦": "kW", "兆瓦": "MW", "吉瓦": "GW",
    "千瓦时": "kWh", "兆瓦时": "MWh", "千伏": "kV", "千伏安": "kVA", "千瓦伏安": "kVA", "千瓦安": "kVA",
    "平方公里": "km²", "平方千米": "km²", "平方米": "m²", "立方米": "m³", "公顷": "ha", "亩": "mu",
    "公里": "km", "千米": "km", "米": "m", "厘米": "cm", "毫米": "mm", "标准箱": "TEU", "兆": "M",
    "PFlops": "PFlops", "EFlops": "EFlops", "万兆": "10 Gbps", "度": "kWh", "斤": "jin", "吨公里": "t·km",
    # prices, rates and scores that reviewers kept in the article's own unit
    "元/千瓦时": "yuan/kWh", "元/平方米": "yuan/m²", "部/百人": "per 100 people", "分值": "points", "席": "seats",
    "美元": "US dollars",
    # durations
    "年": "years", "多年": "years", "月": "months", "个月": "months", "个多月": "months", "季度": "quarters",
    "周": "weeks", "星期": "weeks", "天": "days", "日": "days", "号": "", "小时": "hours", "时": "hours",
    "分钟": "minutes", "秒": "seconds", "秒钟": "seconds", "岁": "years old",
}

# English readers expect billions, not 亿 (10^8): values in these units are rescaled for display in English.
DISPLAY_EN = {"亿元": (0.1, "bn yuan"), "万亿元": (1000.0, "bn yuan"), "万元": (0.01, "mn yuan"),
              "亿美元": (0.1, "bn US dollars"), "亿欧元": (0.1, "bn euros"), "亿港元": (0.1, "bn HK dollars"),
              "亿日元": (0.1, "bn yen"), "万户": (0.01, "mn users"), "万个": (10_000.0, ""),
              "万家": (10_000.0, "firms"), "万人": (0.01, "mn people")}

QUALIFIER_SYMBOL = {">=": "≥", "<=": "≤", "~": "≈", "": ""}


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


def fmt_value(value: float, unit: str = "", qualifier: str = "", lang: str = "zh", kind: str = "") -> str:
    """A value with its bound and unit as a reader expects it: ≥10,000 亿元, 第8位, No. 8, 43.3%."""
    if kind != "rank" and unit != "位":
        value = float(value) * display_factor(unit or "", lang) if value is not None else value
    num = fmt_number(value)
    q = QUALIFIER_SYMBOL.get(qualifier or "", "")
    if kind == "rank" or unit == "位":
        return f"{q}第{num}位" if lang == "zh" else f"{q}No. {num}"
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


# ---- analyst views and the briefing pack (dashboard/analysis.py, analyst_figures.py, pack.py, pages/pack.py)
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
