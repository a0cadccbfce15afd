"""Regular expressions of Chinese news prose, in one place; the word lists among them come from the cue
lexicon ``cues.yaml`` (one reason per word).

Each constant states one pattern of the prose. Other modules keep only regexes of text shape
(punctuation classes, digits, year numbers), never words of the prose. Character classes accept both full-width and half-width punctuation because reposted
articles use either.
"""

import re

from extract import cues, unit_table
from extract.trie import guarded

CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
NON_CJK_RUN = re.compile(r"[^\u4e00-\u9fff]+")  # removing these leaves the CJK characters, to count them

# ---- cleaning -------------------------------------------------------------------
# Pinyin glued into characters by some repost sites: 數(shù)字 — a bracketed syllable with a tone mark.
PINYIN_ANNOTATION = re.compile(r"[(（][a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]{0,5}[)）]")
# Page-flow markers of newspaper layouts: (上接第1版) (下转第3版) (转2版)
PAGE_FLOW_MARKER = re.compile(r"[(（]\s*[上下]?[接转轉]\s*第?\s*[0-9一二三四五六七八九十A-Za-z]{1,3}\s*[版页頁]\s*[)）]")
MARKDOWN_HEADING_MARK = re.compile(r"^[ \t]*(#{1,6}[ \t]*)", re.M)
HTML_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
HTML_TAG = re.compile(r"<[^<>\n]{0,500}>")

# ---- structure ------------------------------------------------------------------
CLAUSE_DELIMS = "，,；;：:。！？!?\n"
# 浙江： / 河北：2025年… / 广州: — a region name, then a colon, at the start of a line.
HEADING_WITH_COLON = re.compile(r"^\s*([\u4e00-\u9fff]{2,8})\s*[：:]")

# ---- numbers --------------------------------------------------------------------
# 1,234.5 / 14 879.2 (thousands grouped by a comma, or by a space before a magnitude or unit) / 1234.5
ARABIC = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d{1,3}(?: \d{3})+(?:\.\d+)?(?=\s?(?:万|亿|元|%|个|家|户|人|吨))"
          r"|\d+(?:\.\d+)?")
CHINESE_DIGITS = "零〇一二两三四五六七八九十百千"
CHINESE_NUMERAL = rf"[{CHINESE_DIGITS}]+(?:点[零〇一二三四五六七八九]+)?"
# Where any number token can start (numbers.find_numbers): a digit, a numeral, 万 (上万名, 万亿), 首 (首位), a minus.
NUMBER_START_CHAR = re.compile(rf"[\d{CHINESE_DIGITS}万首\-−]")
MAGNITUDE = r"万亿|千亿|百亿|十亿|千万|百万|十万|亿|万|千(?![瓦伏克米])"

# Units, longest first. Money and measure words may follow a magnitude (万元, 亿元, 万个, 亿剂次).
# Units in the order the number pattern tries them, from the one unit table (data/units.yaml).
UNIT_PERCENT = unit_table.alternation("percent")
UNIT_TIMES = unit_table.alternation("times")
UNIT_MONEY = unit_table.alternation("money")
UNIT_PHYSICAL = unit_table.alternation("physical")
UNIT_COUNT = unit_table.alternation("count")
UNIT_TIME = unit_table.alternation("time")

# A number, its magnitude and unit, as written. Groups: num, num2 (range end), approx, mag, unit.
NUMBER = re.compile(
    rf"(?=[\d{CHINESE_DIGITS}])"  # a cheap first check: most positions hold no numeral
    rf"(?P<num>{ARABIC}|{CHINESE_NUMERAL})"
    rf"(?:(?P<range>[—–\-~～至到])(?P<num2>{ARABIC}|{CHINESE_NUMERAL}))?"
    rf"(?P<approx>多|余)?"
    rf"(?P<mag>{MAGNITUDE})?"
    rf"(?P<approx2>多|余)?"
    rf"(?P<unit>{UNIT_PERCENT}|{UNIT_TIMES}|{UNIT_TIME}|{UNIT_PHYSICAL}|{UNIT_MONEY}|{UNIT_COUNT})?"
)
# Shares written as fractions: 占全国1/10, 三分之一, 接近一半 (read as percentages).
FRACTION_SLASH = re.compile(r"(?<=[占约近超达为是的国省])(?P<a>\d{1,2})/(?P<b>\d{1,3})(?![\d/])")
FRACTION_WORDS = re.compile(r"(?P<b>[一二三四五六七八九十百]+)分之(?P<a>[一二三四五六七八九十]+)")
# 贡献率超7成 / 近八成: N成 is N tenths; after a comparison or share word, and not the verb 成 (建成, 7成为, 成本)
TENTHS = re.compile(r"(?<=[占约近超逾过达到于了为是])(?P<n>[1-9](?:\.\d)?|[一二三四五六七八九])成(?![为本员绩果功交就立长熟型效品都])")
HALF = re.compile(r"(?<=[占约近超逾过达到于了])(?P<half>一半)")
PERCENT_WORDS = re.compile(rf"百分之(?P<num>{ARABIC}|{CHINESE_NUMERAL})")
# 上万名, 近万人, 数万 — a magnitude standing for "one" of it.
BARE_MAGNITUDE = re.compile(r"(?=[万千百])(?<=[上近逾超])(?P<mag>万|千|百)(?P<unit>" + UNIT_COUNT + r")")

