"""Where snapshots come from: a publishing URL or a folder (a shared mount).

Both answer the same two questions: what does the manifest list, and give me the bytes
of one listed file. A download writes into a Sink, which owns the staged file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from console.refresh.model import ProgressMeter, RefreshError
from console.refresh.state import Validators, is_url
from console.snapshots import ManifestEntry, SnapshotError, read_manifest

CHUNK = 1 << 16
T = TypeVar("T")


def write_chunk(stream: BinaryIO, chunk: bytes) -> None:
    """Append one chunk of a download to its staged file (the one place bytes hit disk)."""
    stream.write(chunk)


class Sink:
    """The staged file one download writes into: bounded by the listed size, restartable."""

    def __init__(self, staged: Path, shown: Path, origin: str, expected: int,
                 meter: ProgressMeter) -> None:
        self.size = 0
        self._shown = shown
        self._origin = origin
        self._expected = expected
        self._meter = meter
        self._stream = self._guard(lambda: staged.open("wb"))

    def write(self, chunk: bytes) -> None:
        """Append `chunk`; a body longer than the manifest says is refused at once."""
        if self.size + len(chunk) > self._expected:
            raise RefreshError(f"{self._origin}: size mismatch (expected {self._expected} "
                               "bytes, got more)")
        self._guard(lambda: write_chunk(self._stream, chunk))
        self.size += len(chunk)
        self._meter.add(len(chunk))

    def restart(self) -> None:
        """Drop what arrived so far: the server would not resume where it broke off."""
        self._guard(lambda: (self._stream.seek(0), self._stream.truncate()))
        self._meter.add(-self.size)
        self.size = 0

    def __enter__(self) -> Sink:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        """Flush the file to disk (a full disk may only show here); after a failure, close."""
        try:
            if kind is None:
                self._guard(self._stream.flush)
                self._guard(lambda: os.fsync(self._stream.fileno()))
        finally:
            with contextlib.suppress(OSError):  # a failed flush fails again here: report once
                self._stream.close()

    def _guard(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except OSError as error:
            raise RefreshError(f"{self._shown}: cannot write ({error.strerror or error})"
                               ) from None


@dataclass(frozen=True)
class Fetched:
    """A manifest as the source listed it, and what identifies that version of it."""

    entries: list[ManifestEntry]
    validators: Validators | None


class Source(Protocol):
    """A place that publishes a manifest and the snapshot files it lists."""

    name: str

    def where(self, file: str) -> str:
        """The URL or path of a listed file, as error messages show it."""
        ...

    def manifest(self, validators: Validators | None) -> Fetched | None:
        """The listed snapshots; None when the validators say nothing changed."""
        ...

    def fetch(self, entry: ManifestEntry, sink: Sink) -> None:
        """Write the bytes of one listed file into `sink`."""
        ...

    def close(self) -> None:
        """Let go of connections."""
        ...


class FolderSource:
    """A folder that holds manifest.json and the files it lists."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise RefreshError(f"{folder}: source folder not found")
        self.folder = folder
        self.name = str(folder)

    def where(self, file: str) -> str:
        """The path of a listed file."""
        return str(self.folder / file)

    def manifest(self, validators: Validators | None) -> Fetched:
        """The folder's manifest; a folder is always read afresh."""
        try:
            return Fetched(read_manifest(self.folder), None)
        except SnapshotError as error:
            raise RefreshError(str(error)) from None

    def fetch(self, entry: ManifestEntry, sink: Sink) -> None:
        """Copy one listed file into `sink`."""
        path = self.folder / entry.file
        try:
            with path.open("rb") as stream:
                while chunk := stream.read(CHUNK):
                    sink.write(chunk)
        except OSError as error:
            raise RefreshError(f"{path}: cannot read ({error.strerror or error})") from None

    def close(self) -> None:
        """Nothing to let go of."""


def open_source(source: str, *, data: Path, timeout: float, retries: int,
                ca_bundle: str | None) -> Source:
    """The Source for a normalised source string (see state.normalise_source)."""
    if is_url(source):
        from console.refresh.web import HttpSource  # httpx only when a URL needs it

        return HttpSource(source, timeout=timeout, retries=retries, ca_bundle=ca_bundle)
    folder = Path(source)
    if folder.exists() and data.exists() and folder.samefile(data):
        raise RefreshError(f"{source}: the source is the data folder itself")
    return FolderSource(folder)
