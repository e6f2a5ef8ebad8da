"""The projector window: what the whole room may see, full screen, following live.

Round, phase, the big timer, the feed of public moves and public injects, public
agreements and the indicators (global, per team, and per pair as a small matrix).
Whether something is public is the engine's call (``engine.domain.visibility`` with the
``PUBLIC`` viewer); this window shows nothing else: no briefs, no private moves or
injects, no notes, no reasons for rulings, no demands or commitments addressed to some
teams only. Once Control has revealed everything (``EverythingRevealed``), the room's
viewer is ``room_viewer(PUBLIC, state)``: what the teams saw shows here too, and a banner
says so. The debrief view (``ui/projector_debrief.py``) is another page of this window.
"""

from __future__ import annotations

from html import escape
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QGridLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from engine.domain.events import SHAPE_WORDS
from engine.domain.visibility import (
    PUBLIC,
    agreement_visible,
    commitment_visible,
    indicator_visible,
    may_see,
    move_visible,
    room_viewer,
)
from engine.domain.words import Words
from engine.scenario.model import Indicator
from ui import theme
from ui.i18n import QT_TRANSLATE_NOOP, translate
from ui.models.records import newest_first
from ui.models.update import Update
from ui.panels.paged_card import PagedCard, join_blocks
from ui.panels.round_bar import current_round, round_heading
from ui.timer import PhaseTimer, TimerDisplay

if TYPE_CHECKING:
    from engine.session.live import Session
    from ui.models.records import SessionLike
    from ui.projector_debrief import DebriefPage

FEED_SIZE = 7
SCAN_LIMIT = 2000  # records looked at from the newest, to find the latest public ones


def public_feed(session: SessionLike, size: int = FEED_SIZE) -> list[tuple[int, str]]:
    """(seq, html) of the latest public moves and injects, newest first (after Control
    revealed everything, the private ones too, marked as such)."""
    state, scenario = session.state, session.scenario
    viewer = room_viewer(PUBLIC, state)
    items: list[tuple[int, str]] = []
    for move in islice(newest_first(state.moves), SCAN_LIMIT):
        if not move_visible(viewer, move):
            continue
        team = scenario.team(move.team)
        kind = scenario.move_type(move.move_type)
        color = team.color if team else theme.MUTED
        outcome = (
            f" <span style='color:{theme.OUTCOME_COLORS[move.outcome]}'>· {move.outcome}</span>"
            if move.outcome
            else ""
        )
        items.append((
            move.seq,
            f"<p style='margin:0 0 14px 0'><span style='color:{color}'>&#9632;</span> "
            f"<b>{escape(team.name if team else move.team)}</b> "
            f"<span style='color:{theme.MUTED}'>{escape(kind.name if kind else move.move_type)}"
            f"</span>{outcome}{_was_private(move.visibility)}<br>{escape(move.text)}</p>",
        ))  # fmt: skip
        if len(items) >= size:
            break
    for fired in reversed(state.injects[-SCAN_LIMIT:]):
        inject = scenario.inject(fired.inject)
        if inject is None or not may_see(viewer, fired.visibility):
            continue
        items.append((
            fired.seq,
            f"<p style='margin:0 0 14px 0'><span style='color:{theme.WARNING}'>&#9650;</span> "
            f"<b>{escape(inject.title)}</b>{_was_private(fired.visibility)}<br>"
            f"<span style='color:{theme.MUTED}'>{escape(inject.text.strip())}</span></p>",
        ))  # fmt: skip
    items.sort(key=lambda item: -item[0])
    return items[:size]


def _was_private(visibility: tuple[str, ...] | None) -> str:
    """A mark on what the room sees only because Control revealed everything."""
    if visibility is None:
        return ""
    return translate("ui.projector", " <span style='color:{0}'>· was private</span>").format(
        theme.MUTED
    )


AGREEMENT_LINES = 2  # commitments listed per agreement on the projector
SNIPPET = 60  # characters of a commitment's text shown on the projector


