"""Start the Qt application: settings, the default scenario, the first window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_SCENARIO = Path(__file__).resolve().parent.parent / "scenarios" / "after-hanoi-2019.toml"


def run_app(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="parley", description="Open the Parley app.")
    parser.add_argument(
        "--scenario", type=Path, default=DEFAULT_SCENARIO, help="the scenario to show first"
    )
    args, qt_args = parser.parse_known_args(argv)

    from PySide6.QtWidgets import QApplication, QMessageBox

    from engine.scenario import ScenarioError, load_scenario
    from ui.scenario_view import ScenarioOverview

    app = QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("Parley")
    app.setApplicationName("Parley")
    try:
        scenario = load_scenario(args.scenario)
    except ScenarioError as error:
        QMessageBox.critical(None, "Parley: scenario refused", str(error))
        return 1
    window = ScenarioOverview(scenario)
    window.show()
    return app.exec()