# 突破万亿元, 迈上万亿台阶, 超过千万, 站上千亿: a round level written as a bare magnitude (value 1 of it).
MILESTONE_MAGNITUDE = re.compile(
    r"(?<=[破超过上达逾近到入了])(?P<mag>万亿|千亿|百亿|千万|百万)(?P<unit>元|美元|人|户|吨)?(?![\d级])")
# 居全国首位, 位居首位, 排名首位: rank 1 without a numeral.
FIRST_PLACE = re.compile(r"(?<=[居列排位于名])(?:[\u4e00-\u9fff]{0,8}?)(?P<first>首)位")
# Idioms and fixed words made of numerals; masked before numbers are read.
NUMERAL_IDIOMS = re.compile(
    r"千方百计|成千上万|千家万户|千千万万|万无一失|万众一心|千军万马|百花齐放|百家争鸣|千载难逢|一五一十|三番五次|"
    r"万水千山|千辛万苦|千丝万缕|千变万化|万紫千红|百折不挠|百尺竿头|十全十美|一心一意|三心二意|七上八下|"
    r"四面八方|五湖四海|一带一路|一网通办|一网统管|一件事一次办|一企一策|一人一档|"
    r"一体化|一站式|一揽子|一把手|一线|一流|一批|一些|一起|一系列|一定|一致|一步|一道|一直|一贯|一同|一方面|"
    r"一是|二是|三是|四是|五是|六是|七是|八是|九是|十是|万物|百姓|千兆|万兆|十足|百货|千年|百年|万里|千里|"
    r"二维码|三农|二氧化碳|一氧化碳"
)

# Letters glued to a number make it a name or label: 5G, 8K, T4, DM8, IPv6, CCTV-16, 360AI.
LABEL_LETTER_BEFORE = re.compile(r"[A-Za-z][-_]?$")
LABEL_AFTER = re.compile(r"^(?:[A-Za-z]|\+|\.[A-Za-z]|-\d|号|＋)")
LABEL_BEFORE_PLUS = re.compile(r"[+＋]$")

# ---- qualifiers -----------------------------------------------------------------
QUAL_BEFORE_GE = ("超过", "超出", "逾", "突破", "不低于", "不少于", "至少", "最少", "高达", "多达", "超", "破")
QUAL_BEFORE_LE = ("不超过", "不到", "不足", "低于", "少于", "至多", "最多", "未超过", "不高于")
QUAL_BEFORE_APPROX = ("约为", "大约", "约", "近", "将近", "接近", "逼近", "预计约")
QUAL_AFTER_GE = ("以上", "及以上", "多")
QUAL_AFTER_LE = ("以下", "及以下", "以内", "之内")
QUAL_AFTER_APPROX = ("左右", "上下", "许")

# ---- kinds ----------------------------------------------------------------------
RANK_VERB = re.compile(cues.alternation("rank_verbs"))
RANK_POOL_BEFORE = re.compile(r"(全国|全省|全市|世界|全球|中部地区|中部|西部|东部|东北|华中地区|华中|长江经济带|省内|国内"
                              r"|华东|华南|华北|西南|西北|长三角|珠三角|京津冀|成渝地区|沿海)$")
# GDP总量第一 / 增速第三: a measure noun right before 第N makes it the measure's rank
RANK_MEASURE_BEFORE = re.compile(r"(总量|规模|增速|增幅|总值|总额|产值|收入|营收|人均GDP)$")
# 第N + these is an ordinal of an event, edition or batch, not a rank.
ORDINAL_NOUN_AFTER = re.compile(rf"^(?:{cues.alternation('ordinal_nouns_after')})")

CHANGE_VERB = re.compile(
    r"(?:同比|环比|比上年|较上年|比去年|较去年|比上年同期|较去年同期|分别|年均|平均)?"
    r"(?<!新)(?:增长|增加|提高|提升|上升|上涨|增幅|增速|增长率|降低|下降|减少|下滑|回落|缩短|缩减|降幅|跌幅|涨幅|扩大|前进|后退|减|增|降|涨|跌)"
    r"(?:了|为|达|达到|是)?(?:超过|超|近|约|逾|达)?$"
)
DECREASE_WORD = re.compile(r"降低|下降|减少|下滑|回落|缩短|缩减|降幅|跌幅|减|降|跌")
CHANGE_TO_LEVEL = re.compile(r"(?:提高|提升|增加|增长|上升|升|降低|下降|降|扩大|减少|缩小|回升|回落|增)(?:到|至)了?$")  # 升至42%, 提升到71%: the level reached, not the change
TIMES_OF = re.compile(r"是.{0,12}的$")  # 是去年的4倍, 是去年同期的10倍
GROWTH_RATE_WORDS = re.compile(r"(增速|增幅|增长率|复合增长率|降幅|年均增长|年均|涨幅)")

