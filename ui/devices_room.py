"""The facilitator window's team devices: the inbox, the hosting dialog and, while the
room is open, the device server with its Qt owner.

``DevicesHost`` is one of the window's panels (``apply``): after every committed event,
from the window, a device or an undo, it hands the envelopes to ``server.publish`` and
keeps the dialog and the server's clock current. The device server (``devices``) is
imported only in ``open_room``: the window's start-up loads none of it.

Join codes are stored hashed, so their text is known only to the window that issued
them: opening the room issues a code for every team (and one Control code) and keeps the
texts here, in memory, for the dialog and the slips; "New code" revokes the team's old
codes and issues another.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

from engine.domain import events as ev
from engine.domain.history import changes_for
from engine.domain.state import Changes
from engine.errors import DomainError
from ui import operations as ops
from ui import settings
from ui.i18n import translate

if TYPE_CHECKING:
    from engine.domain.events import Envelope
    from engine.session.live import Session
    from ui.devices_bridge import InOrder, QtOwner
    from ui.devices_dialog import DevicesDialog
    from ui.main_window import FacilitatorWindow
    from ui.models.update import Update
    from ui.panels.inbox import InboxPanel

INBOX_DOCK = "inboxDock"
ADDRESS_CHECK_MS = 10_000  # how often the room checks its address is still this machine's
ENDED = "The session has ended."


def waiting_submissions(session: Session) -> tuple[int, int]:
    """(pending, held) submissions in the session's state."""
    pending = held = 0
    for sub in session.state.submissions.values():
        pending += sub.status == "pending"
        held += sub.status == "held"
    return pending, held


def changes_of(session: Session, envelopes: tuple[Envelope, ...]) -> Changes:
    """One ``Changes`` for envelopes committed together (a void names its target's too)."""
    merged: Changes | None = None
    for env in envelopes:
        also = session.envelope(env.event.target) if isinstance(env.event, ev.EventVoided) else None
        one = changes_for(env, also=also)
        merged = one if merged is None else merged | one
    assert merged is not None
    return merged


