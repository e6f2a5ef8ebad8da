"""Start the Qt application: settings, theme, crash handling, the first window.

``python main.py`` shows the start screen with the default scenario selected;
``--scenario FILE`` (or a bundled scenario's name) preselects another; ``--new`` starts
a session on it at once;
``--open SAVE`` opens a save.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.i18n import translate
from ui.save_names import DEFAULT_SCENARIO

if TYPE_CHECKING:  # Qt loads after the display is checked; the rest as each is first used
    from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from engine.scenario.model import Scenario
    from engine.session.live import Session
    from ui.main_window import FacilitatorWindow
    from ui.session_opener import SessionOpener
    from ui.start_screen import StartScreen


def parse_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    from engine.scenario.bundled import scenario_argument
    from engine.version import __version__

    parser = argparse.ArgumentParser(prog="parley", description="Open the Parley app.")
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    parser.add_argument(
        "--scenario",
        type=scenario_argument,
        default=DEFAULT_SCENARIO,
        help="the scenario to preselect: a file, or a bundled name (see: parley scenarios)",
    )
    parser.add_argument(
        "--new", action="store_true", help="start a new session on the scenario at once"
    )
    parser.add_argument("--open", type=Path, metavar="SAVE", help="open a save")
    parser.add_argument(
        "--saves",
        type=Path,
        default=None,
        help="the folder for new saves (default: Parley in your documents folder)",
    )
    return parser.parse_known_args(argv)


class ParleyApp:
    """Which window is up: the start screen or a facilitator window, and moving between."""

    def __init__(self, *, saves_dir: Path | None = None, preselect: Path | None = None) -> None:
        from ui.save_names import default_saves_dir

        self.saves_dir = saves_dir or default_saves_dir()
        self.preselect = preselect
        self.start: StartScreen | None = None
        self.window: FacilitatorWindow | None = None
        self._opener: SessionOpener | None = None
        self.replays: list[QObject] = []  # replay windows and their openers, kept alive

    def show_start(self) -> StartScreen:
        from ui.start_screen import StartScreen

        if self.start is None:
            self.start = StartScreen(preselect=self.preselect, saves_dir=self.saves_dir)
            self.start.new_session.connect(self.create)
            self.start.open_save.connect(self.open)
            self.start.open_replay.connect(self.replay)
            self.start.open_class.connect(self.open_class)
            self.start.class_started.connect(self.open_class)
            self.start.large_text_toggled.connect(set_large_text)
        self.start.refresh_recent()
        self.start.show()
        self.start.raise_()
        self.start.activateWindow()
        return self.start

    def create(self, scenario: Scenario, path: Path) -> None:
        from engine.errors import ParleyError
        from engine.session.live import Session

        try:
            session = Session.create(scenario, path)
        except (ParleyError, OSError) as error:
            self._report(
                translate("ParleyApp", "The session could not be created: {0}").format(error)
            )
            return
        self.show_window(session)

    def open(self, path: Path) -> None:
        from ui.session_opener import SessionOpener

        self._opener = SessionOpener(Path(path), parent=self.start or self.window)
        self._opener.opened.connect(self.show_window)
        self._opener.failed.connect(
            lambda message: self._report(translate("ParleyApp", "Not opened: {0}").format(message))
        )
        self._opener.start()

    def replay(self, path: Path) -> None:
        """Open a save read-only in a replay window (see ``ui/replay/launch.py``)."""
        from ui.replay.launch import open_replay

        open_replay(self, Path(path))

    def open_class(self, folder: Path, codes: object = None) -> None:
        """A class live in its overview (``ui/class_overview.py``); ``codes``: the join
        codes issued when it was started, if it was just now."""
        from engine.errors import ParleyError
        from ui.class_overview import open_class_overview

        try:
            overview = open_class_overview(Path(folder), codes=codes)  # type: ignore[arg-type]
        except (ParleyError, OSError) as error:
            self._report(translate("ParleyApp", "The class could not be opened: {0}").format(error))
            return
        overview.replay_requested.connect(self.replay)
        overview.closed.connect(self.show_start)
        overview.closed.connect(lambda: self.replays.remove(overview))
        self.replays.append(overview)  # kept alive while open
        overview.show()
        overview.activateWindow()
        if self.start is not None:
            self.start.hide()

    def show_window(self, session: Session) -> FacilitatorWindow:
        from ui import settings
        from ui.main_window import FacilitatorWindow

        settings.add_recent_save(session.path)
        previous, self.window = self.window, FacilitatorWindow(session)
        window = self.window
        window.new_session_requested.connect(self._back_to_start)
        window.close_session_requested.connect(self._back_to_start)
        window.open_save_requested.connect(self._choose_save)
        window.large_text_changed.connect(set_large_text)
        window.show()
        # It replaces the start screen, which had the keyboard: hand it over, so that
        # the shortcuts work at once (F9, Ctrl+M) without a click into the new window.
        window.activateWindow()
        if previous is not None:
            previous.close()
        if self.start is not None:
            self.start.hide()
        return window

    def _back_to_start(self) -> None:
        self.show_start()
        if self.window is not None:
            self.window.close()
            self.window = None

    def _choose_save(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self.window,
            translate("ParleyApp", "Open a save"),
            str(self.saves_dir),
            translate("ParleyApp", "Saves (*.parley);;All files (*)"),
        )
        if name:
            self.open(Path(name))

    def _report(self, message: str) -> None:
        if self.start is not None and self.start.isVisible():
            self.start.show_error(message)
            return
        from PySide6.QtWidgets import QMessageBox

        from ui.plain_text import as_rich_text

        QMessageBox.warning(self.window, "Parley", as_rich_text(message))


def set_large_text(on: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from ui import settings, theme

    settings.set_large_text(on)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.set_large_text(app, on)
        theme.rescale_all()


def missing_display() -> str | None:
    """Why no window can open here, when that is so: Qt's own message in that case only
    suggests reinstalling. None where a screen (or a chosen Qt platform) is available."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "No display found (DISPLAY and WAYLAND_DISPLAY are unset): run Parley from a "
        "desktop session, or under a virtual one: xvfb-run python main.py"
    )


