"""Thin operations of the replay window: one engine call each, a result or a readable error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from engine.errors import ParleyError

if TYPE_CHECKING:
    from engine.session.diff import SaveDiff
    from engine.session.live import Session

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    value: T | None = None  # the new Session, or the SaveDiff
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def branch(session: Session, *, seq: int, path: Path) -> Outcome[Session]:
    """A new save holding the log up to ``seq``, opened for writing (``Session.branch``)."""
    try:
        return Outcome(value=session.branch(seq=seq, path=path))
    except (ParleyError, OSError) as error:
        return Outcome(error=str(error) or type(error).__name__)


def compare(a: Path, b: Path) -> Outcome[SaveDiff]:
    """Where two saves part and how they differ at the end (``engine.session.diff``)."""
    from engine.session.diff import diff_saves

    try:
        return Outcome(value=diff_saves(a, b))
    except (ParleyError, OSError) as error:
        return Outcome(error=str(error) or type(error).__name__)


def parent_of(session: Session) -> Path | None:
    """The save a branch was made from, when its metadata names one that still exists."""
    name = session.meta.get("parent_path")
    if not name:
        return None
    path = Path(name)
    return path if path.is_file() else None
