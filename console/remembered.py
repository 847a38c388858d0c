"""What the console remembers between runs about files it has read, in the user's cache
($XDG_CACHE_HOME/fpa-console, else ~/.cache/fpa-console).

Facts are kept by a file's identity (console.snapshots.file_identity: its path, inode,
size, modification and change time), which any write or replacement of the file changes:
a fact about one version of a file is never taken for another. Losing the cache costs
time, never a wrong answer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from console.snapshots import atomic_writer, file_identity, sha256_of


def cache_folder() -> Path:
    """The console's folder in the user's cache."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fpa-console"


class Facts:
    """One JSON file of facts in the cache folder: a file's identity → a short text."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def path(self) -> Path:
        """The file, in the cache folder as the environment names it now."""
        return cache_folder() / self.name

    def read(self) -> dict[str, str]:
        """Every fact kept; none when the file is missing, unreadable or of an older form."""
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(found, dict):
            return {}
        return {k: v for k, v in found.items() if isinstance(v, str)}

    def add(self, facts: dict[str, str]) -> None:
        """Keep these facts too. Facts about files whose path is gone are dropped as the
        file is written (identities start with the path): it does not grow with files
        deleted since. A cache that cannot be written only costs time later."""
        kept = self.read()
        if all(kept.get(identity) == fact for identity, fact in facts.items()):
            return
        kept.update(facts)
        kept = {i: f for i, f in kept.items() if Path(i.split("|", 1)[0]).exists()}
        try:
            with atomic_writer(self.path, "w") as stream:
                json.dump(kept, stream, ensure_ascii=False, sort_keys=True)
        except OSError:
            pass

    def add_files(self, facts: dict[Path, str],
                  identity: Callable[[Path], str] = file_identity) -> None:
        """Keep a fact about each of these files as they are now, by `identity`; a file
        gone since has nothing to keep."""
        known: dict[str, str] = {}
        for path, fact in facts.items():
            try:
                known[identity(path)] = fact
            except OSError:
                continue
        if known:
            self.add(known)


DIGESTS = Facts("sha256.json")


def sha256_of_files(paths: Iterable[Path]) -> dict[Path, str]:
    """The hex SHA-256 of each file: remembered for a version of a file read before, else
    read now (and remembered). A village-depth folder's files take ~0.2 s to read."""
    known = DIGESTS.read()
    digests: dict[Path, str] = {}
    learnt: dict[str, str] = {}
    for path in paths:
        identity = file_identity(path)
        if identity not in known:
            learnt[identity] = sha256_of(path)
        digests[path] = known.get(identity) or learnt[identity]
    if learnt:
        DIGESTS.add(learnt)
    return digests


def remember_sha256(digests: dict[Path, str]) -> None:
    """Remember digests already checked, of files in place (a refresh's)."""
    DIGESTS.add_files(digests)
