"""The window's two narrow seams: every panel is a ``Panel`` that gets each broadcast once,
and the entry forms reach the window only through ``FormHost``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from ui_support import submit, type_text

from engine.session.live import Session
from ui import operations as ops
from ui.entries import Entries
from ui.main_window import FacilitatorWindow
from ui.models.update import Update
from ui.panels import Panel


@pytest.fixture
def window(qtbot: Any, session: Session, isolated_settings: Path) -> FacilitatorWindow:
    made = FacilitatorWindow(session)
    qtbot.addWidget(made)
    return made


def count_updates(window: FacilitatorWindow) -> dict[int, list[Update]]:
    """Wrap every panel's ``apply`` to record the updates it is handed."""
    seen: dict[int, list[Update]] = {}
    for panel in window.panels:
        got = seen.setdefault(id(panel), [])
        original = panel.apply

        def apply(update: Update, original: Callable[[Update], None] = original,
                  got: list[Update] = got) -> None:  # fmt: skip
            got.append(update)
            original(update)

        panel.apply = apply  # type: ignore[method-assign]
    return seen


def test_every_panel_the_window_holds_is_a_panel(window: FacilitatorWindow) -> None:
    assert window.panels, "the window broadcasts to a list of panels"
    for panel in window.panels:
        assert isinstance(panel, Panel), type(panel).__name__
    held = {id(p) for p in window.panels}
    for panel in (window.round_bar, window.indicators, window.tables, window.event_log,
                  window.insight):  # fmt: skip
        assert id(panel) in held, type(panel).__name__
    assert len(held) == len(window.panels), "a panel listed twice would refresh twice"


def test_a_broadcast_reaches_each_panel_once_with_the_same_update(
    window: FacilitatorWindow,
) -> None:
    seen = count_updates(window)
    assert window.run(ops.start_round) is None
    updates = [u for got in seen.values() for u in got]
    assert all(len(got) == 1 for got in seen.values()), {k: len(v) for k, v in seen.items()}
    assert len({id(u) for u in updates}) == 1, "one Update object, handed to every panel"
    assert updates[0].changes.round
    assert window.round_bar.kicker.text().startswith("ROUND 1")


def test_a_failed_operation_broadcasts_nothing(window: FacilitatorWindow) -> None:
    seen = count_updates(window)
    error = window.run(ops.end_round)  # no round is open yet
    assert error is not None
    assert all(got == [] for got in seen.values())


def test_the_projector_is_a_panel_while_it_is_open(qtbot: Any, window: FacilitatorWindow) -> None:
    window.show_projector(True)
    projector = window.projector
    assert projector is not None and isinstance(projector, Panel)
    qtbot.addWidget(projector)
    assert projector in window.panels
    window.run(ops.start_round)
    assert projector.kicker.text().startswith("ROUND 1")
    window.show_projector(False)
    assert projector not in window.panels


class Host:
    """A FormHost that is not a window: what the forms may ask of one, and no more."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.ran: list[tuple[Any, dict[str, Any]]] = []

    @property
    def session(self) -> Session:
        return self._session

    def run(self, operation: Callable[..., ops.OpResult], /, *args: Any, **kwargs: Any) -> Any:
        self.ran.append((operation, kwargs))
        result = operation(self._session, *args, **kwargs)
        return result.error

    def current_record(self, kind: str) -> str | None:
        return None

    def selected_records(self, kind: str) -> tuple[str, ...]:
        return ()


def test_entry_forms_need_only_a_form_host(qtbot: Any, session: Session) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    host = Host(session)
    entries = Entries(host, parent)
    host.run(ops.start_round)
    form = entries.add_note()
    assert form.parentWidget() is parent
    type_text(qtbot, form.text, "Control's aside")
    gone: list[bool] = []
    form.destroyed.connect(lambda: gone.append(True))
    submit(qtbot, form)
    qtbot.waitUntil(lambda: gone == [True])  # closed on success, and deleted
    assert entries.active is None
    assert host.ran[-1] == (ops.add_note, {"text": "Control's aside"})
    assert session.state.notes[-1].text == "Control's aside"
