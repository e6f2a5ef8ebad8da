"""A team's page: everything it needs, rendered by the server (a reload shows it all),
and forms that post without JavaScript."""

from __future__ import annotations

import re

from device_room import Room, room_fixture  # noqa: F401

MOVE = {"move_type": "statement", "tone": "1", "text": "We are ready to talk."}


def test_the_team_page_holds_the_brief_the_round_the_forms_and_the_feed(room: Room) -> None:
    usa = room.joined("usa")
    page = usa.get("/").text
    for words in ("United States", "USA public brief", "SECRET-BRIEF-USA", "Objectives",
                  "Red lines", "Round 1 of 2", "Phase: <b>brief</b>", "Tension",
                  "Hidden resolve (United States)"):  # fmt: skip
        assert words in page, words
    for form in ("move", "demand", "proposal", "message"):
        found = re.search(rf'<form method="post" action="/submit/{form}"[^>]*>(.*?)</form>',
                          page, re.S)  # fmt: skip
        assert found, form
        assert re.search(r'name="csrf" value="[0-9a-f]{40}"', found.group(1)), form
    assert '<option value="statement">Statement</option>' in page
    assert 'name="receivers" value="dprk"' in page and 'name="givers" value="usa" checked' in page
    assert 'id="feed"' in page and "Round 1 started" in page


def test_a_submission_posts_without_script_and_its_status_shows_on_the_page(room: Room) -> None:
    usa = room.joined("usa")
    reply = usa.post("/submit/move", MOVE)
    assert reply.status == 303 and reply.header("location") == "/"
    assert "waiting for Control" in usa.get("/").text
    sid = room.call(lambda s: next(iter(s.state.submissions)))
    room.call(lambda s: s.hold(submission=sid, note="Ask again after lunch"))
    page = usa.get("/").text
    assert "held by Control" in page and "Ask again after lunch" in page
    room.call(lambda s: s.reject(submission=sid, reason="Too vague for a summit"))
    page = usa.get("/").text
    assert "rejected" in page and "Reason: Too vague for a summit" in page
    usa.post("/submit/move", {**MOVE, "text": "second try"})
    second = room.call(lambda s: list(s.state.submissions)[-1])
    room.call(lambda s: s.accept(submission=second, edits={"text": "second try, edited"}))
    assert "accepted, edited" in usa.get("/").text


def test_a_submission_the_rules_refuse_comes_back_with_the_reason(room: Room) -> None:
    usa = room.joined("usa")
    before = room.call(lambda s: s.last_seq)
    reply = usa.post("/submit/move", {**MOVE, "move_type": "missile_test"})
    assert reply.status == 422
    assert "Not sent:" in reply.text and "missile_test" in reply.text
    reply = usa.post("/submit/demand", {"to_team": "usa", "issue": "relief", "text": "x"})
    assert reply.status == 422 and "Not sent:" in reply.text
    assert room.call(lambda s: s.last_seq) == before


def test_a_proposal_and_its_answer_from_the_team_it_is_addressed_to(room: Room) -> None:
    usa, dprk, rok = room.joined("usa"), room.joined("dprk"), room.joined("rok")
    reply = usa.post(
        "/submit/proposal",
        [("givers", "usa"), ("receivers", "dprk"), ("issue", "relief"),
         ("text", "Relief for a freeze"), ("due_round", "2"), ("visibility", "public")],
    )  # fmt: skip
    assert reply.status == 303
    room.call(lambda s: s.accept(submission=next(iter(s.state.submissions))))
    commitment = room.call(lambda s: next(iter(s.state.commitments)))
    page = dprk.get("/").text
    assert f'id="answer-{commitment}"' in page and "Relief for a freeze" in page
    assert f'id="answer-{commitment}"' not in rok.get("/").text  # not addressed to ROK
    assert f'id="answer-{commitment}"' not in usa.get("/").text  # nor to who proposed it
    bad = rok.post("/submit/answer", {"commitment": commitment, "answer": "agree"})
    assert bad.status == 422
    reply = dprk.post("/submit/answer", {"commitment": commitment, "answer": "agree"})
    assert reply.status == 303
    assert "Your answer is waiting for Control" in dprk.get("/").text
    room.call(lambda s: s.accept(submission=list(s.state.submissions)[-1]))
    assert room.call(lambda s: s.state.commitments[commitment].status) == "agreed"
    assert "No proposal awaits your answer" in dprk.get("/").text


def test_a_message_goes_to_the_teams_ticked_with_a_copy_to_control(room: Room) -> None:
    usa = room.joined("usa")
    reply = usa.post("/submit/message", [("to", "rok"), ("text", "Lunch at one?")])
    assert reply.status == 303
    room.call(lambda s: s.accept(submission=next(iter(s.state.submissions))))
    (message,) = room.call(lambda s: list(s.state.messages.values()))
    assert message.sender == "usa" and message.to == ("rok",)
    assert "Lunch at one?" in room.joined("rok").get("/").text
    assert "Lunch at one?" in room.joined("control").get("/").text
    assert "Lunch at one?" not in room.joined("dprk").get("/").text


def test_the_page_reads_on_a_phone(room: Room) -> None:
    page = room.joined("usa").get("/").text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert '<html lang="en">' in page
    css = room.client().get("/static/parley.css").text
    assert "max-width" in css and "overflow-wrap: anywhere" in css


def test_a_phone_jumps_to_each_part_and_the_brief_folds_once_play_begins(room: Room) -> None:
    page = room.joined("usa").get("/").text  # round 1 has started in the room
    links = re.findall(r'<nav class="jumps"[^>]*>(.*?)</nav>', page, re.S)
    assert links, "a row of jump links under the heading"
    for anchor in re.findall(r'href="#([a-z]+)"', links[0]):
        assert f'id="{anchor}"' in page or f"id='{anchor}'" in page, anchor
    assert "<details id='brief'>" in page, "folded: the forms come first during play"
    assert page.index("id='send'") < page.index("<details id='brief'")
