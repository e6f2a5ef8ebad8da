"""Forms that cannot change the wrong record by a quick Ctrl+Enter, ask before what no
later status can change, and remember the team of the last move."""

from __future__ import annotations

from typing import Any

from ui_support import choose, submit, type_text

from ui import operations as ops
from ui.forms.commitment import CommitmentStatusForm
from ui.main_window import FacilitatorWindow


def two_commitments(window: FacilitatorWindow) -> tuple[str, str]:
    assert window.run(ops.start_round) is None
    for giver, receiver in (("usa", "dprk"), ("dprk", "usa")):
        assert window.run(ops.propose_commitment, giver=giver, receiver=receiver,
                          issue="sanctions_relief", text=f"{giver} gives") is None  # fmt: skip
    first, second = list(window.session.state.commitments)
    assert window.run(ops.add_condition, commitment=second, condition=first) is None
    for key in (first, second):
        assert window.run(ops.change_commitment, commitment=key, action="agree") is None
    return first, second


def test_with_nothing_selected_no_commitment_is_chosen(window: FacilitatorWindow) -> None:
    two_commitments(window)
    c = window.session.state.commitments
    form = CommitmentStatusForm(
        window.session.scenario, lambda v: None, commitments=list(c.values())
    )
    assert form.commitment.currentIndex() == -1
    assert form.problem() == "Choose the commitment to update."


def test_a_final_status_is_confirmed_and_unmet_conditions_are_named(
    window: FacilitatorWindow, qtbot: Any
) -> None:
    first, second = two_commitments(window)
    asked: list[str] = []
    answers = [False, True]
    sent: list[dict[str, Any]] = []

    def confirm(_parent: Any, _title: str, question: str) -> bool:
        asked.append(question)
        return answers.pop(0)

    commitments = window.session.state.commitments
    form = CommitmentStatusForm(window.session.scenario, lambda v: sent.append(v) or None,
                                commitments=list(commitments.values()), selected=second,
                                everything=commitments, confirm=confirm)  # fmt: skip
    qtbot.addWidget(form)
    form.show()
    assert form.action.currentData() == "fulfil"
    submit(qtbot, form)
    assert not sent and "as fulfilled" in asked[0] and "waits on" in asked[0]
    number = commitments[first].number
    assert f"Commitment {number}:" in asked[0], "the commitment it waits on is named"
    submit(qtbot, form)
    assert sent and sent[0]["commitment"] == second and sent[0]["action"] == "fulfil"


def test_the_move_form_remembers_the_last_team(window: FacilitatorWindow, qtbot: Any) -> None:
    assert window.run(ops.start_round) is None
    window.action_set.record_move.trigger()
    form = window.entries.active
    assert form is not None
    choose(form.team, "dprk")
    type_text(qtbot, form.text, "A statement")
    submit(qtbot, form)
    assert window.entries.active is None
    window.action_set.record_move.trigger()
    again = window.entries.active
    assert again is not None and again.team.currentData() == "dprk"
    again.reject()


def test_a_move_is_aimed_at_other_teams_only(window: FacilitatorWindow, qtbot: Any) -> None:
    from PySide6.QtCore import Qt

    assert window.run(ops.start_round) is None
    window.action_set.record_move.trigger()
    form = window.entries.active
    assert form is not None

    def offered() -> list[str]:
        items = [form.targets.item(i) for i in range(form.targets.count())]
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if not item.isHidden()]

    choose(form.team, "usa")
    assert "usa" not in offered() and "dprk" in offered()
    form.targets.set_checked(["dprk", "rok"])
    choose(form.team, "dprk")
    assert "dprk" not in offered() and "usa" in offered()
    assert form.values()["targets"] == ("rok",), "the new mover is no longer aimed at"
    form.reject()


def test_the_inject_form_names_a_private_inject_s_teams_and_reads_as_prose(
    window: FacilitatorWindow,
) -> None:
    from PySide6.QtCore import Qt

    window.action_set.fire_inject.trigger()
    form = window.entries.active
    assert form is not None
    scenario = window.session.scenario
    private = [i for i in scenario.injects if not i.public]
    assert private
    for inject in private:
        index = form.inject.findData(inject.id)
        label = form.inject.itemText(index)
        names = [t.name for t in scenario.teams if t.id in (inject.visibility or ())]
        assert f"private: {', '.join(names)}" in label
        assert not any(f"private: {t}" in label for t in inject.visibility or ())
        form.inject.setCurrentIndex(index)
        assert form.text.textFormat() == Qt.TextFormat.PlainText
        assert all("\n" not in p for p in form.text.text().split("\n\n"))  # no mid-line break
    form.reject()


def test_at_a_summit_only_the_seated_teams_are_offered_to_act(
    window: FacilitatorWindow,
) -> None:
    s = window.session
    summit = next(r for r in s.scenario.rounds if set(r.teams) != set(s.scenario.team_ids))
    while s.state.round < summit.number:
        assert window.run(ops.start_round) is None
    for action, combos in (("record_move", ("team",)), ("table_demand", ("from_team",))):
        getattr(window.action_set, action).trigger()
        form = window.entries.active
        assert form is not None
        for name in combos:
            combo = getattr(form, name)
            offered = {combo.itemData(i) for i in range(combo.count())}
            assert offered == set(summit.teams), (action, name, offered)
        form.reject()
