"""Starting the app: what ``ui.app.make_application`` does before the first window."""

from __future__ import annotations

import gc


def test_the_collector_is_paused_only_until_the_event_loop_turns(qtbot) -> None:
    from ui.app import pause_collector_while_starting

    assert gc.isenabled()
    try:
        pause_collector_while_starting()
        assert not gc.isenabled(), "paused while the first window is built"
        qtbot.waitUntil(gc.isenabled, timeout=2000)
        assert gc.get_freeze_count() > 0, "what starting made is left out of later walks"
    finally:
        gc.enable()
        gc.unfreeze()
