"""The scenarios shipped with Parley, as package data: they install with the app.

A bundled scenario has a name, its file's stem (``after-hanoi-2019``); wherever a
command takes a scenario it takes that name as well as the path of a file
(``resolve_scenario``). The files sit beside this module, so an installed Parley
(``pip install .``, ``pipx install .``) finds them wherever it is started from.
"""

from __future__ import annotations

from pathlib import Path

from engine.errors import ParleyError

FOLDER = Path(__file__).resolve().parent
DEFAULT_NAME = "after-hanoi-2019"
DEFAULT_SCENARIO = FOLDER / f"{DEFAULT_NAME}.toml"


class UnknownScenarioError(ParleyError):
    """Neither a scenario file nor the name of a bundled scenario."""


def bundled_scenarios() -> list[Path]:
    """The bundled scenario files, the default first, then by name."""
    files = sorted(FOLDER.glob("*.toml"))
    return sorted(files, key=lambda path: path.stem != DEFAULT_NAME)


def bundled_names() -> list[str]:
    return [path.stem for path in bundled_scenarios()]


def resolve_scenario(text: str | Path) -> Path:
    """The file ``text`` names: an existing path as given, else a bundled scenario by name
    (``after-hanoi-2019``, with or without ``.toml``; its id ``after_hanoi_2019`` too)."""
    path = Path(text)
    if path.exists():
        return path
    name = path.name.removesuffix(".toml").replace("_", "-")
    if path.parent == Path(".") and (FOLDER / f"{name}.toml").is_file():
        return FOLDER / f"{name}.toml"
    raise UnknownScenarioError(
        f"no scenario file {str(text)!r} and no bundled scenario of that name; "
        f"bundled: {', '.join(bundled_names())} (see: parley scenarios)"
    )


def scenario_argument(text: str) -> Path:
    """``--scenario``'s argument type: a file, or a bundled scenario by name. A bare word
    that names neither is refused (argparse shows the message, with the bundled names); a
    path (``a/b.toml``) goes on to the loader, which reports a missing or broken file as
    a fault like any other."""
    import argparse

    try:
        return resolve_scenario(text)
    except UnknownScenarioError as error:
        if Path(text).parent != Path("."):
            return Path(text)
        raise argparse.ArgumentTypeError(str(error)) from None
