"""Reference facts about China's province-level divisions, used when metadata.yaml says less.

The dataset's metadata.yaml is the first source for region names, levels and groups; this table fills
gaps (English names, the four economic regions) so that grouping and labels still work.
"""

from __future__ import annotations

# name, short, English, adcode, economic region (国家统计局 四大经济区域; 港澳台 have none)
PROVINCES: tuple[tuple[str, str, str, str, str], ...] = (
    ("北京市", "北京", "Beijing", "110000", "东部"),
    ("天津市", "天津", "Tianjin", "120000", "东部"),
    ("河北省", "河北", "Hebei", "130000", "东部"),
    ("山西省", "山西", "Shanxi", "140000", "中部"),
    ("内蒙古自治区", "内蒙古", "Inner Mongolia", "150000", "西部"),
    ("辽宁省", "辽宁", "Liaoning", "210000", "东北"),
    ("吉林省", "吉林", "Jilin", "220000", "东北"),
    ("黑龙江省", "黑龙江", "Heilongjiang", "230000", "东北"),
    ("上海市", "上海", "Shanghai", "310000", "东部"),
    ("江苏省", "江苏", "Jiangsu", "320000", "东部"),
    ("浙江省", "浙江", "Zhejiang", "330000", "东部"),
    ("安徽省", "安徽", "Anhui", "340000", "中部"),
    ("福建省", "福建", "Fujian", "350000", "东部"),
    ("江西省", "江西", "Jiangxi", "360000", "中部"),
    ("山东省", "山东", "Shandong", "370000", "东部"),
    ("河南省", "河南", "Henan", "410000", "中部"),
    ("湖北省", "湖北", "Hubei", "420000", "中部"),
    ("湖南省", "湖南", "Hunan", "430000", "中部"),
    ("广东省", "广东", "Guangdong", "440000", "东部"),
    ("广西壮族自治区", "广西", "Guangxi", "450000", "西部"),
    ("海南省", "海南", "Hainan", "460000", "东部"),
    ("重庆市", "重庆", "Chongqing", "500000", "西部"),
    ("四川省", "四川", "Sichuan", "510000", "西部"),
    ("贵州省", "贵州", "Guizhou", "520000", "西部"),
    ("云南省", "云南", "Yunnan", "530000", "西部"),
    ("西藏自治区", "西藏", "Xizang", "540000", "西部"),
    ("陕西省", "陕西", "Shaanxi", "610000", "西部"),
    ("甘肃省", "甘肃", "Gansu", "620000", "西部"),
    ("青海省", "青海", "Qinghai", "630000", "西部"),
    ("宁夏回族自治区", "宁夏", "Ningxia", "640000", "西部"),
    ("新疆维吾尔自治区", "新疆", "Xinjiang", "650000", "西部"),
    ("台湾省", "台湾", "Taiwan", "710000", ""),
    ("香港特别行政区", "香港", "Hong Kong", "810000", ""),
    ("澳门特别行政区", "澳门", "Macao", "820000", ""),
)

GROUPS: tuple[str, ...] = ("东部", "中部", "西部", "东北")
GROUP_EN = {"东部": "Eastern region", "中部": "Central region", "西部": "Western region", "东北": "Northeast region"}

PROVINCE_INFO: dict[str, dict[str, str]] = {
    name: {"level": "province", "short": short, "en": en, "adcode": adcode, "group": group}
    for name, short, en, adcode, group in PROVINCES
}

NATION_INFO = {"level": "nation", "short": "全国", "en": "China"}


def group_members(group: str) -> list[str]:
    """Province names of one of the four economic regions (东部/中部/西部/东北)."""
    return [name for name, info in PROVINCE_INFO.items() if info["group"] == group]
