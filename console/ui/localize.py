"""Key descriptions in the console's language.

Textual reads a class's BINDINGS when the class is created, so a language other than the
English of the code gets a subclass whose bindings carry translated descriptions.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar, cast

from textual.binding import Binding

from console.ui.i18n import binding_text

T = TypeVar("T")


_made: dict[tuple[type[Any], str], type[Any]] = {}


def _translated(cls: type[Any], lang: str) -> type[Any]:
    if (cls, lang) not in _made:
        bindings = [replace(b, description=binding_text(b.description, lang))
                    for b in getattr(cls, "BINDINGS", []) if isinstance(b, Binding)]
        _made[cls, lang] = type(cls.__name__, (cls,), {"BINDINGS": bindings})
    return _made[cls, lang]


def localized(cls: type[T], lang: str) -> type[T]:
    """`cls` with its key descriptions in `lang` (the class itself for English)."""
    if lang == "en":
        return cls
    return cast(type[T], _translated(cast(type[Any], cls), lang))
