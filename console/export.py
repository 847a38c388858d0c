"""Turn a view into a spreadsheet-ready table and write it as CSV, XLSX or Parquet.

CSV is UTF-8 with a byte-order mark and CRLF line ends, so that Excel and WPS on Windows
open the Chinese text intact. Numbers stay numbers; rates become percentages with the
unit in the header (fractions with machine-key headers); yes/no become 是/否. XLSX keeps
unit codes as text, freezes the header row and sizes the columns; Parquet keeps the
machine keys and raw values for analysts. Every file is written whole or not at all, never
over an existing one, with a provenance file beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import secrets
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from console.alerts import SEVERITY_LABELS, Rule, detail_text
from console.schema import (
    ALERT_KEYS,
    LEVEL_LABELS,
    STATUS_LABELS,
    VIEW_COLUMNS,
    Kind,
    level_label,
)
from console.snapshots import atomic_writer, sha256_of

if TYPE_CHECKING:
    from console.view import View

HEADERS = ("zh", "en", "key")
FORMATS = ("csv", "xlsx", "parquet")
EXPORTS_ENV = "FPA_EXPORTS"
UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
OP_WORDS = {"zh": {"<": "低于", "<=": "不高于", ">": "高于", ">=": "不低于", "=": "为", "!=": "非"},
            "en": {"<": "below", "<=": "at most", ">": "above", ">=": "at least", "=": "is",
                   "!=": "not"}}
LABELLED = {"level": LEVEL_LABELS, "status": STATUS_LABELS, "severity": SEVERITY_LABELS}
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no"), "key": ("true", "false")}


def present(table: pa.Table, header: str) -> pl.DataFrame:
    """The view with headers in `header` ('zh', 'en' or 'key') and values as a reader wants.

    Columns keep the order of `table`; every column must be declared in the schema's views.
    """
    if header not in HEADERS:
        raise ValueError(f"header must be one of {', '.join(HEADERS)}, not {header!r}")
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    yes, no = _YES_NO[header]
    lang = "en" if header == "en" else "zh"
    columns: list[pl.Expr] = []
    for key in frame.columns:
        spec = VIEW_COLUMNS[key]
        value = pl.col(key)
        name = key if header == "key" else spec.label(lang)
        if spec.kind is Kind.FLAG:
            value = pl.when(value).then(pl.lit(yes)).when(~value).then(pl.lit(no))
        elif spec.kind is Kind.RATE and header != "key":
            value = (value * 100).round(1)
            name = f"{name}(%)"
        elif key in LABELLED and header != "key":
            labels = LABELLED[key]
            value = value.replace_strict(
                {k: v[0 if lang == "zh" else 1] for k, v in labels.items()}, default=value
            )
        columns.append(value.alias(name))
    return frame.select(columns)


def alert_table(alerts: pa.Table, rules: list[Rule], lang: str, *,
                plain_detail: bool = False) -> pa.Table:
    """Alerts as the alert view: the rule's title added, the detail in words unless plain."""
    titles = {r.id: r.title(lang) for r in rules}
    rule_ids = alerts.column("rule").to_pylist()
    details = alerts.column("detail").to_pylist()
    columns = {key: alerts.column(key) for key in alerts.column_names}
    columns["title"] = pa.array([titles.get(r, r) for r in rule_ids], pa.string())
    if not plain_detail:
        columns["detail"] = pa.array([detail_text(d, lang) for d in details], pa.string())
    return pa.table({key: columns[key] for key in ALERT_KEYS})


class ExportError(Exception):
    """An export that could not be written; the message names the file and why."""


def exports_folder(option: str | None) -> Path:
    """Where exports go: --exports, else $FPA_EXPORTS, else ~/fpa-exports."""
    return Path(option or os.environ.get(EXPORTS_ENV) or Path.home() / "fpa-exports")


