"""Export to JSON and CSV, import from JSON: export, import, export gives the same JSON."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SCENARIOS
from engine.errors import SaveError
from engine.scenario import load_scenario
from engine.session.exchange import EXPORT_FORMATS, import_json, register_export_format
from engine.session.simulate import simulate_session


@pytest.fixture(scope="module")
def save(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("x") / "x.parley"
    sc = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    simulate_session(sc, path, 3, seed=5).close()
    return path


def main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True
    )


def test_export_import_export_gives_the_same_json(save: Path, tmp_path: Path) -> None:
    first, second, copy = tmp_path / "1.json", tmp_path / "2.json", tmp_path / "copy.parley"
    assert main("export", str(save), "--format", "json", "-o", str(first)).returncode == 0
    assert main("import", str(first), "--save", str(copy)).returncode == 0
    assert main("export", str(copy), "--format", "json", "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text())
    assert doc["meta"]["scenario_id"] == "after_hanoi_2019"
    assert doc["scenario"].startswith("# After Hanoi")
    assert doc["events"][0]["kind"] == "SessionStarted" and doc["events"][0]["seq"] == 1
    assert main("check", str(copy)).returncode == 0


def test_an_import_is_the_same_log_byte_for_byte(save: Path, tmp_path: Path) -> None:
    """Payloads of later event versions (``"v": 2``) are written as the live writer
    writes them, so ``diff`` finds nothing between a save and the import of its export."""
    from engine.session.diff import diff_saves
    from engine.session.live import Session

    exported, copy = tmp_path / "x.json", tmp_path / "copy.parley"
    assert main("export", str(save), "--format", "json", "-o", str(exported)).returncode == 0
    assert '"v":2' in save.read_bytes().decode("utf-8", "replace")  # later versions are in it
    with import_json(exported, copy):
        pass
    with Session.open(save, read_only=True) as a, Session.open(copy, read_only=True) as b:
        assert a.log_hash() == b.log_hash()
    assert diff_saves(save, copy).identical


def test_json_goes_to_stdout_without_an_output(save: Path) -> None:
    done = main("export", str(save), "--format", "json")
    assert json.loads(done.stdout)["parley_export"] == 1


def test_csv_writes_one_file_per_table(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert main("export", str(save), "--format", "csv", "-o", str(out)).returncode == 0
    names = {p.name for p in out.iterdir()}
    tables = "events moves demands commitments agreements indicators indicator_changes injects"
    assert names >= {f"{table}.csv" for table in tables.split()}
    with (out / "moves.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert rows and {"id", "team", "tone", "outcome"} <= rows[0].keys()


def test_a_bad_import_is_refused_and_writes_no_save(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"parley_export": 1, "meta": {}, "scenario": "", "events": []}')
    with pytest.raises(SaveError):
        import_json(bad, tmp_path / "n.parley")
    bad.write_text("not json")
    with pytest.raises(SaveError, match="not a Parley JSON export"):
        import_json(bad, tmp_path / "n.parley")
    assert not (tmp_path / "n.parley").exists()


def test_other_modules_can_register_export_formats() -> None:
    register_export_format("demo_format", lambda session, out: out, "a test format")
    try:
        from engine.cli.verbs import build_parser

        help_text = build_parser()._subparsers._group_actions[0].choices["export"].format_help()  # type: ignore[union-attr]
        assert "demo_format" in help_text
    finally:
        del EXPORT_FORMATS["demo_format"]


def test_the_export_verb_writes_the_commitment_graph_in_every_graph_format(
    save: Path, tmp_path: Path
) -> None:
    import networkx as nx

    from engine.session.live import Session

    with Session.open(save, read_only=True) as session:
        commitments = set(session.state.commitments)
    out = tmp_path / "g.graphml"
    assert main("export", str(save), "--format", "graphml", "-o", str(out)).returncode == 0
    graph = nx.read_graphml(out)
    assert commitments and commitments <= set(graph.nodes)
    dot = main("export", str(save), "--format", "dot")
    assert dot.returncode == 0 and dot.stdout.startswith("digraph ")
    assert all(f'"{c}"' in dot.stdout for c in commitments)
    node_link = json.loads(main("export", str(save), "--format", "graph-json").stdout)
    assert commitments <= {node["id"] for node in node_link["nodes"]}


def test_csv_has_names_iso_times_and_true_false(save: Path, tmp_path: Path) -> None:
    from datetime import datetime

    out = tmp_path / "csv"
    assert main("export", str(save), "--format", "csv", "-o", str(out)).returncode == 0
    assert not (out / "demands.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with (out / "demands.csv").open(encoding="utf-8") as handle:
        demand = next(csv.DictReader(handle))
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    assert demand["from_team_name"] == {t.id: t.name for t in scenario.teams}[demand["from_team"]]
    assert demand["issue_name"] == {i.id: i.name for i in scenario.issues}[demand["issue"]]
    when = datetime.fromisoformat(demand["at_iso"])
    assert when.timestamp() == pytest.approx(float(demand["at_epoch"]), abs=1e-3)
    assert demand["surprise"] in ("true", "false")
    with (out / "events.csv").open(encoding="utf-8") as handle:
        events = list(csv.DictReader(handle))
    assert {e["voided"] for e in events} <= {"true", "false"}
    assert datetime.fromisoformat(events[0]["at_iso"]).tzinfo is not None


def test_csv_bom_starts_every_file_with_the_utf8_mark(save: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    assert main("export", str(save), "--format", "csv", "--bom", "-o", str(out)).returncode == 0
    files = list(out.glob("*.csv"))
    assert files and all(p.read_bytes().startswith(b"\xef\xbb\xbf") for p in files)
    refused = main("export", str(save), "--format", "json", "--bom")
    assert refused.returncode == 2 and "--bom is for csv" in refused.stderr
