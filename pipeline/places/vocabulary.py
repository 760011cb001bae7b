"""The words of body names, as data: what a printed agency name may say, and what it means.

Code in `parse.py` says *how* a name is read; these tables say *what* is recognised. To
accept a new spelling, add a line here (docs/places.md lists the rules they feed).
"""

from __future__ import annotations

# The 55 minority nationalities, as autonomous divisions spell them (恩施土家族苗族自治州,
# 博尔塔拉蒙古自治州: with or without 族). They are cut off a name to get its short form:
# 恩施州, 长阳县. One-character names are only recognised with 族 (白 in 白沙 is no nation).
NATIONALITIES: tuple[str, ...] = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)

# Divisions gone from the current table since the national format began (2019) whose names
# would otherwise be read as another place (重庆市江北区 as 宁波市江北区) or not at all: kept
# under their last GB/T 2260 code, as (code, name, city code or None, province code).
# Renamed ones (洪泽县 → 洪泽区) need no line: a stem with a former suffix finds them.
FORMER_DIVISIONS: tuple[tuple[str, str, str | None, str], ...] = (
    ("500105", "江北区", None, "500000"),  # 重庆, 2025: the table has 两江新区 (500157) instead
    ("500112", "渝北区", None, "500000"),  # 重庆, 2025: likewise
    ("330103", "下城区", "330100", "330000"),  # 杭州, 2021: merged into 拱墅区
    ("330104", "江干区", "330100", "330000"),  # 杭州, 2021: merged into 上城区 and 钱塘区
    ("350402", "梅列区", "350400", "350000"),  # 三明, 2021: merged into 三元区
)

# Suffixes of a division's full name, longest first: stripped to get its stem (洪泽区 → 洪泽).
DIVISION_SUFFIXES: tuple[str, ...] = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
    "省", "市", "盟", "州", "区", "县", "旗",
)

# A short form (淮安, 恩施州) followed by one of these is part of a township's or street's
# name (中山街道 is no 中山市), so it is not read as the division.
NOT_AFTER_SHORT_FORM: tuple[str, ...] = ("街道", "镇", "乡", "村", "社区", "路", "街")

# Township-level divisions: the suffix that ends a township name (岳村镇, 粤海街道).
TOWNSHIP_SUFFIXES: tuple[str, ...] = ("街道", "苏木", "镇", "乡")

# What a township name never holds: it belongs to a department's name (住房和城乡建设局 has
# no township 住房和城乡, 乡村振兴局 none at all) or to a division the parse did not know.
NOT_IN_TOWNSHIP: tuple[str, ...] = (
    "和", "与", "及", "局", "委", "厅", "办", "室", "所", "市", "县", "区", "省",
    "城乡", "城镇", "乡村", "乡镇", "政府", "中心", "管理", "建设", "发展", "振兴", "企业",
)

# Development zones and similar areas that are not divisions. The zone name ends at the
# first of these words (淮安经济技术开发区, 苏州工业园区, 重庆两江新区).
ZONE_WORDS: tuple[str, ...] = (
    "经济技术开发区", "高新技术产业开发区", "高新技术开发区", "经济开发区", "技术开发区", "开发区",
    "高新区", "综合实验区", "实验区", "试验区", "新区", "工业园区", "产业园区", "工业园", "产业园",
    "园区", "综合保税区", "保税区", "示范区", "合作区", "度假区", "风景名胜区", "风景区", "旅游区",
    "管理区",
)

# Zones that carry no division name at all but stand directly under a province, so the
# province is their place (facts: each is a 省政府派出机构 whose 管委会 reports on its own).
SPECIAL_ZONES: dict[str, str] = {
    "平潭综合实验区": "350000",  # 福建省: covers 平潭县, run by the province, not 福州市
    "雄安新区": "130000",  # 河北省
    "横琴粤澳深度合作区": "440000",  # 广东省
}

# Spellings of one body, written the long way (the body key). Applied to the whole body
# text first, then to its end.
BODY_SYNONYMS: dict[str, str] = {
    "政府": "人民政府",
    "委": "委员会",  # 中共洪泽区委
    "人民政府办": "人民政府办公室",
    "政府办": "人民政府办公室",
    "政府办公室": "人民政府办公室",
    "政府办公厅": "人民政府办公厅",
    "办公厅": "人民政府办公厅",
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "发展改革委员会": "发展和改革委员会",
    "卫健委": "卫生健康委员会",
    "卫生健康委": "卫生健康委员会",
    "国资委": "国有资产监督管理委员会",
    "住建局": "住房和城乡建设局",
    "人社局": "人力资源和社会保障局",
    "市场监管局": "市场监督管理局",
    "教体局": "教育和体育局",
    "文广旅局": "文化广电和旅游局",
}
BODY_SUFFIX_SYNONYMS: tuple[tuple[str, str], ...] = (
    ("管委会", "管理委员会"),
    ("街道办", "街道办事处"),
    ("办", "办公室"),  # 信访办 → 信访办公室; 街道办 is caught just above
)

# Body keys of a place's government: 行政公署 governs a 地区 or 盟 (阿拉善盟行政公署).
GOVERNMENTS = frozenset({"人民政府", "行政公署"})
# Body keys that make a government's own office (the 办公厅 of a province, the 办公室 below).
GOVERNMENT_OFFICES = frozenset({"人民政府办公室", "人民政府办公厅"})
# Body texts that begin with the government's name but are departments of it
# (北京市人民政府国有资产监督管理委员会): the prefix is dropped from the key.
GOVERNMENT_PREFIXES: tuple[str, ...] = ("人民政府", "政府")

# Bodies outside the government: party, congress, courts, mass organisations, firms.
OTHER_WORDS: tuple[str, ...] = (
    "中共", "中国共产党", "党委", "党工委", "纪委", "纪律检查委员会", "监察委员会", "人民代表大会",
    "人大", "政协", "人民法院", "人民检察院", "总工会", "共青团", "妇女联合会", "妇联", "大学",
    "学院", "学校", "医院", "公司", "集团", "银行",
)
# How a department's name ends.
DEPARTMENT_ENDINGS: tuple[str, ...] = (
    "局", "厅", "委员会", "委", "办公室", "室", "署", "中心", "处", "所", "站", "队", "馆", "院", "部",
)

# Host labels that name no place (www.hongze.gov.cn → hongze).
HOST_NOISE = frozenset({
    "www", "gov", "cn", "com", "net", "org", "edu", "zwgk", "xxgk", "gk", "zfxxgk", "wap", "m",
    "english", "en", "zwfw", "http", "https",
})
