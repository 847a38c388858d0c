"""The refresh state kept in the data folder, and which source a refresh uses.

STATE_FILE records the last successful source, when it succeeded, and the manifest's
ETag and Last-Modified, so the next refresh of that source can ask "changed since?".
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from console.refresh.model import SOURCE_ENV, STATE_FILE, RefreshError
from console.snapshots import SnapshotError, read_manifest


@dataclass(frozen=True)
class RefreshState:
    """The last successful refresh of a data folder: its source and time (UTC)."""

    source: str | None
    refreshed_at: dt.datetime | None


@dataclass(frozen=True)
class Validators:
    """What the server said identifies its manifest: ETag and Last-Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        """The conditional request headers that ask whether the manifest changed."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def is_url(source: str) -> bool:
    """Whether a source is an http(s) URL rather than a folder."""
    return source.lower().startswith(("http://", "https://"))


def normalise_source(source: str) -> str:
    """A source as the state records it: a URL without a trailing '/', a folder absolute."""
    if is_url(source):
        return source.rstrip("/")
    if "://" in source:
        raise RefreshError(f"{source}: not a source (give an http(s) URL or a folder)")
    return str(Path(source).expanduser().resolve())


def _stored(data: Path) -> dict[str, Any]:
    try:
        payload = json.loads((data / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return payload if isinstance(payload, dict) else {}


def read_state(data: Path) -> RefreshState:
    """The recorded state; RefreshState(None, None) when it is missing or unreadable."""
    payload = _stored(data)
    source, stamp = payload.get("source"), payload.get("refreshed_at")
    if not isinstance(source, str) or not isinstance(stamp, str):
        return RefreshState(None, None)
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return RefreshState(None, None)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return RefreshState(source, when.astimezone(dt.UTC))


def stored_validators(data: Path, source: str) -> Validators | None:
    """The validators recorded for `source`, if the folder still holds what they describe.

    A listed file that is gone or changed size would otherwise stay missing behind a 304.
    """
    payload = _stored(data)
    if payload.get("source") != source:
        return None
    etag, modified = payload.get("etag"), payload.get("last_modified")
    if not isinstance(etag, str | None) or not isinstance(modified, str | None):
        return None
    if not (etag or modified) or not _folder_intact(data):
        return None
    return Validators(etag, modified)


def _folder_intact(data: Path) -> bool:
    try:
        entries = read_manifest(data)
        return all((data / e.file).stat().st_size == e.bytes for e in entries)
    except (SnapshotError, OSError):
        return False


def state_json(source: str, validators: Validators | None) -> str:
    """The text of STATE_FILE after a successful refresh of `source`, stamped now."""
    payload = {
        "source": source,
        "refreshed_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "etag": validators.etag if validators else None,
        "last_modified": validators.last_modified if validators else None,
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def resolve_source(option: str | None, data: Path) -> str:
    """--source, else $FPA_SOURCE, else the source of the last successful refresh."""
    source = option or os.environ.get(SOURCE_ENV) or read_state(data).source
    if not source:
        raise RefreshError("no source: give --source URL|DIR or set FPA_SOURCE")
    return source
