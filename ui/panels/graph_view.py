"""The commitment graph drawn: teams on a ring, commitments between giver and receiver.

A multi-party commitment has a line from each giver and to each receiver. Outside bodies
that verified something (observers such as the IAEA) stand in a column on the right with
a dotted line to each commitment they checked; demands that conditions wait on stand in a
column on the left. A commitment carried out in part shows its percentage.

Status colours fill the commitments; condition edges are dashed arrows (dotted when they
wait on a verification); deadlocked
commitments and their edges are red; simultaneous-action bundles are outlined. Clicking a
node shows its details beside the drawing. What to draw comes from the engine (the state
and its ``AnalyticsReport``); this module only places and paints.
"""

from __future__ import annotations

import math
from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from engine.domain.state import SessionState, record_label
from engine.graph.layout import push_apart
from engine.graph.results import AnalyticsReport
from engine.scenario.model import Scenario
from ui import theme
from ui.i18n import translate
from ui.plain_text import as_rich_text

RING = 300.0
TEAM_R = 40.0
NODE_W, NODE_H = 124.0, 28.0  # room for "Commitment 12 · 50%"
ID_KEY = 0  # QGraphicsItem data key holding the node id


def _arrow(path: QPainterPath, start: QPointF, end: QPointF, size: float = 8.0) -> None:
    angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    for side in (-1, 1):
        tip = QPointF(
            end.x() - size * math.cos(angle + side * 0.45),
            end.y() - size * math.sin(angle + side * 0.45),
        )
        path.moveTo(end)
        path.lineTo(tip)


def _shorten(
    start: QPointF, end: QPointF, by_start: float, by_end: float
) -> tuple[QPointF, QPointF]:
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    return (
        QPointF(start.x() + ux * by_start, start.y() + uy * by_start),
        QPointF(end.x() - ux * by_end, end.y() - uy * by_end),
    )


def _reach(centre: QPointF, towards: QPointF, width: float, height: float) -> float:
    """How far from ``centre`` a line towards ``towards`` leaves a box of that size."""
    dx, dy = abs(towards.x() - centre.x()), abs(towards.y() - centre.y())
    across = width / 2 / dx if dx else math.inf
    up = height / 2 / dy if dy else math.inf
    scale = min(across, up)
    return 0.0 if math.isinf(scale) else scale * math.hypot(dx, dy)


ZOOM_STEP = 1.25
ZOOM_RANGE = (0.05, 8.0)  # of the view's scale


def _shown(cid: str, number: int, status: str, progress: int) -> str:
    """What a commitment's box says: "Commitment 4", "Commitment 4 · 50%" in part."""
    name = record_label(cid, number)
    return f"{name} · {progress}%" if progress and status != "fulfilled" else name


def _node_font() -> QFont:
    return theme.scaled_font(0.95, bold=True)


def _box_font() -> QFont:
    return theme.scaled_font(0.9, bold=True)


def _box_width(text: str) -> float:
    """The width of an observer's or a demand's box (see ``GraphView._draw_box``)."""
    return QFontMetricsF(_box_font()).horizontalAdvance(text) + 12


