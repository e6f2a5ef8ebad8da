"""Commits without an fsync, made durable later from another thread: ``transaction(sync=
False)`` writes its frames to the log (``synchronous = NORMAL`` for that transaction
only), ``sync_wal`` fsyncs the log through a descriptor of its own. What is committed so
survives a killed process at once; what is synced, a power cut too (an fsync of the log
is what SQLite's ``FULL`` commit does)."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from sessions import new_session

from conftest import ROOT
from engine.errors import DiskFullError, SaveError
from engine.save.wal import wal_path
from engine.session.live import Session

FULL, NORMAL = 2, 1


def synchronous(session: Session) -> int:
    return int(session.store.conn.execute("PRAGMA synchronous").fetchone()[0])


@pytest.fixture
def fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files ``os.fsync`` is called on (in this process), by their paths."""
    seen: list[str] = []
    real = os.fsync

    def fsync(fd: Any) -> None:
        seen.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return seen


DEFERRED_WRITER = """
import os, sys
from engine.session.live import Session
s = Session.open(sys.argv[1])
with s.batch(sync=False):
    for n in range(5):
        s.add_note(text=f"synced {n}")
s.sync()
print(s.last_seq, flush=True)
with s.batch(sync=False):
    for n in range(3):
        s.add_note(text=f"committed {n}")
print(s.last_seq, flush=True)
sys.stdin.read()  # until killed
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_deferred_batch_synced_then_killed_is_all_there(tmp_path: Path) -> None:
    with new_session(tmp_path):
        pass
    save = tmp_path / "s.parley"
    writer = subprocess.Popen(
        [sys.executable, "-c", DEFERRED_WRITER, str(save)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    synced, committed = int(writer.stdout.readline()), int(writer.stdout.readline())
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert (synced, committed) == (6, 9)
    assert wal_path(save).exists()  # killed: the log was never merged
    with Session.open(save) as s:  # the killed writer's log is merged
        s.verify()  # every row chained to the one before
        assert s.last_seq == committed
        texts = [n.text for n in s.state.notes]
        assert texts == [f"synced {n}" for n in range(5)] + [f"committed {n}" for n in range(3)]
        s.add_note(text="the session goes on")


def test_the_pragma_is_full_again_after_a_deferred_batch_and_after_one_that_failed(
    tmp_path: Path,
) -> None:
    with new_session(tmp_path) as s:
        assert synchronous(s) == FULL
        seen: list[int] = []
        with s.batch(sync=False):
            seen.append(synchronous(s))
            s.add_note(text="deferred")
        assert seen == [NORMAL] and synchronous(s) == FULL
        with pytest.raises(RuntimeError), s.batch(sync=False):
            s.add_note(text="rolled back")
            raise RuntimeError("a failure inside the batch")
        assert synchronous(s) == FULL
        assert s.last_seq == 2  # nothing of the failed batch was written
        with s.batch():  # the default is durable at once
            seen.append(synchronous(s))
            s.add_note(text="durable")
        assert seen == [NORMAL, FULL] and synchronous(s) == FULL
        with pytest.raises(RuntimeError), s.store.transaction(sync=False):
            raise RuntimeError("a failure in the store's own transaction")
        assert synchronous(s) == FULL


def test_sync_fsyncs_the_log_only_when_a_commit_is_not_yet_durable(
    tmp_path: Path, fsyncs: list[str]
) -> None:
    with new_session(tmp_path) as s:
        log = str(wal_path(s.path).resolve())
        fsyncs.clear()  # creating the save synced its folder
        s.sync()
        assert fsyncs == []  # every commit so far was durable (FULL)
        with s.batch(sync=False):
            s.add_note(text="deferred")
        s.sync()
        assert fsyncs == [log]  # the log, through a descriptor of its own
        s.sync()
        assert fsyncs == [log]  # nothing new since
        with s.batch(sync=False):
            s.add_note(text="deferred again")
        s.add_note(text="durable")  # a FULL commit fsyncs the log, the frames before too
        s.sync()
        assert fsyncs == [log]
        with s.batch(sync=False):
            s.add_note(text="a third")
        with s.batch():  # a FULL commit that writes no row fsyncs nothing: vouches for none
            pass
        s.sync()
        assert fsyncs == [log, log]


def test_sync_from_another_thread_while_the_writer_goes_on(
    tmp_path: Path, fsyncs: list[str]
) -> None:
    with new_session(tmp_path) as s:
        errors: list[BaseException] = []

        def sync() -> None:
            try:
                s.sync()
            except BaseException as error:
                errors.append(error)

        for n in range(20):
            with s.batch(sync=False):
                s.add_note(text=f"note {n}")
            syncer = threading.Thread(target=sync)
            syncer.start()
            s.add_note(text=f"meanwhile {n}")  # the writer does not wait for the sync
            syncer.join()
        assert errors == []
        assert s.last_seq == 41
    with Session.open(tmp_path / "s.parley") as s:
        s.verify()
        assert s.last_seq == 41


def test_closing_syncs_what_is_pending_and_leaves_no_side_files(
    tmp_path: Path, fsyncs: list[str]
) -> None:
    s = new_session(tmp_path)
    log = str(wal_path(s.path).resolve())
    with s.batch(sync=False):
        s.add_note(text="deferred, never synced by hand")
    s.close()
    assert log in fsyncs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.parley"]
    s.sync()  # a late sync of a closed session: its close made everything durable
    with Session.open(tmp_path / "s.parley", read_only=True) as reader:
        assert reader.last_seq == 2
        reader.sync()  # a reader has nothing to sync


@pytest.mark.parametrize(
    ("code", "kind", "said"),
    [
        (errno.EIO, SaveError, "may not survive a power cut"),
        (errno.ENOSPC, DiskFullError, "is full"),
    ],
)
def test_a_refused_sync_is_a_save_error_and_the_next_sync_tries_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, kind: type, said: str
) -> None:
    with new_session(tmp_path) as s:
        with s.batch(sync=False):
            s.add_note(text="deferred")
        real = os.fsync
        calls: list[int] = []

        def refuse(fd: Any) -> None:
            calls.append(fd)
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "fsync", refuse)
        with pytest.raises(kind, match=said) as raised:
            s.sync()
        assert str(s.path) in str(raised.value)
        assert s.store._wal_sync is not None and s.store._wal_sync.pending
        monkeypatch.setattr(os, "fsync", real)
        s.sync()  # not marked durable by the refusal: synced now
        assert not s.store._wal_sync.pending
        assert len(calls) == 1


def test_deferred_checkpoints_run_in_sync_and_a_clean_close_leaves_no_side_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from engine.save import store as store_module
    from engine.save.wal import salts

    monkeypatch.setattr(store_module, "AUTOCHECKPOINT_PAGES", 4)  # a log of 64 KiB
    monkeypatch.setattr(store_module, "CHECKPOINT_COMMITS", 25)
    s = new_session(tmp_path)
    s.defer_checkpoints()
    conn = s.store.conn
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
    s.add_note(text="the log begins")
    log = salts(s.path)
    assert log is not None
    for n in range(30):  # well past 4 pages: no commit of this thread checkpoints
        with s.batch(sync=False):
            s.add_note(text=f"note {n} " + "x" * 2000)
        if n == 10:
            s.sync()  # 12 commits: not yet a checkpoint's turn
    assert salts(s.path) == log  # never restarted: no checkpoint ran
    syncer = threading.Thread(target=s.sync)
    syncer.start()
    syncer.join()
    s.add_note(text="after the checkpoint")  # the log restarts from its start
    assert salts(s.path) != log
    s.defer_checkpoints(False)
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 4
    s.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.parley"]
    with Session.open(tmp_path / "s.parley") as again:
        again.verify()
        assert again.last_seq == 33
