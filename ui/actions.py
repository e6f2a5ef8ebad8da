"""Every action of the facilitator window, built in one place.

Each has an ``objectName``, a tooltip naming its shortcut, and a standard ``QKeySequence``
where one exists. The window connects them to its slots by name.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

Std = QKeySequence.StandardKey


class Spec(NamedTuple):
    name: str
    text: str
    keys: QKeySequence.StandardKey | str | None
    tip: str
    checkable: bool = False


SPECS = (
    # session
    Spec("new_session", "&New session…", Std.New, "Start screen: a new session"),
    Spec("open_save", "&Open a save…", Std.Open, "Open another save"),
    Spec("save_copy", "Save a &copy…", None, "Write a complete copy of this save"),
    Spec("report", "&Report…", "Ctrl+Shift+R", "Write the after-action report (HTML or PDF)"),
    Spec("team_report", "&Team report…", None, "A report of what one team could see, for it"),
    Spec("handouts", "&Handouts…", None, "Print one PDF brief per team and a public one"),
    Spec("compare_parent", "Compare with &parent…", None,
         "How this branch differs from the save it was branched from"),
    Spec("reveal_all", "Re&veal all to the room…", None,
         "At the end: show the room every private move, demand, commitment and message"),
    Spec("close_window", "&Close session", Std.Close,
         "Close the session and go back to the start screen (all is saved)"),
    Spec("undo", "&Undo", Std.Undo, "Undo the last entry (the log keeps both)"),
    Spec("redo", "&Redo", Std.Redo, "Redo what was undone"),
    Spec("find", "&Filter the table", Std.Find, "Search the table in front"),
    # round and timer
    Spec("start_round", "Start &round", "F9", "Start the next round of the plan"),
    Spec("end_round", "&End round", "Shift+F9", "End the current round"),
    Spec("next_phase", "Next &phase", "F8", "Move on to the round's next phase"),
    Spec("timer_toggle", "Start/pause timer", "F5", "Start or pause the phase timer"),
    Spec("timer_reset", "Reset timer", "Shift+F5", "Back to the phase's full time"),
    Spec("timer_add_minute", "+1 minute", "F6", "Add a minute to the timer"),
    Spec("timer_keep_running", "Timer runs on into the next phase", None,
         "When the phase changes, a running timer goes straight on", checkable=True),
    Spec("timer_advance_at_zero", "Next phase when time is up", None,
         "At zero, move on to the round's next phase (never past its last)", checkable=True),
    Spec("timer_sound", "Sound an alarm at zero", None,
         "A chime the room can hear when the timer reaches zero", checkable=True),
    # entries
    Spec("record_move", "Record &move…", "Ctrl+M", "Record a team's move"),
    Spec("table_demand", "Table &demand…", "Ctrl+D", "Table a demand of another team"),
    Spec("demand_status", "Demand &status…", "Ctrl+Shift+D", "Mark a demand met or refused"),
    Spec("propose_commitment", "Propose &commitment…", "Ctrl+K", "Propose a commitment"),
    Spec("commitment_status", "Update commitment…", "Ctrl+Shift+K",
         "Agree, refuse, record progress, fulfil, suspend, resume, break, withdraw or verify "
         "a commitment"),
    Spec("add_condition", "Add c&ondition…", "Ctrl+Shift+O",
         "Make a commitment wait on another, a verification or a demand met (two may wait "
         "on each other); or drop a condition"),
    Spec("sign_agreement", "Sign &agreement…", "Ctrl+Shift+A", "Sign agreed commitments"),
    Spec("adjudicate", "Ad&judicate…", "Ctrl+J", "Rule on a move: outcome and effects"),
    Spec("fire_inject", "Fire &inject…", "Ctrl+I", "Fire one of the scenario's injects"),
    Spec("adjust_indicator", "Ad&just indicator…", "Ctrl+Shift+I", "Move an indicator"),
    Spec("add_note", "Add &note…", "Ctrl+Shift+N", "A note for Control only"),
    Spec("set_bookmark", "Set &bookmark…", "Ctrl+B", "Mark this moment of the session"),
    # team devices
    Spec("open_devices", "Open to &team devices…", "Ctrl+Shift+T",
         "Teams join from their own browsers: codes, QR codes, slips (never on the projector)"),
    Spec("close_devices", "&Close team devices", None,
         "Stop the device server: the devices are told, and rejoin without a code later"),
    Spec("inbox", "&Inbox", "F7", "Show or hide Control's inbox of what the devices sent"),
    # view
    Spec("projector", "&Projector window", "Ctrl+Shift+P", "The room's screen (public only)",
         checkable=True),
    Spec("debrief", "&Debrief on the projector", "Ctrl+Shift+B",
         "The projector shows the graph, deadlocks, bundles, charts and agreements",
         checkable=True),
    Spec("large_text", "&Large text", "Ctrl+Shift+L", "Projector-friendly text",
         checkable=True),
)  # fmt: skip

# What every window of Parley has, as a desktop program should: the start screen, the
# facilitator window and the replay window each add these (``connect_desktop_actions``).
DESKTOP_SPECS = (
    # Ctrl+Q as written: the standard Quit key is empty on some platforms (Windows, offscreen)
    Spec("quit", "&Quit", "Ctrl+Q", "Quit Parley (everything is saved)"),
    Spec("full_screen", "&Full screen", "F11", "Fill the screen with this window, or stop",
         checkable=True),
)  # fmt: skip


class Actions:
    """A window's actions as attributes: ``actions.record_move`` and so on.

    Built from ``specs`` (the facilitator window's by default); each gets the object name
    ``prefix + name``, a tooltip naming its shortcut, and a status tip.
    """

    def __init__(self, parent: QWidget, specs: tuple[Spec, ...] = SPECS, prefix: str = "") -> None:
        self.by_name: dict[str, QAction] = {}
        for spec in specs:
            action = QAction(parent)  # not (text, parent): matching that builds QIcon's type
            action.setText(spec.text)
            action.setObjectName(prefix + spec.name)
            if isinstance(spec.keys, QKeySequence.StandardKey):
                action.setShortcuts(spec.keys)
            elif spec.keys:
                action.setShortcut(QKeySequence(spec.keys))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{spec.tip} ({shortcut})" if shortcut else spec.tip)
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            parent.addAction(action)
            self.by_name[spec.name] = action

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None


def connect_desktop_actions(window: QWidget, actions: Actions) -> None:
    """Quit (Ctrl+Q) closes ``window`` (so it can finish its work) and quits the app; F11
    toggles full screen."""
    from PySide6.QtWidgets import QApplication

    def quit_app() -> None:
        window.close()
        QApplication.quit()

    def full_screen(on: bool) -> None:
        if on:
            window.showFullScreen()
        else:
            window.showNormal()

    actions.quit.triggered.connect(quit_app)
    actions.full_screen.toggled.connect(full_screen)
