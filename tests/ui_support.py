"""Shared pieces of the UI tests: isolated settings, sessions, and form driving."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCENARIO = ROOT / "scenarios" / "after-hanoi-2019.toml"


@pytest.fixture(name="isolated_settings")
def isolated_settings_fixture(tmp_path: Path, qapp: Any) -> Iterator[Path]:
    """QSettings in a temporary folder, so tests never touch the user's recent saves."""
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("ParleyTests")
    qapp.setApplicationName("ParleyTests")
    QSettings().clear()
    yield folder
    QSettings().clear()


@pytest.fixture(name="scenario")
def scenario_fixture() -> Any:
    from engine.scenario import load_scenario

    return load_scenario(DEFAULT_SCENARIO)


@pytest.fixture(name="session")
def session_fixture(tmp_path: Path, scenario: Any) -> Iterator[Any]:
    from engine.session import Session

    created = Session.create(scenario, tmp_path / "test.parley")
    yield created
    with contextlib.suppress(Exception):  # the test may have closed it
        created.close()


def choose(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered by {combo.objectName()}"
    combo.setCurrentIndex(index)


def submit(qtbot: Any, form: Any) -> None:
    """Ctrl+Enter, as a facilitator would."""
    qtbot.keyClick(form, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)
