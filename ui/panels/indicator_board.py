"""The indicator panel's one painted widget: the situation's meters, a card per team with
its meters, and a matrix per pair indicator, laid out for the width it is given.

Every text is drawn as plain text, so author text is never read as markup. The fonts
derive from the widget's own, which ``theme.rescale_all`` scales with the large-text mode.
Tooltips (an indicator's description, a team's name, "Japan's trust in China") come from
the regions laid out with the texts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from engine.scenario.model import Indicator, Scenario, Team
from ui import theme
from ui.i18n import translate
from ui.plain_text import as_rich_text

if TYPE_CHECKING:  # PySide builds QEvent's types (a millisecond) on first use: at first paint
    from PySide6.QtGui import QMouseEvent, QPaintEvent

MARGIN_X, MARGIN_Y, SPACING = 10, 8, 8  # around the panel, and between its blocks
BAR_HEIGHT, BAR_RADIUS = 8, 3
CARD_PAD_X, CARD_PAD_Y, CARD_STRIPE, CARD_RADIUS = 10, 6, 5, 6
TRACK = "#e4e8ee"  # a bar's empty part
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def value_text(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def short_team_id(team_id: str) -> str:
    """A matrix header in a narrow dock: ids of up to four letters as they are (USA, DPRK),
    longer ones cut to three (JAP, RUS); the header's tooltip names the team."""
    return team_id.upper() if len(team_id) <= 4 else team_id[:3].upper()


def _font(base: QFont, factor: float, *, bold: bool) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(6.0, base.pointSizeF() * factor))
    font.setBold(bold)
    return font


class _Text:
    __slots__ = ("align", "color", "font", "rect", "text")

    def __init__(
        self, rect: QRect, text: str, font: QFont, color: str, align: Qt.AlignmentFlag
    ) -> None:
        self.rect, self.text, self.font, self.color, self.align = rect, text, font, color, align


class _Fonts:
    """The panel's fonts, from the widget's, and their metrics (made once per font)."""

    def __init__(self, base: QFont) -> None:
        self.text = QFont(base)
        self.bold = _font(base, 1.0, bold=True)
        self.heading = _font(base, 0.85, bold=True)
        self.header = _font(base, 0.85, bold=False)
        self.metrics = {
            id(f): QFontMetrics(f) for f in (self.text, self.bold, self.heading, self.header)
        }
        self.line = max(self.of(self.text).height(), self.of(self.bold).height())

        self._advances: dict[tuple[int, str], int] = {}

    def of(self, font: QFont) -> QFontMetrics:
        return self.metrics[id(font)]

    def advance(self, font: QFont, text: str) -> int:
        """The width of ``text`` in ``font``, measured once: a dock asks for a few widths."""
        key = (id(font), text)
        if key not in self._advances:
            self._advances[key] = self.metrics[id(font)].horizontalAdvance(text)
        return self._advances[key]


