"""What the user looks at: a node, a period, a level switch, filters and a sort.

The console and `fpa-console export` both build the rows through `build_view`, so an
export from either is the same for the same view.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from console.drill import Sort, sort_indices
from console.finder import initials_of
from console.ranking import baseline_ranked_meanwhile, rank_children
from console.schema import BREAKING, DRILL_VIEW, LEVELS, RANK_VIEW, VIEW_COLUMNS, Kind
from console.store import Store

CONDITION_RE = re.compile(r"^\s*([^<>=!]+?)\s*(<=|>=|!=|=|<|>)\s*(.+?)\s*$")
OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "=": pc.equal, "!=": pc.not_equal, "<": pc.less, "<=": pc.less_equal,
    ">": pc.greater, ">=": pc.greater_equal,
}
TRUE_WORDS = {"true", "yes", "是", "1", "✓"}
FALSE_WORDS = {"false", "no", "否", "0", "✗"}


class ViewError(ValueError):
    """A filter or sort that cannot be understood; the message names it."""


@dataclass(frozen=True)
class Condition:
    """One filter on a column: `counties_plan_rate < 0.4`, `reform_plan_issued = false`."""

    key: str
    op: str
    value: Any

    def label(self, lang: str) -> str:
        """The condition as the chip shows it: 县级方案出台率 < 40%."""
        spec = VIEW_COLUMNS[self.key]
        value = self.value
        if spec.kind is Kind.RATE:
            value = f"{value * 100:g}%"
        elif spec.kind is Kind.FLAG:
            value = ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
        return f"{spec.label(lang)} {self.op} {value}"

    def text(self) -> str:
        """The condition as `--where` takes it."""
        value = str(self.value).lower() if isinstance(self.value, bool) else self.value
        return f"{self.key}{self.op}{value}"


def column_key(name: str) -> str:
    """The drill column a user means: its key, or its Chinese or English label, or the
    header a table shows it under (县级方案%)."""
    wanted = name.strip().removesuffix("%").strip()
    for spec in DRILL_VIEW + RANK_VIEW:
        names = (spec.key, spec.zh, spec.en, *(spec.short or ()))
        if wanted in names or wanted.lower() in (n.lower() for n in names[2:]):
            return spec.key
    raise ViewError(f"no column {name.strip()!r}")


def parse_condition(text: str) -> Condition:
    """`key op value` with key a column key or label; rates take 0.4, 40% or 40."""
    match = CONDITION_RE.match(text)
    if not match:
        raise ViewError(f"{text!r} is not a condition like counties_plan_rate<0.4")
    key = column_key(match[1])
    op, raw = match[2], match[3]
    kind = VIEW_COLUMNS[key].kind
    try:
        value = _value(kind, raw)
    except ValueError:
        raise ViewError(f"{text!r}: {raw!r} is not a value for {key}") from None
    if kind in (Kind.FLAG, Kind.TEXT) and op not in ("=", "!="):
        raise ViewError(f"{text!r}: {key} takes = or != only")
    return Condition(key, op, value)


def _value(kind: Kind, raw: str) -> Any:
    if kind is Kind.FLAG:
        if raw.lower() in TRUE_WORDS:
            return True
        if raw.lower() in FALSE_WORDS:
            return False
        raise ValueError(raw)
    if kind is Kind.RATE:  # 40% and 40 are 40 %; 0.4 is too (no rate is above 1)
        if raw.endswith("%"):
            return float(raw[:-1]) / 100
        value = float(raw)
        return value / 100 if abs(value) > 1 else value
    if kind in (Kind.COUNT, Kind.CHANGE):
        return int(raw)
    if kind is Kind.DATE:
        return pa.scalar(raw).cast(pa.date32()).as_py()
    return raw


def parse_sort(text: str) -> Sort:
    """`KEY` or `KEY:desc` (or `KEY:asc`)."""
    key, _, direction = text.partition(":")
    if direction not in ("", "asc", "desc"):
        raise ViewError(f"sort {text!r}: the direction is asc or desc")
    return Sort(column_key(key), direction == "desc")


@dataclass(frozen=True)
class ViewSpec:
    """Everything that decides the rows of a view, in the order they are applied."""

    node: str
    period: str
    level: str | None = None  # None: the children of the node; else every unit of a level
    match: str = ""  # name substring, or pinyin initials
    match_node: str | None = None  # the node whose rows the name is looked for in (None:
    # any): drilling into a match does not look for its name among the units below it
    conditions: tuple[Condition, ...] = ()
    alerts: tuple[str, ...] = ()  # only units on which one of these rules fires
    sort: Sort = field(default_factory=Sort)

    @property
    def filtered(self) -> bool:
        """Whether anything narrows the rows."""
        return bool(self.name_filter or self.conditions or self.alerts)

    @property
    def name_filter(self) -> str:
        """The name looked for in this view's rows ("" where it was typed for another)."""
        return self.match if self.match_node in (None, self.node) else ""

    def cleared(self) -> ViewSpec:
        """The same view without filters (level and sort stay)."""
        return replace(self, match="", match_node=None, conditions=(), alerts=())

    def without(self, index: int) -> ViewSpec:
        """The view without its `index`-th filter, counted as `describe` lists them."""
        slots: list[ViewSpec] = []
        if self.level:
            slots.append(replace(self, level=None))
        if self.name_filter:
            slots.append(replace(self, match="", match_node=None))
        for i in range(len(self.conditions)):
            slots.append(replace(self, conditions=self.conditions[:i] + self.conditions[i + 1:]))
        for i in range(len(self.alerts)):
            slots.append(replace(self, alerts=self.alerts[:i] + self.alerts[i + 1:]))
        return slots[index] if 0 <= index < len(slots) else self

    def with_text(self, text: str) -> ViewSpec:
        """Filters typed in the filter bar added: conditions, and a name for the rest."""
        conditions = list(self.conditions)
        words = []
        for token in text.split():
            if CONDITION_RE.match(token):
                conditions.append(parse_condition(token))
            else:
                words.append(token)
        if not words:
            return replace(self, conditions=tuple(conditions))
        return replace(self, conditions=tuple(conditions), match=" ".join(words),
                       match_node=self.node)

    def fitting(self, node: str, node_level: str) -> ViewSpec:
        """This view moved to `node`; a level switch that is not below it is dropped."""
        keep = self.level is not None and LEVELS.index(self.level) > LEVELS.index(node_level)
        return replace(self, node=node, level=self.level if keep else None)


