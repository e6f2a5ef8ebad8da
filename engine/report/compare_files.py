"""The comparison of a class as data for research: one CSV file, or an analysis database.

``compare_rows(comparison)``: one flat row per group, the grid's measures (``MEASURES``)
then every indicator's final value (``final.<key>``). ``write_compare_csv`` writes them
(UTF-8, a header row); ``write_compare_db`` writes an SQLite database with sqlite-utils:
``groups`` (the same rows), ``group_indicators`` (each key indicator of each group at the
start and at the end of every round) and ``differences`` (where the structures differ
most). Both appear whole or not at all (``engine.session.output.output_file``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from engine.report.compare import Comparison
from engine.session.output import output_file


def compare_rows(comparison: Comparison) -> list[dict[str, Any]]:
    keys = comparison.indicator_keys
    rows = []
    for group in comparison.groups:
        row: dict[str, Any] = {"group": group.name, "save": str(group.save)}
        row.update({m.key: group.values[m.key] for m in comparison.measures})
        row["issues_agreed_ids"] = ";".join(sorted(group.issues))
        row.update({f"final.{key}": group.final.get(key) for key in keys})
        rows.append(row)
    return rows


def write_compare_csv(comparison: Comparison, out: Path, *, bom: bool = False) -> Path:
    rows = compare_rows(comparison)
    encoding = "utf-8-sig" if bom else "utf-8"
    with output_file(out) as partial, partial.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["group"])
        writer.writeheader()
        writer.writerows(rows)
    return out


def write_compare_db(comparison: Comparison, out: Path) -> Path:
    """The class's analysis database (a new file replacing ``out``)."""
    import sqlite_utils

    with output_file(out) as partial:
        partial.unlink()  # sqlite-utils makes the file itself
        db = sqlite_utils.Database(partial)
        try:
            db.table("groups").insert_all(compare_rows(comparison), pk="group")
            series = [
                {"group": g.name, "key": key, "name": comparison.scenario.value_name(key),
                 "round": r, "value": value}
                for g in comparison.groups
                for key, values in g.series.items()
                for r, value in enumerate(values)
            ]  # fmt: skip
            if series:
                db.table("group_indicators").insert_all(series)
            differences = [
                {"rank": i, "key": d.key, "label": d.label, "spread": d.spread,
                 "highest": ";".join(d.highest), "high": d.high,
                 "lowest": ";".join(d.lowest), "low": d.low, "words": d.words}
                for i, d in enumerate(comparison.differences, start=1)
            ]  # fmt: skip
            if differences:
                db.table("differences").insert_all(differences, pk="rank")
        finally:
            db.close()
    return out
