"""The facilitator window's panels. Each follows broadcasts and refreshes what it shows.

Every panel is a ``Panel``: the window (and the replay window) hands one ``Update`` to
each panel's ``apply``, once per command, and a panel refreshes only what the update's
``Changes`` flags name. A panel reads what it shows from its own source (the session, or
the replay cursor), never from another panel, and never calls another's refresh.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from ui.models.update import Update


@runtime_checkable
class Panel(Protocol):
    def apply(self, update: Update) -> None:
        """Refresh what ``update.changes`` names (everything when ``update.resync``)."""
        ...
