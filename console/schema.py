"""The one source of truth for the columns: snapshot format, indicators and derived views.

Every column a snapshot file carries, and every column a view derives, is declared here
once: its machine key, its type, its Chinese and English label, the levels where it
applies and one line of meaning. Validation, the store, headers, exports and the format
doc (data/README.md) all read these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FORMAT = "fpa-snapshots/1"
NATIONAL_CODE = "000000"
DEFAULT_DEADLINE = "2021-12-31"
"""The deadline for every prefecture and county reform plan (the end of 2021)."""
ELECTION_TERM_YEARS = 5

LEVELS: tuple[str, ...] = ("national", "province", "prefecture", "county", "township", "village")
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "national": ("全国", "national"),
    "province": ("省级", "province"),
    "prefecture": ("地市级", "prefecture"),
    "county": ("县级", "county"),
    "township": ("乡镇级", "township"),
    "village": ("村级", "village"),
}
LEVEL_SHORT: dict[str, tuple[str, str]] = {
    "national": ("国", "nat."), "province": ("省", "prov."), "prefecture": ("地", "pref."),
    "county": ("县", "cnty"), "township": ("乡", "twp."), "village": ("村", "vil."),
}
"""A level in one character (two to five letters): for a range of levels, 省–县."""
DEMO_DEPTHS: tuple[str, ...] = ("county", "township", "village")
"""The levels the demo data set can stop at."""
STATUSES: tuple[str, ...] = ("active", "merged", "abolished")
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "active": ("正常", "active"),
    "merged": ("合并", "merged"),
    "abolished": ("撤销", "abolished"),
}


class ColumnType(StrEnum):
    """A column's logical type; the DuckDB type name is its value."""

    VARCHAR = "VARCHAR"
    DATE = "DATE"
    BOOLEAN = "BOOLEAN"
    INTEGER = "INTEGER"
    DOUBLE = "DOUBLE"


class Group(StrEnum):
    """How the glossary groups the indicators (the unit detail follows these groups)."""

    IDENTITY = "identity"
    ORGANISATION = "organisation"
    LEADERSHIP = "leadership"
    STAFFING = "staffing"
    FUNCTIONS = "functions"
    FUNDING = "funding"
    VITALITY = "vitality"


GROUP_LABELS: dict[Group, tuple[str, str]] = {
    Group.IDENTITY: ("基本信息", "Identity"),
    Group.ORGANISATION: ("组织建设", "Organisation"),
    Group.LEADERSHIP: ("领导班子", "Leadership"),
    Group.STAFFING: ("机构编制", "Staffing"),
    Group.FUNCTIONS: ("职能任务", "Functions"),
    Group.FUNDING: ("经费保障", "Funding"),
    Group.VITALITY: ("基层活力", "Grassroots vitality"),
}

ALL = frozenset(LEVELS)
PROVINCE_TO_COUNTY = frozenset({"province", "prefecture", "county"})
PREFECTURE_COUNTY = frozenset({"prefecture", "county"})
COUNTY_DOWN = frozenset({"county", "township", "village"})
TOWNSHIP_VILLAGE = frozenset({"township", "village"})


@dataclass(frozen=True)
class Column:
    """One column: its key, type, labels, the levels where it applies, its meaning."""

    key: str
    type: ColumnType
    zh: str
    en: str
    levels: frozenset[str]
    group: Group
    meaning: str

    def label(self, lang: str) -> str:
        """The column's label in 'zh' or 'en'."""
        return self.zh if lang == "zh" else self.en


def _c(key: str, type_: ColumnType, zh: str, en: str, levels: frozenset[str], group: Group,
       meaning: str) -> Column:
    return Column(key, type_, zh, en, levels, group, meaning)


BOOL, DAY, INT, REAL, TEXT = (
    ColumnType.BOOLEAN,
    ColumnType.DATE,
    ColumnType.INTEGER,
    ColumnType.DOUBLE,
    ColumnType.VARCHAR,
)

