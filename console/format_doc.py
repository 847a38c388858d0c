"""Render the snapshot format document (data/README.md) from the schema.

The document is generated so that it can never disagree with the code: a test compares
the committed file with `render()`, and `python -m console.format_doc > data/README.md`
writes it anew.
"""

from __future__ import annotations

from console.schema import FORMAT, LEVELS, NATIONAL_CODE, SNAPSHOT_COLUMNS, STATUSES

INTRO = f"""\
# Snapshot format v1 (`{FORMAT}`)

This folder is the default data folder of fpa-console. Its snapshot files are generated
(`fpa-console demo`) or refreshed from a publishing source, and are not committed; only
this document is. It is generated from `console/schema.py`, the one source of truth for
the columns: edit the schema, then run `python -m console.format_doc > data/README.md`.

## Files

A snapshot folder holds one Parquet file per monthly reporting period, named
`YYYY-MM.parquet`, and a `manifest.json` that lists them:

```json
{{"format": "{FORMAT}",
 "snapshots": [{{"period": "2021-11", "file": "2021-11.parquet",
                "sha256": "…", "bytes": 123456, "rows": 42345}}]}}
```

`sha256` is the hex SHA-256 of the file, `bytes` its size and `rows` its row count.

## Rows

One row per association unit and period. The tree is given by `parent_code` alone (code
prefixes lie: 117 counties sit directly under a province, some townships directly under a
prefecture). The national unit is `{NATIONAL_CODE}`, the only one without a parent.
Levels: {", ".join(f"`{level}`" for level in LEVELS)}. Statuses:
{", ".join(f"`{status}`" for status in STATUSES)} (merged and abolished together are 撤并).

An indicator that does not apply at a unit's level is NULL.

## Reading rules

Readers are lenient where it is safe: any integer width for an INTEGER column (and any
integer for DOUBLE), extra columns ignored. They are strict where it is not: a file is
refused, reported with its name, column and problem, and skipped (never modified) when a
column is missing or of a wrong type, a `period` disagrees with the file name, a
`unit_code` appears twice, a `parent_code` names no unit of the file, a parent is not at a
higher level than its child (levels may be skipped, never repeated or reversed, so no
cycle can pass), there is not exactly one unit without a parent (the national unit), or a
required value (`period`, `unit_code`, `unit_name`, `level`, `status`) is missing or
outside its set of values.

## Columns
"""


def render() -> str:
    """The whole format document as Markdown."""
    lines = [INTRO, "| column | type | 中文 | English | levels | meaning |",
             "|---|---|---|---|---|---|"]
    for column in SNAPSHOT_COLUMNS:
        levels = ("every level" if len(column.levels) == len(LEVELS)
                  else ", ".join(level for level in LEVELS if level in column.levels))
        lines.append(f"| `{column.key}` | {column.type.value} | {column.zh} | {column.en} "
                     f"| {levels} | {column.meaning} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
