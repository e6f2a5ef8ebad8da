"""Every feed a device gets is the "as seen by" view: across every event kind, a team's
page, its live stream and its resumed stream hold exactly the entries
``engine.domain.visibility`` lets it see, and no text it may not read; the board holds
only what the projector shows."""

from __future__ import annotations

from typing import Any

from device_room import SECRET, TEAMS, Room, entry_seqs, page_seqs, room_fixture  # noqa: F401

from engine.domain.events import KINDS, Envelope
from engine.domain.visibility import event_visible, may_see
from engine.session.live import Session

EVERYONE = set(TEAMS)
# Each marker is typed into exactly one text; the teams that may read it, at the end.
ALLOWED: dict[str, set[str]] = {
    "PUBLIC-MOVE-USA": EVERYONE,
    "PRIVATE-MOVE-USA-DPRK": {"usa", "dprk"},
    "RULING-REASON-USA": {"usa"},
    "PRIVATE-DEMAND-DPRK-ROK": {"dprk", "rok"},
    "PRIVATE-COMMITMENT-USA-DPRK": {"usa", "dprk"},
    "PROGRESS-NOTE-USA-DPRK": {"usa", "dprk"},
    "ADJUST-REASON-CONTROL": set(),
    "SECRET-INJECT-DPRK": {"dprk"},
    "PUBLIC-INJECT-STORM": EVERYONE,
    "CONTROL-NOTE": set(),
    "CONTROL-BOOKMARK": set(),
    "PRIVATE-MESSAGE-USA-ROK": {"usa", "rok"},
    "HELD-MOVE-USA": {"usa"},
    "HOLD-NOTE-USA": {"usa"},
    "REJECT-REASON-USA": {"usa"},
    "UNDONE-MOVE-USA": set(),  # the usa stream saw it live, before the undo
    **{secret: {team} for team, secret in SECRET.items()},
}
LIVE_ALSO = {"UNDONE-MOVE-USA": {"usa"}}
BOARD = {"PUBLIC-MOVE-USA", "PUBLIC-INJECT-STORM"}


def play_every_kind(s: Session, devices: dict[str, str], dprk_code: str) -> None:
    """One command or more of every kind there is, public and private ones."""

    def made(changes: Any, letter: str) -> str:
        return f"{letter}{changes.seq}"

    s.next_phase()
    public = made(s.record_move(team="usa", move_type="statement", tone=1,
                                text="PUBLIC-MOVE-USA"), "m")  # fmt: skip
    s.record_move(team="usa", move_type="statement", tone=-1, text="PRIVATE-MOVE-USA-DPRK",
                  visibility=["dprk"])  # fmt: skip
    s.roll_dice(move=public)
    s.adjudicate(move=public, outcome="success", method="judgement", reason="RULING-REASON-USA")
    tabled = s.table_demand(from_team="dprk", to_team="rok", issue="relief", priority=1,
                            text="PRIVATE-DEMAND-DPRK-ROK", visibility=["rok"])  # fmt: skip
    demand = made(tabled, "d")
    s.set_demand_status(demand=demand, status="met")
    c1 = made(s.propose_commitment(givers=["usa"], receivers=["dprk"], issue="relief",
                                   text="PRIVATE-COMMITMENT-USA-DPRK", visibility=["dprk"],
                                   verification=True), "c")  # fmt: skip
    c2 = made(s.propose_commitment(givers=["rok"], receivers=["usa"], issue="talks",
                                   text="a public offer"), "c")  # fmt: skip
    c3 = made(s.propose_commitment(givers=["rok"], receivers=["dprk"], issue="talks",
                                   text="to be refused"), "c")  # fmt: skip
    s.add_condition(commitment=c2, condition=("demand", demand))
    s.drop_condition(commitment=c2, condition=("demand", demand))
    s.agree_commitment(commitment=c1)
    s.agree_commitment(commitment=c2)
    s.refuse_commitment(commitment=c3)
    s.record_progress(commitment=c1, percent=50, note="PROGRESS-NOTE-USA-DPRK")
    s.suspend_commitment(commitment=c1)
    s.resume_commitment(commitment=c1)
    s.verify_commitment(commitment=c1, result="confirmed")
    s.fulfil_commitment(commitment=c1)
    c4 = made(s.propose_commitment(givers=["usa"], receivers=["rok"], issue="talks",
                                   text="to be broken"), "c")  # fmt: skip
    s.agree_commitment(commitment=c4)
    s.break_commitment(commitment=c4)
    c5 = made(s.propose_commitment(givers=["usa"], receivers=["rok"], issue="relief",
                                   text="to be withdrawn"), "c")  # fmt: skip
    s.withdraw_commitment(commitment=c5)
    s.sign_agreement(title="A public agreement", commitments=[c2])
    s.adjust_indicator(key="tension", delta=5, reason="ADJUST-REASON-CONTROL")
    s.adjust_indicator(key="resolve.dprk", delta=1, reason="ADJUST-REASON-CONTROL")
    s.fire_inject(inject="leak")
    s.fire_inject(inject="storm")
    s.add_note(text="CONTROL-NOTE")
    s.set_bookmark(label="CONTROL-BOOKMARK")
    s.record_move(team="usa", move_type="statement", tone=0, text="UNDONE-MOVE-USA",
                  visibility=["usa"])  # fmt: skip
    s.undo()
    s.send_message(sender="usa", to=["rok"], text="PRIVATE-MESSAGE-USA-ROK")
    s.lock_lobby(locked=True)
    s.lock_lobby(locked=False)
    move = {"move_type": "statement", "tone": 0, "visibility": None}
    accepted = made(s.submit(device=devices["usa"], what="move",
                             payload={**move, "text": "an accepted move"}), "s")  # fmt: skip
    s.accept(submission=accepted)
    held = made(s.submit(device=devices["usa"], what="move",
                         payload={**move, "text": "HELD-MOVE-USA"}), "s")  # fmt: skip
    s.hold(submission=held, note="HOLD-NOTE-USA")
    s.reject(submission=held, reason="REJECT-REASON-USA")
    s.revoke_code(code=dprk_code)
    s.revoke_device(device=devices["spare"])
    s.show_indicator_to_room(indicator="tension", shown=False)  # off the projector, and
    s.show_indicator_to_room(indicator="tension", shown=True)  # back (issue 12)
    s.reveal_everything()  # main's EverythingRevealed (issue 14): the room sees more, then
    s.undo()  # not: the feeds follow both
    s.end_round()


