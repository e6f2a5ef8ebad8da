"""A new save from a log that was read elsewhere: a JSON export (``import``) or the good
events of a damaged save (``recover``). One path for both, after the log has been
replayed through the rules (``engine/session/audit.py``):

the log and its snapshots (folded afresh, never copied) are written in the creating
transaction of ``Store.create``, under a temporary name renamed when complete, so a
killed or failed rebuild leaves no file that opens as a save.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from engine.domain.events import Envelope
from engine.save.lock import WriterLock
from engine.save.store import Store
from engine.save.wal import side_files
from engine.scenario.model import Scenario
from engine.session.live import Session


def build_save(
    path: Path,
    scenario: Scenario,
    envelopes: Sequence[Envelope],
    meta: dict[str, str],
    *,
    rows: Sequence[tuple[object, ...]] | None = None,
) -> Session:
    """A new save at ``path`` (never over a file) holding ``envelopes``, open for writing.
    ``rows``: the envelopes' rows as they were written elsewhere (an import keeps each
    payload as exported, so that exporting again gives the same JSON)."""
    made: list[Session] = []

    def fill(store: Store) -> None:  # in the creating transaction
        if rows is None:
            store.insert(envelopes)
        else:
            store.insert_rows(rows)
        made.append(Session(store, scenario))
        made[0]._load_snapshots_afresh()

    store = Store.create(
        Path(path), scenario_id=scenario.id, source=scenario.source, meta=meta, initial=fill
    )
    try:
        session = made[0]
        session._load()
    except BaseException:
        store.close()
        for leftover in (Path(path), *side_files(Path(path)), WriterLock.lock_path(Path(path))):
            leftover.unlink(missing_ok=True)  # a failed rebuild leaves no file behind
        raise
    return session