def export_name(view: View, path_names: list[str], lang: str, titles: dict[str, str],
                fmt: str) -> str:
    """A file name that says what the export is, safe on Windows too.

    e.g. 2021-11_江西省_赣州市_县级_改革方案未出台.csv
    """
    spec = view.spec
    places = path_names[1:] or path_names
    parts = [spec.period, *places]
    if spec.level:
        parts.append(level_label(spec.level, lang))
    if spec.name_filter:
        parts.append(spec.name_filter)
    words = OP_WORDS["zh" if lang == "zh" else "en"]
    for condition in spec.conditions:
        label = condition.label(lang)
        for op in sorted(words, key=len, reverse=True):
            label = label.replace(f" {op} ", words[op])
        parts.append(label)
    parts += [titles.get(rule, rule) for rule in spec.alerts]
    stem = "_".join(UNSAFE.sub("_", part).strip(" .") for part in parts)
    return f"{stem[:150]}.{fmt}"


def free_path(path: Path) -> Path:
    """`path`, or the first of 'name (2).ext', 'name (3).ext' … that does not exist."""
    candidate, number = path, 1
    while candidate.exists() or provenance_path(candidate).exists():
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


def provenance_path(path: Path) -> Path:
    """The provenance file beside an export: its whole name with .json (x.csv.json), so
    that two exports of one name in two formats have one each, and an export named
    x.json is never its own provenance."""
    return path.with_name(f"{path.name}.json")


def write_view(view: View, out: Path, fmt: str, lang: str, provenance: dict[str, Any],
               *, replace: bool = False) -> Path:
    """Write the view's rows as `fmt` to `out` and its provenance beside it; never over an
    existing file unless `replace`, and then atomically: the old file stays whole until
    the new one is complete (a full disk loses neither). Only a regular file is replaced.

    The header language is `lang` for CSV and XLSX; Parquet keeps the machine keys.
    """
    if fmt not in FORMATS:
        raise ExportError(f"format {fmt!r} is not one of {', '.join(FORMATS)}")
    for target in (out, provenance_path(out)):
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise ExportError(f"{target} is not a regular file: not replaced")
        if target.exists() and not replace:
            raise ExportError(f"{target} exists: not overwritten")
    buffer = io.BytesIO()
    if fmt == "parquet":
        pq.write_table(view.rows, buffer, compression="zstd")
    else:
        frame = present(view.rows, lang)
        if fmt == "csv":
            write_csv(frame, buffer)
        else:
            frame.write_excel(buffer, autofit=True, freeze_panes=(1, 0),
                              worksheet="fpa" if lang == "en" else "计生协")
    record = {**provenance, "rows": view.rows.num_rows, "format": fmt}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        written_together([(out, buffer.getvalue()), (provenance_path(out), json.dumps(
            record, ensure_ascii=False, indent=1, default=str).encode())])
    except OSError as error:
        raise ExportError(f"cannot write {out}: {error.strerror or error}") from None
    return out


def written_together(files: list[tuple[Path, bytes]]) -> None:
    """Write each file whole beside its place, then move them all in: an export is there
    with its provenance, or (a full disk, a fault) neither is touched."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, payload in files:
            temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.staged")
            with atomic_writer(temporary) as stream:
                stream.write(payload)
            staged.append((temporary, target))
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def provenance(view: View, path: list[tuple[str, str]], manifest: Path) -> dict[str, Any]:
    """Where an export came from: period, data checksum, node path, filters, sort, time."""
    spec = view.spec
    return {
        "period": spec.period,
        "manifest_sha256": sha256_of(manifest) if manifest.is_file() else None,
        "path": [{"code": code, "name": name} for code, name in path],
        "level": spec.level,
        "match": spec.name_filter or None,
        "where": [c.text() for c in spec.conditions],
        "alerts": list(spec.alerts),
        "sort": None if spec.sort.key is None else
        f"{spec.sort.key}:{'desc' if spec.sort.descending else 'asc'}",
        "rows_before_filters": view.total,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "program": f"fpa-console {version('fpa-console')}",
    }


def write_csv(frame: pl.DataFrame, out: Path | BinaryIO) -> None:
    """Write `frame` as CSV (BOM, CRLF, dates as YYYY-MM-DD); a path is written atomically."""
    buffer = io.BytesIO()
    frame.write_csv(buffer, include_bom=True, line_terminator="\r\n", date_format="%Y-%m-%d")
    if isinstance(out, Path):
        with atomic_writer(out) as stream:
            stream.write(buffer.getvalue())
    else:
        out.write(buffer.getvalue())
        out.flush()
