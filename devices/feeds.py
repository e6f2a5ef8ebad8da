"""Each viewer's feed, kept in memory on the owner thread so that a page load reads no
log: built once from the log (the newest ``views.FEED`` entries it may see), then grown
by ``publish`` one event at a time. An undo, or events that came without a publish
(a batch), and the feeds are built again when next asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import views
from engine.domain.events import Envelope

if TYPE_CHECKING:
    from engine.session.live import Session

Items = list[tuple[int, str]]


class Feeds:
    def __init__(self) -> None:
        self._items: dict[str, Items] = {}
        self._upto = -1  # the last seq the kept feeds include

    def get(self, session: Session, viewer: str, after: int = 0) -> Items:
        """(seq, html) of ``viewer``'s entries after ``after``, oldest first."""
        if self._upto != session.last_seq:
            self._items.clear()
            self._upto = session.last_seq
        items = self._items.get(viewer)
        if items is None:
            items = self._items[viewer] = views.feed(session, viewer)
        if after and items and after < items[0][0]:  # older than what is kept: read the log
            return views.feed(session, viewer, after)
        return [item for item in items if item[0] > after]

    def add(self, session: Session, env: Envelope, viewers: set[str]) -> dict[str, str]:
        """Grow the feeds by one committed event; its html for each viewer (of ``viewers``
        and of the kept feeds) that may see it."""
        if env.seq != self._upto + 1 or type(env.event).__name__ == "EventVoided":
            self._items.clear()
        self._upto = env.seq
        shown: dict[str, str] = {}
        for viewer in viewers | set(self._items):
            if views.visible(session, env, viewer):
                shown[viewer] = views.entry_html(session, env, viewer)
                kept = self._items.get(viewer)
                if kept is not None:
                    kept.append((env.seq, shown[viewer]))
                    del kept[: -views.FEED]
        return shown
