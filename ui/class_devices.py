"""The class overview's team devices: every group's devices on one address.

``ClassDevices`` runs one ``devices.class_router.ClassRouter`` for the class: one Qt owner
per group (``ui.devices_bridge.QtOwner``, all on the main thread, each on its group's one
session), and the group's share of every committed event published to that group's
server alone. What a device sends is committed by its group's owner in one transaction;
then the overview re-reads that group's row (its pending column counts the inbox), and
the group's facilitator view, when open, gets it like its own events (its inbox).

Join codes are stored hashed: their texts are known only to whoever issued them. Starting
a class issues one set per group (``engine.session.class_run.class_team_codes``) and hands
the texts to the overview; opening the class to devices issues codes for the groups whose
texts this process does not hold (a class opened again after a restart: the old slips
still join, devices that joined reconnect without a code). ``write_class_slips`` prints
them: one PDF, a page per team, grouped by group, each page naming its group.

The device server is loaded only when the class is opened to devices.
"""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine.domain import events as ev
from engine.errors import DomainError
from ui import settings, theme
from ui.i18n import translate
from ui.plain_text import plain_label

if TYPE_CHECKING:
    from devices.class_router import ClassRouter
    from engine.domain.events import Envelope
    from engine.session.live import Session
    from ui.class_overview import ClassOverview
    from ui.devices_bridge import QtOwner

Codes = dict[str, dict[str, tuple[str, str]]]  # group -> team id -> (code id, code text)
ENDED = "The class has ended."
CLOSED = "Control closed the class to team devices."