TARGET_CUE = re.compile(cues.alternation("target_cues"))
# 提出了数字经济占GDP比重超45%的目标: the goal is named after the number.
TARGET_AFTER = re.compile(r"^(?:以上|左右|多)?的(?:[\u4e00-\u9fff]{0,4})?目标")
# An estimate of a period already over is a (preliminary) actual, not a target.
ESTIMATE_CUE = re.compile(cues.alternation("estimate_cues"))
# 以58.3%的增速, 6.7%的低速增长, 9.9%的同比增速: the growth noun follows the number.
GROWTH_AFTER = re.compile(r"^(?:左右|以上)?的?(?:GDP|[\u4e00-\u9fff]{0,4}?)(?:同比|名义|实际|年均)?(?:[高低中]速|较快|快速|稳定|平稳)?"
                          r"(?:增速|增长|增幅|涨幅|增长率)")
# 比上年同期高2.3个百分点, 比一季度加快, 较上半年提高: a change against an earlier period of the same quantity.
CHANGE_AGAINST_PERIOD = re.compile(r"(?:比|较)(?:上年|去年|前年|上月|上季度|(?:19|20)\d\d年|[一二三四]季度|上半年|前三季度|1-\d+月)[^，,；;。]{0,6}"
                                   r"(?:高|低|快|慢|加快|放缓|回升|回落|提高|提升|下降|扩大|收窄)了?$")
# After a growth word, these name another (level) quantity: 增速…，占比/比重/普及率 is not a growth.
LEVEL_NOUN_AFTER_GROWTH = re.compile(r"(?:增速|增幅|增长率|增长)[^，,；;。]*?(?:占比|比重|普及率|覆盖率|渗透率|利用率|贡献率|占全)")
# A list of regions with their values in brackets after a growth word: 各市增速：南阳(6.3%)、漯河(7.3%)
GROWTH_LIST_LEAD = re.compile(r"(?:增速|增幅|增长率|增长)[^。；;]*[：:，,]")
NARROWING = re.compile(r"(?:缩小|收窄|扩大|拉大)了?$")
# 翻了一番 / 翻了一倍有余 / 增量达到: changes without a growth verb
CHANGE_WORDS_EXTRA = re.compile(r"翻了?$|增量(?:达到了?|为|达|是)?$")
# 到2025年 / 至2023年: a deadline, hence a target, when the year is not before the article's year.
TARGET_YEAR = re.compile(r"(?<![年\d截])(?:到|至|截至到)((?:19|20)\d\d)年(?!\d{1,2}月)")
# 计划总投资10亿元以上的重大项目: a size class describing things that are counted, not a fact itself.
THRESHOLD_AFTER = re.compile(r"^(?:以上|以下|及以上|及以下)?的[\u4e00-\u9fff]")
THRESHOLD_BOUND_AFTER = re.compile(r"^(?:以上|以下|及以上|及以下)的?[\u4e00-\u9fff]")

# ---- periods --------------------------------------------------------------------
YEAR = r"(?:19|20)\d\d"
PERIOD_EXPR = re.compile(
    # Every alternative starts with a year (19xx/20xx), 1 before a dash (1-9月), a month (12月) or one of these
    # characters; checking that first skips most positions fast, the digits inside other numbers included.
    r"(?=(?:19|20)\d\d|1\s*[—–\-~～至到]|\d\d?月|[今去前明本当全年目截现如近上下第一二三四到至“\"十])"
    rf"(?:(?P<range>(?P<y1>{YEAR})年?\s*[—–\-~～至到]\s*(?P<y2>{YEAR})年)"
    rf"|(?P<to_year>(?:到|(?<!截)至|截至到)(?P<ty>{YEAR})年(?P<ty_end>底|末)?)"
    rf"|(?P<ym_end>截至(?P<ey>{YEAR})年(?P<em>\d{{1,2}})月(?:底|末)?(?!\d{{1,2}}日))"
    rf"|(?P<ymd>(?P<dy>{YEAR})年(?P<dm>\d{{1,2}})月(?P<dd>\d{{1,2}})日)"
    rf"|(?P<y_months>(?P<my>{YEAR})年(?:1|一)?\s*[—–\-~～至到]\s*(?P<mm>\d{{1,2}})月)"
    rf"|(?P<ym>(?P<ymy>{YEAR})年(?P<ymm>\d{{1,2}})月(?:份|底|末)?)"
    rf"|(?P<yh>(?P<hy>{YEAR})年(?P<half>上半年|下半年))"
    rf"|(?P<yq>(?P<qy>{YEAR})年(?:第)?(?P<q>[一二三四1-4])季度)"
    rf"|(?P<yq3>(?P<q3y>{YEAR})年前(?P<q3>[一二三])季度)"
    rf"|(?P<y_first>(?P<fy>{YEAR})年前(?P<fym>\d{{1,2}}|[一二三四五六七八九十]{{1,2}})个?月)"
    rf"|(?P<year>(?P<yy>{YEAR})年(?:度|(?P<year_end>年?底|年?末))?)"
    r"|(?P<fyp>[“\"]?(?P<fyp_n>十二五|十三五|十四五|十五五)[”\"]?(?:期间|时期|以来|末|规划期)?)"
    r"|(?P<rel_same>去年同期|上年同期)"
    r"|(?P<rel>今年|本年度|本年|当年|年内|去年|上年|前年|明年|目前|当前|截至目前|截止目前|现阶段|如今|近年来)"
    r"|(?P<year_end_rel>(?<![\d年])(?:年末|年底))"
    r"|(?P<months>(?:今年)?(?:1|一)\s*[—–\-~～至到]\s*(?P<m2>\d{1,2})月)"
    r"|(?P<month_end>截至(?P<me>\d{1,2})月(?:底|末)?(?!\d{1,2}日))"
    r"|(?P<half_rel>(?:今年)?(?P<half2>上半年|下半年))"
    r"|(?P<q_rel>(?:今年)?(?:第)?(?P<q2>[一二三四])季度)"
    r"|(?P<q3_rel>(?:今年)?前(?P<q32>[一二三])季度)"
    r"|(?P<first_months>前(?P<fm>\d{1,2}|[一二三四五六七八九十]{1,2})个月)"
    r"|(?P<month>(?<![\d.])(?P<mo>\d{1,2})月(?:份)?(?!\d{0,2}日)(?![\d])))"
)
# Words that date a stock to the article's own date (SCHEMA: 目前, 截至目前, 迄今 -> the article's month).
AS_OF_NOW_WORDS = cues.words("as_of_now")
# A year or 去年同期 right after these words is the base of a comparison, not the fact's period.

