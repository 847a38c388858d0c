"""Refresh a data folder from a publishing source, all or nothing; publish a folder.

A source is an http(s) folder URL (URL/manifest.json, URL/<file>) or a folder holding
manifest.json and the files it lists. A refresh downloads every listed snapshot that is
missing or differs, checks size, sha256 and content in a staging folder, and only then
renames them into place: a failure of any kind leaves the data folder as it was.
Headless: the console shows its Progress and RefreshResult.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

from console.refresh.lock import data_lock
from console.refresh.model import (
    CA_ENV,
    SOURCE_ENV,
    STATE_FILE,
    TOKEN_ENV,
    Progress,
    ProgressMeter,
    RefreshError,
    RefreshResult,
)
from console.refresh.publish import publish
from console.refresh.sources import Fetched, Source, open_source
from console.refresh.staging import Staging, remove_stale
from console.refresh.state import (
    RefreshState,
    normalise_source,
    read_state,
    resolve_source,
    state_json,
    stored_validators,
)
from console.remembered import sha256_of_files
from console.snapshots import (
    MANIFEST,
    ManifestEntry,
    SnapshotError,
    manifest_entry,
    read_manifest,
    snapshot_files,
)

__all__ = [
    "CA_ENV", "SOURCE_ENV", "STATE_FILE", "TOKEN_ENV", "Progress", "RefreshError",
    "RefreshResult", "RefreshState", "publish", "read_state", "refresh", "resolve_source",
]


def refresh(data: Path, source: str, *, timeout: float = 30.0, retries: int = 3,
            ca_bundle: str | None = None,
            progress: Callable[[Progress], None] | None = None) -> RefreshResult:
    """Bring `data` up to date with `source`: every differing snapshot, or nothing.

    `timeout` bounds each network wait and the wait for another refresh's lock; `retries`
    counts extra attempts after connection errors, timeouts and 5xx answers. Raises
    RefreshError with one line naming the URL or file and the reason.
    """
    try:
        return _refresh(data, normalise_source(source), timeout, retries, ca_bundle, progress)
    except RefreshError as error:
        raise RefreshError(_redacted(str(error))) from None


def _refresh(data: Path, source: str, timeout: float, retries: int, ca_bundle: str | None,
             progress: Callable[[Progress], None] | None) -> RefreshResult:
    created = _make_folder(data)
    try:
        with data_lock(data, timeout), contextlib.closing(open_source(
                source, data=data, timeout=timeout, retries=retries,
                ca_bundle=ca_bundle)) as origin:
            return _bring_up_to_date(data, origin, progress)
    except OSError as error:
        raise RefreshError(f"{error.filename or data}: {error.strerror or error}") from None
    finally:
        if created:
            with contextlib.suppress(OSError):
                data.rmdir()  # only succeeds while empty: a failed first refresh


def _make_folder(data: Path) -> bool:
    """Create the data folder if it is missing; whether it was created."""
    if data.is_dir():
        return False
    try:
        data.mkdir(parents=True)
    except FileExistsError:
        if data.is_dir():
            return False  # another refresh made it a moment ago
        raise RefreshError(f"{data}: not a folder") from None
    except OSError as error:
        raise RefreshError(f"{data}: cannot create ({error.strerror or error})") from None
    return True


def _bring_up_to_date(data: Path, origin: Source,
                      progress: Callable[[Progress], None] | None) -> RefreshResult:
    validators = stored_validators(data, origin.name)
    fetched = origin.manifest(validators)
    if fetched is None:  # 304 Not Modified: nothing changes but the state's time
        ProgressMeter(progress, 0, 0).post(force=True)
        _commit(data, lambda staging: [
            staging.stage_text(STATE_FILE, state_json(origin.name, validators))])
        return RefreshResult(origin.name, [], [], unchanged=True)
    _require_unique(fetched.entries, origin.where(MANIFEST))
    plan = _differing(data, fetched.entries)
    new = [e.period for e in plan if not (data / e.file).exists()]
    updated = [e.period for e in plan if e.period not in new]
    meter = ProgressMeter(progress, len(plan), sum(e.bytes for e in plan))
    meter.post(force=True)
    _commit(data, lambda staging: _stage(data, staging, origin, fetched, plan, meter))
    meter.post(force=True)
    return RefreshResult(origin.name, new, updated, unchanged=not plan)


def _commit(data: Path, stage: Callable[[Staging], list[str]]) -> None:
    """Stage files, then rename them into place; the staging folder never outlives this."""
    staging = Staging(data)
    try:
        staging.commit(stage(staging))
    finally:
        staging.remove()
    remove_stale(data)


def _stage(data: Path, staging: Staging, origin: Source, fetched: Fetched,
           plan: list[ManifestEntry], meter: ProgressMeter) -> list[str]:
    """Download and check every planned file, then the new manifest and state: their names."""
    origins: dict[str, str] = {}
    for entry in plan:
        where = origin.where(entry.file)
        meter.start(entry.file)
        with staging.sink(entry, where, meter) as sink:
            origin.fetch(entry, sink)
        staging.verify(entry, where)  # before the next download: fail early, spend less
        meter.finish_file()
        origins[entry.file] = where
    staging.validate(origins)
    names = list(origins)
    merged = _merged(data, fetched.entries)
    if plan or _local_entries(data) != merged:
        names.append(staging.stage_manifest(merged))
    names.append(staging.stage_text(STATE_FILE, state_json(origin.name, fetched.validators)))
    return names


def _require_unique(entries: list[ManifestEntry], where: str) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.period in seen:
            raise RefreshError(f"{where}: lists {entry.period} twice")
        seen.add(entry.period)


def _differing(data: Path, entries: list[ManifestEntry]) -> list[ManifestEntry]:
    """The listed snapshots missing locally or whose bytes differ (a local file's digest
    is remembered for as long as the file is unchanged: console.remembered)."""
    local = [data / e.file for e in entries if (data / e.file).is_file()]
    try:
        digests = sha256_of_files(local)
    except OSError as error:
        raise RefreshError(f"{error.filename}: cannot read ({error.strerror})") from None
    return [e for e in entries if digests.get(data / e.file) != e.sha256.lower()]


def _merged(data: Path, listed: list[ManifestEntry]) -> list[ManifestEntry]:
    """What the local manifest lists: the source's snapshots and the local ones it dropped."""
    names = {e.file for e in listed}
    kept = [_entry_of(p) for p in snapshot_files(data) if p.name not in names]
    return sorted([*listed, *(e for e in kept if e)], key=lambda e: e.period)


def _entry_of(path: Path) -> ManifestEntry | None:
    """A kept local file's entry; None when it cannot be read (the store reports those)."""
    try:
        return manifest_entry(path)
    except (OSError, pa.ArrowException, SnapshotError):
        return None


def _local_entries(data: Path) -> list[ManifestEntry] | None:
    try:
        return sorted(read_manifest(data), key=lambda e: e.period)
    except SnapshotError:
        return None


def _redacted(text: str) -> str:
    """The token must never reach a message, whatever a server or library echoes back."""
    token = os.environ.get(TOKEN_ENV)
    return text.replace(token, "***") if token else text