def expected(s: Session, viewer: str, live: bool = False) -> set[int]:
    """The seqs ``viewer`` may see now (live: also what it saw before an undo hid it)."""
    state, scenario = s.state, s.scenario
    seen = set()
    for env in s.events():
        if event_visible(viewer, env, state, scenario) or (
            live and env.seq in state.voided and _audience_sees(s, env, viewer)
        ):
            seen.add(env.seq)
    return seen


def _audience_sees(s: Session, env: Envelope, viewer: str) -> bool:
    audience = env.event.audience(env.seq, s.state, s.scenario)
    return may_see(viewer, audience.visibility, audience.parties)


def test_every_feed_is_the_as_seen_by_view_across_every_event_kind(room: Room) -> None:
    clients = {team: room.joined(team) for team in TEAMS}
    spare = room.joined("dprk")
    devices = {
        team: room.call(lambda s, c=client: s.device_of(c.cookie).id)
        for team, client in clients.items()
    }
    devices["spare"] = room.call(lambda s: s.device_of(spare.cookie).id)
    board_path = "/board/" + room.server.board_key
    live = {team: client.events() for team, client in clients.items()}
    board_live = room.client().events(board_path + "/events")
    for stream in live.values():
        stream.until(lambda e: e["event"] == "clock")

    room.call(lambda s: play_every_kind(s, devices, room.code_ids["dprk"]))
    last = room.call(lambda s: s.last_seq)

    kinds = room.call(lambda s: {env.kind for env in s.events()})
    assert kinds >= set(KINDS), sorted(set(KINDS) - kinds)  # every kind there is, played

    for team, client in clients.items():
        want = room.call(lambda s, t=team: expected(s, t))
        page = client.get("/").text
        assert page_seqs(page) == want, team
        resumed = client.events(last_id=0).collect(1.5)
        assert entry_seqs(resumed) == want, team
        stream = live[team]
        stream.until(lambda e: e.get("id") == str(last), timeout=5)
        stream.collect(0.3)
        assert entry_seqs(stream.received) == room.call(
            lambda s, t=team: expected(s, t, live=True)
        ), team
        texts = {"page": page, "resumed": str(resumed), "live": stream.text(),
                 "refresh": client.get("/refresh").text}  # fmt: skip
        for where, text in texts.items():
            for marker, allowed in ALLOWED.items():
                may = allowed | (LIVE_ALSO.get(marker, set()) if where == "live" else set())
                if team not in may:
                    assert marker not in text, (team, where, marker)
        for marker, allowed in ALLOWED.items():  # and the page shows all it may
            assert (marker in page) == (team in allowed), (team, marker)
        assert "Hidden resolve (" + {"usa": "United States", "dprk": "North Korea",
                                      "rok": "South Korea"}[team] + ")" in page  # fmt: skip
        others = {"usa", "dprk", "rok"} - {team}
        for other in others:
            name = {"usa": "United States", "dprk": "North Korea", "rok": "South Korea"}[other]
            assert f"Hidden resolve ({name})" not in page

    board_page = room.client().get(board_path).text
    board_live.collect(1.0)
    for text in (board_page, board_live.text()):
        for marker in ALLOWED:
            assert marker in BOARD or marker not in text, marker
    # The board shows the indicators the projector shows: while everything was revealed
    # the private meters too (the live stream carried them), never before, and not since
    # the reveal was undone.
    assert "Hidden resolve" not in board_page
    shown = [
        e["data"]["html"] for e in board_live.received
        if e.get("event") == "panel" and e["data"].get("id") == "indicators"
    ]  # fmt: skip
    assert shown and "Hidden resolve" not in shown[-1]
    revealed = [i for i, html in enumerate(shown) if "Hidden resolve" in html]
    assert revealed == [] or revealed[-1] < len(shown) - 1
    assert all(marker in board_page for marker in BOARD)
    assert "Tension" in board_page