IDENTITY: tuple[Column, ...] = (
    _c("period", DAY, "报告期", "Period", ALL, Group.IDENTITY,
       "first day of the monthly reporting period"),
    _c("unit_code", TEXT, "单位代码", "Unit code", ALL, Group.IDENTITY,
       "GB/T 2260 code; townships 9 digits, villages 12, the nation '000000'"),
    _c("unit_name", TEXT, "单位名称", "Unit", ALL, Group.IDENTITY,
       "the area's name, e.g. 江西省"),
    _c("level", TEXT, "层级", "Level", ALL, Group.IDENTITY,
       "national, province, prefecture, county, township or village"),
    _c("parent_code", TEXT, "上级代码", "Parent code", ALL, Group.IDENTITY,
       "unit_code of the parent unit; NULL only for the national unit"),
    _c("status", TEXT, "机构状态", "Status", ALL, Group.IDENTITY,
       "active, merged (合并) or abolished (撤销)"),
)

INDICATORS: tuple[Column, ...] = (
    _c("reform_plan_issued", BOOL, "改革方案出台", "Reform plan issued", PROVINCE_TO_COUNTY,
       Group.ORGANISATION, "the unit has issued its own reform plan"),
    _c("reform_plan_date", DAY, "方案出台日期", "Reform plan date", PROVINCE_TO_COUNTY,
       Group.ORGANISATION, "when the reform plan was issued (NULL while none is)"),
    _c("pilot_batch", INT, "综合改革试点批次", "Pilot batch", PREFECTURE_COUNTY,
       Group.ORGANISATION, "0 = not a pilot; 1, 2, 3 = national comprehensive-reform pilot batch"),
    _c("mass_org_listed", BOOL, "列入群团组织序列", "Listed as mass organisation",
       PROVINCE_TO_COUNTY, Group.ORGANISATION,
       "listed among the mass organisations led by the Party committee"),
    _c("civil_servant_managed", BOOL, "参照公务员法管理", "Civil-service managed",
       PROVINCE_TO_COUNTY, Group.ORGANISATION,
       "the office is managed like a civil-service body (参公)"),
    _c("three_fixed_done", BOOL, "“三定”方案", "Three-fixed plan", PROVINCE_TO_COUNTY,
       Group.ORGANISATION,
       "functions, departments and staffing quota fixed by the staffing office"),
    _c("party_group", BOOL, "党组", "Party group", PROVINCE_TO_COUNTY, Group.LEADERSHIP,
       "a Party leadership group is set up in the association"),
    _c("president_in_place", BOOL, "会长配备到位", "President in place", ALL, Group.LEADERSHIP,
       "the president post is filled"),
    _c("leader_functional", BOOL, "主持工作负责人正常履职", "Acting leader functional", ALL,
       Group.LEADERSHIP,
       "where the president is missing, a vice-president or secretary-general runs the work"),
    _c("last_election", DAY, "上次换届", "Last election", ALL, Group.LEADERSHIP,
       "date of the last general election of the council; the term is 5 years"),
    _c("staff_quota", INT, "机关编制", "Staff quota", PROVINCE_TO_COUNTY, Group.STAFFING,
       "authorised posts of the association's office"),
    _c("staff_actual", INT, "实有人员", "Staff actual", ALL, Group.STAFFING,
       "people actually working, full- or part-time"),
    _c("departments", INT, "内设机构", "Departments", PROVINCE_TO_COUNTY, Group.STAFFING,
       "internal departments of the office"),
    _c("fn_contraceptives", BOOL, "计生药具管理", "Contraceptive supplies", PROVINCE_TO_COUNTY,
       Group.FUNCTIONS, "took over the management of contraceptive supplies"),
    _c("fn_reward_payments", BOOL, "奖励扶助、特别扶助金发放", "Reward payments",
       frozenset({"prefecture", "county", "township"}), Group.FUNCTIONS,
       "pays out the family-planning reward and special-assistance funds"),
    _c("fn_family_health", BOOL, "家庭健康促进", "Family health promotion", ALL, Group.FUNCTIONS,
       "runs family health promotion / household health guidance"),
    _c("fn_public_health", BOOL, "基本公共卫生服务", "Basic public health",
       frozenset({"county", "township"}), Group.FUNCTIONS, "delivers basic public-health services"),
    _c("fn_elderly", BOOL, "老龄工作", "Ageing work", PROVINCE_TO_COUNTY, Group.FUNCTIONS,
       "took over ageing work (e.g. a former ageing office)"),
    _c("budget_guaranteed", BOOL, "财政投入保障机制", "Budget guaranteed", ALL, Group.FUNDING,
       "a stable budget line exists (进盘子)"),
    _c("budget_10k_yuan", REAL, "年度经费（万元）", "Annual funds (10k yuan)", ALL, Group.FUNDING,
       "annual funds, in units of 10,000 yuan"),
    _c("signboard", BOOL, "挂牌", "Signboard", ALL, Group.VITALITY,
       "the association has its signboard up (挂牌子)"),
    _c("office_space", BOOL, "办公场所", "Office space", ALL, Group.VITALITY,
       "it has an office or desk of its own (有位子)"),
    _c("rules_on_wall", BOOL, "制度上墙", "Rules on wall", TOWNSHIP_VILLAGE, Group.VITALITY,
       "its rules and organisation chart are posted"),
    _c("members", INT, "会员", "Members", ALL, Group.VITALITY, "members of the association"),
    _c("volunteers", INT, "志愿者", "Volunteers", ALL, Group.VITALITY, "registered volunteers"),
    _c("activities_12m", INT, "近12个月开展活动次数", "Activities (12 months)", ALL,
       Group.VITALITY, "activities held in the last 12 months"),
    _c("service_sites", INT, "服务阵地", "Service sites", ALL, Group.VITALITY,
       "member homes, parent-child huts, youth-health clubs, family service centres"),
    _c("parent_child_huts", INT, "亲子小屋", "Parent-child huts", COUNTY_DOWN, Group.VITALITY,
       "of which parent-child huts"),
    _c("warm_heart_families", INT, "暖心行动帮扶失独家庭", "Warm-heart families", COUNTY_DOWN,
       Group.VITALITY, "bereaved one-child families supported by the warm-heart programme"),
)

