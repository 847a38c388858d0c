"""Refresh against a real HTTP server on loopback (and a folder): all or nothing.

The server publishes a folder and takes fault knobs; every failure must leave the data
folder byte for byte as it was and say in one line which URL or file failed and why.
"""

from __future__ import annotations

import errno
import hashlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import pyarrow.parquet as pq
import pytest

from console import refresh as refresh_package
from console.refresh import (
    SOURCE_ENV,
    STATE_FILE,
    TOKEN_ENV,
    Progress,
    RefreshError,
    RefreshResult,
    RefreshState,
    read_state,
    refresh,
    resolve_source,
)
from console.refresh import sources as refresh_sources
from console.refresh.lock import data_lock
from console.refresh.model import ProgressMeter
from console.remembered import DIGESTS
from console.snapshots import (
    MANIFEST,
    ManifestEntry,
    file_identity,
    manifest_entry,
    read_manifest,
    sha256_of,
    snapshot_files,
    write_manifest,
    write_snapshot,
)
from console.store import Store
from console.validation import validate_files
from tests.fixtures import TREE, frame, rows_for, unit_row, write_fixture

TIMEOUT = 0.3  # seconds: short, so that the hang case stays fast
TOKEN = "s3cret-t0ken-for-tests"


class Site(ThreadingHTTPServer):
    """A publishing server over a folder, at URL /pub, with fault knobs the tests set."""

    daemon_threads = True

    def __init__(self, folder: Path) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.folder = folder
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.token: str | None = None       # 401 unless "Bearer <token>" is sent
        self.corrupt: set[str] = set()      # served with one byte flipped
        self.truncate: set[str] = set()     # always half the body, then the connection drops
        self.cut_once: set[str] = set()     # half the body the first time only
        self.failures: dict[str, int] = {}  # this many 500s before the real answer
        self.hang: set[str] = set()         # no answer until the test ends
        self.manifest_body: bytes | None = None
        self.etag = True                    # else Last-Modified alone
        self.ranges = True
        self.delay = 0.0
        self.release = threading.Event()

    @property
    def url(self) -> str:
        """The folder URL a refresh is given."""
        return f"http://127.0.0.1:{self.server_address[1]}/pub"

    def names(self) -> list[str]:
        """The files asked for, in order."""
        return [name for name, _ in self.requests]

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (the timeout cases) is expected: stay quiet."""


class Handler(BaseHTTPRequestHandler):
    """Serves Site.folder: ETag/Last-Modified on the manifest, ranges on files, faults."""

    server: Site
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart

    def log_message(self, format: str, *args: Any) -> None:
        """No request log on stderr."""

    def do_GET(self) -> None:
        site = self.server
        name = self.path.removeprefix("/pub/")
        site.requests.append((name, {k.lower(): v for k, v in self.headers.items()}))
        if site.token and self.headers.get("Authorization") != f"Bearer {site.token}":
            return self._status(401)
        if name in site.hang:
            site.release.wait(10)
            self.close_connection = True
            return None
        if site.failures.get(name, 0) > 0:
            site.failures[name] -= 1
            return self._status(500)
        body = self._body(name)
        if body is None:
            return self._status(404)
        if name == MANIFEST:
            return self._manifest(body)
        time.sleep(site.delay)
        return self._file(name, body)

    def _body(self, name: str) -> bytes | None:
        site = self.server
        if name == MANIFEST and site.manifest_body is not None:
            return site.manifest_body
        path = site.folder / name
        if not path.is_file():
            return None
        body = bytearray(path.read_bytes())
        if name in site.corrupt:
            body[len(body) // 2] ^= 0xFF
        return bytes(body)

    def _manifest(self, body: bytes) -> None:
        site = self.server
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        modified = formatdate((site.folder / MANIFEST).stat().st_mtime, usegmt=True)
        if (self.headers.get("If-None-Match") == tag if site.etag
                else self.headers.get("If-Modified-Since") == modified):
            return self._status(304)
        self.send_response(200)
        if site.etag:
            self.send_header("ETag", tag)
        self.send_header("Last-Modified", modified)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _file(self, name: str, body: bytes) -> None:
        site = self.server
        wanted = self.headers.get("Range")
        start = int(wanted.removeprefix("bytes=").rstrip("-")) if wanted and site.ranges else 0
        cut = name in site.truncate or name in site.cut_once
        site.cut_once.discard(name)
        self.send_response(206 if start else 200)
        self.send_header("Content-Length", str(len(body) - start))
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        self.end_headers()
        part = body[start:]
        # A Content-Length larger than what is sent, then the connection drops.
        self.wfile.write(part[: len(part) // 2] if cut else part)
        self.close_connection = cut

    def _status(self, code: int) -> None:
        self.send_response(code)
        self.send_header("Content-Length", "0")
        self.end_headers()


# ---- published folders ----------------------------------------------------------------

def write_period(folder: Path, period: str,
                 overrides: dict[str, dict[str, Any]] | None = None) -> Path:
    """One period of the fixture tree as a snapshot file (rows' period = the file's)."""
    rows = [unit_row(period, code, name, level, parent, (overrides or {}).get(code, {}))
            for code, name, level, parent in TREE]
    path = folder / f"{period}.parquet"
    write_snapshot(frame(rows), path)
    return path


def list_as_is(folder: Path, name: str, rows: int = len(TREE)) -> None:
    """List a file in the manifest with its true checksum and size, whatever it holds."""
    path = folder / name
    entries = [e for e in read_manifest(folder) if e.file != name]
    entries.append(ManifestEntry(name[:7], name, sha256_of(path), path.stat().st_size, rows))
    write_manifest(folder, entries)


def relist(folder: Path) -> None:
    """Rewrite the manifest from the folder's snapshot files."""
    write_manifest(folder, [manifest_entry(p) for p in snapshot_files(folder)])


