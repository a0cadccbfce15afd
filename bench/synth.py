"""Synthetic curated datasets of any size, in the same contract as data/ (for scale tests and benchmarks).

    .venv/bin/python -m bench.synth 50000 /tmp/synth50k

``make_synthetic_dataset(n_facts, out_dir)`` writes indicators.csv, indicators.yaml, metadata.yaml and
articles/ (20 facts per article, each sentence generated with the fact, so ``text[start:end]`` is exactly the
number as written). Deterministic for a given ``seed``. Figures are random, not statistics.
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import sys
from pathlib import Path

import yaml

# id, zh, en, canonical unit, category, unit as written, scale to canonical, typical range (as written)
INDICATORS = [
    ("digital_economy_scale", "数字经济规模", "Digital economy size", "亿元", "digital_economy", "万亿元", 10000, (0.1, 6.5)),
    ("digital_economy_gdp_share", "数字经济占GDP比重", "Digital economy share of GDP", "%", "digital_economy", "%", 1, (20, 55)),
    ("core_digital_industry_value_added", "数字经济核心产业增加值", "Core digital industries value added", "亿元",
     "digital_economy", "亿元", 1, (200, 9000)),
    ("base_stations_5g", "5G基站", "5G base stations", "个", "infrastructure", "万个", 10000, (0.5, 25)),
    ("gigabit_users", "千兆用户", "Gigabit broadband users", "万户", "infrastructure", "万户", 1, (10, 900)),
    ("data_center_racks", "数据中心机架", "Data centre racks", "万架", "infrastructure", "万架", 1, (0.5, 40)),
    ("integration_index", "两化融合发展指数", "IT–industry integration index", "", "integration", "", 1, (45, 70)),
    ("cloud_enterprises", "上云企业", "Enterprises on the cloud", "家", "integration", "万家", 10000, (0.2, 10)),
    ("iip_platforms", "工业互联网平台", "Industrial internet platforms", "个", "integration", "个", 1, (5, 300)),
    ("nc_key_process_rate", "关键工序数控化率", "Key-process NC rate", "%", "integration", "%", 1, (45, 70)),
    ("industrial_value_added", "工业增加值", "Industrial value added", "亿元", "industry", "亿元", 1, (2000, 45000)),
    ("industrial_investment", "工业投资", "Industrial investment", "亿元", "investment", "亿元", 1, (500, 20000)),
    ("software_revenue", "软件业务收入", "Software business revenue", "亿元", "ict_industry", "亿元", 1, (50, 18000)),
    ("electronics_manufacturing", "电子信息制造业营业收入", "Electronics manufacturing revenue", "亿元", "ict_industry",
     "亿元", 1, (100, 40000)),
]
CATEGORIES = {
    "digital_economy": ("数字经济", "Digital economy"),
    "infrastructure": ("信息基础设施", "Digital infrastructure"),
    "integration": ("两化融合与数字化转型", "Digitalisation of industry"),
    "industry": ("工业运行", "Industrial performance"),
    "investment": ("投资与项目", "Investment and projects"),
    "ict_industry": ("电子信息与软件", "ICT industries"),
    "other": ("其他", "Other"),
}
CITIES = [  # (city, short, en, province)
    ("武汉市", "武汉", "Wuhan", "湖北省"), ("宜昌市", "宜昌", "Yichang", "湖北省"), ("襄阳市", "襄阳", "Xiangyang", "湖北省"),
    ("长沙市", "长沙", "Changsha", "湖南省"), ("郑州市", "郑州", "Zhengzhou", "河南省"), ("杭州市", "杭州", "Hangzhou", "浙江省"),
    ("宁波市", "宁波", "Ningbo", "浙江省"), ("广州市", "广州", "Guangzhou", "广东省"), ("深圳市", "深圳", "Shenzhen", "广东省"),
    ("南京市", "南京", "Nanjing", "江苏省"), ("苏州市", "苏州", "Suzhou", "江苏省"), ("成都市", "成都", "Chengdu", "四川省"),
    ("石家庄市", "石家庄", "Shijiazhuang", "河北省"), ("海口市", "海口", "Haikou", "海南省"), ("合肥市", "合肥", "Hefei", "安徽省"),
    ("西安市", "西安", "Xi'an", "陕西省"), ("贵阳市", "贵阳", "Guiyang", "贵州省"), ("济南市", "济南", "Jinan", "山东省"),
]
AREAS = {
    "中部地区": ("Central China", ["山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省"]),
    "长三角": ("Yangtze River Delta", ["上海市", "江苏省", "浙江省", "安徽省"]),
    "成渝地区": ("Chengdu–Chongqing", ["四川省", "重庆市"]),
}
SOURCES = ["中国电子报", "人民邮电报", "湖北日报", "浙江日报", "南方日报", "新华社", "经济日报"]
PERIOD_WORDS = {"year": "{y}年", "H1": "{y}年上半年", "Q3": "{y}年前三季度", "M": "截至{y}年{m}月底"}


def _provinces() -> list[tuple[str, str, str, str, str]]:
    from extract.refdata import load_regions  # the gazetteer: 34 divisions with short, en, adcode, group

    return [(r.name, r.short, r.en, r.adcode, r.group)  # the 31 mainland provinces (东/中/西/东北)
            for r in load_regions().values() if r.level == "province" and r.group in ("东部", "中部", "西部", "东北")]


def _fmt_raw(x: float) -> str:
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return s


def make_synthetic_dataset(n_facts: int, out_dir, *, seed: int = 7, facts_per_article: int = 20) -> Path:
    """Write a valid dataset of ``n_facts`` facts to ``out_dir``; returns the folder."""
    rng = random.Random(seed)
    out = Path(out_dir)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    provinces = _provinces()
    regions: list[tuple[str, str, str]] = [("全国", "nation", "我国")]
    regions += [(name, "province", name) for name, *_ in provinces]
    regions += [(c, "city", c) for c, *_ in CITIES]
    regions += [(a, "area", a) for a in AREAS]
    weights = [3] + [6] * len(provinces) + [2] * len(CITIES) + [1] * len(AREAS)

    n_articles = max(1, -(-n_facts // facts_per_article))
    rows: list[dict] = []
    articles_meta: dict[str, dict] = {}
    statuses = ["accepted"] * 14 + ["edited"] * 2 + ["added"] + ["unreviewed"] * 3
    made = 0
    for a in range(n_articles):
        year = rng.randint(2016, 2024)
        month = rng.randint(1, 12)
        doc = f"{a:05d}_synthetic.txt"
        title = f"{rng.choice(['数字经济', '信息化', '工业互联网', '新型基础设施'])}发展观察（第{a + 1}期）"
        lines = [title, ""]
        pos = len(title) + 2
        k = min(facts_per_article, n_facts - made)
        for _ in range(k):
            region, level, wording = rng.choices(regions, weights=weights)[0]
            ind, zh, _en, unit, _cat, unit_raw, scale, (lo, hi) = rng.choice(INDICATORS)
            kind = rng.choices(["actual", "change", "target", "rank"], weights=[10, 4, 2, 1])[0]
            basis = "explicit"
            if kind == "target":
                py = year + rng.randint(1, 5)
                period, when = str(py), f"到{py}年"
            else:
                g = rng.choices(["year", "H1", "Q3", "M"], weights=[8, 1, 1, 1])[0]
                py = year - (1 if g == "year" else 0)
                if g == "year":
                    period, when = str(py), PERIOD_WORDS["year"].format(y=py)
                elif g == "H1":
                    period, when = f"{py}-H1", PERIOD_WORDS["H1"].format(y=py)
                elif g == "Q3":
                    period, when = f"{py}-Q3", PERIOD_WORDS["Q3"].format(y=py)
                else:
                    m = rng.randint(1, max(1, month))
                    period, when = f"{py}-{m:02d}", PERIOD_WORDS["M"].format(y=py, m=m)
            qualifier = rng.choices(["", ">=", "~"], weights=[8, 1, 1])[0]
            qword = {"": "", ">=": "超过", "~": "约"}[qualifier]
            if kind == "change":
                x = round(rng.uniform(-5, 30), 1)
                raw, value, canon, uraw = _fmt_raw(abs(x)), x, "%", "%"
                verb = "同比增长" if x >= 0 else "同比下降"
                before, after = f"{when}，{wording}{zh}{verb}", "%。"
                qualifier = ""
            elif kind == "rank":
                r = rng.randint(1, 31)
                raw, value, canon, uraw = str(r), float(r), "位", "位"
                before, after = f"{when}，{wording}{zh}居全国第", "位。"
                qualifier = ""
            else:
                x = rng.uniform(lo, hi)
                raw = _fmt_raw(x)
                value = round(float(raw) * scale, 4)
                canon, uraw = unit, unit_raw
                verb = "力争达到" if kind == "target" else "达到"
                before, after = f"{when}，{wording}{zh}{verb}{qword}", f"{unit_raw}。"
            sentence = before + raw + after
            start = pos + len(before)
            end = start + len(raw)
            lines.append(sentence)
            pos += len(sentence) + 1
            status = rng.choice(statuses)
            fid = hashlib.sha1(f"{doc}:{start}:{end}".encode()).hexdigest()[:12]
            rows.append({
                "fact_id": fid, "doc": doc, "region": region, "region_level": level, "indicator": ind,
                "subject": zh, "kind": kind, "value_raw": raw, "unit_raw": uraw, "value": repr(float(value)),
                "unit": canon, "qualifier": qualifier, "period": period, "period_basis": basis,
                "quote": sentence.rstrip("。"), "start": start, "end": end,
                "confidence": f"{rng.uniform(0.55, 0.99):.2f}", "status": status,
                "note": "合成数据" if status == "edited" else "",
            })
            made += 1
        text = "\n".join(lines) + "\n"
        (out / "articles" / doc).write_text(text, encoding="utf-8")
        for r in rows[-k:]:
            assert text[r["start"]:r["end"]] == r["value_raw"]
        articles_meta[doc] = {"title": title, "date": f"{year}-{month:02d}", "source": rng.choice(SOURCES), "url": ""}

    cols = list(rows[0]) if rows else ["fact_id"]
    with open(out / "indicators.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    grouped: dict = {}
    for r in rows:
        grouped.setdefault(r["region"], {}).setdefault(r["indicator"], {}).setdefault(r["period"], []).append(
            {k: r[k] for k in ("fact_id", "kind", "value", "unit", "qualifier", "status")})
    # JSON is valid YAML (1.2) and writes 50k facts in well under a second
    (out / "indicators.yaml").write_text(json.dumps(grouped, ensure_ascii=False, indent=1), encoding="utf-8")

    regions_meta: dict = {"全国": {"level": "nation", "en": "China"}}
    for name, short, en, adcode, group in provinces:
        regions_meta[name] = {"level": "province", "short": short, "en": en, "adcode": adcode, "group": group}
    for c, short, en, prov in CITIES:
        regions_meta[c] = {"level": "city", "short": short, "en": en, "province": prov}
    for a, (en, members) in AREAS.items():
        regions_meta[a] = {"level": "area", "en": en, "members": members}
    meta = {
        "indicators": {
            ind: {"zh": zh, "en": en, "unit": unit, "category": cat, "category_zh": CATEGORIES[cat][0],
                  "category_en": CATEGORIES[cat][1], "definition": f"{zh}（合成数据）。", "definition_en": f"{en} (synthetic)."}
            for ind, zh, en, unit, cat, *_ in INDICATORS
        },
        "articles": articles_meta,
        "regions": regions_meta,
    }
    meta["indicators"]["other"] = {"zh": "其他", "en": "Other", "unit": "", "category": "other",
                                   "category_zh": "其他", "category_en": "Other", "definition": "", "definition_en": ""}
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    (out / "metadata.yaml").write_text(
        yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    target = sys.argv[2] if len(sys.argv) > 2 else "bench/out/synth"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(make_synthetic_dataset(n, target))
