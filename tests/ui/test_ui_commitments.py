"""Issue 16 through the widgets: a multi-party ask with a condition on a demand, progress,
a suspension in response to a breach, a verification by the IAEA, an agreement with
signatories and a shape, and what the projector and the graph then show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ui_support import choose, submit, type_text

from ui import operations as ops
from ui.main_window import FacilitatorWindow
from ui.projector import public_agreements_html


@pytest.fixture
def window(qtbot: Any, session: Any, isolated_settings: Path) -> FacilitatorWindow:
    made = FacilitatorWindow(session)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def open_form(window: FacilitatorWindow, action: str) -> Any:
    window.action_set.by_name[action].trigger()
    form = window.entries.active
    assert form is not None and form.isVisible()
    return form


def test_every_new_step_of_a_commitment_through_its_form(
    qtbot: Any, window: FacilitatorWindow
) -> None:
    s = window.session
    tabled = window.run(
        ops.table_demand, from_team="usa", to_team="dprk", issue="full_declaration",
        priority=1, text="declare it all",
    )  # fmt: skip
    assert tabled is None
    demand = list(s.state.demands)[-1]

    form = open_form(window, "propose_commitment")  # China, Japan and Russia, asked by the ROK
    choose(form.giver, "china")
    form.more_givers.set_checked(["japan", "russia"])
    choose(form.receiver, "dprk")
    choose(form.proposer, "rok")
    type_text(qtbot, form.text, "Heavy fuel oil, in instalments")
    form.conditions.set_checked([f"demand:{demand}"])
    form.verification.setChecked(True)
    submit(qtbot, form)
    aid = list(s.state.commitments)[-1]
    made = s.state.commitments[aid]
    assert (made.givers, made.receivers, made.proposer) == (
        ("china", "japan", "russia"), ("dprk",), "rok",
    )  # fmt: skip
    assert [str(c) for c in made.conditions] == [f"demand {demand}"]

    def status(action: str, **more: Any) -> None:
        form = open_form(window, "commitment_status")
        choose(form.commitment, more.pop("commitment", aid))
        choose(form.action, action)
        for name, value in more.items():
            widget = getattr(form, name)
            if name == "progress":
                widget.setValue(value)
            else:
                choose(widget, value)
        submit(qtbot, form)
        assert not form.isVisible(), form.error.text()

    status("agree")
    assert s.envelope(s.last_seq).actor == "china", "an ask is answered by its givers"
    status("progress", progress=50)
    status("confirmed", verifier="iaea")
    assert s.state.commitments[aid].progress == 50
    assert s.state.commitments[aid].verifications[-1].verifier == "iaea"

    assert window.run(ops.propose_commitment, giver="dprk", receiver="usa",
                      issue="yongbyon_dismantlement", text="freeze") is None  # fmt: skip
    freeze = list(s.state.commitments)[-1]
    window.run(ops.change_commitment, commitment=freeze, action="agree")
    window.run(ops.change_commitment, commitment=freeze, action="break")
    status("suspend", breach=freeze)
    assert s.state.commitments[aid].in_response_to == freeze
    status("resume")

    form = open_form(window, "add_condition")  # renegotiated after agreement: a reason
    choose(form.commitment, aid)
    form.drop.setChecked(True)
    choose(form.condition, f"demand:{demand}")
    submit(qtbot, form)
    assert form.isVisible() and "why" in form.error.text()
    type_text(qtbot, form.reason, "dropped at the summit")
    submit(qtbot, form)
    assert s.state.commitments[aid].conditions == ()

    form = open_form(window, "sign_agreement")
    type_text(qtbot, form.title_edit, "Initial actions")
    form.commitments.set_checked([aid])
    form.signatories.set_checked(["usa", "dprk", "rok", "china", "japan", "russia"])
    choose(form.shape, "step")
    submit(qtbot, form)
    (signed,) = s.state.agreements.values()
    assert (signed.shape, len(signed.signatories)) == ("step", 6)
    shown = public_agreements_html(s)
    assert "a step" in shown and "signed by" in shown and "RUSSIA" in shown  # six: short names


def test_the_graph_draws_many_parties_a_verifier_a_demand_and_progress(
    qtbot: Any, window: FacilitatorWindow, tmp_path: Path
) -> None:
    s = window.session
    s.table_demand(from_team="usa", to_team="dprk", issue="full_declaration", priority=1, text="d")
    demand = list(s.state.demands)[-1]
    s.propose_commitment(givers=("china", "japan", "russia"), receivers="dprk",
                         issue="sanctions_relief", text="fuel oil", verification=True,
                         conditions=[("demand", demand)])  # fmt: skip
    aid = list(s.state.commitments)[-1]
    s.agree_commitment(commitment=aid)
    s.record_progress(commitment=aid, percent=50, note="half")
    s.verify_commitment(commitment=aid, result="confirmed", verifier="iaea")
    window.tabs.setCurrentWidget(window.insight.graph_host)
    qtbot.waitUntil(lambda: window.insight.view is not None)
    qtbot.waitUntil(lambda: window.insight._drawn["graph"])
    view = window.insight.view
    view.draw(s.state, None)
    tips = {i.toolTip() for i in view.scene().items() if i.toolTip()}
    assert "International Atomic Energy Agency" in tips
    assert f"Demand {s.state.demands[demand].number} (open)" in tips
    assert f"Commitment {s.state.commitments[aid].number} ({aid}): agreed 50 %" in tips
    qtbot.wait(100)
    view.grab().save(str(tmp_path / "graph.png"))  # to look at