SNAPSHOT_COLUMNS: tuple[Column, ...] = IDENTITY + INDICATORS
"""Every column of a snapshot file, in file order."""

NOT_NULL_KEYS: frozenset[str] = frozenset({"period", "unit_code", "unit_name", "level", "status"})


class Kind(StrEnum):
    """How a derived view column is shown and exported."""

    TEXT = "text"
    FLAG = "flag"
    DATE = "date"
    COUNT = "count"
    CHANGE = "change"
    RATE = "rate"
    SCORE = "score"


@dataclass(frozen=True)
class ViewColumn:
    """A column of a view: its key, how it renders, its labels and whether it is a problem."""

    key: str
    kind: Kind
    zh: str
    en: str
    meaning: str
    levels: frozenset[str] = ALL  # the levels of rows where it means something
    short: tuple[str, str] | None = None  # a table's header, where the label is long

    def label(self, lang: str) -> str:
        """The column's label in 'zh' or 'en'."""
        return self.zh if lang == "zh" else self.en

    def heading(self, lang: str) -> str:
        """The column's header in a table: its short label where it has one."""
        if self.short is None:
            return self.label(lang)
        return self.short[0] if lang == "zh" else self.short[1]


def _from_schema(key: str, kind: Kind, short: tuple[str, str] | None = None) -> ViewColumn:
    col = COLUMNS[key]
    return ViewColumn(key, kind, col.zh, col.en, col.meaning, col.levels, short)


ABOVE_PREFECTURE = frozenset({"national", "province", "prefecture"})
"""The levels whose subtree can hold prefecture-level units (their rates mean something)."""
ABOVE_COUNTY = ABOVE_PREFECTURE | {"county"}


COLUMNS: dict[str, Column] = {c.key: c for c in SNAPSHOT_COLUMNS}

UNIT_CODE = _from_schema("unit_code", Kind.TEXT, ("代码", "Code"))
UNIT_NAME = _from_schema("unit_name", Kind.TEXT)
UNIT_LEVEL = _from_schema("level", Kind.TEXT)
"""A unit's identity, as every view shows it."""