# ---- judging numbers, subjects and sections (pipeline) -------------------------------
QUOTED = re.compile(r"“[^”\n]{1,30}”|\"[^\"\n]{1,30}\"|《[^》\n]{1,60}》")
STRUCTURAL_NOUN_AFTER = re.compile(
    r"^[\u4e00-\u9fff]{0,6}?(?:方面|专题|任务|措施|举措|阶段|板块|能级|维度|原则|环节|步骤|功能模块|模块|启示|难点|特点|关键词|"
    r"主题|层级|级别|方向|目标|要求|要点|部分|条款|章节|理念|意见|建议|观点|专题展|大类|体系|历史时期)"
)
POOL_AFTER = re.compile(r"^[\u4e00-\u9fff（）()、]{1,12}?(?:中[，,]?(?:排名|排|位居|居|列|名列|位列|第)|(?<!中)第)")
REGION_COUNT_BEFORE = re.compile(r"(?:省份|省市|城市|地市|市州|州市|省辖市)(?:共|共有|有|达)$")
# Hedges: a figure that may happen is not a reported one (如果…也突破4万亿, 或将双双跨越, 有可能凭着30%以上).
HYPOTHETICAL = re.compile(cues.alternation("hedges"))
REGION_COUNT_AFTER = re.compile(r"^(省份|个省|省区市|省（区、市）|省\(区、市\)|城市|地市|市州|州市|地州市|省辖市|"
                                r"县区|区县|县市区|地区)")
# 过10亿元重大增长点: a size class; 跨过/迈过/跃过/越过 X 关口 is a milestone reached, not a class
PRE_THRESHOLD = re.compile(r"(?<![超经通跨迈跃越闯])过$")
INDEX_CONTEXT = re.compile(r"(指数|指标|得分|评分|分值|系数|总分)")
DISTRIBUTE = re.compile(r"(?<![年平])[均皆都]")
LIST_JOINER = re.compile(r"^(?:、|和|及|与|，分别|,分别)$")
SUBJECT_SPLIT = re.compile(r"、|和|与|以及")
LIST_ITEM_SPLIT = re.compile(r"、")  # items of a 分别 list; 和/与 often sit inside the items' names
INDICATOR_NOUN_END = re.compile(r"(率|量|额|数|比重|指数|规模|产值|收入|投资)$")
SUBJECT_LEAD = re.compile(
    r"^(?:[、，,；;]|和|及|与|并且|而且|但是|其中|此外|同时|另外|以及|共计|累计|全部|已经|目前|当前|截至|截止|今年|去年|当年|"
    r"年内|全年|上半年|前三季度|第一季度|并|在(?![用建营册岗线])|对|为|将|让|使|由|从|到|至|等|\d{4}年(?:\d{1,2}月(?:底|末)?)?|\d{1,2}月(?:底|末)?|"
    r"期间|以来|全力|大力|积极|加快|努力|推动|推进|实现|完成|虽然|尽管|但是|但|而|力争|预计|计划|争取)+"
)
# Attribute nouns that name a property of the thing counted just before (总投资额1797亿元 after 项目151个).
ATTRIBUTE_WORDS = (
    r"投资|投资额|总投资|占比|比重|规模|产值|收入|营业收入|增加值|增速|增幅|成交额|成交量|容量|覆盖率|普及率|渗透率|"
    r"贡献率|利用率|数量|金额|户数|人数"
)
ATTRIBUTE_SUBJECT = re.compile(rf"^(?:累计)?(?:总)?(?:{ATTRIBUTE_WORDS})$")
ATTRIBUTE_AT_END = re.compile(rf"(?:累计)?(?:总)?(?:{ATTRIBUTE_WORDS})$")
# A time expression opening a sentence (after a short lead such as 会上介绍，): 2022年， / 今年前三季度， / 截至2022年底，
SENTENCE_OPENING_TIME = re.compile(
    r"\s*(?:[^，,。；;\d]{1,8}[，,]\s*)?(?:截至|截止|到|在)?(?:(?:19|20)\d\d年(?:底|末|上半年|下半年|前三季度|第?[一二三四]季度|\d{1,2}月(?:底|末)?)?|"
    r"今年(?:以来|上半年|前三季度|1[—-]\d{1,2}月)?|去年|上半年|前三季度|第?[一二三四]季度)(?=[，,])"
)
# ，截至4月底，/ ；到2022年底， : a clause that is only a time phrase sets the time of what follows it
TIME_CLAUSE = re.compile(r"(?:^|[，,；;：:])\s*(?:截至|截止|到|至|在|从)?\s*(?P<t>(?:(?:19|20)\d\d年)?(?:\d{1,2}月(?:底|末)|[上下]半年|前?[一二三四]季度|年底|年末)"
                         r"|(?:19|20)\d\d年(?:底|末)?)(?:以来)?\s*(?=[，,])")