def contents(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder below `folder` (hidden ones too): bytes, or None for a folder."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def consistent(data: Path) -> bool:
    """Every file the local manifest lists is there with the listed checksum."""
    return all(sha256_of(data / e.file) == e.sha256 for e in read_manifest(data))


@pytest.fixture
def published(tmp_path: Path) -> Path:
    """A published folder: 2021-10 and 2021-11 with their manifest."""
    return write_fixture(tmp_path / "published")


@pytest.fixture
def site(published: Path) -> Iterator[Site]:
    """The published folder served on loopback."""
    server = Site(published)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield server
    server.release.set()
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The local data folder (not created: a refresh creates it)."""
    return tmp_path / "data"


def fetch(data: Path, source: str, **options: Any) -> RefreshResult:
    """Refresh with the tests' short timeout and one retry unless told otherwise."""
    options.setdefault("timeout", TIMEOUT)
    options.setdefault("retries", 1)
    return refresh(data, source, **options)


# ---- success ----------------------------------------------------------------------------

def test_first_refresh_fills_an_empty_folder(site: Site, data: Path) -> None:
    seen: list[Progress] = []
    result = fetch(data, site.url, progress=seen.append)

    assert result == RefreshResult(site.url, ["2021-10", "2021-11"], [], unchanged=False)
    assert result.summary() == "2 new periods: 2021-10, 2021-11"
    assert sorted(contents(data)) == [STATE_FILE, "2021-10.parquet", "2021-11.parquet",
                                      MANIFEST]
    assert read_manifest(data) == read_manifest(site.folder)
    assert consistent(data)
    assert Store(data).periods == ["2021-10", "2021-11"]
    state = read_state(data)
    assert state.source == site.url
    assert state.refreshed_at is not None and state.refreshed_at.utcoffset() is not None
    total = sum(e.bytes for e in read_manifest(site.folder))
    assert seen[0] == Progress(0, 2, 0, total, "")
    assert seen[-1] == Progress(2, 2, total, total, "")
    assert any(p.current == "2021-11.parquet" for p in seen)


def test_unchanged_manifest_costs_one_conditional_request(site: Site, data: Path) -> None:
    fetch(data, site.url)
    before = contents(data)
    stamp = read_state(data).refreshed_at
    site.requests.clear()

    result = fetch(data, site.url)

    assert result.unchanged and result.summary() == "up to date"
    assert site.names() == [MANIFEST]
    assert site.requests[0][1]["if-none-match"].startswith('"')
    after = contents(data)
    assert {k: v for k, v in after.items() if k != STATE_FILE} == {
        k: v for k, v in before.items() if k != STATE_FILE}
    refreshed = read_state(data).refreshed_at
    assert stamp is not None and refreshed is not None and refreshed >= stamp


def test_last_modified_alone_also_saves_the_download(site: Site, data: Path) -> None:
    site.etag = False
    fetch(data, site.url)
    site.requests.clear()

    assert fetch(data, site.url).unchanged
    assert site.names() == [MANIFEST]
    assert "if-modified-since" in site.requests[0][1]


def test_a_new_period_downloads_only_that_file(site: Site, data: Path) -> None:
    fetch(data, site.url)
    write_period(site.folder, "2021-12")
    relist(site.folder)
    site.requests.clear()

    result = fetch(data, site.url)

    assert site.names() == [MANIFEST, "2021-12.parquet"]
    assert result.new_periods == ["2021-12"] and result.updated_periods == []
    assert result.summary() == "1 new period: 2021-12"
    assert Store(data).periods == ["2021-10", "2021-11", "2021-12"]
    assert consistent(data)


def test_files_brought_in_are_not_checked_again(site: Site, data: Path) -> None:
    fetch(data, site.url)
    closed = duckdb.connect(":memory:")
    closed.close()  # a content check on it would fail: none must be needed
    assert validate_files(closed, snapshot_files(data)) == []


def test_files_brought_in_need_not_be_read_to_compare(site: Site, data: Path) -> None:
    fetch(data, site.url)
    remembered = DIGESTS.read()
    for entry in read_manifest(data):
        assert remembered[file_identity(data / entry.file)] == entry.sha256


def test_a_local_file_changed_in_place_is_fetched_again(site: Site, data: Path) -> None:
    fetch(data, site.url)
    local = data / "2021-11.parquet"
    spoilt = bytearray(local.read_bytes())
    spoilt[len(spoilt) // 2] ^= 0xFF  # same size, other bytes: its digest is not the one kept
    local.write_bytes(bytes(spoilt))
    write_period(site.folder, "2021-12")  # a new manifest: the local files are compared
    relist(site.folder)
    site.requests.clear()

    result = fetch(data, site.url)

    assert sorted(site.names()) == ["2021-11.parquet", "2021-12.parquet", MANIFEST]
    assert result.updated_periods == ["2021-11"] and result.new_periods == ["2021-12"]
    assert local.read_bytes() == (site.folder / "2021-11.parquet").read_bytes()


def test_a_changed_period_is_updated(site: Site, data: Path) -> None:
    fetch(data, site.url)
    write_period(site.folder, "2021-11", {"110000": {"members": 999}})
    relist(site.folder)
    site.requests.clear()

    result = fetch(data, site.url)

    assert site.names() == [MANIFEST, "2021-11.parquet"]
    assert result.updated_periods == ["2021-11"] and not result.unchanged
    assert result.summary() == "1 updated period: 2021-11"
    assert (data / "2021-11.parquet").read_bytes() == (site.folder / "2021-11.parquet").read_bytes()


def test_local_periods_the_source_no_longer_lists_stay(site: Site, data: Path) -> None:
    data.mkdir()
    kept = write_period(data, "2021-09").read_bytes()

    fetch(data, site.url)

    assert (data / "2021-09.parquet").read_bytes() == kept
    assert [e.period for e in read_manifest(data)] == ["2021-09", "2021-10", "2021-11"]
    assert consistent(data)


def test_a_killed_refresh_leaves_nothing_for_long(site: Site, data: Path) -> None:
    left = data / ".fpa-refresh-killed.part"
    left.mkdir(parents=True)
    (left / "2021-12.parquet").write_bytes(b"half a download")

    fetch(data, site.url)

    assert not left.exists()  # removed under the lock, once a refresh succeeded


def test_a_folder_source(published: Path, data: Path) -> None:
    result = fetch(data, str(published))

    assert result.new_periods == ["2021-10", "2021-11"]
    assert read_manifest(data) == read_manifest(published)
    assert read_state(data).source == str(published.resolve())
    assert resolve_source(None, data) == str(published.resolve())
    assert fetch(data, str(published)).unchanged


def test_retries_after_a_server_error(site: Site, data: Path) -> None:
    site.failures = {MANIFEST: 1, "2021-10.parquet": 1}

    fetch(data, site.url)

    assert site.names().count(MANIFEST) == 2
    assert site.names().count("2021-10.parquet") == 2
    assert consistent(data)


def test_a_broken_download_resumes_with_a_range(site: Site, data: Path) -> None:
    site.cut_once = {"2021-10.parquet"}
    size = (site.folder / "2021-10.parquet").stat().st_size

    fetch(data, site.url)

    asked = [headers for name, headers in site.requests if name == "2021-10.parquet"]
    assert "range" not in asked[0]
    assert asked[1]["range"] == f"bytes={size // 2}-"
    assert consistent(data)


def test_a_server_without_ranges_is_asked_again_from_the_start(site: Site,
                                                               data: Path) -> None:
    site.ranges = False
    site.cut_once = {"2021-10.parquet"}

    fetch(data, site.url)

    assert site.names().count("2021-10.parquet") == 2
    assert consistent(data)


def test_the_token_is_sent_as_a_bearer_header(site: Site, data: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    site.token = TOKEN
    monkeypatch.setenv(TOKEN_ENV, TOKEN)

    fetch(data, site.url)

    assert all(h["authorization"] == f"Bearer {TOKEN}" for _, h in site.requests)
    assert TOKEN not in "".join(str(v) for v in contents(data).values())


# ---- failures: the folder stays as it was -------------------------------------------------

Fault = Callable[[Site], None]


def _set(attribute: str, value: Any) -> Fault:
    return lambda site: setattr(site, attribute, value)


def _missing_column(site: Site) -> None:
    path = site.folder / "2021-12.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["members"]), path)
    list_as_is(site.folder, path.name)


def _not_parquet(site: Site) -> None:
    (site.folder / "2021-12.parquet").write_bytes(b"PAR1 this is not a Parquet file " * 64)
    list_as_is(site.folder, "2021-12.parquet")


def _wrong_period_inside(site: Site) -> None:
    write_snapshot(frame(rows_for("2021-11")), site.folder / "2021-12.parquet")
    list_as_is(site.folder, "2021-12.parquet")


def _listed_size(change: int, rows: int = 0) -> Fault:
    def spoil(site: Site) -> None:
        entries = [ManifestEntry(e.period, e.file, e.sha256, e.bytes + change, e.rows + rows)
                   if e.file == "2021-12.parquet" else e for e in read_manifest(site.folder)]
        write_manifest(site.folder, entries)
    return spoil


def _gone(site: Site) -> None:
    (site.folder / "2021-12.parquet").unlink()


FAULTS: list[tuple[str, Fault, str, str]] = [
    ("wrong checksum", lambda s: s.corrupt.add("2021-12.parquet"), "2021-12.parquet",
     "sha256 mismatch (expected "),
    ("truncated body", lambda s: s.truncate.add("2021-12.parquet"), "2021-12.parquet",
     "connection broken (peer closed connection without sending complete message body"),
    ("server error", lambda s: s.failures.update({"2021-12.parquet": 9}), "2021-12.parquet",
     "HTTP 500 Internal Server Error (2 attempts)"),
    ("not found", _gone, "2021-12.parquet", "HTTP 404 Not Found"),
    ("hang", lambda s: s.hang.add("2021-12.parquet"), "2021-12.parquet",
     f"timed out after {TIMEOUT:g} s"),
    ("unauthorised", _set("token", TOKEN), MANIFEST, "HTTP 401 Unauthorized"),
    ("manifest not JSON", _set("manifest_body", b"<html>moved</html>"), MANIFEST,
     "not JSON (Expecting value"),
    ("manifest of another format", _set("manifest_body", b'{"format": "other/2"}'), MANIFEST,
     "not a manifest of format fpa-snapshots/1"),
    ("manifest lists a period twice",
     _set("manifest_body", json.dumps({"format": "fpa-snapshots/1", "snapshots": [
         {"period": "2021-10", "file": "2021-10.parquet", "sha256": "0", "bytes": 1,
          "rows": 1}] * 2}).encode()), MANIFEST, "lists 2021-10 twice"),
    ("not Parquet", _not_parquet, "2021-12.parquet", "file: not a readable Parquet file"),
    ("missing column", _missing_column, "2021-12.parquet", "members: missing column"),
    ("content fails validation", _wrong_period_inside, "2021-12.parquet",
     "period: holds period 2021-11, but the file name says 2021-12"),
    ("shorter than listed", _listed_size(+10), "2021-12.parquet", "size mismatch (expected "),
    ("longer than listed", _listed_size(-10), "2021-12.parquet", "bytes, got more)"),
    ("rows differ from the manifest", _listed_size(0, rows=1), "2021-12.parquet",
     "13 rows, but the manifest says 14"),
]


@pytest.fixture
def refreshed(site: Site, data: Path) -> Path:
    """A data folder refreshed once; then the source changes 2021-11 and adds 2021-12.

    The next refresh downloads 2021-11 first, so a fault in 2021-12 shows whether
    anything was put in place too early.
    """
    fetch(data, site.url)
    write_period(site.folder, "2021-11", {"110000": {"members": 999}})
    write_period(site.folder, "2021-12")
    relist(site.folder)
    site.requests.clear()
    return data


def assert_refused(data: Path, before: dict[str, bytes | None], error: RefreshError,
                   where: str, reason: str) -> None:
    """One line that starts with the URL or file and gives the reason; nothing changed."""
    message = str(error)
    assert "\n" not in message
    assert message.startswith(f"{where}: "), message
    assert reason in message, message
    assert contents(data) == before


@pytest.mark.parametrize(("fault", "file", "reason"), [c[1:] for c in FAULTS],
                         ids=[c[0] for c in FAULTS])
def test_a_failure_leaves_the_folder_as_it_was(site: Site, refreshed: Path, fault: Fault,
                                               file: str, reason: str) -> None:
    before = contents(refreshed)
    fault(site)

    with pytest.raises(RefreshError) as caught:
        fetch(refreshed, site.url)

    assert_refused(refreshed, before, caught.value, f"{site.url}/{file}", reason)


def test_no_server_at_all(data: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/pub"

    with pytest.raises(RefreshError) as caught:
        fetch(data, url, retries=0)

    assert_refused(data, {}, caught.value, f"{url}/{MANIFEST}", "cannot connect (")
    assert not data.exists()  # created for the refresh, removed when it failed empty


def test_the_token_never_shows_in_an_error(site: Site, refreshed: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    site.token = TOKEN
    monkeypatch.setenv(TOKEN_ENV, "wrong-" + TOKEN)
    with pytest.raises(RefreshError) as unauthorised:
        fetch(refreshed, site.url)
    assert "HTTP 401" in str(unauthorised.value)
    assert TOKEN not in str(unauthorised.value)

    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    site.corrupt.add("2021-12.parquet")
    with pytest.raises(RefreshError) as mismatch:
        fetch(refreshed, site.url)
    assert "sha256 mismatch" in str(mismatch.value)
    assert TOKEN not in str(mismatch.value)


def test_a_full_disk_leaves_the_folder_as_it_was(site: Site, refreshed: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def full(stream: BinaryIO, chunk: bytes) -> None:
        if Path(stream.name).name == "2021-12.parquet":
            raise OSError(errno.ENOSPC, "No space left on device")
        stream.write(chunk)

    # The one fault a real part cannot produce on demand: a write that finds the disk full.
    monkeypatch.setattr(refresh_sources, "write_chunk", full)
    before = contents(refreshed)

    with pytest.raises(RefreshError) as caught:
        fetch(refreshed, site.url)

    assert_refused(refreshed, before, caught.value, str(refreshed / "2021-12.parquet"),
                   "cannot write (No space left on device)")


def test_a_rename_that_fails_is_undone(site: Site, refreshed: Path) -> None:
    (refreshed / "2021-12.parquet").mkdir()  # a folder in the way: os.replace must fail
    before = contents(refreshed)

    with pytest.raises(RefreshError) as caught:
        fetch(refreshed, site.url)

    # 2021-11 was already replaced when 2021-12 failed: it is back as it was.
    assert_refused(refreshed, before, caught.value, str(refreshed / "2021-12.parquet"),
                   "cannot put in place (Is a directory)")


def test_a_folder_source_with_a_tampered_file(published: Path, data: Path) -> None:
    path = published / "2021-11.parquet"
    path.write_bytes(path.read_bytes()[::-1])

    with pytest.raises(RefreshError) as caught:
        fetch(data, str(published))

    assert_refused(data, {}, caught.value, str(path), "sha256 mismatch")


def test_a_bad_ca_bundle_is_named(site: Site, data: Path) -> None:
    with pytest.raises(RefreshError, match=r"^/no/such/ca\.pem: not a usable CA bundle"):
        fetch(data, site.url.replace("http:", "https:"), ca_bundle="/no/such/ca.pem")


# ---- two at once ---------------------------------------------------------------------------

def test_a_held_lock_makes_a_second_refresh_wait_then_give_up(site: Site,
                                                              refreshed: Path) -> None:
    before = contents(refreshed)
    with data_lock(refreshed, 0), pytest.raises(RefreshError) as caught:
        fetch(refreshed, site.url, timeout=0.2)

    assert "another refresh of" in str(caught.value) and "is running" in str(caught.value)
    assert contents(refreshed) == before  # the lock file went with its holder
    assert site.requests == []


def test_racing_refreshes_download_once_and_end_consistent(site: Site, data: Path) -> None:
    site.delay = 0.1  # each file takes a while, so that the two overlap
    results: list[RefreshResult] = []
    errors: list[RefreshError] = []

    def run() -> None:
        try:
            results.append(refresh(data, site.url, timeout=5, retries=0))
        except RefreshError as error:
            errors.append(error)

    racers = [threading.Thread(target=run) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    assert len(errors) <= 1 and all("another refresh" in str(e) for e in errors)
    assert consistent(data) and Store(data).periods == ["2021-10", "2021-11"]
    assert sorted(contents(data)) == [STATE_FILE, "2021-10.parquet", "2021-11.parquet",
                                      MANIFEST]
    assert site.names().count("2021-10.parquet") == 1  # the second saw it up to date
    assert sorted(r.unchanged for r in results) == [False, True][: len(results)]


# ---- state and source ------------------------------------------------------------------------

def test_the_source_comes_from_option_then_environment_then_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SOURCE_ENV, raising=False)
    with pytest.raises(RefreshError) as caught:
        resolve_source(None, tmp_path)
    assert str(caught.value) == "no source: give --source URL|DIR or set FPA_SOURCE"
    (tmp_path / STATE_FILE).write_text(json.dumps(
        {"source": "https://recorded/pub", "refreshed_at": "2021-12-01T08:00:00+00:00"}))
    assert resolve_source(None, tmp_path) == "https://recorded/pub"
    monkeypatch.setenv(SOURCE_ENV, "/mnt/fpa")
    assert resolve_source(None, tmp_path) == "/mnt/fpa"
    assert resolve_source("https://given/pub", tmp_path) == "https://given/pub"


@pytest.mark.parametrize("text", ["", "{", "[]", '{"source": 1}',
                                  '{"source": "x", "refreshed_at": "yesterday"}'])
def test_a_missing_or_corrupt_state_reads_as_none(tmp_path: Path, text: str) -> None:
    assert read_state(tmp_path) == RefreshState(None, None)
    (tmp_path / STATE_FILE).write_text(text)
    assert read_state(tmp_path) == RefreshState(None, None)


def test_summary_names_new_and_updated_periods() -> None:
    result = RefreshResult("s", ["2021-11", "2021-12"], ["2021-10"], unchanged=False)
    assert result.summary() == "2 new periods: 2021-11, 2021-12; 1 updated period: 2021-10"
    assert RefreshResult("s", [], [], unchanged=True).summary() == "up to date"


def test_progress_between_milestones_is_throttled() -> None:
    seen: list[Progress] = []
    meter = ProgressMeter(seen.append, 1, 100_000)
    meter.start("2021-12.parquet")
    for _ in range(100_000):
        meter.add(1)  # a burst of tiny chunks, far faster than 20 a second
    meter.finish_file()

    assert seen[0] == Progress(0, 1, 0, 100_000, "2021-12.parquet")
    assert seen[-1] == Progress(1, 1, 100_000, 100_000, "")
    assert len(seen) < 10


def test_refresh_does_not_import_textual() -> None:
    code = ("import sys, console.refresh, console.refresh.web\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"
    assert refresh_package.refresh is refresh