@dataclass(frozen=True)
class View:
    """The rows of a view as shown, how many there were before filtering, and its summary."""

    spec: ViewSpec
    rows: pa.Table  # in the console, a long view's are console.paged_view's (read alike)
    total: int
    summary: pa.Table


def build_view(store: Store, spec: ViewSpec, cur: duckdb.DuckDBPyConnection | None = None,
               weights: dict[str, float] | None = None, *, alerts: bool = True) -> View:
    """The rows of `spec`: the drill (or flattened) view, ranked, filtered and sorted.

    A view of children gains each child's reform index, its rank among its siblings and
    the places it gained since the baseline (schema.RANK_VIEW). Without `alerts` no rule
    runs and the alert counts are NULL (Store.view); a view filtered by rules runs them.
    """
    alerts = alerts or bool(spec.alerts)
    if spec.level is None:
        with baseline_ranked_meanwhile(store, spec.node, spec.period, weights):
            rows, summary = store.view(spec.node, spec.period, cur, alerts=alerts)
        rows = with_ranks(rows, rank_children(store, spec.node, spec.period, weights, cur,
                                              rows=rows).rows)
    else:
        rows, summary = store.view(spec.node, spec.period, cur, level=spec.level,
                                   alerts=alerts)
    return View(spec, arranged(rows, spec, store, cur), rows.num_rows, summary)


def arranged(rows: pa.Table, spec: ViewSpec, store: Store,
             cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
    """The rows of `rows` (in unit code order) that `spec`'s filters keep, in the order of
    its sort. Filtered by rules, a view keeps the rows whose subtree has units that break
    one, and says how many beside each (BREAKING; not for units of the lowest level, which
    break it themselves). `rows` needs only the columns that the filters and the sort read
    (arranged_columns): a long view arranges a narrow table of them (console.paged_view)."""
    if spec.filtered:
        keep = pa.array([True] * rows.num_rows, pa.bool_())
        for word in spec.name_filter.split():
            keep = pc.and_(keep, name_matches(rows.column("unit_name"), word))
        for condition in spec.conditions:
            test = OPERATORS[condition.op](rows.column(condition.key), condition.value)
            keep = pc.and_(keep, pc.fill_null(test, False))
        breaking = None
        if spec.alerts and spec.level == LEVELS[-1]:  # units with no subtree: their own
            fired = store.alerts(spec.node, spec.period, spec.alerts, cur).column("unit_code")
            keep = pc.and_(keep, pc.is_in(rows.column("unit_code"), value_set=fired.unique()))
        elif spec.alerts:  # the rows whose subtree has units that break a rule, how many
            breaking = store.units_breaking(rows.column("unit_code").to_pylist(), spec.period,
                                            spec.alerts, cur)
            keep = pc.and_(keep, pc.is_in(rows.column("unit_code"),
                                          value_set=breaking.column("unit_code")))
        rows = rows.filter(keep)
        if breaking is not None:
            where = pc.index_in(rows.column("unit_code"),
                                value_set=breaking.column("unit_code"))
            rows = rows.append_column(BREAKING, breaking.column("units").take(where))
    if spec.sort.key not in (None, "unit_code") or spec.sort.descending:
        rows = rows.take(sort_indices(rows, spec.sort))
    return rows


def arranged_columns(spec: ViewSpec) -> list[str]:
    """The columns that `arranged` reads for `spec`."""
    wanted = ["unit_code"] + (["unit_name"] if spec.name_filter.strip() else [])
    wanted += [condition.key for condition in spec.conditions]
    wanted += [spec.sort.key] if spec.sort.key else []
    return list(dict.fromkeys(wanted))


def with_ranks(rows: pa.Table, ranking: pa.Table) -> pa.Table:
    """`rows` with the reform index, rank and rank change of each unit, in the same order."""
    where = pc.index_in(rows.column("unit_code"), value_set=ranking.column("unit_code"))
    for column in RANK_VIEW:
        rows = rows.append_column(column.key, ranking.column(column.key).take(where))
    return rows


def name_matches(names: pa.ChunkedArray, text: str) -> pa.ChunkedArray:
    """Which names contain `text`, or (for Latin letters) whose pinyin initials start so."""
    found = pc.match_substring(names, text.strip())
    letters = text.strip().lower()
    if letters.isascii() and letters.isalpha():
        found = pc.or_(found, pc.starts_with(initials_of(names), letters))
    return found


def describe(spec: ViewSpec, lang: str, titles: dict[str, str]) -> list[str]:
    """The view's filters as chips show them, in order: level, name, conditions, alerts."""
    from console.schema import level_label

    chips = []
    if spec.level:
        chips.append(level_label(spec.level, lang))
    if spec.name_filter:
        chips.append(f"“{spec.name_filter}”")
    chips += [c.label(lang) for c in spec.conditions]
    chips += [titles.get(rule, rule) for rule in spec.alerts]
    return chips

