"""A look at a save without opening it: what the start screen shows for a recent save.

It reads the file as it is on disk (SQLite's ``immutable`` mode: no lock, no journal, and
nothing is ever written beside it), so it is safe on a save another window has open; a
live save's newest events may still sit in its write-ahead log and are then not counted.
Anything that is not a readable save gives a ``SavePreview`` whose ``problem`` says why.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tomllib
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote


class SavePreview(NamedTuple):
    path: Path
    problem: str = ""  # why it cannot be previewed; empty when it can
    title: str = ""  # the scenario's title
    created: str = ""  # ISO time
    modified: float = 0.0  # the file's mtime
    events: int = 0
    round: int = 0  # the round of the last event
    rounds: int = 0  # in the scenario's plan
    teams: tuple[str, ...] = ()  # names
    parent: str = ""  # the save it was branched from, if any


def preview_save(path: Path) -> SavePreview:
    path = Path(path)
    try:
        stat = path.stat()
    except OSError as error:
        return SavePreview(path, problem=f"cannot be read: {error.strerror or error}")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM meta"))
            source_row = conn.execute("SELECT source FROM scenario LIMIT 1").fetchone()
            count, last_round = conn.execute(
                "SELECT count(*), coalesce(max(round), 0) FROM events"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        return SavePreview(path, problem=f"is not a Parley save that can be read ({error})")
    title, rounds = "", 0
    teams: tuple[str, ...] = ()
    if source_row is not None:
        try:
            scenario = tomllib.loads(source_row[0])
            title = str(scenario.get("scenario", {}).get("title", ""))
            rounds = len(scenario.get("rounds", []))
            teams = tuple(str(t.get("name", t.get("id", ""))) for t in scenario.get("teams", []))
        except (tomllib.TOMLDecodeError, AttributeError, TypeError):
            title = meta.get("scenario_id", "")
    return SavePreview(
        path,
        title=title or meta.get("scenario_id", ""),
        created=meta.get("created", ""),
        modified=stat.st_mtime,
        events=int(count),
        round=int(last_round),
        rounds=rounds,
        teams=teams,
        parent=meta.get("parent_path", ""),
    )


def when(preview: SavePreview) -> str:
    """The save's last change, in local time, as a person reads it."""
    if not preview.modified:
        return ""
    return dt.datetime.fromtimestamp(preview.modified).strftime("%d %b %Y, %H:%M")