# A paragraph that continues the one before (其中, 同期, 此外): the earlier time phrase still governs it.
CONTINUATION_OPENING = re.compile(r"\s*(?:其中|同期|同时|此外|另外|与此同时|而|但|其|分产业看|分行业看|从[^，,]{1,8}看)")
# 4月开工建设: a month that dates an event, not the period of the figures after it
EVENT_MONTH_AFTER = re.compile(r"^(?:份)?(?:开工|投产|上线|举办|举行|召开|印发|发布|启动|开通|成立|签约|获批|建成|开幕|落地|挂牌)")
SUBJECT_TRAIL = re.compile(
    r"(?:同比|环比|分别|累计|共计|合计|总计|达到了|达到|达|为|是|有|至|到|升至|降至|提升至|增至|超过|超|突破|逾|约|近|接近|将近|"
    r"不低于|不少于|不到|不足|高达|多达|实现|完成|增长|增加|提高|提升|上升|下降|降低|减少|保持在|保持|稳定在|持续|居|位居|位列|"
    r"排名|排|列|了|已|的|在|也|均|皆|都|仍|再|新增|新建|建成|培育|引进|签约|吸引|推动|推进|促进|带动|帮助|支持|组织|全省|全市|"
    r"力争|预计|计划|争取|将|要|可|确保|有望|从|由|、|世界|全球|国内|省内|中部地区|中部|西部地区|东部地区|东北地区|"
    r"全国|[（(：:\s])+$"
)
SUBJECT_AFTER_STOP = re.compile(r"[，,；;。！？!?：:（(）)“”\"、]|全部|正在|已|被|将|在|向|从|获|入选|实现|完成|开展|进行|参与|参加|的")
# After a number, these begin a predicate, not the noun the number counts (23个项目全部复工 vs 复工398家).
VERB_AFTER_NUMBER = re.compile(r"^(全部|正在|已|被|将|在|向|从|获|入选|实现|完成|开展|进行|参与|参加|是|为|等|左右|以上|以下|"
                                r"和|及|与|同比|比|较|增长|下降|提高|提升|居|位居|占|分别|均|累计|共|合计)")
# 比上年同期, 较2021年末, 同比, 分别较去年底: the base of a comparison, never part of the subject
SUBJECT_COMPARISON = re.compile(r"(分别)?(比|较|与)(上年|去年|前年|上月|\s+)(同期|底|末|年底|年末)?(相比)?|同比|环比|分别|名义|实际(?=增长)")
CHANGE_VERB_NOUN = re.compile(r"(?<!新)(增加(?!值)|减少|提高|降低)[\u4e00-\u9fff]{1,4}$")
YEARLY_AVG = re.compile(r"年均$")
# 高于全国1.2个百分点, 高出全省平均水平, 比全部工业产值增幅高: a gap to another quantity
GAP_TO_ANY = re.compile(r"(?:高于|低于|超出|高出|领先|落后|多于|少于|快于|慢于)[^，,；;。]{0,10}$|比[^，,；;。]{1,14}(?:高|低|快|慢)$")
GAP_NEAR = re.compile(r"(高于|低于|超出|领先|落后|多于|少于)(全国|全省|全市|中部地区|中部|同期|平均)[\u4e00-\u9fff]{0,6}$")
# 占全国1/10, 约占全国15%: the nation is the whole of a share, the number is the subject's
SHARE_OF_BEFORE = re.compile(r"占(?:据)?$")
COMPARISON_BASE_VALUE = re.compile(r"(全国|全省|平均)(平均)?(水平|值)?$")
TARGET_MODE_OPEN = re.compile(r"目标(?:有[^，,。；;]{0,4})?[：:]")
SENTENCE_SPLIT = re.compile(r"[^。！？!?\n]*[。！？!?]*")
# ---- article date --------------------------------------------------------------------
FULL_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
# 发布时间：2019-05-24 09:00 / 2022年07月11日 09:56 / 2023-07-11 10:02: a page's publication time near its top
PUBLICATION_STAMP = re.compile(
    r"(?:(?:发布|發佈|发表|更新)时间|時間|日期)?[:：]?\s*(?P<y>(?:19|20)\d\d)(?:[-/.年])(?P<m>\d{1,2})(?:[-/.月])\d{1,2}日?"
    r"(?=\s*(?:\d{1,2}:\d{2}|[|｜]|来源|來源|$))", re.M)