class _Layout:
    """Where everything goes at one width: fixed texts, cards, and the rectangles of the
    values (a meter's figure and bar, a matrix cell) painted from the current values."""

    def __init__(self, scenario: Scenario, fonts: _Fonts, width: int) -> None:
        self.fonts = fonts
        self.line = fonts.line
        self.texts: list[_Text] = []
        self.cards: list[tuple[QRect, str]] = []
        self.meters: dict[str, tuple[Indicator, QRect, QRect]] = {}  # key: figure, bar
        self.cells: dict[str, tuple[Indicator, QRect]] = {}
        self.grids: list[tuple[QRect, list[QRect]]] = []  # a matrix's frame and header cells
        self.tips: list[tuple[QRect, str]] = []
        inner = max(40, width - 2 * MARGIN_X)
        y = MARGIN_Y
        globals_ = [i for i in scenario.indicators if i.scope == "global"]
        per_team = [i for i in scenario.indicators if i.scope == "team"]
        if globals_:
            y = self._heading(translate("_Layout", "The situation"), y, inner) + SPACING
            for ind in globals_:
                y = self._meter(ind.id, ind, MARGIN_X, y, inner) + SPACING
        y = self._heading(translate("_Layout", "Teams"), y, inner) + SPACING
        for team in scenario.teams:
            y = self._card(team, per_team, y, inner) + SPACING
        for ind in (i for i in scenario.indicators if i.scope == "pair"):
            y = (
                self._heading(
                    translate("_Layout", "{0} (row in column)").format(ind.name), y, inner
                )
                + SPACING
            )
            y = self._matrix(ind, scenario, y, inner) + SPACING
        self.height = y - SPACING + MARGIN_Y

    def _heading(self, text: str, y: int, width: int) -> int:
        height = self.fonts.of(self.fonts.heading).height()
        rect = QRect(MARGIN_X, y, width, height)
        self.texts.append(_Text(rect, text.upper(), self.fonts.heading, theme.MUTED, LEFT))
        return y + height

    def _meter(self, key: str, ind: Indicator, x: int, y: int, width: int) -> int:
        """The name and the figure on a line, the bar under them."""
        y += 2
        row = QRect(x, y, width, self.line)
        bold = self.fonts.bold
        room = width - 8 - max(self.fonts.advance(bold, value_text(v) + ".0")
                               for v in (ind.min, ind.max))  # fmt: skip
        name = ind.name
        if self.fonts.advance(self.fonts.text, name) > room:
            name = self.fonts.of(self.fonts.text).elidedText(
                name, Qt.TextElideMode.ElideRight, room
            )
        self.texts.append(_Text(row, name, self.fonts.text, theme.INK, LEFT))
        bar = QRect(x, y + self.line + 2, width, BAR_HEIGHT)
        self.meters[key] = (ind, row, bar)
        if ind.description:
            self.tips.append((QRect(x, y - 2, width, self.line + BAR_HEIGHT + 6), ind.description))
        return bar.bottom() + 1 + 2

    def _card(self, team: Team, per_team: list[Indicator], y: int, width: int) -> int:
        x = MARGIN_X + CARD_STRIPE + CARD_PAD_X
        inner = width - CARD_STRIPE - 2 * CARD_PAD_X - 1
        top = y
        y += 1 + CARD_PAD_Y
        runs = [
            (team.name, self.fonts.bold, theme.INK),
            (f" · {team.leader}", self.fonts.text, theme.MUTED),
        ]
        for line in _flow(runs, inner, self.fonts):
            for left, text, font, color in line:
                rect = QRect(x + left, y, max(1, inner - left), self.line)
                self.texts.append(_Text(rect, text, font, color, LEFT))
            y += self.line
        for ind in per_team:
            y = self._meter(f"{ind.id}.{team.id}", ind, x, y + 2, inner)
        card = QRect(MARGIN_X, top, width, y + CARD_PAD_Y + 1 - top)
        self.cards.append((card, team.color))
        return card.bottom() + 1

    def _matrix(self, ind: Indicator, scenario: Scenario, y: int, width: int) -> int:
        """``trust.a.b`` as a grid: row a's value for column b, headed by short team ids."""
        teams = scenario.teams
        row_height = self.fonts.of(self.fonts.text).height() + 8
        labels = [short_team_id(t.id) for t in teams]
        side = max(self.fonts.advance(self.fonts.header, label) for label in labels) + 14
        frame = QRect(MARGIN_X, y, width, row_height * (len(teams) + 1) + 2)
        column = (width - 2 - side) / max(1, len(teams))
        lefts = [MARGIN_X + 1 + side + round(i * column) for i in range(len(teams) + 1)]
        headers = []
        for i, (label, team) in enumerate(zip(labels, teams, strict=True)):
            top_cell = QRect(lefts[i], y + 1, lefts[i + 1] - lefts[i], row_height)
            side_cell = QRect(MARGIN_X + 1, y + 1 + row_height * (i + 1), side, row_height)
            self.texts.append(_Text(top_cell, label, self.fonts.header, theme.MUTED, CENTER))
            self.texts.append(
                _Text(side_cell.adjusted(6, 0, 0, 0), label, self.fonts.header, theme.MUTED, LEFT)
            )
            headers += [top_cell, side_cell]
            self.tips += [(top_cell, team.name), (side_cell, team.name)]
        for r, a in enumerate(teams):
            for c, b in enumerate(teams):
                rect = QRect(lefts[c], y + 1 + row_height * (r + 1), lefts[c + 1] - lefts[c],
                             row_height)  # fmt: skip
                if a.id == b.id:
                    self.texts.append(_Text(rect, "·", self.fonts.text, theme.INK, CENTER))
                    continue
                self.cells[f"{ind.id}.{a.id}.{b.id}"] = (ind, rect)
                self.tips.append((rect, f"{a.name}'s {ind.name.lower()} in {b.name}"))
        self.grids.append((frame, headers))
        return frame.bottom() + 1


