"""The weak-link rules: SQL files with a header, loaded from queries/alerts and extra folders.

A rule file starts with a header of `-- field: value` lines (id, zh, en, severity, levels,
optionally statuses, meaning); its body is one SELECT of `unit_code, severity, detail`
from the relation `units` (see queries/alerting/prepare_units.sql for its columns). A
broken file is reported by name and skipped; the other rules still run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from console.schema import COLUMNS, LEVELS, STATUSES, levels_label, status_label

SEVERITIES: tuple[str, ...] = ("critical", "warning", "info")
SEVERITY_LABELS: dict[str, tuple[str, str]] = {
    "critical": ("严重", "critical"),
    "warning": ("警示", "warning"),
    "info": ("提示", "info"),
}
SEVERITY_MARKS: dict[str, str] = {"critical": "●", "warning": "▲", "info": "·"}
REQUIRED = ("id", "zh", "en", "severity", "levels", "meaning")
HEADER_RE = re.compile(r"^--\s*([a-z_]+)\s*:\s*(.*?)\s*$")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")

# Words a rule's detail may use besides the schema's column keys, with their labels.
DETAIL_WORDS: dict[str, tuple[str, str]] = {
    "overdue_days": ("逾期天数", "days overdue"),
    "days_to_deadline": ("距截止日天数", "days to the deadline"),
    "baseline_staff_quota": ("基期编制", "quota at the baseline"),
    "missing": ("缺报", "missing"),
}


class RuleError(Exception):
    """A rule file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Rule:
    """One weak-link rule: who it is, how bad, where it applies, and its SQL body."""

    id: str
    zh: str
    en: str
    severity: str
    levels: tuple[str, ...]
    statuses: tuple[str, ...]
    meaning: str
    body: str
    source: str

    def title(self, lang: str) -> str:
        """The rule's title in 'zh' or 'en'."""
        return self.zh if lang == "zh" else self.en

    def scope(self, lang: str) -> str:
        """The levels it covers as a reader reads them (省–县), "" when it covers every
        level below the nation: its count is then of units of those levels only."""
        if set(LEVELS[1:]) <= set(self.levels):
            return ""
        return levels_label(self.levels, lang)


def parse_rule(text: str, source: str) -> Rule:
    """A rule from the text of its file; RuleError names what is wrong."""
    fields: dict[str, str] = {}
    body: list[str] = []
    for line in text.splitlines():
        match = HEADER_RE.match(line)
        if match and not body:
            fields[match[1]] = match[2]
        elif line.strip() or body:
            body.append(line)
    missing = [f for f in REQUIRED if not fields.get(f)]
    if missing:
        raise RuleError(f"{source}: header lacks {', '.join(missing)}")
    if not ID_RE.match(fields["id"]):
        raise RuleError(f"{source}: id {fields['id']!r} is not a lower-case word")
    if fields["severity"] not in SEVERITIES:
        raise RuleError(f"{source}: severity {fields['severity']!r} is not one of "
                        f"{', '.join(SEVERITIES)}")
    levels = _names(fields["levels"], LEVELS, "level", source)
    statuses = _names(fields.get("statuses", "active"), STATUSES, "status", source)
    sql = "\n".join(body).strip().rstrip(";").strip()
    code = [line for line in sql.splitlines() if not line.lstrip().startswith("--")]
    if not code or not code[0].lstrip().lower().startswith(("select", "with", "from", "(")):
        raise RuleError(f"{source}: the body is not a SELECT")
    return Rule(fields["id"], fields["zh"], fields["en"], fields["severity"], levels, statuses,
                fields["meaning"], sql, source)


def _names(text: str, allowed: tuple[str, ...], what: str, source: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in allowed]
    if unknown or not names:
        raise RuleError(f"{source}: unknown {what} {', '.join(unknown) or '(none)'}")
    return names


def builtin_rule_files() -> list[tuple[str, str]]:
    """(source name, text) of every rule the package ships, by file name."""
    folder = resources.files("console.queries").joinpath("alerts")
    return sorted((f"alerts/{entry.name}", entry.read_text(encoding="utf-8"))
                  for entry in folder.iterdir() if entry.name.endswith(".sql"))


def load_rules(extra: Iterable[Path] = ()) -> tuple[list[Rule], list[str]]:
    """Every usable rule (built in, then from each extra folder) and a line per problem.

    A rule in an extra folder with the id of an earlier one replaces it, so a province
    can sharpen a national rule without touching code.
    """
    files = builtin_rule_files()
    problems: list[str] = []
    for folder in extra:
        try:
            found = sorted(p for p in folder.iterdir() if p.suffix == ".sql")
        except OSError as error:
            problems.append(f"{folder}: cannot read the rules folder ({error.strerror})")
            continue
        for path in found:
            try:
                files.append((str(path), path.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError) as error:
                problems.append(f"{path}: cannot read ({error})")
    rules: dict[str, Rule] = {}
    for source, text in files:
        try:
            rule = parse_rule(text, source)
        except RuleError as error:
            problems.append(str(error))
            continue
        rules[rule.id] = rule
    return list(rules.values()), problems


def detail_text(detail: str | None, lang: str) -> str:
    """A rule's detail ('key=value; …') with the keys as labels in `lang`."""
    if not detail:
        return ""
    parts = []
    for part in detail.split(";"):
        key, _, value = part.strip().partition("=")
        if key in COLUMNS:
            label = COLUMNS[key].label(lang)
        else:
            zh, en = DETAIL_WORDS.get(key, (key, key))
            label = zh if lang == "zh" else en
        if key == "missing":
            value = "、".join(COLUMNS[k].label(lang) if k in COLUMNS else k
                             for k in value.split(","))
        elif key == "status":
            value = status_label(value, lang)
        elif value in ("true", "false"):
            value = {("true", "zh"): "是", ("false", "zh"): "否"}.get((value, lang), value)
        parts.append(f"{label} {value}" if value else label)
    return "；".join(parts) if lang == "zh" else "; ".join(parts)