def make_application(qt_args: list[str]) -> QApplication:
    from PySide6.QtWidgets import QApplication

    from ui import settings, theme

    pause_collector_while_starting()

    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("Parley")
    app.setApplicationName("Parley")
    app.setDesktopFileName("parley")  # desktop/parley.desktop: the dock's icon and name
    app.setWindowIcon(window_icon())
    load_qt_translations(app)
    load_parley_translations(app)
    theme.apply_theme(app, large_text=settings.large_text())
    from ui.focus_return import install_focus_return

    install_focus_return(app)
    return app


ICONS = Path(__file__).resolve().parent / "icons"  # package data
ICON = ICONS / "parley.svg"  # drawn by hand; the PNGs are made from it


def window_icon() -> QIcon:
    """Parley's icon, the one every window shows: PNGs rendered from ui/icons/parley.svg,
    since a PNG needs no plugin and an SVG would load Qt's SVG icon engine (some 12 ms) at
    every start."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (48, 256):
        icon.addFile(str(ICONS / f"parley-{size}.png"))
    return icon


def load_qt_translations(
    app: QCoreApplication, locale: QLocale | None = None
) -> QTranslator | None:
    """Qt's own strings (the buttons of its dialogs: Cancel, Open, Save) in the system's
    language, from the translations PySide6 ships (``qtbase_*.qm``). Returns the
    translator, or None when Qt ships none for that language."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(locale or QLocale.system(), "qtbase", "_", folder):
        return None
    app.installTranslator(translator)
    return translator


TRANSLATIONS = Path(__file__).parent / "translations"


def load_parley_translations(
    app: QCoreApplication, locale: QLocale | None = None, folder: Path = TRANSLATIONS
) -> QTranslator | None:
    """Parley's own strings in the system's language, from ``parley_<lang>.qm`` in
    ui/translations/ (made with ``scripts/translations.sh`` and Qt Linguist; see
    docs/translating.md). Returns the translator, or None when there is none for that
    language: the English text then shows as written."""
    from PySide6.QtCore import QLocale, QTranslator

    translator = QTranslator(app)
    if not translator.load(locale or QLocale.system(), "parley", "_", str(folder)):
        return None
    app.installTranslator(translator)
    return translator


def pause_collector_while_starting() -> None:
    """Pause Python's cyclic garbage collector until the event loop first turns.

    What starting makes (the wrappers of Qt's types, the engine's, the first window's
    widgets) lives as long as the app, and the collector would only walk it again and
    again: some 3 ms of the start. When the loop turns, those objects are frozen out of
    its walks for good (``gc.freeze``), which also shortens every later collection, and
    it runs as before.
    """
    if not gc.isenabled():
        return
    from PySide6.QtCore import QTimer

    gc.disable()
    QTimer.singleShot(0, _resume_collector)


def _resume_collector() -> None:
    gc.freeze()
    gc.enable()


def run_app(argv: list[str]) -> int:
    args, qt_args = parse_args(argv)
    if problem := missing_display():
        print(f"parley: {problem}", file=sys.stderr)
        return 1
    app = make_application(qt_args)
    from ui import crash

    crash.install()
    parley = ParleyApp(saves_dir=args.saves, preselect=args.scenario)
    if args.open is not None:
        parley.show_start()
        parley.open(args.open)
    elif args.new:
        from engine.scenario import ScenarioError
        from ui.save_names import new_save_path
        from ui.settings import load_scenario

        try:
            scenario = load_scenario(args.scenario)
        except ScenarioError as error:
            parley.show_start().show_error(str(error))
        else:
            parley.create(scenario, new_save_path(scenario.id, folder=parley.saves_dir))
            if parley.window is None:
                parley.show_start()
    else:
        parley.show_start()
    app._parley = parley  # type: ignore[attr-defined]  # keep the controller alive
    return int(app.exec())
