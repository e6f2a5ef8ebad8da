"""The "Team devices" dialog of the facilitator window (never shown on the projector).

Closed: pick the address (this machine's interfaces, loopback last, for a demo; never
every interface at once) and the port, then Open. Open: one team at a time (Previous /
Next, the team's name large) with its join code, its QR code and its join link, New code
(the old one stops working), the devices that joined it with Revoke; the lobby lock; the
Control code, hidden until asked for, revocable; the join slips to print; Close.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
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

from devices.addresses import interfaces
from ui import operations as ops
from ui import settings, theme
from ui.i18n import translate
from ui.plain_text import plain_label
from ui.qr_code import qr_image

if TYPE_CHECKING:
    from ui.devices_room import DevicesHost

PORT_KEY = "devices/port"
ADDRESS_KEY = "devices/address"
DEFAULT_PORT = 8765
ID_ROLE = Qt.ItemDataRole.UserRole


def shown_code(text: str) -> str:
    """``ABCDEFGHJKLM`` as people read it: ``ABCD-EFGH-JKLM``."""
    bare = text.replace("-", "").replace(" ", "").upper()
    return "-".join(bare[i : i + 4] for i in range(0, len(bare), 4))


class DevicesDialog(QDialog):
    def __init__(self, host: DevicesHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("devicesDialog")
        self.setWindowTitle(translate("DevicesDialog", "Team devices"))
        self.team_index = 0
        self.error_text = ""
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._closed_page())
        self.pages.addWidget(self._open_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.show_state()

    # ------------------------------------------------------------------ closed
    def _closed_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        heading = plain_label(
            QLabel(translate("DevicesDialog", "Open this session to team devices"), page)
        )
        theme.scale_font(heading, 1.3, bold=True)
        layout.addWidget(heading)
        explain = plain_label(
            QLabel(
                translate(
                    "DevicesDialog",
                    "Each team joins from its own browser on this room's network, with a code "
                    "or a QR code shown here (never on the projector). Anyone on the network "
                    "you pick can reach the join page: pick the room's network, or this "
                    "computer only (loopback) for a demonstration.",
                ),
                page,
            )
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.address = QComboBox(page)
        self.address.setObjectName("devicesAddress")
        self.address.setAccessibleName(translate("DevicesDialog", "Address to listen on"))
        form.addRow(translate("DevicesDialog", "&Address"), self.address)
        self.port = QSpinBox(page)
        self.port.setObjectName("devicesPort")
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(translate("DevicesDialog", "any free port"))
        port = settings.settings().value(PORT_KEY, DEFAULT_PORT, type=int)
        self.port.setValue(port if isinstance(port, int) else DEFAULT_PORT)
        self.port.setAccessibleName(translate("DevicesDialog", "Port"))
        form.addRow(translate("DevicesDialog", "&Port"), self.port)
        layout.addLayout(form)
        self.open_error = plain_label(QLabel("", page))
        self.open_error.setObjectName("devicesError")
        self.open_error.setProperty("role", "error")
        self.open_error.setWordWrap(True)
        self.open_error.hide()
        layout.addWidget(self.open_error)
        row = QHBoxLayout()
        row.addStretch(1)
        self.open_button = QPushButton(translate("DevicesDialog", "&Open to team devices"), page)
        self.open_button.setObjectName("devicesOpen")
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.open_room)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def fill_addresses(self) -> None:
        remembered = settings.settings().value(ADDRESS_KEY, "", type=str)
        self.address.clear()
        for label, address in interfaces():
            self.address.addItem(f"{label}: {address}", address)
        index = self.address.findData(remembered) if remembered else -1
        self.address.setCurrentIndex(max(index, 0))  # the first is the room's, loopback last

    def open_room(self) -> bool:
        from devices.server import DeviceServerError

        address = self.address.currentData()
        if not address:
            self._refused(
                translate("DevicesDialog", "This computer has no network address to listen on.")
            )
            return False
        port = self.port.value()
        try:
            self.host.open_room(address, port)
        except DeviceServerError as error:
            self._refused(translate("DevicesDialog", "Not opened: {0}").format(error))
            return False
        store = settings.settings()
        store.setValue(ADDRESS_KEY, address)
        store.setValue(PORT_KEY, port)
        self.open_error.hide()
        self.show_state()
        return True

    def _refused(self, message: str) -> None:
        self.error_text = message
        self.open_error.setText(message)
        self.open_error.show()

    # ------------------------------------------------------------------ open
    def _open_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.where = plain_label(QLabel("", page))
        self.where.setObjectName("devicesWhere")
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)

        team_box = QGroupBox(translate("DevicesDialog", "Join a team"), page)
        team_layout = QVBoxLayout(team_box)
        nav = QHBoxLayout()
        self.previous = QPushButton(translate("DevicesDialog", "◀ P&revious"), team_box)
        self.previous.setObjectName("devicesPrevious")
        self.previous.clicked.connect(lambda: self.step(-1))
        self.team_name = plain_label(QLabel("", team_box))
        self.team_name.setObjectName("devicesTeamName")
        self.team_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.scale_font(self.team_name, 2.2, bold=True)
        self.next = QPushButton(translate("DevicesDialog", "&Next ▶"), team_box)
        self.next.setObjectName("devicesNext")
        self.next.clicked.connect(lambda: self.step(1))
        nav.addWidget(self.previous)
        nav.addWidget(self.team_name, 1)
        nav.addWidget(self.next)
        team_layout.addLayout(nav)
        body = QHBoxLayout()
        self.qr = QLabel(team_box)
        self.qr.setObjectName("devicesQr")
        self.qr.setAccessibleName(translate("DevicesDialog", "QR code of the team's join link"))
        body.addWidget(self.qr)
        words = QVBoxLayout()
        self.code = plain_label(QLabel("", team_box))
        self.code.setObjectName("devicesCode")
        mono = QFont("DejaVu Sans Mono")
        mono.setPointSizeF(self.font().pointSizeF() * 2.4)
        mono.setBold(True)
        self.code.setFont(mono)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.addWidget(plain_label(QLabel(translate("DevicesDialog", "Join code"), team_box)))
        words.addWidget(self.code)
        self.url = plain_label(QLabel("", team_box))
        self.url.setObjectName("devicesUrl")
        self.url.setWordWrap(True)
        self.url.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        words.addWidget(self.url)
        self.new_code_button = QPushButton(
            translate("DevicesDialog", "New &code (the old one stops working)"), team_box
        )
        self.new_code_button.setObjectName("devicesNewCode")
        self.new_code_button.clicked.connect(self.new_code)
        words.addWidget(self.new_code_button, 0, Qt.AlignmentFlag.AlignLeft)
        words.addStretch(1)
        body.addLayout(words, 1)
        team_layout.addLayout(body)
        self.devices = QTreeWidget(team_box)
        self.devices.setObjectName("devicesList")
        self.devices.setAccessibleName(
            translate("DevicesDialog", "Devices that joined this team, and Control's")
        )
        self.devices.setRootIsDecorated(False)
        self.devices.setHeaderLabels(
            [
                translate("DevicesDialog", "Device"),
                translate("DevicesDialog", "Name it gave"),
                translate("DevicesDialog", "Status"),
            ]
        )
        self.devices.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        team_layout.addWidget(self.devices)
        self.revoke_button = QPushButton(translate("DevicesDialog", "Re&voke the device"), team_box)
        self.revoke_button.setObjectName("devicesRevoke")
        self.revoke_button.clicked.connect(self.revoke_device)
        team_layout.addWidget(self.revoke_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(team_box, 1)

        control_box = QGroupBox(
            translate("DevicesDialog", "Control's code (for a Control laptop; show it to no team)"),
            page,
        )
        control_layout = QHBoxLayout(control_box)
        self.control_code = plain_label(QLabel(translate("DevicesDialog", "hidden"), control_box))
        self.control_code.setObjectName("devicesControlCode")
        self.control_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        control_layout.addWidget(self.control_code, 1)
        self.show_control = QPushButton(translate("DevicesDialog", "&Show"), control_box)
        self.show_control.setObjectName("devicesShowControl")
        self.show_control.setCheckable(True)
        self.show_control.toggled.connect(lambda _on: self.show_control_code())
        control_layout.addWidget(self.show_control)
        new_control = QPushButton(translate("DevicesDialog", "New Control code"), control_box)
        new_control.setObjectName("devicesNewControl")
        new_control.clicked.connect(self.new_control_code)
        control_layout.addWidget(new_control)
        revoke_control = QPushButton(translate("DevicesDialog", "Revoke it"), control_box)
        revoke_control.setObjectName("devicesRevokeControl")
        revoke_control.clicked.connect(self.revoke_control_code)
        control_layout.addWidget(revoke_control)
        layout.addWidget(control_box)

        row = QHBoxLayout()
        self.lobby = QCheckBox(
            translate("DevicesDialog", "&Lobby locked (no new device may join)"), page
        )
        self.lobby.setObjectName("devicesLobby")
        self.lobby.toggled.connect(self.lock_lobby)
        row.addWidget(self.lobby)
        row.addStretch(1)
        slips = QPushButton(translate("DevicesDialog", "Print join &slips…"), page)
        slips.setObjectName("devicesSlips")
        slips.clicked.connect(self.print_slips)
        row.addWidget(slips)
        close = QPushButton(translate("DevicesDialog", "Close team devices"), page)
        close.setObjectName("devicesClose")
        close.clicked.connect(lambda: self.host.close_room())
        row.addWidget(close)
        layout.addLayout(row)
        self.message = plain_label(QLabel("", page))
        self.message.setObjectName("devicesMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), page, lambda: self.step(1))
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), page, lambda: self.step(-1))
        return page

    # ------------------------------------------------------------------ showing
    def show_state(self) -> None:
        if not self.host.is_open:
            self.fill_addresses()
            self.pages.setCurrentIndex(0)
            self.setMinimumSize(520, 300)
            return
        self.pages.setCurrentIndex(1)
        self.setMinimumSize(760, 640)
        host, port = self.host.address or ("", 0)
        board = getattr(self.host.server, "board_url", "")
        self.where.setText(
            translate(
                "DevicesDialog",
                "Open on {0}:{1}. The public board (what the projector shows, for a room "
                "without one): {2}",
            ).format(host, port, board)
        )
        self.show_team()
        self.show_control_code()
        self.lobby.blockSignals(True)
        self.lobby.setChecked(bool(self.host.session.state.lobby_locked))
        self.lobby.blockSignals(False)

    def teams(self) -> tuple[str, ...]:
        return self.host.session.scenario.team_ids

    def current_team(self) -> str:
        teams = self.teams()
        return teams[self.team_index % len(teams)]

    def step(self, by: int) -> None:
        self.team_index = (self.team_index + by) % len(self.teams())
        self.show_team()

    def show_team(self) -> None:
        team = self.current_team()
        found = self.host.session.scenario.team(team)
        self.team_name.setText(found.name if found is not None else team)
        code = self.host.codes.get(team)
        if code is None:
            self.code.setText(translate("DevicesDialog", "no code"))
            self.url.setText("")
            self.qr.clear()
        else:
            url = self.host.join_url(code[1])
            self.code.setText(shown_code(code[1]))
            self.url.setText(url)
            self.qr.setPixmap(QPixmap.fromImage(qr_image(url, module=7)))
        self.show_devices()

    def show_devices(self) -> None:
        team = self.current_team()
        self.devices.clear()
        for did, device in self.host.session.state.devices.items():
            if device.role == "team" and device.team != team:
                continue  # another team's: on its own page
            status = "joined" if device.active else "revoked"
            if device.role == "control":
                status = f"Control's, {status}"
            item = QTreeWidgetItem([did, device.label, status])
            item.setData(0, ID_ROLE, did)
            self.devices.addTopLevelItem(item)
        self.lobby.blockSignals(True)
        self.lobby.setChecked(bool(self.host.session.state.lobby_locked))
        self.lobby.blockSignals(False)

    def show_control_code(self) -> None:
        control = self.host.control
        if control is None:
            self.control_code.setText(
                translate("DevicesDialog", "No Control code: New Control code makes one.")
            )
        elif self.show_control.isChecked():
            self.control_code.setText(
                f"{shown_code(control[1])}   {self.host.join_url(control[1])}"
            )
        else:
            self.control_code.setText(translate("DevicesDialog", "hidden (Show)"))

    # ------------------------------------------------------------------ acting
    def new_code(self) -> None:
        team = self.current_team()
        self.host.new_code(team)
        self.message.setText(
            translate("DevicesDialog", "A new code: the old one no longer lets a device join.")
        )
        self.show_team()

    def revoke_device(self) -> None:
        item = self.devices.currentItem()
        if item is None:
            self.message.setText(translate("DevicesDialog", "Pick a device in the list to revoke."))
            return
        error = self.host.window.run(ops.revoke_device, device=item.data(0, ID_ROLE))
        self.message.setText(
            error or translate("DevicesDialog", "Revoked: that device can no longer see or send.")
        )
        self.show_devices()

    def lock_lobby(self, locked: bool) -> None:
        self.host.window.run(ops.lock_lobby, locked=locked)

    def new_control_code(self) -> None:
        self.host.new_control_code()
        self.show_control_code()

    def revoke_control_code(self) -> None:
        self.host.revoke_control_code()
        self.show_control_code()

    def print_slips(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        session = self.host.session
        suggested = session.path.with_name(f"{session.path.stem} join slips.pdf")
        name, _ = QFileDialog.getSaveFileName(
            self,
            translate("DevicesDialog", "Join slips"),
            str(suggested),
            translate("DevicesDialog", "PDF (*.pdf)"),
        )
        if name:
            pages = self.write_slips(Path(name))
            self.message.setText(
                translate("DevicesDialog", "{0} pages of join slips written to {1}").format(
                    pages, name
                )
            )

    def write_slips(self, path: Path) -> int:
        """One page per team (name, code, QR code, link, how to join); the page count."""
        from ui.join_slips import Slip, write_slips

        scenario = self.host.session.scenario
        slips, images = [], []
        for team in scenario.teams:
            code = self.host.codes.get(team.id)
            if code is None:
                continue
            url = self.host.join_url(code[1])
            slips.append(Slip(team.name, shown_code(code[1]), url))
            images.append(qr_image(url, module=10))
        return write_slips(path, scenario.title, slips, images)
