"""Run every reading verb on one save, in this process, and print what each did as JSON.

``python tests/save/damage_probe.py SAVE OUTDIR SCENARIO`` runs ``check``, ``export --format
json``, ``report -o OUTDIR/r.html`` and ``recover -o OUTDIR/recovered.parley`` through
``main.main`` (the command line, without a process each), then opens the save read-only
and then for writing; a recovered save is checked and exported too (a save whose
scenario text is damaged is recovered again with ``--scenario SCENARIO``). Whatever escapes a
verb is printed as a traceback into that verb's ``stderr``, so the fault-injection test
(``test_fault_injection.py``) sees it; the test runs this script in a subprocess with a
timeout, so a hang is seen too. The last line of stdout is a JSON object: per step its
exit code (or ``"raised"``) and stderr, and the events export read.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def _verb(args: list[str]) -> tuple[Any, str, str]:
    from main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: Any = main(args)
        except SystemExit as stop:  # argparse
            code = stop.code
        except BaseException:
            traceback.print_exc()
            code = "raised"
    return code, out.getvalue(), err.getvalue()


def _open(save: str, read_only: bool) -> tuple[Any, str, int]:
    from engine.cli.verbs import exit_code
    from engine.errors import ParleyError
    from engine.session.live import Session

    try:
        with Session.open(save, read_only=read_only) as session:
            return 0, "", session.last_seq
    except ParleyError as error:
        return exit_code(error), str(error), -1
    except BaseException:
        return "raised", traceback.format_exc(), -1


def main() -> None:
    save, outdir = sys.argv[1], Path(sys.argv[2])
    result: dict[str, Any] = {}
    code, _, err = _verb(["check", save])
    result["check"] = {"code": code, "stderr": err}
    code, out, err = _verb(["export", save, "--format", "json"])
    events = None
    if code == 0:
        events = json.loads(out)["events"]
    result["export"] = {"code": code, "stderr": err, "events": events}
    code, _, err = _verb(["report", save, "-o", str(outdir / "r.html")])
    result["report"] = {"code": code, "stderr": err}
    recovered = str(outdir / "recovered.parley")
    code, _, err = _verb(["recover", save, "-o", recovered])
    given = code == 3 and "--scenario" in err  # its scenario text is damaged: give it back
    if given:
        code, _, err = _verb(["recover", save, "-o", recovered, "--scenario", sys.argv[3]])
    result["recover"] = {"code": code, "stderr": err, "events": None, "check": None}
    result["recover"]["given"] = given
    if code == 0:
        result["recover"]["check"] = _verb(["check", recovered])[0]
        code, out, err = _verb(["export", recovered, "--format", "json"])
        result["recover"]["events"] = json.loads(out)["events"] if code == 0 else err
    code, err, last = _open(save, read_only=True)
    result["open_read_only"] = {"code": code, "stderr": err, "last_seq": last}
    code, err, last = _open(save, read_only=False)
    result["open_for_writing"] = {"code": code, "stderr": err, "last_seq": last}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