# 新华社杭州1月20日电 / 7月10日，记者从…获悉: the day the news was filed
DATELINE = re.compile(r"(?:社|报|網|网|台)?[\u4e00-\u9fff]{0,4}(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:电|讯|消息|[，,])")
# 2021年，全省… / 2021年湖北省…: a year opening a sentence or clause is the year of the data that follows.
DATA_YEAR_OPENING = re.compile(r"(?:^|[。！？；;，,\n]|\s)(?P<y>(?:19|20)\d\d)年(?:全年)?"
                               r"(?!前[一二三]季度|[上下]半年|第?[一二三四]季度|\d|1[-—至])[，,\u4e00-\u9fff]", re.M)
# 2022年冬奥会, 2023年世界互联网大会: a year in the name of an event
EVENT_AFTER_YEAR = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:冬奥会|奥运会|亚运会|世博会|大会|论坛|峰会|博览会|年会|展会|大赛|赛事|版)")
# 2022年前三季度 / 2022年上半年 / 2022年1-9月 / 2022年9月: an in-year span dated with its year
DATED_INYEAR_SPAN = re.compile(r"(?<![到至])(?P<y>(?:19|20)\d\d)年(?:前[一二三]季度|上半年|第?[一二三]季度|1[-—至]\d{1,2}月|\d{1,2}月(?!\d{1,2}日))")
SPAN_END = re.compile(r"前(?P<q3>[一二三])季度|(?P<h>上半年)|第?(?P<q>[一二三])季度|(?P<mo>\d{1,2})月")
# 将 / 要 / 计划 after a year: the year is a plan's, not the data's
FUTURE_WORD = re.compile(r"将|要|计划|预计|争取|目标")
# In-year phrases written without a year: they refer to the article's own year.
INYEAR_PHRASE = re.compile(r"(?<![\d年])(?:今年)?(?:截至|截止|到)(?P<me>\d{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末)"
                           r"|(?<![\d年])(?:今年)?(?P<half>上)半年"
                           r"|(?<![\d年])(?:今年)?前(?P<q>[一二三])季度"
                           r"|(?<![\d年])(?:今年)?1[-—至](?P<fm>\d{1,2})月")
ANY_YEAR = re.compile(r"(?<![到至\d])((?:19|20)\d\d)年")

# 8个省份GDP超过1万亿元 / 32个行业增速高于20%: a level that a counted group crosses describes the group.
GROUP_SUBJECT = re.compile(r"(?:^|[，,；;：:、]|其中)[^，,；;。\d]{0,6}?\d+[个家项座所][\u4e00-\u9fff“”]{1,10}?[^，,；;。]{0,8}"
                           r"(?:高于|超过|超|突破|跨越|迈过|低于|不足|达到|达|在)$")
# 8个省份增速超过18.3%的全国平均水平: the level the group crosses is the nation's own figure
AVERAGE_HOLDER_AFTER = re.compile(r"^的(?:全国|全省|全市)(?:平均)?(?:水平|值|增速)?")
# 超过万亿元的8个省份: a level followed by the group that crosses it
GROUP_AFTER = re.compile(r"^(?:以上|以下)?的\d+[个家座](?:省份|省|城市|地市|省区市|行业|企业)")
# 排名第一的制造企业: a rank inside a noun phrase describes the things, it is not a fact of the region
RANK_IN_NOUN_PHRASE_AFTER = re.compile(r"^[位名]?的(?!宝座|位置|地位|位次|名次|排名|城市)[\u4e00-\u9fff]")
# 500米口径…望远镜, 10万吨级: a measure that names a specification
SPEC_NOUN_AFTER = re.compile(r"^(?:口径|直径|长|宽|高|深|级|型|量级)")
# 每秒产生3.9GB数据 / 每天可处置70吨: the rate of one facility, not a regional figure
PER_TIME_BEFORE = re.compile(r"每(?:秒|分钟|小时|天|日)[\u4e00-\u9fff]{0,4}$")
# 9万片/月, 20万台/年: a capacity per period of one plant
PER_TIME_AFTER = re.compile(r"^/(?:月|年|天|日|小时|秒)")
# 排位从第25位提升至20位: a new rank reached, written without 第
RANK_MOVE_BEFORE = re.compile(r"(?:排位|排名|位次|名次)[^，,。；;]{0,16}(?:提升|上升|前移|升|跃升|下降|降|后移|跌)(?:至|到)了?$")
# 空格 between a number and its magnitude or unit (越过 4000 亿元大关)
SPACED_UNIT_AFTER = re.compile(r"[ \u00a0\u3000](?P<mag>万亿|千亿|百亿|亿|万)?(?P<unit>元|美元|%|个百分点|个|家|户|人|项|台|座)?")