def public_agreement_blocks(session: SessionLike) -> list[str]:
    """The public agreements, newest first: each is a few small blocks (its heading, then
    one per commitment listed), so that a short card turns a page between them rather than
    hold a block taller than itself."""
    state, scenario = session.state, session.scenario
    viewer = room_viewer(PUBLIC, state)
    names = Words(scenario, state)
    blocks = []
    for agreement in islice(newest_first(state.agreements), SCAN_LIMIT):
        if not agreement_visible(viewer, agreement):
            continue
        parties = [t for t in scenario.teams if t.id in agreement.teams]  # and signatories
        many = len(parties) > 2  # a six-party agreement in one line: USA · DPRK · ROK …
        teams = (
            translate("ui.projector", "signed by ") if agreement.signatories else ""
        ) + " · ".join(
            f"<span style='color:{t.color}'>&#9632;</span> "
            f"{escape(short_name(t.id) if many else t.name)}"
            for t in parties
        )
        shape = f" · {SHAPE_WORDS[agreement.shape]}" if agreement.shape else ""
        if agreement.follows:
            shape += f" after {escape(names.record(agreement.follows))}"
        lines = []
        for cid in agreement.commitments:
            c = state.commitments.get(cid)
            if c is not None and commitment_visible(viewer, c):
                short = many or len(c.givers) > 1
                givers = " + ".join(
                    escape(short_name(t) if short or not (found := scenario.team(t))
                           else found.name)
                    for t in c.givers
                )  # fmt: skip
                words = c.text if len(c.text) <= SNIPPET else c.text[: SNIPPET - 1] + "…"
                lines.append(f"<p style='margin:0 0 0 16px'>• {givers}: {escape(words)}</p>")
        if len(lines) > AGREEMENT_LINES:  # a long agreement still fits its card, and says so
            more = len(lines) - AGREEMENT_LINES
            lines = lines[:AGREEMENT_LINES]
            lines[-1] = lines[-1].removesuffix("</p>") + f" (and {more} more)</p>"
        heading = (
            f"<p style='margin:6px 0 0 0'><b>{escape(agreement.title)}</b> "
            f"<span style='color:{theme.MUTED}'>round {agreement.round}{shape}</span><br>"
            f"{teams}</p>"
        )
        blocks += [heading, *lines]
    return blocks


NO_AGREEMENT = f"<p style='color:{theme.MUTED}'>No agreement signed yet.</p>"
NOTHING_PUBLIC = f"<p style='color:{theme.MUTED}'>Nothing public yet.</p>"


def public_agreements_html(session: SessionLike) -> str:
    return "".join(public_agreement_blocks(session)) or NO_AGREEMENT


def public_indicators_html(session: SessionLike) -> str:
    return join_blocks(public_indicator_blocks(session))


def public_indicator_blocks(session: SessionLike) -> list[str]:
    """One block per indicator the room may see (``indicator_visible`` with the public
    viewer; a scenario's private indicators never show here), in scenario order."""
    state, scenario = session.state, session.scenario
    viewer = room_viewer(PUBLIC, state)
    rows = []
    for ind in scenario.indicators:
        if not indicator_shown(viewer, ind, session) or ind.id in state.room_hidden:
            continue  # private, or hidden by Control (the View menu)
        if ind.scope == "global":
            value = state.indicators.get(ind.id, ind.initial)
            share = (value - ind.min) / ((ind.max - ind.min) or 1)
            width = int(share * 160)
            rows.append(
                f"<tr><td>{escape(ind.name)}</td><td align='right'><b>{value:g}</b></td>"
                f"<td><table cellspacing='0' cellpadding='0'><tr>"
                f"<td width='{max(width, 1)}' height='10' bgcolor='{theme.ACCENT}'></td>"
                f"<td width='{max(160 - width, 1)}' bgcolor='#e4e8ee'></td></tr></table></td></tr>"
            )
        elif ind.scope == "team":
            values = " &nbsp; ".join(  # a team's swatch, name and value wrap as one
                f"<span style='color:{t.color}'>&#9632;</span>&nbsp;{escape(t.id.upper())}"
                f"&nbsp;<b>{state.indicators.get(f'{ind.id}.{t.id}', ind.initial):g}</b>"
                for t in scenario.teams
            )
            rows.append(f"<tr><td>{escape(ind.name)}</td><td colspan='2'>{values}</td></tr>")
        else:
            rows.append(pair_matrix_html(session, ind))
    return rows


