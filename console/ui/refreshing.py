"""The console's refresh (`r`): pull new periods from the source in the background."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual import on, work

from console.refresh import (
    Progress,
    RefreshError,
    RefreshResult,
    read_state,
    refresh,
    resolve_source,
)
from console.store import Store
from console.ui.failsafe import FailSafe
from console.ui.i18n import tr
from console.ui.messages import RefreshFinished, RefreshProgressed, RefreshWorkingOut
from console.ui.widgets.status_line import compact_path

MEGABYTE = 1024 * 1024


def progress_text(files_done: int, files_total: int, bytes_done: int, bytes_total: int,
                  lang: str) -> str:
    """刷新中 1/2 个文件 3.2/6.4 MB."""
    return tr("refreshing", lang, files=f"{files_done}/{files_total}",
              size=f"{bytes_done / MEGABYTE:.1f}/{bytes_total / MEGABYTE:.1f} MB")


def result_text(result: RefreshResult, lang: str) -> str:
    """新增 2 期：2021-11、2021-12 — what a refresh brought, in the console's language."""
    if result.unchanged or not (result.new_periods or result.updated_periods):
        return tr("up_to_date", lang)
    sep = "、" if lang == "zh" else ", "
    parts = []
    if result.new_periods:
        parts.append(tr("new_periods", lang, count=len(result.new_periods),
                        periods=sep.join(result.new_periods)))
    if result.updated_periods:
        parts.append(tr("updated_periods", lang, count=len(result.updated_periods),
                        periods=sep.join(result.updated_periods)))
    return "；".join(parts) if lang == "zh" else "; ".join(parts)


SOURCE_CELLS = 40  # a refresh source (a URL, a folder) longer than this shows its end


def freshness(folder: Path, stale_after: dt.timedelta, lang: str,
              now: dt.datetime | None = None) -> tuple[str, str, bool]:
    """When and from where the folder was last refreshed, the same without the where
    (for a narrow header), and whether that is stale."""
    state = read_state(folder)
    if state.refreshed_at is None:
        return tr("never_refreshed", lang), tr("never_refreshed", lang), False
    when = state.refreshed_at.astimezone().strftime("%Y-%m-%d %H:%M")
    age = (now or dt.datetime.now(dt.UTC)) - state.refreshed_at
    source = compact_path(state.source, SOURCE_CELLS) if state.source else "?"
    return (tr("refreshed_from", lang, when=when, source=source),
            tr("refreshed_at", lang, when=when), age > stale_after)


class Refreshing(FailSafe):
    """The refresh key and its worker, for the console app that derives from this."""

    folder: Path
    lang: str
    source_option: str | None
    store: Store | None

    def refresh_done(self, result: RefreshResult) -> None:
        """Show what the refresh brought (the console implements it)."""
        raise NotImplementedError

    def show_refresh_status(self, text: str) -> None:
        """Show a refresh's progress line, or clear it with "" (the console implements it)."""
        raise NotImplementedError

    def action_refresh_data(self) -> None:
        """Pull new periods from the source in the background."""
        if any(w.group == "refresh" and not w.is_finished for w in self.workers):
            self.notify(tr("refresh_running", self.lang))
            return
        try:
            source = resolve_source(self.source_option, self.folder)
        except RefreshError as error:
            self.notify(str(error), title=tr("refresh_failed", self.lang), severity="error")
            return
        self._pull(source)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _pull(self, source: str) -> None:
        def report(progress: Progress) -> None:
            self.post_message(RefreshProgressed(progress))

        try:
            result = refresh(self.folder, source, progress=report)
        except RefreshError as error:  # the answer to the user's `r`: under its own title
            self.post_message(RefreshFinished(None, str(error)))
            return
        try:
            if self.store is not None and not result.unchanged:
                self.store.reload()  # here, off the UI thread: it validates the new files
                if self.store.periods:
                    # the console follows the latest period: build its rollups before the
                    # refresh is reported, so that it shows at once (its alerts follow)
                    self.post_message(RefreshWorkingOut(self.store.latest))
                    self.store.ensure_rollups(self.store.latest)
        finally:  # the files are in place even if the store failed on them (that is told)
            self.post_message(RefreshFinished(result))

    @on(RefreshProgressed)
    def _progressed(self, message: RefreshProgressed) -> None:
        p = message.progress
        self.show_refresh_status(progress_text(p.files_done, p.files_total, p.bytes_done,
                                               p.bytes_total, self.lang))

    @on(RefreshWorkingOut)
    def _working_out(self, message: RefreshWorkingOut) -> None:
        self.show_refresh_status(tr("working_out", self.lang, period=message.period))

    @on(RefreshFinished)
    def _finished(self, message: RefreshFinished) -> None:
        self.show_refresh_status("")
        if message.result is None:
            self.notify(message.reason, title=tr("refresh_failed", self.lang),
                        severity="error", timeout=15)
            return
        self.notify(result_text(message.result, self.lang), title=tr("refreshed", self.lang))
        self.refresh_done(message.result)
