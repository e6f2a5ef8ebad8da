"""Parley's own strings can be translated with Qt's tools: pyside6-lupdate finds the
strings of every ui module that shows text, and a translation loaded for the system's
language (ui.app.load_parley_translations) changes what a live window shows."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from ui.app import load_parley_translations

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

# Every module that shows a person words of its own (devices_bridge.py: its owner's).
SHOWING_TEXT = [
    "actions",
    "app",
    "backups",
    "class_compare",
    "class_devices",
    "class_model",
    "class_overview",
    "class_start",
    "compare_pdf",
    "crash",
    "details",
    "devices_dialog",
    "devices_edit",
    "devices_room",
    "join_slips",
    "main_window",
    "projector",
    "projector_debrief",
    "projector_indicators",
    "projector_reveal",
    "report_dialog",
    "round_confirm",
    "scenario_view",
    "session_opener",
    "start_screen",
    "timer",
    "forms/adjudicate",
    "forms/base",
    "forms/commitment",
    "forms/control",
    "forms/demand",
    "forms/move",
    "models/records",
    "panels/analytics",
    "panels/event_log",
    "panels/graph_view",
    "panels/graph_window",
    "panels/inbox",
    "panels/indicator_board",
    "panels/insight",
    "panels/round_bar",
    "panels/tables",
    "replay/compare",
    "replay/controls",
    "replay/header",
    "replay/launch",
    "replay/timeline",
    "replay/window",
]


def qt_tool(name: str) -> Path | None:
    """PySide6's own copy of a Qt tool: the venv's pyside6-<name> wrapper, else the
    binary inside the PySide6 package folder."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    if beside.exists():
        return beside
    import PySide6

    inside = Path(PySide6.__file__).parent / name
    if inside.exists():
        return inside
    found = shutil.which(f"pyside6-{name}")
    return Path(found) if found else None


def extract(ts: Path) -> ET.ElementTree:
    lupdate = qt_tool("lupdate")
    assert lupdate is not None, "pyside6-lupdate ships with PySide6-Essentials"
    sources = sorted(str(p) for p in UI.rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(ts)], check=True, capture_output=True)
    return ET.parse(ts)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ET.ElementTree]:
    ts = tmp_path_factory.mktemp("ts") / "parley_xx.ts"
    return ts, extract(ts)


def _per_module(ts: Path, tree: ET.ElementTree) -> Counter[str]:
    counts: Counter[str] = Counter()
    for location in tree.iter("location"):
        path = (ts.parent / location.get("filename", "")).resolve()
        counts[path.relative_to(UI).with_suffix("").as_posix()] += 1
    return counts


def test_lupdate_finds_the_strings_of_every_module_that_shows_text(catalogue) -> None:
    ts, tree = catalogue
    counts = _per_module(ts, tree)
    missing = [m for m in SHOWING_TEXT if counts[m] < 1]
    assert not missing, f"no translatable string found in: {missing}"
    assert sum(counts.values()) >= 550
    assert counts["actions"] >= 80  # every action's text and tip
    # every module that calls translate() names its strings where lupdate can read them
    calling = {
        p.relative_to(UI).with_suffix("").as_posix()
        for p in UI.rglob("*.py")
        if 'translate("' in p.read_text(encoding="utf-8") and p.name != "i18n.py"
    }
    assert calling <= set(counts), sorted(calling - set(counts))


def test_well_known_strings_are_in_their_contexts(catalogue) -> None:
    _ts, tree = catalogue
    found = {
        (context.findtext("name"), message.findtext("source"))
        for context in tree.iter("context")
        for message in context.iter("message")
    }
    for expected in [
        ("FacilitatorWindow", "&Session"),
        ("FacilitatorWindow", "E&ntry"),
        ("Actions", "Record &move…"),
        ("Actions", "Record a team's move"),
        ("Actions", "&Quit"),
        ("ReplayWindow", "&Go"),
        ("EntryForm", "Record a move"),
        ("MoveForm", "conciliatory"),
        ("StartScreen", "&Open a save…"),
    ]:
        assert expected in found, expected
    # an f-string cannot be extracted: those wrapped became numbered placeholders
    assert ("CommitmentForm", "Round {0}: {1}") in found
    sources = [s for _c, s in found]
    assert not [s for s in sources if "{" in s and "{0" not in s and "{{" not in s]


def _translation(tmp_path: Path, messages: dict[tuple[str, str], str]) -> Path:
    """A parley_de.qm holding ``messages`` ((context, source) -> translation), made from a
    .ts with pyside6-lrelease as a translator's would be."""
    lrelease = qt_tool("lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed with PySide6 here")
    root = ET.Element("TS", version="2.1", language="de_DE")
    contexts: dict[str, ET.Element] = {}
    for (context, source), text in messages.items():
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        message = ET.SubElement(contexts[context], "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = text
    ts = tmp_path / "parley_de.ts"
    ET.ElementTree(root).write(ts, encoding="utf-8", xml_declaration=True)
    qm = tmp_path / "parley_de.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.exists()
    return qm


def test_a_loaded_translation_changes_a_live_window(
    qapp: Any, qtbot: Any, session: Any, isolated_settings: Path, tmp_path: Path
) -> None:
    from ui.main_window import FacilitatorWindow

    qm = _translation(
        tmp_path,
        {
            ("FacilitatorWindow", "&Session"): "&Sitzung",
            ("Actions", "Record &move…"): "&Zug erfassen…",
        },
    )
    translator = load_parley_translations(qapp, QLocale(QLocale.Language.German), qm.parent)
    assert translator is not None
    try:
        window = FacilitatorWindow(session)
        qtbot.addWidget(window)
        titles = [a.text() for a in window.menuBar().actions()]
        assert titles[0] == "&Sitzung"
        assert "&Edit" in titles  # no translation for it: the English stays
        assert window.action_set.record_move.text() == "&Zug erfassen…"
        assert window.action_set.record_move.statusTip() == "Record a team's move"
    finally:
        qapp.removeTranslator(translator)
    english = FacilitatorWindow(session)
    qtbot.addWidget(english)
    assert english.menuBar().actions()[0].text() == "&Session"


def test_no_translation_for_the_language_is_no_translator(qapp: Any, tmp_path: Path) -> None:
    assert load_parley_translations(qapp, QLocale(QLocale.Language.Welsh), tmp_path) is None
    # and Parley ships none it cannot load: every .qm there is one loadable translation
    for qm in sorted((UI / "translations").glob("parley_*.qm")):
        language = QLocale(qm.stem.removeprefix("parley_"))
        translator = load_parley_translations(qapp, language, qm.parent)
        assert translator is not None, qm
        qapp.removeTranslator(translator)
