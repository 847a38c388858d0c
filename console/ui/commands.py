"""The command palette: every action of the console, and a jump to any unit by name."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from console.finder import UnitFinder
from console.schema import level_label
from console.ui.i18n import tr

if TYPE_CHECKING:
    from console.ui.app import FpaConsole


class UnitJumpProvider(Provider):
    """Finds units by Chinese name or pinyin initials and jumps to them."""

    async def startup(self) -> None:
        """Start building the unit index for the period shown, off the UI thread (~1.5 s
        at village depth). Not awaited here: Textual cancels a search at each key typed,
        and a startup cancelled with it would leave the palette finding nothing."""
        app: FpaConsole = self.app  # type: ignore[assignment]
        self.finder: asyncio.Future[UnitFinder | None] = asyncio.ensure_future(
            asyncio.to_thread(app.unit_finder))

    async def search(self, query: str) -> Hits:
        """Units whose name or initials match what was typed (once the index is built: a
        search cancelled meanwhile does not cancel the build)."""
        app: FpaConsole = self.app  # type: ignore[assignment]
        finder = await asyncio.shield(self.finder)
        if finder is None:
            return
        for unit in finder.find(query):
            where = f"{unit.parent_name} · " if unit.parent_name else ""
            yield Hit(
                1.0,
                f"{tr('jump_to', app.lang)} {unit.name}",
                partial(app.jump_to, unit.code),
                text=f"{unit.name} {unit.code}",
                help=f"{where}{level_label(unit.level, app.lang)} · {unit.code}",
            )
