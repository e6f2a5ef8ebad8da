"""The board shows the indicators the projector shows: none that Control keeps off the
projector, and the private ones only once Control has revealed everything."""

from __future__ import annotations

from pathlib import Path

from devices.views import indicators_html
from engine.domain.visibility import PUBLIC
from engine.scenario import parse_scenario
from engine.session.live import Session


def test_the_board_hides_what_control_keeps_off_the_projector(
    tmp_path: Path, minimal_text: str
) -> None:
    text = minimal_text.replace(
        'initial = 60\nscope = "team"', 'initial = 60\nscope = "team"\npublic = false'
    )
    with Session.create(parse_scenario(text, "b.toml"), tmp_path / "b.parley") as s:
        s.start_round()
        tension = s.scenario.indicator("tension").name
        support = s.scenario.indicator("support").name
        shown = indicators_html(s, viewer=PUBLIC)
        assert tension in shown and support not in shown
        s.show_indicator_to_room(indicator="tension", shown=False)
        assert tension not in indicators_html(s, viewer=PUBLIC)
        assert tension in indicators_html(s, viewer="north"), "a team's page keeps it"
        s.show_indicator_to_room(indicator="tension", shown=True)
        s.reveal_everything()
        assert support in indicators_html(s, viewer=PUBLIC)