DRILL_VIEW: tuple[ViewColumn, ...] = (
    UNIT_CODE,
    UNIT_NAME,
    UNIT_LEVEL,
    _from_schema("status", Kind.TEXT, ("状态", "Status")),
    _from_schema("reform_plan_issued", Kind.FLAG, ("方案", "Plan")),
    _from_schema("president_in_place", Kind.FLAG, ("会长", "President")),
    _from_schema("mass_org_listed", Kind.FLAG, ("群团", "Listed")),
    _from_schema("civil_servant_managed", Kind.FLAG, ("参公", "Civ.serv.")),
    _from_schema("party_group", Kind.FLAG),
    _from_schema("last_election", Kind.DATE, ("换届", "Elected")),
    _from_schema("staff_quota", Kind.COUNT, ("编制", "Quota")),
    ViewColumn("staff_quota_change", Kind.CHANGE, "编制增减", "Quota change",
               "staff_quota at the period minus at the earliest period in the folder",
               PROVINCE_TO_COUNTY, ("编制增减", "Quota ±")),
    ViewColumn("units", Kind.COUNT, "单位数", "Units",
               "active units in the subtree, the unit itself included"),
    ViewColumn("prefectures_plan_rate", Kind.RATE, "地市方案出台率", "Prefecture plan rate",
               "share of prefecture-level units in the subtree with a reform plan",
               ABOVE_PREFECTURE, ("地市方案", "Pref. plan")),
    ViewColumn("counties_plan_rate", Kind.RATE, "县级方案出台率", "County plan rate",
               "share of county-level units in the subtree with a reform plan",
               ABOVE_COUNTY, ("县级方案", "Cnty plan")),
    ViewColumn("prefectures_listed_rate", Kind.RATE, "地市列入群团率", "Prefecture listed rate",
               "share of prefecture-level units listed as mass organisations",
               ABOVE_PREFECTURE, ("地市群团", "Pref. listed")),
    ViewColumn("counties_cs_rate", Kind.RATE, "县级参公率", "County civil-service rate",
               "share of county-level units managed like civil-service bodies",
               ABOVE_COUNTY, ("县级参公", "Cnty c.s.")),
    ViewColumn("presidents_vacant", Kind.COUNT, "会长空缺", "Presidents vacant",
               "units in the subtree whose president post is vacant",
               short=("会长空缺", "No pres.")),
    ViewColumn("elections_overdue", Kind.COUNT, "逾期未换届", "Elections overdue",
               "units whose last election is more than 5 years before the period's last day",
               short=("逾期未换届", "Overdue")),
    ViewColumn("hollow", Kind.COUNT, "空壳协会", "Hollow",
               "units at prefecture level or below with no activity in 12 months"),
    ViewColumn("abolished", Kind.COUNT, "撤并", "Abolished or merged",
               "units in the subtree whose status is merged or abolished",
               short=("撤并", "Closed")),
    ViewColumn("alerts_critical", Kind.COUNT, "严重预警", "Critical alerts",
               "critical alerts in the subtree", short=("严重预警", "Critical")),
    ViewColumn("alerts_warning", Kind.COUNT, "一般预警", "Warnings",
               "warning alerts in the subtree", short=("一般预警", "Warning")),
)
"""The drill view: one row per child of a node, its own values and its subtree's rollup."""

DRILL_KEYS: tuple[str, ...] = tuple(c.key for c in DRILL_VIEW)

BETTER: dict[str, int] = {
    "reform_plan_issued": 1, "president_in_place": 1, "mass_org_listed": 1,
    "civil_servant_managed": 1, "party_group": 1, "last_election": 1, "staff_quota": 1,
    "staff_quota_change": 1, "units": 0, "prefectures_plan_rate": 1, "counties_plan_rate": 1,
    "prefectures_listed_rate": 1, "counties_cs_rate": 1, "presidents_vacant": -1,
    "elections_overdue": -1, "hollow": -1, "abolished": -1, "alerts_critical": -1,
    "alerts_warning": -1, "reform_index": 1, "rank": -1, "rank_change": 1,
}
"""Which way is better for each compared column: +1 higher, -1 lower, 0 neither."""

