"""Every action of the facilitator window, built in one place.

Each has an ``objectName``, a tooltip naming its shortcut, and a standard ``QKeySequence``
where one exists. The window connects them to its slots by name.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ui.i18n import QT_TRANSLATE_NOOP, translate

Std = QKeySequence.StandardKey


class Spec(NamedTuple):
    name: str
    text: str
    keys: QKeySequence.StandardKey | str | None
    tip: str
    checkable: bool = False


SPECS = (
    # session
    Spec(
        "new_session",
        QT_TRANSLATE_NOOP("Actions", "&New session…"),
        Std.New,
        QT_TRANSLATE_NOOP("Actions", "Start screen: a new session"),
    ),
    Spec(
        "open_save",
        QT_TRANSLATE_NOOP("Actions", "&Open a save…"),
        Std.Open,
        QT_TRANSLATE_NOOP("Actions", "Open another save"),
    ),
    Spec(
        "save_copy",
        QT_TRANSLATE_NOOP("Actions", "Save a &copy…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "Write a complete copy of this save"),
    ),
    Spec(
        "report",
        QT_TRANSLATE_NOOP("Actions", "&Report…"),
        "Ctrl+Shift+R",
        QT_TRANSLATE_NOOP("Actions", "Write the after-action report (HTML or PDF)"),
    ),
    Spec(
        "team_report",
        QT_TRANSLATE_NOOP("Actions", "&Team report…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "A report of what one team could see, for it"),
    ),
    Spec(
        "handouts",
        QT_TRANSLATE_NOOP("Actions", "&Handouts…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "Print one PDF brief per team and a public one"),
    ),
    Spec(
        "compare_parent",
        QT_TRANSLATE_NOOP("Actions", "Compare with &parent…"),
        None,
        QT_TRANSLATE_NOOP("Actions", "How this branch differs from the save it was branched from"),
    ),
    Spec(
        "reveal_all",
        QT_TRANSLATE_NOOP("Actions", "Re&veal all to the room…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions",
            "At the end: show the room every private move, demand, commitment and message",
        ),
    ),
    Spec(
        "close_window",
        QT_TRANSLATE_NOOP("Actions", "&Close session"),
        Std.Close,
        QT_TRANSLATE_NOOP(
            "Actions", "Close the session and go back to the start screen (all is saved)"
        ),
    ),
    Spec(
        "undo",
        QT_TRANSLATE_NOOP("Actions", "&Undo"),
        Std.Undo,
        QT_TRANSLATE_NOOP("Actions", "Undo the last entry (the log keeps both)"),
    ),
    Spec(
        "redo",
        QT_TRANSLATE_NOOP("Actions", "&Redo"),
        Std.Redo,
        QT_TRANSLATE_NOOP("Actions", "Redo what was undone"),
    ),
    Spec(
        "find",
        QT_TRANSLATE_NOOP("Actions", "&Filter the table"),
        Std.Find,
        QT_TRANSLATE_NOOP("Actions", "Search the table in front"),
    ),
    # round and timer
    Spec(
        "start_round",
        QT_TRANSLATE_NOOP("Actions", "Start &round"),
        "F9",
        QT_TRANSLATE_NOOP("Actions", "Start the next round of the plan"),
    ),
    Spec(
        "end_round",
        QT_TRANSLATE_NOOP("Actions", "&End round"),
        "Shift+F9",
        QT_TRANSLATE_NOOP("Actions", "End the current round"),
    ),
    Spec(
        "next_phase",
        QT_TRANSLATE_NOOP("Actions", "Next &phase"),
        "F8",
        QT_TRANSLATE_NOOP("Actions", "Move on to the round's next phase"),
    ),
    Spec(
        "timer_toggle",
        QT_TRANSLATE_NOOP("Actions", "Start/pause timer"),
        "F5",
        QT_TRANSLATE_NOOP("Actions", "Start or pause the phase timer"),
    ),
    Spec(
        "timer_reset",
        QT_TRANSLATE_NOOP("Actions", "Reset timer"),
        "Shift+F5",
        QT_TRANSLATE_NOOP("Actions", "Back to the phase's full time"),
    ),
    Spec(
        "timer_add_minute",
        QT_TRANSLATE_NOOP("Actions", "+1 minute"),
        "F6",
        QT_TRANSLATE_NOOP("Actions", "Add a minute to the timer"),
    ),
    Spec(
        "timer_keep_running",
        QT_TRANSLATE_NOOP("Actions", "Timer runs on into the next phase"),
        None,
        QT_TRANSLATE_NOOP("Actions", "When the phase changes, a running timer goes straight on"),
        checkable=True,
    ),
    Spec(
        "timer_advance_at_zero",
        QT_TRANSLATE_NOOP("Actions", "Next phase when time is up"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "At zero, move on to the round's next phase (never past its last)"
        ),
        checkable=True,
    ),
    Spec(
        "timer_sound",
        QT_TRANSLATE_NOOP("Actions", "Sound an alarm at zero"),
        None,
        QT_TRANSLATE_NOOP("Actions", "A chime the room can hear when the timer reaches zero"),
        checkable=True,
    ),
    # entries
    Spec(
        "record_move",
        QT_TRANSLATE_NOOP("Actions", "Record &move…"),
        "Ctrl+M",
        QT_TRANSLATE_NOOP("Actions", "Record a team's move"),
    ),
    Spec(
        "table_demand",
        QT_TRANSLATE_NOOP("Actions", "Table &demand…"),
        "Ctrl+D",
        QT_TRANSLATE_NOOP("Actions", "Table a demand of another team"),
    ),
    Spec(
        "demand_status",
        QT_TRANSLATE_NOOP("Actions", "Demand &status…"),
        "Ctrl+Shift+D",
        QT_TRANSLATE_NOOP("Actions", "Mark a demand met or refused"),
    ),
    Spec(
        "propose_commitment",
        QT_TRANSLATE_NOOP("Actions", "Propose &commitment…"),
        "Ctrl+K",
        QT_TRANSLATE_NOOP("Actions", "Propose a commitment"),
    ),
    Spec(
        "commitment_status",
        QT_TRANSLATE_NOOP("Actions", "Update commitment…"),
        "Ctrl+Shift+K",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Agree, refuse, record progress, fulfil, suspend, resume, break, withdraw or verify "
            "a commitment",
        ),
    ),
    Spec(
        "add_condition",
        QT_TRANSLATE_NOOP("Actions", "Add c&ondition…"),
        "Ctrl+Shift+O",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Make a commitment wait on another, a verification or a demand met (two may wait "
            "on each other); or drop a condition",
        ),
    ),
    Spec(
        "sign_agreement",
        QT_TRANSLATE_NOOP("Actions", "Sign &agreement…"),
        "Ctrl+Shift+A",
        QT_TRANSLATE_NOOP("Actions", "Sign agreed commitments"),
    ),
    Spec(
        "adjudicate",
        QT_TRANSLATE_NOOP("Actions", "Ad&judicate…"),
        "Ctrl+J",
        QT_TRANSLATE_NOOP("Actions", "Rule on a move: outcome and effects"),
    ),
    Spec(
        "fire_inject",
        QT_TRANSLATE_NOOP("Actions", "Fire &inject…"),
        "Ctrl+I",
        QT_TRANSLATE_NOOP("Actions", "Fire one of the scenario's injects"),
    ),
    Spec(
        "adjust_indicator",
        QT_TRANSLATE_NOOP("Actions", "Ad&just indicator…"),
        "Ctrl+Shift+I",
        QT_TRANSLATE_NOOP("Actions", "Move an indicator"),
    ),
    Spec(
        "add_note",
        QT_TRANSLATE_NOOP("Actions", "Add &note…"),
        "Ctrl+Shift+N",
        QT_TRANSLATE_NOOP("Actions", "A note for Control only"),
    ),
    Spec(
        "set_bookmark",
        QT_TRANSLATE_NOOP("Actions", "Set &bookmark…"),
        "Ctrl+B",
        QT_TRANSLATE_NOOP("Actions", "Mark this moment of the session"),
    ),
    # team devices
    Spec(
        "open_devices",
        QT_TRANSLATE_NOOP("Actions", "Open to &team devices…"),
        "Ctrl+Shift+T",
        QT_TRANSLATE_NOOP(
            "Actions",
            "Teams join from their own browsers: codes, QR codes, slips (never on the projector)",
        ),
    ),
    Spec(
        "close_devices",
        QT_TRANSLATE_NOOP("Actions", "&Close team devices"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions",
            "Stop the device server: the devices are told, and rejoin without a code later",
        ),
    ),
    Spec(
        "inbox",
        QT_TRANSLATE_NOOP("Actions", "&Inbox"),
        "F7",
        QT_TRANSLATE_NOOP("Actions", "Show or hide Control's inbox of what the devices sent"),
    ),
    # view
    Spec(
        "projector",
        QT_TRANSLATE_NOOP("Actions", "&Projector window"),
        "Ctrl+Shift+P",
        QT_TRANSLATE_NOOP("Actions", "The room's screen (public only)"),
        checkable=True,
    ),
    Spec(
        "debrief",
        QT_TRANSLATE_NOOP("Actions", "&Debrief on the projector"),
        "Ctrl+Shift+B",
        QT_TRANSLATE_NOOP(
            "Actions", "The projector shows the graph, deadlocks, bundles, charts and agreements"
        ),
        checkable=True,
    ),
    Spec(
        "room_indicators",
        QT_TRANSLATE_NOOP("Actions", "&Indicators on the projector…"),
        None,
        QT_TRANSLATE_NOOP(
            "Actions", "Hide an indicator from the room's screen for a while, or show it again"
        ),
    ),
    Spec(
        "large_text",
        QT_TRANSLATE_NOOP("Actions", "&Large text"),
        "Ctrl+Shift+L",
        QT_TRANSLATE_NOOP("Actions", "Projector-friendly text"),
        checkable=True,
    ),
)

# What every window of Parley has, as a desktop program should: the start screen, the
# facilitator window and the replay window each add these (``connect_desktop_actions``).
DESKTOP_SPECS = (
    # Ctrl+Q as written: the standard Quit key is empty on some platforms (Windows, offscreen)
    Spec(
        "quit",
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        "Ctrl+Q",
        QT_TRANSLATE_NOOP("Actions", "Quit Parley (everything is saved)"),
    ),
    Spec(
        "full_screen",
        QT_TRANSLATE_NOOP("Actions", "&Full screen"),
        "F11",
        QT_TRANSLATE_NOOP("Actions", "Fill the screen with this window, or stop"),
        checkable=True,
    ),
)


class Actions:
    """A window's actions as attributes: ``actions.record_move`` and so on.

    Built from ``specs`` (the facilitator window's by default); each gets the object name
    ``prefix + name``, a tooltip naming its shortcut, and a status tip.
    """

    def __init__(self, parent: QWidget, specs: tuple[Spec, ...] = SPECS, prefix: str = "") -> None:
        self.by_name: dict[str, QAction] = {}
        for spec in specs:
            action = QAction(parent)  # not (text, parent): matching that builds QIcon's type
            action.setText(translate("Actions", spec.text))
            action.setObjectName(prefix + spec.name)
            if isinstance(spec.keys, QKeySequence.StandardKey):
                action.setShortcuts(spec.keys)
            elif spec.keys:
                action.setShortcut(QKeySequence(spec.keys))
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = translate("Actions", spec.tip)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            action.setStatusTip(tip)
            action.setCheckable(spec.checkable)
            parent.addAction(action)
            self.by_name[spec.name] = action

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["by_name"][name]
        except KeyError:
            raise AttributeError(name) from None


def history_text(label: str) -> str:
    """Undo's or Redo's label (``Session.undo_label``: "Undo: record Move 3 (USA)") as the
    action's text: the verb keeps its mnemonic, an "&" in a team's name shows as itself."""
    verb, sep, rest = label.partition(": ")
    return f"&{verb}{sep}{rest.replace('&', '&&')}"


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
