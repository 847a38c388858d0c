"""Load the SQL statements of queries/ by name ('drill/view' → queries/drill/view.sql)."""

from __future__ import annotations

from functools import cache
from importlib import resources


class UnknownQuery(KeyError):
    """No SQL file has that name."""


@cache
def load(name: str) -> str:
    """The text of queries/<name>.sql, read once from the installed package."""
    resource = resources.files("console.queries").joinpath(*f"{name}.sql".split("/"))
    if not resource.is_file():
        raise UnknownQuery(name)
    return resource.read_text(encoding="utf-8")


def names() -> list[str]:
    """Every query name the package ships, sorted."""
    found: list[str] = []

    def walk(folder: resources.abc.Traversable, prefix: str) -> None:
        for entry in folder.iterdir():
            if entry.is_dir():
                walk(entry, f"{prefix}{entry.name}/")
            elif entry.name.endswith(".sql"):
                found.append(prefix + entry.name.removesuffix(".sql"))

    walk(resources.files("console.queries"), "")
    return sorted(found)