RANK_VIEW: tuple[ViewColumn, ...] = (
    ViewColumn("reform_index", Kind.SCORE, "改革指数", "Reform index",
               "0–100: the weighted mean of the plan, listing and civil-service rates and of "
               "one minus the vacancy, overdue-election and hollow shares of the subtree",
               short=("指数", "Index")),
    ViewColumn("rank", Kind.COUNT, "排名", "Rank", "the rank of the index among the siblings"),
    ViewColumn("rank_change", Kind.CHANGE, "名次变化", "Rank change",
               "places gained since the baseline period (negative: lost)",
               short=("名次±", "Rank ±")),
)
"""Columns the console adds to a drill view of children: the reform index and its rank."""

BREAKING = "units_breaking"
FILTER_VIEW: tuple[ViewColumn, ...] = (
    ViewColumn(BREAKING, Kind.COUNT, "违规单位数", "Units breaking",
               "units in the subtree that break the rules the view is filtered by (a unit "
               "breaking two counts twice)", short=("违规单位", "Breaking")),
)
"""The column a view filtered by rules adds (console.view.arranged)."""

ALERT_VIEW: tuple[ViewColumn, ...] = (
    ViewColumn("rule", Kind.TEXT, "规则", "Rule", "the id of the rule that fires"),
    ViewColumn("title", Kind.TEXT, "问题", "Weak link", "the rule's title"),
    ViewColumn("severity", Kind.TEXT, "级别", "Severity", "critical, warning or info"),
    UNIT_CODE,
    UNIT_NAME,
    UNIT_LEVEL,
    ViewColumn("province", Kind.TEXT, "省", "Province", "the unit's province"),
    ViewColumn("prefecture", Kind.TEXT, "地市", "Prefecture", "the unit's prefecture"),
    ViewColumn("county", Kind.TEXT, "县", "County", "the unit's county"),
    ViewColumn("detail", Kind.TEXT, "详情", "Detail", "the values that made the rule fire"),
)
"""An alert list: one row per unit that breaks a rule."""

ALERT_KEYS: tuple[str, ...] = tuple(c.key for c in ALERT_VIEW)
VIEW_COLUMNS: dict[str, ViewColumn] = {
    c.key: c for c in DRILL_VIEW + RANK_VIEW + FILTER_VIEW + ALERT_VIEW}


NATIONAL_NAMES = ("全国", "Nation")
"""The national unit's name as the console says it (its snapshots name it 全国)."""


def unit_name(code: str, name: str, lang: str) -> str:
    """A unit's name as the console shows it in `lang`: its own, but for the nation's."""
    if code == NATIONAL_CODE:
        return NATIONAL_NAMES[0 if lang == "zh" else 1]
    return name


def level_label(level: str, lang: str) -> str:
    """The label of a level ('县级' / 'county')."""
    zh, en = LEVEL_LABELS.get(level, (level, level))
    return zh if lang == "zh" else en


def levels_label(levels: tuple[str, ...] | list[str], lang: str) -> str:
    """Levels as a reader reads them: a run of them as 省–县, else 省、县 (prov., cnty)."""
    order = sorted(levels, key=LEVELS.index)
    short = [LEVEL_SHORT[level][0 if lang == "zh" else 1] for level in order]
    run = [LEVELS.index(level) for level in order]
    if len(order) > 2 and run == list(range(run[0], run[0] + len(run))):
        return f"{short[0]}–{short[-1]}"
    return ("、" if lang == "zh" else ", ").join(short)


def status_label(status: str, lang: str) -> str:
    """The label of a status ('撤销' / 'abolished')."""
    zh, en = STATUS_LABELS.get(status, (status, status))
    return zh if lang == "zh" else en


def applies(key: str, level: str) -> bool:
    """Whether indicator `key` is recorded at `level` (else it must be NULL)."""
    return level in COLUMNS[key].levels