class ClassDevices(QObject):
    """The overview's device server, owners and join codes."""

    def __init__(self, overview: ClassOverview, codes: Codes | None = None) -> None:
        super().__init__(overview)
        self.overview = overview
        self.codes: Codes = {name: dict(c) for name, c in (codes or {}).items()}
        self.router: ClassRouter | None = None
        self.owners: dict[str, QtOwner] = {}
        self.published: dict[str, int] = {}  # group -> the last seq its server was given
        self._echoes: dict[str, tuple[Session, Any]] = {}  # group -> its session's hook
        self.refusals: list[str] = []
        self.dialog: ClassDevicesDialog | None = None
        overview.timer.changed.connect(self.tell_clocks)
        overview.timer.running_changed.connect(lambda _running: self.tell_clocks())

    @property
    def is_open(self) -> bool:
        return self.router is not None

    @property
    def address(self) -> tuple[str, int] | None:
        return self.router.address if self.router is not None else None

    # ------------------------------------------------------------------ the room
    def open_room(self, host: str, port: int) -> tuple[str, int]:
        """Serve every group on ``host:port`` (0: a free one). Raises
        ``devices.server.DeviceServerError`` saying why not; nothing is left running."""
        import devices.control_page
        import devices.pages  # noqa: F401  # loaded now, not mid-request
        from devices.class_router import ClassRouter
        from ui.devices_bridge import QtOwner

        if self.router is not None:
            return self.router.address
        run = self.overview.run
        owners = {
            name: QtOwner(
                session,
                committed=partial(self.committed, name),
                within=self.auto_accept,
                failed=partial(self._failed, name),
                parent=self,
            )
            for name, session in run.sessions.items()
        }
        router = ClassRouter(owners, run.scenario, host=host, port=port)
        try:
            address = router.start()
        except BaseException:
            for owner in owners.values():
                owner.close()
                owner.deleteLater()
            raise
        self.router, self.owners = router, owners
        for name, session in run.sessions.items():
            self._hook(name, session)
        self.issue_missing_codes()
        self.tell_clocks()
        for name, window in self.overview.windows.items():
            self.hand_over(name, window)
        self.overview.acts["classDevices"].setText(translate("ClassDevices", "Team devices: open…"))
        self.overview.statusBar().showMessage(
            translate("ClassDevices", "Every group open to team devices on {0}:{1}.").format(
                address[0], address[1]
            ),
            10000,
        )
        return address

    def close_room(self, reason: str = CLOSED) -> None:
        """Tell every group's devices ``reason`` and stop serving; codes and devices stay
        valid for the next opening."""
        router, owners = self.router, self.owners
        self.router, self.owners = None, {}
        for owner in owners.values():
            owner.close()
        if router is not None:
            router.stop(reason)
        for owner in owners.values():
            owner.deleteLater()
        for session, hook in self._echoes.values():
            if hook in session.echo:
                session.echo.remove(hook)
        self._echoes.clear()
        for window in self.overview.windows.values():
            window.action_set.open_devices.setEnabled(True)
        self.overview.acts["classDevices"].setText(
            translate("ClassDevices", "Open to team devices…")
        )
        if self.dialog is not None:
            self.dialog.show_state()

    def hand_over(self, name: str, window: Any) -> None:
        """A group's facilitator view while the class serves its devices: the class's
        server is the group's (no second one from the view); the view's timer is the
        group's clock when the group is off the class clock."""
        if self.router is not None:
            action = window.action_set.open_devices
            action.setEnabled(False)
            action.setToolTip(
                translate("ClassDevices", "The class overview serves this group's team devices")
            )
            window.timer.changed.connect(lambda: self.tell_clock(name))
            self.tell_clock(name)

    def rebind(self, name: str, session: Session) -> None:
        """The group's save was opened again (its view closed it): serve the new session."""
        owner = self.owners.get(name)
        if owner is None or self.router is None:
            return
        owner.session = session
        self.router.groups[name].rebind()
        self._hook(name, session)

    def _hook(self, name: str, session: Session) -> None:
        """What the group's session commits outside the devices' transactions (the
        overview's class clock and injects, the group's view) goes to its server."""
        self.published[name] = session.last_seq
        hook = partial(self.publish, name)
        session.echo.append(hook)
        self._echoes[name] = (session, hook)

    # ------------------------------------------------------------------ events
    def publish(self, name: str, env: Envelope) -> None:
        """Hand one committed event to its group's server (once, whichever path it came,
        in the log's order: one that leaves a gap brings the gap's events first, durable
        as it is; see ``ui.devices_bridge.InOrder``)."""
        upto = self.published.get(name, 0)
        if self.router is None or env.seq <= upto:
            return
        session = self.overview.run.session(name)
        gap = session.events(upto + 1, env.seq) if env.seq > upto + 1 else ()
        for one in (*gap, env):
            self.published[name] = one.seq
            self.router.publish(name, one)
            if isinstance(one.event, ev.RoundStarted | ev.RoundEnded | ev.PhaseChanged):
                self.tell_clock(name)

    def committed(self, name: str, envelopes: tuple[Envelope, ...]) -> None:
        """What a group's devices sent, committed: its server, its row, its open view."""
        from ui.devices_room import changes_of

        session = self.overview.run.session(name)
        for env in envelopes:
            self.publish(name, env)
        window = self.overview.windows.get(name)
        if window is not None:
            window.broadcast(changes_of(session, envelopes))
        self.overview.group_changed(name)
        arrived = [e for e in envelopes if isinstance(e.event, ev.SubmissionReceived)]
        if arrived:
            said = translate(
                "ClassDevices", "{0} new from {1}'s team devices (open the group: F7 inbox)"
            ).format(len(arrived), name)
            if self.refusals:
                said += translate("ClassDevices", ". Not accepted automatically: ") + "; ".join(
                    self.refusals
                )
                self.refusals = []
            self.overview.statusBar().showMessage(said, 10000)

    def auto_accept(self, session: Session, envelopes: tuple[Envelope, ...]) -> None:
        """Inside the devices' transaction: accept what the settings say to."""
        for env in envelopes:
            event = env.event
            if isinstance(event, ev.SubmissionReceived) and settings.auto_accept(event.what):
                try:
                    session.accept(submission=f"s{env.seq}")
                except DomainError as error:
                    self.refusals.append(f"s{env.seq}: {error}")

    def _failed(self, name: str, error: BaseException) -> None:
        from ui.devices_bridge import SyncFailed

        if isinstance(error, SyncFailed):  # committed, but the disk did not confirm it
            said = translate("ClassDevices", "{0}: {1}. The devices were told.").format(name, error)
        else:
            said = translate(
                "ClassDevices", "Not recorded from {0}'s team devices: {1}. They can send again."
            ).format(name, error)
        self.overview.statusBar().showMessage(said, 15000)
        self.overview.group_changed(name)

    # ------------------------------------------------------------------ the clock
    def tell_clocks(self) -> None:
        for name in self.overview.run.names:
            self.tell_clock(name)

    def tell_clock(self, name: str) -> None:
        """The group's phase and time: the class clock's when the group is on it, else its
        open view's timer, else none."""
        if self.router is None or name not in self.overview.run.sessions:
            return
        from engine.session.class_run import where

        overview = self.overview
        session = overview.run.session(name)
        state = session.state
        phase = where(session) if state.round_open else ""
        timer = None
        if overview.clock is not None and overview.clock == (state.round, state.phase):
            timer = overview.timer
        elif name in overview.windows:
            timer = overview.windows[name].timer
        if timer is None or not state.round_open:
            self.router.set_clock(name, phase, None, None, False)
            return
        remaining = timer.remaining_ms() / 1000
        ends = time.time() + remaining if timer.running else None
        self.router.set_clock(name, phase, ends, remaining, timer.running)

    # ------------------------------------------------------------------ codes
    def issue_missing_codes(self) -> None:
        """A code for every team of every group whose text this process does not hold."""
        run = self.overview.run
        for name, session in run.sessions.items():
            held = self.codes.setdefault(name, {})
            for team in session.scenario.team_ids:
                if team not in held:
                    held[team] = session.issue_code(role="team", team=team)
            if self.router is not None:
                for _cid, text in held.values():
                    self.router.remember_code(name, text)
            self.overview.group_changed(name)

    def join_url(self, text: str) -> str:
        return self.router.join_url(text) if self.router is not None else ""

    def slips(self) -> list[tuple[str, list[tuple[str, str, str]]]]:
        """Per group, in the class's order: (team name, code, join link) of each team."""
        out = []
        scenario = self.overview.run.scenario
        for name in self.overview.run.names:
            held = self.codes.get(name, {})
            rows = [
                (team.name, held[team.id][1], self.join_url(held[team.id][1]))
                for team in scenario.teams
                if team.id in held
            ]
            out.append((name, rows))
        return out

    def write_slips(self, path: Path) -> int:
        """One PDF: a page per team, grouped by group, each naming its group; pages."""
        title = self.overview.run.file.title or self.overview.run.file.folder.name
        return write_class_slips(path, title, self.overview.run.scenario.title, self.slips())

    # ------------------------------------------------------------------ the dialog
    def show_dialog(self) -> ClassDevicesDialog:
        if self.dialog is None:
            self.dialog = ClassDevicesDialog(self, self.overview)
        self.dialog.show_state()
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog


