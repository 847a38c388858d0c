"""Publishing checks every snapshot file and writes the manifest only when all are good."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from console.refresh import RefreshError, publish
from console.snapshots import MANIFEST, manifest_entry, read_manifest, write_snapshot
from tests.fixtures import TREE, frame, rows_for, write_fixture


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The fixture's two periods, without a manifest yet."""
    folder = write_fixture(tmp_path / "published")
    (folder / MANIFEST).unlink()
    return folder


def test_a_good_folder_gets_its_manifest(folder: Path) -> None:
    entries = publish(folder)

    assert [e.period for e in entries] == ["2021-10", "2021-11"]
    assert entries == [manifest_entry(folder / f"{p}.parquet") for p in ("2021-10", "2021-11")]
    assert all(e.rows == len(TREE) for e in entries)
    assert read_manifest(folder) == entries
    assert sorted(p.name for p in folder.iterdir()) == [
        "2021-10.parquet", "2021-11.parquet", MANIFEST]  # no temporary file left


def test_publishing_again_lists_a_new_period(folder: Path) -> None:
    publish(folder)
    rows = [{**row, "period": row["period"].replace(month=12)} for row in rows_for("2021-11")]
    write_snapshot(frame(rows), folder / "2021-12.parquet")

    assert [e.period for e in publish(folder)] == ["2021-10", "2021-11", "2021-12"]


def test_a_bad_file_refuses_the_lot_and_keeps_the_old_manifest(folder: Path) -> None:
    publish(folder)
    old = (folder / MANIFEST).read_bytes()
    bad = folder / "2021-12.parquet"
    pq.write_table(pq.read_table(folder / "2021-11.parquet").drop_columns(["members"]), bad)

    with pytest.raises(RefreshError) as caught:
        publish(folder)

    assert str(caught.value) == f"{bad}: members: missing column; nothing published"
    assert (folder / MANIFEST).read_bytes() == old


def test_a_bad_file_without_a_manifest_writes_none(folder: Path) -> None:
    write_snapshot(frame(rows_for("2021-10")), folder / "2021-12.parquet")  # wrong period
    (folder / "2022-01.parquet").write_bytes(b"not Parquet")

    with pytest.raises(RefreshError) as caught:
        publish(folder)

    message = str(caught.value)
    assert message.startswith(f"{folder / '2021-12.parquet'}: period: holds period 2021-10")
    assert message.endswith("(and 1 more file refused); nothing published")
    assert not (folder / MANIFEST).exists()


def test_an_empty_folder_is_not_published(tmp_path: Path) -> None:
    with pytest.raises(RefreshError, match="no snapshot files"):
        publish(tmp_path)
    assert not (tmp_path / MANIFEST).exists()


def test_a_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(RefreshError, match=r"/absent: not a readable folder"):
        publish(tmp_path / "absent")
