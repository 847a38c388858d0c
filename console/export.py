"""Turn a view into a spreadsheet-ready table and write it as CSV for Excel and WPS.

CSV is UTF-8 with a byte-order mark and CRLF line ends, so that Excel and WPS on Windows
open the Chinese text intact. Numbers stay numbers; rates become percentages with the
unit in the header (fractions with machine-key headers); yes/no become 是/否.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

import polars as pl
import pyarrow as pa

from console.alerts import SEVERITY_LABELS, Rule, detail_text
from console.schema import ALERT_KEYS, LEVEL_LABELS, STATUS_LABELS, VIEW_COLUMNS, Kind
from console.snapshots import atomic_writer

HEADERS = ("zh", "en", "key")
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