def write_class_slips(
    path: Path,
    class_title: str,
    scenario_title: str,
    groups: list[tuple[str, list[tuple[str, str, str]]]],
) -> int:
    """The join slips of a class (``ui.join_slips``): a page per team, the group's name
    heading each page; the page count."""
    from ui.devices_dialog import shown_code
    from ui.join_slips import Slip, write_slips
    from ui.qr_code import qr_image

    slips, images, titles = [], [], []
    for group, rows in groups:
        for team, code, url in rows:
            slips.append(Slip(team, shown_code(code), url))
            images.append(qr_image(url, module=10))
            titles.append(f"{group} · {class_title} · {scenario_title}")
    return write_slips(path, f"{class_title}: {scenario_title}", slips, images, titles=titles)


class ClassDevicesDialog(QDialog):
    """Open the class to team devices (address and port), then its codes and slips."""

    def __init__(self, host: ClassDevices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("classDevicesDialog")
        self.setWindowTitle(translate("ClassDevicesDialog", "Class: team devices"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._closed_page())
        self.pages.addWidget(self._open_page())
        QVBoxLayout(self).addWidget(self.pages)

    def _closed_page(self) -> QWidget:
        from ui.devices_dialog import DEFAULT_PORT, PORT_KEY

        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = plain_label(
            QLabel(translate("ClassDevicesDialog", "Open the class to team devices"), page)
        )
        theme.scale_font(heading, 1.3, bold=True)
        layout.addWidget(heading)
        explain = plain_label(
            QLabel(
                translate(
                    "ClassDevicesDialog",
                    "Every group's teams join from their own browsers on this room's network, "
                    "at one address: each team's code takes it to its own group. Anyone on the "
                    "network you pick can reach the join page: pick the room's network, or this "
                    "computer only (loopback) for a demonstration.",
                ),
                page,
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.address = QComboBox(page)
        self.address.setObjectName("classDevicesAddress")
        self.address.setAccessibleName(translate("ClassDevicesDialog", "Address to listen on"))
        form.addRow(translate("ClassDevicesDialog", "&Address"), self.address)
        self.port = QSpinBox(page)
        self.port.setObjectName("classDevicesPort")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(translate("ClassDevicesDialog", "any free port"))
        kept = settings.settings().value(PORT_KEY, DEFAULT_PORT, type=int)
        self.port.setValue(kept if isinstance(kept, int) else DEFAULT_PORT)
        self.port.setAccessibleName(translate("ClassDevicesDialog", "Port"))
        form.addRow(translate("ClassDevicesDialog", "&Port"), self.port)
        layout.addLayout(form)
        self.open_error = plain_label(QLabel("", page))
        self.open_error.setObjectName("classDevicesError")
        self.open_error.setProperty("role", "error")
        self.open_error.setWordWrap(True)
        self.open_error.hide()
        layout.addWidget(self.open_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.open_button = QPushButton(
            translate("ClassDevicesDialog", "&Open the class to team devices"), page
        )
        self.open_button.setObjectName("classDevicesOpen")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_room)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        return page

    def _open_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.where = plain_label(QLabel("", page))
        self.where.setObjectName("classDevicesWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        self.codes = QTreeWidget(page)
        self.codes.setObjectName("classDevicesCodes")
        self.codes.setAccessibleName(
            translate("ClassDevicesDialog", "Join codes of every group's teams")
        )
        self.codes.setHeaderLabels(
            [
                translate("ClassDevicesDialog", "Group and team"),
                translate("ClassDevicesDialog", "Join code"),
                translate("ClassDevicesDialog", "Join link"),
            ]
        )
        layout.addWidget(self.codes, 1)
        row = QHBoxLayout()
        self.message = plain_label(QLabel("", page))
        self.message.setObjectName("classDevicesMessage")
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)
        slips = QPushButton(translate("ClassDevicesDialog", "Print join &slips…"), page)
        slips.setObjectName("classDevicesSlips")
        slips.clicked.connect(self.print_slips)
        row.addWidget(slips)
        close = QPushButton(translate("ClassDevicesDialog", "Close to team devices"), page)
        close.setObjectName("classDevicesClose")
        close.clicked.connect(lambda: self.host.close_room())
        row.addWidget(close)
        layout.addLayout(row)
        return page

    def show_state(self) -> None:
        if not self.host.is_open:
            self.fill_addresses()
            self.pages.setCurrentIndex(0)
            return
        self.pages.setCurrentIndex(1)
        host, port = self.host.address or ("", 0)
        self.where.setText(
            translate(
                "ClassDevicesDialog",
                "Open on {0}:{1}: every group at this one address. Show the codes to no one but "
                "their team; print the slips and hand each table its own.",
            ).format(host, port)
        )
        self.codes.clear()
        from ui.devices_dialog import shown_code

        for group, rows in self.host.slips():
            top = QTreeWidgetItem(self.codes, [group, "", ""])
            for team, code, url in rows:
                QTreeWidgetItem(top, [team, shown_code(code), url])
            top.setExpanded(True)
        for column in range(3):
            self.codes.resizeColumnToContents(column)

    def fill_addresses(self) -> None:
        from devices.addresses import interfaces
        from ui.devices_dialog import ADDRESS_KEY

        remembered = settings.settings().value(ADDRESS_KEY, "", type=str)
        self.address.clear()
        for label, address in interfaces():
            self.address.addItem(f"{label}: {address}", address)
        index = self.address.findData(remembered) if remembered else -1
        self.address.setCurrentIndex(max(index, 0))

    def open_room(self) -> bool:
        from devices.server import DeviceServerError
        from ui.devices_dialog import ADDRESS_KEY, PORT_KEY

        address = self.address.currentData()
        if not address:
            self._refused(
                translate(
                    "ClassDevicesDialog", "This computer has no network address to listen on."
                )
            )
            return False
        try:
            self.host.open_room(str(address), self.port.value())
        except DeviceServerError as error:
            self._refused(translate("ClassDevicesDialog", "Not opened: {0}").format(error))
            return False
        store = settings.settings()
        store.setValue(ADDRESS_KEY, address)
        store.setValue(PORT_KEY, self.port.value())
        self.open_error.hide()
        self.show_state()
        return True

    def _refused(self, message: str) -> None:
        self.open_error.setText(message)
        self.open_error.show()

    def print_slips(self) -> None:
        folder = self.host.overview.run.file.folder
        suggested = folder / "join slips.pdf"
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("ClassDevicesDialog", "Join slips"),
            str(suggested),
            translate("ClassDevicesDialog", "PDF (*.pdf)"),
        )
        if name:
            pages = self.host.write_slips(Path(name))
            self.message.setText(
                translate("ClassDevicesDialog", "{0} pages of join slips written to {1}").format(
                    pages, name
                )
            )