class DevicesHost(QObject):
    """Everything of team devices the facilitator window has (a ``Panel``)."""

    def __init__(self, window: FacilitatorWindow) -> None:
        super().__init__(window)
        self.window = window
        self.server: Any = None  # devices.server.DeviceServer while the room is open
        self.owner: QtOwner | None = None
        self.in_order: InOrder | None = None  # what the server was given, while open
        self.address: tuple[str, int] | None = None
        self.codes: dict[str, tuple[str, str]] = {}  # team -> (code id, code text)
        self.control: tuple[str, str] | None = None  # the Control code, while it lasts
        self.dialog: DevicesDialog | None = None
        self.inbox: InboxPanel | None = None
        self.inbox_dock: QDockWidget | None = None
        self.refusals: list[str] = []  # auto-accepts the rules refused (said in the bar)
        self.address_gone = ""  # said while the address the room listens on is gone
        self._address_watch = QTimer(self)
        self._address_watch.setInterval(ADDRESS_CHECK_MS)
        self._address_watch.timeout.connect(self.check_address)
        window.timer.changed.connect(self.tell_clock)
        window.timer.running_changed.connect(lambda _running: self.tell_clock())

    @property
    def session(self) -> Session:
        return self.window.session

    @property
    def is_open(self) -> bool:
        return self.server is not None

    # ------------------------------------------------------------------ the inbox
    def build_inbox(self) -> InboxPanel:
        if self.inbox is None:
            from ui.panels.inbox import InboxPanel

            w = self.window
            dock = QDockWidget(translate("DevicesHost", "Inbox"), w)
            dock.setObjectName(INBOX_DOCK)
            dock.setFeatures(
                QDockWidget.DockWidgetFeature.DockWidgetMovable
                | QDockWidget.DockWidgetFeature.DockWidgetClosable
            )
            self.inbox = InboxPanel(w, dock)
            dock.setWidget(self.inbox)
            log = w.findChild(QDockWidget, "eventLogDock")
            w.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            if log is not None and not log.isFloating():  # beside the log, half its width
                w.splitDockWidget(log, dock, Qt.Orientation.Horizontal)
            self.inbox_dock = dock
            self.inbox.counts_changed.connect(self._title_inbox)
            self._title_inbox(*waiting_submissions(self.session))
            w.panels.append(self.inbox)
        return self.inbox

    def _title_inbox(self, pending: int, held: int) -> None:
        if self.inbox_dock is not None:
            self.inbox_dock.setWindowTitle(
                translate("DevicesHost", "Inbox ({0} pending, {1} held)").format(pending, held)
            )

    def toggle_inbox(self) -> None:
        """F7: show the inbox (with the keyboard in it), or hide it."""
        shown = self.inbox_dock is not None and self.inbox_dock.isVisible()
        self.show_inbox(not shown)

    def show_inbox(self, on: bool) -> None:
        if not on and self.inbox_dock is None:
            return
        inbox = self.build_inbox()
        assert self.inbox_dock is not None
        self.inbox_dock.setVisible(on)
        if on:
            self.inbox_dock.raise_()
            inbox.view.setFocus()

    # ------------------------------------------------------------------ the dialog
    def show_dialog(self) -> DevicesDialog:
        if self.dialog is None:
            from ui.devices_dialog import DevicesDialog

            self.dialog = DevicesDialog(self, parent=self.window)
        self.dialog.show_state()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    # ------------------------------------------------------------------ the room
    def open_room(self, host: str, port: int) -> tuple[str, int]:
        """Start the device server on ``host``:``port`` (0: a free one). Raises
        ``devices.server.DeviceServerError`` with the reason (a port in use, an address
        not on this machine); nothing is left running then."""
        # what the server's threads first ask of this thread loads now, not mid-request
        import devices.control_page
        import devices.pages  # noqa: F401
        from devices.server import DeviceServer
        from ui.devices_bridge import InOrder, QtOwner

        if self.server is not None:
            return self.address or (host, port)
        owner = QtOwner(
            self.session,
            committed=self.committed,
            within=self.auto_accept,
            failed=self._failed,
            parent=self,
        )
        server = DeviceServer(owner, self.session.scenario, host=host, port=port)
        try:
            self.address = server.start()
        except BaseException:
            owner.close()
            owner.deleteLater()
            raise
        self.server, self.owner = server, owner
        self.in_order = InOrder(self.session.last_seq)
        self._issue_missing_codes()
        self.tell_clock()
        self.build_inbox()
        self.window.action_set.close_devices.setEnabled(True)
        self._address_watch.start()
        host_, port_ = self.address
        self.window.statusBar().showMessage(
            translate("DevicesHost", "Open to team devices on {0}:{1}. F7 shows the inbox.").format(
                host_, port_
            ),
            10000,
        )
        return self.address

    def close_room(self, reason: str = ENDED) -> None:
        """Tell the devices ``reason``, stop the server; codes and devices stay valid
        for the next opening (a device reconnects without a new code)."""
        self._address_watch.stop()
        self.address_gone = ""
        server, owner = self.server, self.owner
        self.server = self.owner = None
        self.address = None
        if owner is not None:
            owner.close()
        if server is not None:
            server.stop(reason)
        if owner is not None:
            owner.deleteLater()
        self.window.action_set.close_devices.setEnabled(False)
        if self.dialog is not None:
            self.dialog.show_state()

    def check_address(self) -> str:
        """Is the address the room listens on still this machine's (a laptop that left
        the Wi-Fi, a cable pulled)? If not, say so where the facilitator looks."""
        from devices.addresses import is_local

        if self.address is None:
            return ""
        host, _port = self.address
        if is_local(host):
            if self.address_gone:
                self.address_gone = ""
                self.window.statusBar().showMessage(
                    translate("DevicesHost", "{0} is back: devices can reach it.").format(host)
                )
            return ""
        self.address_gone = translate(
            "DevicesHost",
            "{0} is no longer an address of this computer (the network changed?): the devices "
            "cannot reach it. Close team devices and open them again on the room's network; the "
            "devices rejoin without a new code.",
        ).format(host)
        self.window.statusBar().showMessage(self.address_gone, ADDRESS_CHECK_MS)
        if self.dialog is not None:
            self.dialog.message.setText(self.address_gone)
        return self.address_gone

    def shutdown(self) -> None:
        """The window closes the session (or the app quits): devices are told so."""
        if self.server is not None:
            self.close_room(ENDED)
        if self.dialog is not None:
            self.dialog.close()

    # ------------------------------------------------------------------ owner thread
    def apply(self, update: Update) -> None:
        """After every broadcast: the devices get what was committed; the dialog and the
        clock follow."""
        if self.server is not None and self.in_order is not None:
            if update.resync and self.session.last_seq < self.in_order.upto:
                self.in_order.upto = self.session.last_seq  # another save, or rolled back
            for env in self.in_order.take(self.session, update.envelopes):
                self.server.publish(env)
            if update.changes.round or update.resync:
                self.tell_clock()
        changes = update.changes
        if self.dialog is not None and (update.resync or getattr(changes, "devices", False)):
            self.dialog.show_devices()

    def committed(self, envelopes: tuple[Envelope, ...]) -> None:
        """What the server's calls wrote, committed: broadcast, and say what arrived."""
        window = self.window
        window.broadcast(changes_of(self.session, envelopes))
        arrived = [e for e in envelopes if isinstance(e.event, ev.SubmissionReceived)]
        if not arrived:
            return
        subs = self.session.state.submissions
        words = []
        for env in arrived[:3]:
            event = env.event
            assert isinstance(event, ev.SubmissionReceived)
            team = self.session.scenario.team(event.team)
            name = team.name if team is not None else event.team
            sub = subs.get(f"s{env.seq}")
            accepted = sub is not None and sub.status == "accepted"
            how = (
                translate("DevicesHost", "accepted as it came")
                if accepted
                else translate("DevicesHost", "in the inbox (F7)")
            )
            words.append(f"a {event.what} from {name}, {how}")
        if len(arrived) > 3:
            words.append(f"and {len(arrived) - 3} more")
        message = translate("DevicesHost", "New from the team devices: ") + "; ".join(words)
        if self.refusals:
            message += translate("DevicesHost", ". Not accepted automatically: ") + "; ".join(
                self.refusals
            )
            self.refusals = []
        window.statusBar().showMessage(message, 10000)

    def auto_accept(self, session: Session, envelopes: tuple[Envelope, ...]) -> None:
        """Inside the server calls' transaction: accept what the settings say to."""
        for env in envelopes:
            event = env.event
            if isinstance(event, ev.SubmissionReceived) and settings.auto_accept(event.what):
                try:
                    session.accept(submission=f"s{env.seq}")
                except DomainError as error:  # it waits in the inbox, with the reason said
                    self.refusals.append(f"s{env.seq}: {error}")

    def _failed(self, error: BaseException) -> None:
        from ui.devices_bridge import SyncFailed

        if isinstance(error, SyncFailed):  # committed, but the disk did not confirm it
            said = translate("DevicesHost", "{0}. The devices were told.").format(
                _capital(str(error))
            )
        else:
            said = translate(
                "DevicesHost",
                "Not recorded from the team devices: {0}. They were told and can send again.",
            ).format(error)
        self.window.statusBar().showMessage(said, 15000)
        self.window.resync()

    def tell_clock(self) -> None:
        if self.server is None:
            return
        timer, session = self.window.timer, self.session
        state, scenario = session.state, session.scenario
        phase = ""
        if state.round_open and 1 <= state.round <= len(scenario.rounds):
            rnd = scenario.rounds[state.round - 1]
            if rnd.phases:
                phase = rnd.phases[min(state.phase, len(rnd.phases) - 1)].name
            else:
                phase = rnd.title
        remaining = timer.remaining_ms() / 1000
        running = timer.running
        self.server.set_clock(
            phase, time.time() + remaining if running else None, remaining, running
        )

    # ------------------------------------------------------------------ codes
    def _run_command(self, command: Any) -> Any:
        """A command that returns something other than ``Changes`` (a code, a token):
        run it, then broadcast what it wrote, as ``window.run`` does for the others."""
        session = self.session
        before = session.last_seq
        result = command()
        if session.last_seq > before:
            self.window.broadcast(changes_of(session, tuple(session.events(before + 1))))
        return result

    def _active_codes(self, role: str, team: str | None) -> list[str]:
        return [
            cid
            for cid, code in self.session.state.codes.items()
            if code.role == role and code.team == team and code.active
        ]

    def _issue_missing_codes(self) -> None:
        for team in self.session.scenario.team_ids:
            if team not in self.codes:
                self.codes[team] = self._run_command(
                    lambda team=team: self.session.issue_code(role="team", team=team)
                )
        if self.control is None:
            self.control = self._run_command(
                lambda: self.session.issue_code(role="control", team=None)
            )

    def new_code(self, team: str) -> tuple[str, str]:
        """Revoke the team's codes and issue another (devices that joined stay in)."""
        for cid in self._active_codes("team", team):
            self.window.run(ops.revoke_code, code=cid)
        self.codes[team] = self._run_command(
            lambda: self.session.issue_code(role="team", team=team)
        )
        return self.codes[team]

    def new_control_code(self) -> tuple[str, str]:
        self.revoke_control_code()
        self.control = self._run_command(lambda: self.session.issue_code(role="control", team=None))
        return self.control

    def revoke_control_code(self) -> None:
        for cid in self._active_codes("control", None):
            self.window.run(ops.revoke_code, code=cid)
        self.control = None

    def join_url(self, code_text: str) -> str:
        if self.server is None:
            return ""
        return str(self.server.join_url(code_text))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