# 人均GDP, 人均可支配收入, 每万人: a quantity per person
PER_PERSON = re.compile(r"人均|每人|户均")
# Subjects that name no quantity: empty, a growth or rank word alone, a leftover function word.
GENERIC_SUBJECT = re.compile(r"(?:的)?(?:增速|增幅|增长|增量|总量|规模|排名|排位|位次|数量|同期|首次|有余|高于|低于|以|为|达)?"
                             r"(?:第[一二三四五六七八九十\d]+)?")

# ---- list and comparison words used by the resolvers -----------------------------------
# 高于全国平均水平48.8: the number after these is the comparison base's own value.
AVERAGE_BASE_BEFORE = re.compile(r"(高于|低于|超过)(全国|全省)?(平均水平|平均值|平均)$")
AVERAGE_AT_END = re.compile(r"(平均水平|平均值|平均)$")
# 入选…、包括…、其中…: words that introduce a 分别 list; the list's items follow them.
LIST_INTRO = re.compile(r"^.*?(入选|包括|其中)")
# …、装备制造业增加值分别增长: the measure after a list's last item, shared by every item
LIST_MEASURE_END = re.compile(r"(?<=[业品])(增加值|营业收入|主营业务收入|总产值|产值|营收|投资)$")
LIST_HEAD_NOUN = re.compile(r"的(数量|比例|规模)?[，,]?$")
# 比一季度回落0.3个百分点: words that make a gap negative
SLOWER_WORD = re.compile(r"低|慢|放缓|回落|下降|收窄|缩小")
DECLINE_RATE_WORD = re.compile(r"降幅|跌幅")
# 近万, 上千, 超百: a lone round numeral after these is a count (近万人), not a size word (十万吨级)
ROUND_NUMERAL_LEAD = re.compile(r"[近上逾超约]$")
# 是去年的4倍: last year is the base of the ratio, not the period
RATIO_BASE_BEFORE = re.compile(r"[是为]$")
RATIO_BASE_AFTER = re.compile(r"(同期)?的")

# ---- region mentions -----------------------------------------------------------------
# 中国 is the nation only when an economic quantity follows; otherwise it opens a name (中国移动, 中国电子报).
CHINA_AS_NATION = re.compile(r"中国(?=数字经济|经济|GDP|制造业|数字产业|的)")
# A mention right after these words is a destination, a source, a partner or a comparison base,
# not the subject of the clause: 向湖北捐赠, 从湖北返回, 高于全国, 居全国第8位, 占全省GDP比重.
NON_SUBJECT_BEFORE = re.compile(rf"(?:{cues.alternation('non_subject_before')})$")
# 全国 inside a clause (入选全国…, 全国首个) is a scope word; only at the head of a clause is it the subject.
CLAUSE_HEAD = re.compile(r"(^|[，,；;：:。！？!?\s、（(]|\d{4}年|年|月|以来|期间|目前|截至|其中|同时|此外)$")
# Words that may stand before a clause's subject without making it an object (其中，宁波…; 同期，全市…).
CARRY_LEAD_WORDS = re.compile(cues.alternation("carry_lead_words"))
# 在全省21个市州中排第2位: a region followed by a pool phrase is the pool, not the ranked subject.
POOL_PHRASE_AFTER = re.compile(r"^[\u4e00-\u9fff\d（）()、]{0,12}?中[，,]?(?:排名|排|位居|居|列|名列|位列|第)")
# 山东移动, 湖北联通, 国网湖北电力: a region's name at the head of a company's name is not the region
COMPANY_AFTER_REGION = re.compile(r"^(?:移动|联通|电信|铁塔|广电|电网|电力公司|烟草|石化|分公司|公司|集团)")
# 中部地区第1位, 全国前列: the pool of a ranking, not the ranked region.
RANK_POOL_AFTER = re.compile(r"^(?:省份|省区市|省区|省市|地区|城市)?(第(?![一二三]产业)|排名|排第|前列|前[一二三四五六七八九十\d]|领先|首位|首个|首家|首批)")
# 江苏的19.2% / 10223.99亿元的湖南 / 18.3%的全国平均水平: a region joined to a number by 的 is its holder.
HOLDER_BETWEEN = re.compile(r"(?:省|市)?(?:的|[（(])")  # 江苏的19.2% / 漯河(7.3%)
HOLDER_AFTER = re.compile(r"的")
EVENT_LOCATION = re.compile(r"^(举行|召开|举办|开幕|闭幕|开展|启动|发布|上线)")