def indicator_shown(viewer: str, indicator: Indicator, session: SessionLike) -> bool:
    """Whether ``viewer`` sees the values of ``indicator`` (its first value key stands for
    all: a private one is the room's only once Control has revealed everything)."""
    keys = session.scenario.indicator_keys()
    key = next((k for k in keys if k.split(".")[0] == indicator.id), indicator.id)
    return indicator_visible(viewer, key, session.scenario)


def short_name(team_id: str) -> str:
    return team_id.upper()[:6]


MATRIX_UP_TO = 4  # teams: more than that, and the room sees the biggest shifts only


def pair_matrix_html(session: SessionLike, indicator: Indicator, *, shifts: int = 4) -> str:
    """A pair indicator (``trust.a.b``: a's trust in b), compactly: a small matrix, row in
    column, when there are few teams; and the biggest shifts since the start, tinted green
    above the middle of the range and red below. Values are public (``engine.domain.visibility``):
    only the numbers show, never what moved them."""
    state, scenario = session.state, session.scenario
    teams = scenario.teams
    span = (indicator.max - indicator.min) or 1

    def value_of(a: str, b: str) -> float:
        return float(state.indicators.get(f"{indicator.id}.{a}.{b}", indicator.initial))

    def cell(value: float) -> str:
        tint = _tint((value - indicator.min) / span)
        return f"<td align='center' bgcolor='{tint}'><small>&nbsp;{value:g}&nbsp;</small></td>"

    parts = [
        f"<p style='margin:8px 0 2px 0'>{escape(indicator.name)} "
        f"<small style='color:{theme.MUTED}'>(a&#8594;b: a's {escape(indicator.name.lower())}"
        " in b)</small></p>"
    ]
    if len(teams) <= MATRIX_UP_TO:
        head = "".join(
            f"<td align='center'><span style='color:{t.color}'>&#9632;</span>"
            f"<small>{escape(short_name(t.id))}</small></td>"
            for t in teams
        )
        rows = [f"<tr><td></td>{head}</tr>"]
        for a in teams:
            cells = [f"<td><small><b>{escape(short_name(a.id))}</b></small></td>"]
            for b in teams:
                same = a.id == b.id
                cells.append("<td></td>" if same else cell(value_of(a.id, b.id)))
            rows.append(f"<tr>{''.join(cells)}</tr>")
        parts.append(f"<table cellpadding='1' cellspacing='2'>{''.join(rows)}</table>")
    moved = sorted(
        (
            (-abs(value_of(a.id, b.id) - indicator.initial), a.id, b.id)
            for a in teams
            for b in teams
            if a.id != b.id and value_of(a.id, b.id) != indicator.initial
        ),
    )[:shifts]
    if moved:
        chips = " &nbsp; ".join(
            f"<span style='white-space:nowrap'>{escape(short_name(a))}&#8594;"
            f"{escape(short_name(b))} <span style='background-color:"
            f"{_tint((value_of(a, b) - indicator.min) / span)}'>&nbsp;{value_of(a, b):g}&nbsp;"
            f"</span> <span style='color:{theme.MUTED}'>"
            f"({value_of(a, b) - indicator.initial:+g})</span></span>"
            for _, a, b in moved
        )
        parts.append(f"<p style='margin:0'><small>{chips}</small></p>")
    else:
        parts.append(
            f"<p style='margin:0'><small style='color:{theme.MUTED}'>No change yet: every "
            f"pair at {indicator.initial:g}.</small></p>"
        )
    return "".join(parts)


def _tint(share: float) -> str:
    """A light green above the middle of the range, a light red below, white at it."""
    strength = min(1.0, abs(share - 0.5) * 2)
    base = (46, 139, 87) if share >= 0.5 else (192, 57, 43)
    r, g, b = (round(255 - (255 - c) * strength * 0.45) for c in base)
    return f"#{r:02x}{g:02x}{b:02x}"


REVEALED_KICKER = QT_TRANSLATE_NOOP(
    "ProjectorWindow", "  ·  EVERYTHING REVEALED"
)  # after Control's "Reveal all"
COMPACT_BELOW = 900  # window heights below this get the compact heading
COMPACT_HEADING = 0.7


