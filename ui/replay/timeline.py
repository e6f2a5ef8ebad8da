"""The replay timeline: every event of the log on one track, with rounds and bookmarks.

Rounds are shaded bands with a tick and their number where each starts; bookmarks are
small flags below the track; the cursor is a handle. Clicking or dragging asks to seek
(``seek_requested``); the window moves the cursor and calls ``set_position``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine.session.replay import BookmarkMark, RoundMark
from ui import theme
from ui.i18n import translate
from ui.plain_text import as_rich_text

MARGIN = 14  # px left and right of the track
BAND = ("#eef3f8", "#e2e9f2")


class Timeline(QWidget):
    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("replayTimeline")
        self.setAccessibleName(translate("Timeline", "Timeline"))
        self.setAccessibleDescription(
            translate(
                "Timeline",
                "Every event of the session. Left and Right step, Home and End jump, Space plays.",
            )
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self.last = 0
        self.seq = 0
        self.rounds: list[RoundMark] = []
        self.bookmarks: list[BookmarkMark] = []
        self._cache: tuple[tuple[object, ...], QPixmap] | None = None

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(600, line * 3 + 18)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    # ------------------------------------------------------------------ data
    def set_marks(self, last: int, rounds: list[RoundMark], bookmarks: list[BookmarkMark]) -> None:
        self.last, self.rounds, self.bookmarks = last, rounds, bookmarks
        self.update()

    def set_position(self, seq: int) -> None:
        if seq != self.seq:
            self.seq = seq
            self.update()

    # ------------------------------------------------------------------ geometry
    def _track(self) -> QRectF:
        line = self.fontMetrics().height()
        return QRectF(MARGIN, line + 6, max(1, self.width() - 2 * MARGIN), line * 0.9)

    def x_of(self, seq: int) -> float:
        track = self._track()
        return track.left() + track.width() * (seq / self.last if self.last else 0.0)

    def seq_at(self, x: float) -> int:
        track = self._track()
        share = (x - track.left()) / track.width() if track.width() else 0.0
        return round(min(max(share, 0.0), 1.0) * self.last)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        """The marks come from a cached picture (a save may hold hundreds of bookmarks);
        only the progress and the handle are drawn at each step."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio, self.hasFocus(), id(self.rounds),
               id(self.bookmarks), self.last)  # fmt: skip
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, self._marks_picture(ratio))
        painter.drawPixmap(0, 0, self._cache[1])
        track = self._track()
        done = QRectF(track.left(), track.top(), self.x_of(self.seq) - track.left(), track.height())
        fill = QColor(theme.ACCENT)
        fill.setAlpha(90)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(done, 3, 3)
        x = self.x_of(self.seq)
        painter.setBrush(QColor(theme.ACCENT))
        painter.setPen(QPen(QColor(theme.WARNING if self.hasFocus() else theme.SURFACE), 2))
        radius = track.height() * 0.8
        painter.drawEllipse(QPointF(x, track.center().y()), radius, radius)
        painter.end()

    def _marks_picture(self, ratio: float) -> QPixmap:
        """The track with its round bands, round ticks, bookmark flags and end labels."""
        pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self.font())
        track = self._track()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.LINE))
        painter.drawRoundedRect(track, 3, 3)
        starts = [m.seq for m in self.rounds]
        for i, mark in enumerate(self.rounds):  # bands: where each round runs
            end = starts[i + 1] if i + 1 < len(starts) else self.last
            left = self.x_of(mark.seq)
            painter.setBrush(QColor(BAND[i % 2]))
            painter.drawRect(QRectF(left, track.top(), self.x_of(end) - left, track.height()))
        painter.setPen(QPen(QColor(theme.INK), 1.2))
        for mark in self.rounds:  # a tick and the round's number where it starts
            x = self.x_of(mark.seq)
            painter.drawLine(QPointF(x, track.top() - 4), QPointF(x, track.bottom()))
            label = f"R{mark.round}"
            wide = self.fontMetrics().horizontalAdvance(label)
            # right of its tick, or left of it where the track ends (never cut by the edge)
            at = x + 3 if x + 3 + wide <= self.width() - 2 else x - 3 - wide
            painter.drawText(QPointF(at, track.top() - 5), label)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.WARNING))
        y = track.bottom() + 2
        for x in sorted({round(self.x_of(m.seq)) for m in self.bookmarks}):  # one flag a pixel
            painter.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x - 5, y + 9),
                                           QPointF(x + 5, y + 9)]))  # fmt: skip
        painter.setPen(QColor(theme.MUTED))
        line = self.fontMetrics().height()
        painter.drawText(QPointF(track.left(), track.bottom() + line + 8), "0")
        last = str(self.last)
        width = self.fontMetrics().horizontalAdvance(last)
        painter.drawText(QPointF(track.right() - width, track.bottom() + line + 8), last)
        painter.end()
        return pixmap

    # ------------------------------------------------------------------ input
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self.seq_at(event.position().x()))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.seek_requested.emit(self.seq_at(event.position().x()))
        super().mouseMoveEvent(event)

    def event(self, event: object) -> bool:
        if isinstance(event, QHelpEvent):
            text = self.tip_at(event.position().x() if hasattr(event, "position") else event.x())
            if text:
                QToolTip.showText(event.globalPos(), as_rich_text(text), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)  # type: ignore[arg-type]

    def tip_at(self, x: float) -> str:
        """The bookmark or round start nearest ``x`` (within a few pixels), else the event."""
        near = [(abs(self.x_of(m.seq) - x), f"Bookmark at event {m.seq}: {m.label}")
                for m in self.bookmarks]  # fmt: skip
        near += [(abs(self.x_of(m.seq) - x), f"Round {m.round} starts at event {m.seq}: "
                  f"{m.title}") for m in self.rounds]  # fmt: skip
        close = [item for item in near if item[0] <= 6]
        if close:
            return min(close)[1]
        return f"Event {self.seq_at(x)}"