def _flow(
    runs: list[tuple[str, QFont, str]], width: int, fonts: _Fonts
) -> list[list[tuple[int, str, QFont, str]]]:
    """Runs of text, each in its font and colour, broken into lines at spaces as a label
    with word wrap breaks them: (x, word, font, colour) per word; a word wider than the
    line stays whole on a line of its own."""
    lines: list[list[tuple[int, str, QFont, str]]] = [[]]
    x = 0
    for text, font, color in runs:
        space = fonts.advance(font, " ")
        for i, word in enumerate(text.split(" ")):
            x += space if i else 0  # the space before a word, dropped where a line breaks
            if not word:
                continue
            advance = fonts.advance(font, word)
            if lines[-1] and x + advance > width:
                lines.append([])
                x = 0
            lines[-1].append((x, word, font, color))
            x += advance
    return [line for line in lines if line]


class IndicatorBoard(QWidget):
    """Paints the values it was last given; lays itself out again for a new width or font."""

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.values: dict[str, float] = {}
        self._fonts: _Fonts | None = None
        self._layouts: dict[int, _Layout] = {}  # by width: a dock asks for a few
        self._tip = ""
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMouseTracking(True)  # tooltips follow the region under the pointer
        self.setAccessibleName(translate("IndicatorBoard", "Teams and indicators"))
        theme.scale_font(self, 1.0)  # follows the large-text mode

    # ------------------------------------------------------------------ values
    def set_values(self, values: dict[str, float]) -> None:
        self.values = dict(values)
        self.setAccessibleDescription(self.summary())
        self.update()

    def value(self, key: str, ind: Indicator) -> float:
        return self.values.get(key, ind.initial)

    def shown(self, key: str) -> str:
        """The figure shown for a value key: a meter's or a matrix cell's."""
        layout = self.layout_for(max(self.width(), 1))
        entry = layout.meters.get(key) or layout.cells.get(key)
        if entry is None:
            raise KeyError(key)
        return value_text(self.value(key, entry[0]))

    def summary(self) -> str:
        """Every value in words, for screen readers: the bars and cells are only painted."""
        names = {team.id: team.name for team in self.scenario.teams}
        parts = []
        for ind in self.scenario.indicators:
            for key in ind.keys(self.scenario.team_ids):
                who = " in ".join(names[t] for t in key.split(".")[1:])
                label = f"{ind.name} ({who})" if who else ind.name
                parts.append(f"{label}: {value_text(self.value(key, ind))}")
        return "; ".join(parts)

    # ------------------------------------------------------------------ layout
    def layout_for(self, width: int) -> _Layout:
        font = self.font()
        if self._fonts is None or self._fonts.text != font:
            self._fonts, self._layouts = _Fonts(font), {}
        if width not in self._layouts:
            if len(self._layouts) > 8:
                self._layouts.clear()
            self._layouts[width] = _Layout(self.scenario, self._fonts, width)
        return self._layouts[width]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.layout_for(width).height

    def sizeHint(self) -> QSize:
        width = self.fontMetrics().averageCharWidth() * 40
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)

    def tooltip_at(self, point: QPoint) -> str:
        for rect, tip in self.layout_for(self.width()).tips:
            if rect.contains(point):
                return tip
        return ""

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        tip = self.tooltip_at(event.position().toPoint())
        if tip != self._tip:
            self._tip = tip
            self.setToolTip(as_rich_text(tip))
            if QToolTip.isVisible():
                if tip:
                    QToolTip.showText(event.globalPosition().toPoint(), as_rich_text(tip), self)
                else:
                    QToolTip.hideText()
        super().mouseMoveEvent(event)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self.layout_for(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        line = QColor(theme.LINE)
        for rect, color in layout.cards:
            painter.setPen(line)
            painter.setBrush(QColor(theme.SURFACE))
            painter.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5),
                                    CARD_RADIUS, CARD_RADIUS)  # fmt: skip
            painter.save()  # the team's stripe: the card's left edge, in its colour
            painter.setClipRect(QRect(rect.left(), rect.top(), CARD_STRIPE, rect.height()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(color))
            painter.drawRoundedRect(QRectF(rect), CARD_RADIUS, CARD_RADIUS)
            painter.restore()
        for frame, headers in layout.grids:
            self._paint_grid(painter, layout, frame, headers)
        for text in layout.texts:
            painter.setFont(text.font)
            painter.setPen(QColor(text.color))
            painter.drawText(text.rect, text.align, text.text)
        painter.setFont(layout.fonts.bold)
        for key, (ind, row, bar) in layout.meters.items():
            value = self.value(key, ind)
            painter.setPen(QColor(theme.INK))
            painter.drawText(row, RIGHT, value_text(value))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TRACK))
            painter.drawRoundedRect(QRectF(bar), BAR_RADIUS, BAR_RADIUS)
            span = ind.max - ind.min
            share = min(1.0, max(0.0, (value - ind.min) / span)) if span else 0.0
            if share > 0:
                painter.setBrush(QColor(theme.ACCENT))
                filled = QRectF(bar.x(), bar.y(), max(2 * BAR_RADIUS, bar.width() * share),
                                bar.height())  # fmt: skip
                painter.drawRoundedRect(filled, BAR_RADIUS, BAR_RADIUS)
        painter.setFont(layout.fonts.text)
        for key, (ind, rect) in layout.cells.items():
            value = self.value(key, ind)
            share = (value - ind.min) / ((ind.max - ind.min) or 1)
            tint = QColor(theme.COMMITMENT_COLORS["fulfilled"] if share >= 0.5 else theme.ALARM)
            tint.setAlphaF(min(0.45, abs(share - 0.5) * 0.9))
            painter.fillRect(rect.adjusted(0, 0, -1, -1), tint)
            painter.setPen(QColor(theme.INK))
            painter.drawText(rect, CENTER, value_text(value))
        painter.end()

    def _paint_grid(
        self, painter: QPainter, layout: _Layout, frame: QRect, headers: list[QRect]
    ) -> None:
        """A matrix's frame, header cells and grid lines, as the app's tables look."""
        painter.fillRect(frame, QColor(theme.SURFACE))
        row_height = headers[0].height()
        painter.fillRect(QRect(frame.left(), frame.top(), frame.width(), row_height + 1),
                         QColor(theme.BACKGROUND))  # fmt: skip
        painter.fillRect(QRect(frame.left(), frame.top(), headers[1].width() + 1, frame.height()),
                         QColor(theme.BACKGROUND))  # fmt: skip
        painter.setPen(QColor(theme.LINE))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(frame.adjusted(0, 0, -1, -1))
        for cell in headers[::2]:  # column headers: a line after each
            painter.drawLine(cell.right(), cell.bottom() + 1, cell.right(), frame.bottom())
        for cell in headers[1::2]:
            painter.drawLine(cell.right() + 1, cell.bottom(), frame.right(), cell.bottom())
        painter.drawLine(frame.left(), frame.top() + row_height, frame.right(),
                         frame.top() + row_height)  # fmt: skip