class GraphView(QGraphicsView):
    node_clicked = Signal(str)  # a commitment id, or "team:<id>"

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graphView")
        self.setAccessibleName(translate("GraphView", "Commitment graph"))
        self.scenario = scenario
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setBackgroundBrush(QBrush(QColor(theme.SURFACE)))
        self.positions: dict[str, QPointF] = {}
        self.labels: dict[str, str] = {}  # a commitment's box label ("Commitment 4 · 50%")
        self.zoomed = False  # zoomed by hand: a resize keeps that zoom rather than fitting

    # ------------------------------------------------------------------ drawing
    def draw(self, state: SessionState, report: AnalyticsReport | None) -> None:
        scene = self.scene()
        scene.clear()
        self.positions.clear()
        teams = self.scenario.teams
        n = len(teams)
        for i, team in enumerate(teams):
            angle = -math.pi / 2 + 2 * math.pi * i / n
            self.positions[f"team:{team.id}"] = QPointF(
                RING * math.cos(angle), RING * math.sin(angle)
            )
        deadlocked = {c for d in (report.deadlocks if report else ()) for c in d.commitments}
        verifiers = list(
            dict.fromkeys(
                v.verifier
                for c in state.commitments.values()
                for v in c.verifications
                if self.scenario.team(v.verifier) is None and v.verifier != "control"
            )
        )
        demands = list(
            dict.fromkeys(
                k.ref
                for c in state.commitments.values()
                for k in c.conditions
                if k.kind == "demand" and k.ref in state.demands
            )
        )
        self.labels = {
            c.id: _shown(c.id, c.number, c.status, c.progress) for c in state.commitments.values()
        }
        self._place_commitments(state)
        # the columns of verifiers and demands stand clear of the commitments and teams
        edges = [(p.x() - TEAM_R, p.x() + TEAM_R) for p in self.positions.values()]
        edges += [
            (self.positions[c].x() - self._width(c) / 2, self.positions[c].x() + self._width(c) / 2)
            for c in self.labels
        ]
        right = max((e[1] for e in edges), default=RING) + 30
        left = min((e[0] for e in edges), default=-RING) - 30
        for i, verifier in enumerate(verifiers):
            found = self.scenario.observer(verifier)
            half = _box_width(found.name if found else verifier) / 2
            self.positions[f"observer:{verifier}"] = QPointF(
                right + half, (i - len(verifiers) / 2) * 70
            )
        for i, demand in enumerate(demands):
            half = _box_width(self._demand_text(state, demand)) / 2
            self.positions[demand] = QPointF(left - half, (i - len(demands) / 2) * 50)
        self._draw_bundles(report)
        self._draw_edges(state, deadlocked)
        for team in teams:
            self._draw_team(team.id, team.name, team.color)
        for verifier in verifiers:
            found = self.scenario.observer(verifier)
            self._draw_box(f"observer:{verifier}", found.name if found else verifier, "#6b5b95")
        for demand in demands:
            self._draw_box(demand, self._demand_text(state, demand), theme.MUTED)
        for c in state.commitments.values():
            self._draw_commitment(
                c.id, record_label(c.id, c.number), c.status, c.id in deadlocked, c.progress
            )
        self._draw_legend()
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-30, -30, 30, 30))
        if not self.zoomed:
            self.fit()

    def fit(self) -> None:
        """The whole graph in view (and a resize fits it again)."""
        self.zoomed = False
        rect = self.scene().sceneRect()
        if not rect.isEmpty():
            self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)

    def zoom(self, factor: float) -> None:
        """Zoom by ``factor`` (above 1: closer) about the view's centre."""
        current = self.transform().m11()
        if not ZOOM_RANGE[0] <= current * factor <= ZOOM_RANGE[1]:
            return
        self.zoomed = True
        self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.zoom(ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom(1 / ZOOM_STEP)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms; the wheel alone scrolls, as everywhere."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            self.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            event.accept()
            return
        super().wheelEvent(event)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if not self.zoomed:
            self.fit()

    def _place_commitments(self, state: SessionState) -> None:
        by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
        placed: dict[str, tuple[float, float]] = {}
        for c in state.commitments.values():
            by_pair[tuple(sorted((c.givers[0], c.receivers[0])))].append(c.id)  # type: ignore[index]
        for (a, b), ids in by_pair.items():
            pa = self.positions.get(f"team:{a}", QPointF(0, 0))
            pb = self.positions.get(f"team:{b}", QPointF(0, 0))
            mid = QPointF((pa.x() + pb.x()) / 2 * 0.78, (pa.y() + pb.y()) / 2 * 0.78)
            dx, dy = pb.x() - pa.x(), pb.y() - pa.y()
            length = math.hypot(dx, dy) or 1.0
            along = QPointF(dx / length, dy / length)
            perp = QPointF(-dy / length, dx / length)
            per_row = 3
            for k, cid in enumerate(ids):
                row, col = divmod(k, per_row)
                in_row = min(per_row, len(ids) - row * per_row)
                shift = (col - (in_row - 1) / 2) * (NODE_W + 10)
                lift = (row - (math.ceil(len(ids) / per_row) - 1) / 2) * (NODE_H + 12)
                placed[cid] = (
                    mid.x() + along.x() * shift + perp.x() * lift,
                    mid.y() + along.y() * shift + perp.y() * lift,
                )
        teams = [(p.x(), p.y()) for key, p in self.positions.items() if key.startswith("team:")]
        widest = max((self._width(cid) for cid in placed), default=NODE_W)
        for cid, (x, y) in push_apart(placed, teams, (widest, NODE_H), TEAM_R).items():
            self.positions[cid] = QPointF(x, y)

    def _draw_team(self, team_id: str, name: str, color: str) -> None:
        p = self.positions[f"team:{team_id}"]
        item = QGraphicsEllipseItem(p.x() - TEAM_R, p.y() - TEAM_R, 2 * TEAM_R, 2 * TEAM_R)
        item.setBrush(QBrush(QColor(color)))
        item.setPen(QPen(QColor(color).darker(130), 2))
        item.setData(ID_KEY, f"team:{team_id}")
        item.setToolTip(as_rich_text(name))
        item.setZValue(3)
        self.scene().addItem(item)
        label = QGraphicsSimpleTextItem(team_id.upper(), item)
        font = QFont(theme.scaled_font(1.0, bold=True))
        label.setFont(font)
        label.setBrush(QBrush(QColor(theme.readable_on(color))))
        r = label.boundingRect()
        label.setPos(p.x() - r.width() / 2, p.y() - r.height() / 2)
        caption = QGraphicsSimpleTextItem(name)
        caption.setFont(theme.scaled_font(0.9))
        caption.setBrush(QBrush(QColor(theme.MUTED)))
        cr = caption.boundingRect()
        below = p.y() >= 0
        caption.setPos(
            p.x() - cr.width() / 2, p.y() + (TEAM_R + 4 if below else -TEAM_R - 4 - cr.height())
        )
        self.scene().addItem(caption)

    def _draw_box(self, node: str, text: str, color: str) -> None:
        """An observer or a demand: a labelled box off the ring."""
        p = self.positions[node]
        label = QGraphicsSimpleTextItem(text)
        label.setFont(_box_font())
        r = label.boundingRect()
        box = QGraphicsRectItem(p.x() - r.width() / 2 - 6, p.y() - r.height() / 2 - 4,
                                r.width() + 12, r.height() + 8)  # fmt: skip
        box.setBrush(QBrush(QColor(theme.SURFACE)))
        box.setPen(QPen(QColor(color), 2))
        box.setData(ID_KEY, node)
        box.setToolTip(as_rich_text(text))  # an observer's name is author text
        box.setZValue(4)
        self.scene().addItem(box)
        label.setParentItem(box)
        label.setBrush(QBrush(QColor(color)))
        label.setPos(p.x() - r.width() / 2, p.y() - r.height() / 2)

    def _draw_commitment(
        self, cid: str, name: str, status: str, deadlocked: bool, progress: int = 0
    ) -> None:
        """A commitment's box, labelled as people say it ("Commitment 4"); its id (``c17``)
        is in the tooltip, as in exports."""
        p = self.positions[cid]
        shown = self.labels.get(cid, name)
        font = _node_font()
        wide = self._width(cid)
        rect = QRectF(p.x() - wide / 2, p.y() - NODE_H / 2, wide, NODE_H)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        item = QGraphicsPathItem(path)
        color = QColor(theme.COMMITMENT_COLORS.get(status, theme.MUTED))
        item.setBrush(QBrush(color))
        pen = QPen(QColor(theme.DEADLOCK), 3) if deadlocked else QPen(color.darker(125), 1)
        item.setPen(pen)
        item.setData(ID_KEY, cid)
        partly = f" {progress} %" if progress and status != "fulfilled" else ""
        tip = f"{name} ({cid}): {status}{partly}" + (" · deadlocked" if deadlocked else "")
        item.setToolTip(tip)
        item.setZValue(4)
        self.scene().addItem(item)
        label = QGraphicsSimpleTextItem(shown, item)
        label.setFont(font)
        label.setBrush(QBrush(QColor(theme.readable_on(color.name()))))
        r = label.boundingRect()
        label.setPos(p.x() - r.width() / 2, p.y() - r.height() / 2)

    @staticmethod
    def _demand_text(state: SessionState, demand: str) -> str:
        record = state.demands[demand]
        return f"{record_label(demand, record.number)} ({record.status})"

    def _width(self, cid: str) -> float:
        """A commitment box's width: its label's, and at least ``NODE_W``."""
        shown = self.labels.get(cid, cid)
        return max(NODE_W, QFontMetricsF(_node_font()).horizontalAdvance(shown) + 14)

    def _reach(self, cid: str, towards: QPointF) -> float:
        """How far from a commitment's centre a line towards ``towards`` leaves its box."""
        return _reach(self.positions[cid], towards, self._width(cid), NODE_H)

    def _draw_edges(self, state: SessionState, deadlocked: set[str]) -> None:
        scene = self.scene()
        for c in state.commitments.values():
            p = self.positions[c.id]
            team = self.scenario.team(c.givers[0])
            tint = QColor(team.color if team else theme.MUTED)
            tint.setAlpha(150)
            for giver_id in c.givers:  # a multi-party commitment: one line per party
                giver = self.positions.get(f"team:{giver_id}")
                if giver is not None:
                    a, b = _shorten(giver, p, TEAM_R, self._reach(c.id, giver))
                    path = QPainterPath(a)
                    path.lineTo(b)
                    scene.addPath(path, QPen(tint, 1.6)).setZValue(1)
            for receiver_id in c.receivers:
                receiver = self.positions.get(f"team:{receiver_id}")
                if receiver is not None:
                    a, b = _shorten(p, receiver, self._reach(c.id, receiver), TEAM_R + 2)
                    path = QPainterPath(a)
                    path.lineTo(b)
                    _arrow(path, a, b)
                    scene.addPath(path, QPen(tint, 1.6)).setZValue(1)
            for verifier in dict.fromkeys(v.verifier for v in c.verifications):
                q = self.positions.get(f"observer:{verifier}")
                if q is not None:
                    a, b = _shorten(q, p, 20, self._reach(c.id, q))
                    path = QPainterPath(a)
                    path.lineTo(b)
                    _arrow(path, a, b, 6)
                    pen = QPen(QColor("#6b5b95"), 1.4)
                    pen.setStyle(Qt.PenStyle.DotLine)
                    scene.addPath(path, pen).setZValue(1)
            for kept in c.conditions:
                condition = kept.ref
                q = self.positions.get(condition)
                if q is None:  # a record no longer in the state (undone)
                    continue
                red = c.id in deadlocked and condition in deadlocked
                far = self._reach(condition, p) if condition in self.labels else NODE_H / 2
                a, b = _shorten(p, q, self._reach(c.id, q) + 2, far + 4)
                ctrl = QPointF((a.x() + b.x()) / 2 + (b.y() - a.y()) * 0.2,
                               (a.y() + b.y()) / 2 - (b.x() - a.x()) * 0.2)  # fmt: skip
                path = QPainterPath(a)
                path.quadTo(ctrl, b)
                _arrow(path, ctrl, b)
                pen = QPen(QColor(theme.DEADLOCK if red else theme.INK), 2.2 if red else 1.3)
                dotted = kept.kind == "verification"  # waits on a verification: dotted
                pen.setStyle(Qt.PenStyle.DotLine if dotted else Qt.PenStyle.DashLine)
                scene.addPath(path, pen).setZValue(2)

    def _draw_bundles(self, report: AnalyticsReport | None) -> None:
        for bundle in report.bundles if report else ():
            if not bundle.simultaneous:
                continue
            points = [self.positions[c] for c in bundle.commitments if c in self.positions]
            if not points:
                continue
            polygon = QPolygonF(points)
            rect = polygon.boundingRect().adjusted(-NODE_W / 2 - 10, -NODE_H / 2 - 10,
                                                   NODE_W / 2 + 10, NODE_H / 2 + 10)  # fmt: skip
            path = QPainterPath()
            path.addRoundedRect(rect, 12, 12)
            fill = QColor(theme.BUNDLE)
            fill.setAlpha(28)
            pen = QPen(QColor(theme.BUNDLE), 1.5)
            pen.setStyle(Qt.PenStyle.DashDotLine)
            item = self.scene().addPath(path, pen, QBrush(fill))
            item.setZValue(0)
            item.setToolTip(
                translate("GraphView", "Bundle {0}: carried out together (step {1})").format(
                    bundle.id, bundle.step
                )
            )

    def _draw_legend(self) -> None:
        x, y = -240.0, RING + TEAM_R + 34
        for i, (status, color) in enumerate(theme.COMMITMENT_COLORS.items()):
            swatch = QGraphicsRectItem(x + i * 95, y, 14, 14)
            swatch.setBrush(QBrush(QColor(color)))
            swatch.setPen(QPen(Qt.PenStyle.NoPen))
            self.scene().addItem(swatch)
            text = QGraphicsSimpleTextItem(status)
            text.setFont(theme.scaled_font(0.85))
            text.setPos(x + i * 95 + 18, y - 2)
            self.scene().addItem(text)
        note = QGraphicsSimpleTextItem(
            translate(
                "GraphView",
                "dashed arrow: waits on it carried out (or a demand met) · dotted arrow: waits on "
                "its verification\ndotted line: checked by · red: deadlock · purple outline: "
                "bundle (do together) · Commitment 5 · 50%: half carried out",
            )
        )
        note.setFont(theme.scaled_font(0.85))
        note.setBrush(QBrush(QColor(theme.MUTED)))
        note.setPos(x, y + 20)
        self.scene().addItem(note)

    # ------------------------------------------------------------------ clicks
    def mousePressEvent(self, event: object) -> None:
        item: QGraphicsItem | None = self.itemAt(event.position().toPoint())  # type: ignore[attr-defined]
        while item is not None and item.data(ID_KEY) is None:
            item = item.parentItem()
        if item is not None:
            self.node_clicked.emit(str(item.data(ID_KEY)))
        super().mousePressEvent(event)  # type: ignore[arg-type]
