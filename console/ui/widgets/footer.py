"""The footer: the keys of what has the focus, with help and quit always in view.

Textual's footer lists the focused widget's keys first and the app's last, and lets the
rest run on under the command palette's key at the right: at 80 columns help (?) and quit
(q) were the first to go, and a Chinese description cut under the palette's key showed
half a character. This one puts help and quit first and shows only the keys that fit
whole; every key is in the help and the palette.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from console.ui.failsafe import Guarded

KEPT = ("help", "quit")
"""The app's actions whose keys the footer always shows, in this order, first."""
PALETTE = "command_palette"


def action_of(key: Widget) -> str:
    """The action a footer key runs ("" for a label)."""
    return str(getattr(key, "action", ""))


def key_width(key: Widget) -> int:
    """The cells a footer key takes: its key and description, padded as Textual pads them
    (a cell each side of the key, one after the description)."""
    display, description = getattr(key, "key_display", ""), getattr(key, "description", "")
    return cell_len(display) + 2 + (cell_len(description) + 1 if description else 0)


class KeptFooter(Guarded, Footer):
    """A footer whose help and quit keys come first, and whose keys all fit whole."""

    _composed_for = 0  # the width the keys were chosen for

    def compose(self) -> ComposeResult:
        shown = list(super().compose())
        kept = sorted((w for w in shown if action_of(w) in KEPT),
                      key=lambda w: KEPT.index(action_of(w)))
        palette = [w for w in shown if action_of(w) == PALETTE]
        width = self.size.width or self.app.size.width
        self._composed_for = width
        room = width - sum(key_width(w) + 1 for w in palette)
        for key in kept + [w for w in shown if w not in kept and w not in palette]:
            room -= key_width(key)
            if room < 0 and key not in kept:
                break
            yield key
        yield from palette

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._composed_for:
            self.call_after_refresh(self.recompose)