class ProjectorWindow(QWidget):
    closed = Signal()

    def __init__(self, session: Session, timer: PhaseTimer, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        self._compact = False
        self.setObjectName("projectorWindow")
        self.setWindowTitle(
            translate("ProjectorWindow", "Parley projector — {0}").format(session.scenario.title)
        )
        self.setStyleSheet(f"QWidget#projectorWindow {{ background: {theme.BACKGROUND}; }}")
        self.stack = QStackedLayout(self)
        self.live_page = page = QWidget(self)  # the live view; the debrief is the other page
        self.stack.addWidget(page)
        self.debrief: DebriefPage | None = None  # made when first shown
        grid = QGridLayout(page)
        grid.setContentsMargins(40, 28, 40, 28)
        grid.setHorizontalSpacing(36)
        grid.setVerticalSpacing(14)
        self.kicker = QLabel(page)
        theme.scale_font(self.kicker, 1.6, bold=True)
        self.kicker.setStyleSheet(f"color: {theme.ACCENT}")
        self.title = QLabel(page)
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # round titles are author text
        self.title.setObjectName("projectorRoundTitle")
        theme.scale_font(self.title, 2.6, bold=True)
        self.title.setWordWrap(True)
        self.phase = QLabel(page)
        self.phase.setTextFormat(Qt.TextFormat.PlainText)  # phase names are author text
        self.phase.setObjectName("projectorPhase")
        theme.scale_font(self.phase, 2.0)
        self.phase.setStyleSheet(f"color: {theme.MUTED}")
        head = QVBoxLayout()
        for w in (self.kicker, self.title, self.phase):
            head.addWidget(w)
        grid.addLayout(head, 0, 0)
        self.timer_display = TimerDisplay(timer, scale=9.0, parent=page)
        self.overtime = QLabel(translate("ProjectorWindow", "OVERTIME"), page)
        self.overtime.setObjectName("projectorOvertime")
        theme.scale_font(self.overtime, 1.8, bold=True)
        self.overtime.setStyleSheet(f"color: {theme.ALARM}")
        self.overtime.setAlignment(Qt.AlignmentFlag.AlignRight)
        clock = QVBoxLayout()
        clock.addWidget(self.timer_display, 0, Qt.AlignmentFlag.AlignRight)
        clock.addWidget(self.overtime, 0, Qt.AlignmentFlag.AlignRight)
        grid.addLayout(clock, 0, 1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        timer.ticked.connect(self._show_overtime)
        self._timer = timer
        self._show_overtime(timer.remaining_ms())
        self.feed_card = PagedCard(
            translate("ProjectorWindow", "Latest from the table"),
            "projectorFeed",
            overflow="newest",
            empty=NOTHING_PUBLIC,
        )
        self.agreements_card = PagedCard(
            translate("ProjectorWindow", "Agreements"), "projectorAgreements", empty=NO_AGREEMENT
        )
        self.indicators_card = PagedCard(
            translate("ProjectorWindow", "The situation"), "projectorIndicators"
        )
        self.feed = self.feed_card.body
        self.agreements = self.agreements_card.body
        self.indicators = self.indicators_card.body
        grid.addWidget(self.feed_card, 1, 0, 2, 1)
        grid.addWidget(self.indicators_card, 1, 1)
        grid.addWidget(self.agreements_card, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(1, 3)  # the situation (with the pair matrices) gets the room
        grid.setRowStretch(2, 2)
        self.refresh_all()

    # ------------------------------------------------------------------ following
    def refresh_all(self) -> None:
        self._show_round()
        self._show_feed()
        self.agreements_card.set_blocks(public_agreement_blocks(self.session))
        self.indicators_card.set_blocks(public_indicator_blocks(self.session))

    def apply(self, update: Update) -> None:
        c = update.changes
        if self.debrief is not None and self.showing_debrief:
            self.debrief.apply(update)
        if c.round or c.moves or update.resync:  # a reveal (or its undo) sets moves
            self._show_round()
        if c.moves or c.injects or update.resync:
            self._show_feed()
        if c.agreements or c.commitments or update.resync:
            self.agreements_card.set_blocks(public_agreement_blocks(self.session))
        if c.indicators or update.resync:
            self.indicators_card.set_blocks(public_indicator_blocks(self.session))

    # ------------------------------------------------------------------ debrief
    @property
    def showing_debrief(self) -> bool:
        return self.debrief is not None and self.stack.currentWidget() is self.debrief

    def show_debrief(self, on: bool) -> None:
        """The debrief view (``ui/projector_debrief.py``) in place of the live one, or back."""
        if on and self.debrief is None:
            from ui.projector_debrief import DebriefPage

            self.debrief = DebriefPage(self.session, self)
            self.stack.addWidget(self.debrief)
        if on and self.debrief is not None:
            self.debrief.refresh()
            self.stack.setCurrentWidget(self.debrief)
        else:
            self.stack.setCurrentWidget(self.live_page)
            self.refresh_all()

    def _show_round(self) -> None:
        state, scenario = self.session.state, self.session.scenario
        kicker, title = round_heading(scenario, state)
        rnd = current_round(scenario, state)
        self.kicker.setText(
            kicker + (translate("ProjectorWindow", REVEALED_KICKER) if state.revealed else "")
        )
        self.title.setText(title if rnd is not None else scenario.title)
        if rnd is not None and state.round_open:
            phase = rnd.phases[min(state.phase, len(rnd.phases) - 1)]
            self.phase.setText(
                translate("ProjectorWindow", "Phase {0} of {1}: {2}").format(
                    state.phase + 1, len(rnd.phases), phase.name
                )
            )
        else:
            self.phase.setText("")

    def _show_feed(self) -> None:
        self.feed_card.set_blocks([html for _, html in public_feed(self.session)])

    def _show_overtime(self, remaining_ms: int) -> None:
        over = remaining_ms < 0 and self._timer.duration_ms > 0
        if over != self.overtime.isVisibleTo(self):
            self.overtime.setVisible(over)

    # ------------------------------------------------------------------ screens
    def show_on(self, placement: Placement) -> None:
        screen = placement.screen
        if placement.full_screen and screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            return
        if screen is not None:  # a 16:9 window on two thirds of the screen, to its right
            area = screen.availableGeometry()
            width = max(640, area.width() * 2 // 3)
            height = min(area.height(), width * 9 // 16)
            self.setGeometry(area.right() - width, area.top(), width, height)
        self.showNormal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a short screen (720 or 768 lines) the heading and the timer take less room,
        so that the cards below keep enough of it for their blocks."""
        super().resizeEvent(event)
        compact = event.size().height() < COMPACT_BELOW
        if compact != self._compact:
            self._compact = compact
            factor = COMPACT_HEADING if compact else 1.0
            theme.scale_font(self.kicker, 1.6 * factor, bold=True)
            theme.scale_font(self.title, 2.6 * factor, bold=True)
            theme.scale_font(self.phase, 2.0 * factor)
            self.timer_display.set_scale(9.0 * factor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()


class Placement(NamedTuple):
    screen: QScreen | None
    full_screen: bool  # False: one screen (or a mirror of it), so a window beside the work


def same_picture(a: QScreen, b: QScreen) -> bool:
    """Two screens that show the same picture (a mirrored projector)."""
    return a.geometry() == b.geometry()


def choose_screen(facilitator: QWidget) -> Placement:
    """Where the room's screen goes: full screen on another screen than the facilitator's
    when there is one (with three or more, the facilitator picks); with a single screen or a
    mirror of it, in a window, so the facilitator's own window stays usable."""
    screens = QGuiApplication.screens()
    mine = facilitator.screen()
    others = [s for s in screens if s is not mine and not (mine and same_picture(s, mine))]
    if not others:
        return Placement(mine, full_screen=False)
    if len(others) == 1:
        return Placement(others[0], full_screen=True)
    from PySide6.QtWidgets import QInputDialog

    names = [f"{s.name()} ({s.geometry().width()}×{s.geometry().height()})" for s in others]
    name, ok = QInputDialog.getItem(
        facilitator,
        translate("ui.projector", "Projector"),
        translate("ui.projector", "Show the room's screen on:"),
        names,
        0,
        False,
    )
    return Placement(others[names.index(name)] if ok else mine, full_screen=ok)