# ---- period resolution ---------------------------------------------------------------
# A flow over a span (新增, 全年, 完成投资) vs a level held at a point (累计, 建成, 拥有, 保有量).
FLOW_CUE = re.compile(cues.alternation("flow_cues"))
STOCK_CUE = re.compile(cues.alternation("stock_cues"))
# Rates measured at a point (普及率, 覆盖率, 数控化率, 复工率) and shares of stocks; shares of flows
# (占GDP比重, 增加值占比) are flows.
POINT_RATE = re.compile(cues.alternation("point_rates"))
FLOW_SHARE = re.compile(cues.alternation("flow_shares"))
# Years named as the time of data (2021年， / 2021年全市…): the year an annual review reports on.
REPORTED_YEAR = re.compile(r"(?<![到至\d])((?:19|20)\d\d)年(?![前后底末]|\d{1,2}月)")
BASE_BEFORE = re.compile(r"(比|较|相比|与|对比|高于|低于|自|和|超过|超出|高出)[“\"]?$")
# 自2011年获批成为试点以来 / 2016年起: the start of a cumulative span, not the period of what follows.
SINCE_AFTER = re.compile(r"^(?:以来|起|开始|至今|获批|成立)")
PLAN_START_AFTER = re.compile(rf"^[”\"]?(?:{cues.alternation('plan_start_after')})")
CHANGE_BETWEEN = re.compile(r"增长|增加|提高|提升|上升|下降|降低|减少|相比|增|降|高|低|快|慢|加快|放缓|回升|回落|缩小|扩大|翻")
# 未来五年 / 今后3年: a goal's horizon, counted from the article's year
TARGET_HORIZON = re.compile(r"(?:未来|今后)(?P<n>[一二三四五六七八九十\d]{1,2})年")
FROM_BEFORE = re.compile(r"(从|由)[^，,；;。]{0,12}$")


# ---- small patterns the resolvers share (compiled once: they run for every number) ---------------------
UNIT_TIME_RE = re.compile(UNIT_TIME)
FROM_AT_END = re.compile(r"[从由]$")  # 由A提高到B: the number after is a starting level
TO_WORD = re.compile(r"[到至]")
YEAR_MENTION = re.compile(r"((?:19|20)\d\d)年")
SENTENCE_END_MARK = re.compile(r"[。！？!?]")
CLAUSE_SPLIT = re.compile(r"[，,：:；;]")
NON_WORD_CHARS = re.compile(r"[^\u4e00-\u9fff\w]")
BARE_MAGNITUDE_CHAR = re.compile(r"[十百千万]")
ORDINAL_LIST_BEFORE = re.compile(r"第[\d一二三四五六七八九十]+、$")  # 第一、第二: a list of ordinals
OPEN_PAREN_AT_END = re.compile(r"[（(]$")
BOUND_WORD_LEAD = re.compile(r"^(以上|以下|左右|多|余)?的?")
SHORT_PARENTHETICAL = re.compile(r"[(（][^()（）]{1,6}[)）]")
BARE_NUMBER = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?(?![A-Za-z\d])")
LONE_JOINER = re.compile(r"(?<=\s)[、和及与](?=\s)")
NUMERIC_ONLY = re.compile(r"[\d.%]+")
# 三次产业结构为2.4∶48.0∶49.6 / 三大产业比例为…: the three industries' shares of GDP, written as a ratio
INDUSTRY_RATIO = re.compile(r"(?:三次|三大|一二三)产业(?:结构|比例|比重|构成|增加值)*(?:之比|比)?(?:为|是|调整为|优化为|达到)?"
                            r"(?P<a>\d+(?:\.\d+)?)\s*[∶:：]\s*(?P<b>\d+(?:\.\d+)?)\s*[∶:：]\s*(?P<c>\d+(?:\.\d+)?)")

# ---- scanning speed -----------------------------------------------------------------
# These open with a look-behind, a group or an anchor, which stops re from skipping ahead to where a match can
# start: each is tried at every position. A look-ahead on the characters a match can start with (computed from
# the regex by extract.trie.first_chars) restores the skip; the matches are the same (tests/test_fast_paths.py).
_GUARDED = ("INYEAR_PHRASE", "CHANGE_VERB", "ATTRIBUTE_AT_END", "SUBJECT_COMPARISON", "HOLDER_BETWEEN", "TARGET_YEAR",
            "CHANGE_VERB_NOUN", "LONE_JOINER", "GAP_TO_ANY", "ANY_YEAR", "HYPOTHETICAL", "RATIO_BASE_AFTER",
            "REPORTED_YEAR", "LIST_MEASURE_END", "BARE_MAGNITUDE", "HALF", "DATED_INYEAR_SPAN", "PRE_THRESHOLD",
            "DISTRIBUTE")
UNGUARDED = {_name: globals()[_name] for _name in _GUARDED}
for _name, _pattern in UNGUARDED.items():
    globals()[_name] = re.compile(guarded(_pattern.pattern), _pattern.flags)
