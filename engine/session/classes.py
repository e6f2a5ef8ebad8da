"""A class of groups: one scenario played by several groups, one save each, in one folder.

The class folder holds the groups' saves and a small class file, ``class.toml``, that
lists them (its format is in ``docs/class-format.md``)::

    [class]
    format = 1
    title = "Period 3"
    scenario = "after_hanoi_2019"
    key_indicators = ["tension", "progress"]   # optional: what the overview shows

    [[groups]]
    name = "Table A"
    save = "table-a.parley"

``create_class`` makes the folder, one new save per group (each started from the same
scenario) and the class file; ``load_class`` reads a class file back, refusing a file
that breaks the format with a message naming the file, the key and what is wrong;
``group_name`` says what a save is called in its class (the file stem when no class file
names it); ``check_same_scenario`` refuses saves of different scenarios (same id and the
same text, by digest), naming them.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from engine.digest import blake2b
from engine.errors import ParleyError
from engine.scenario.model import Scenario
from engine.session.live import Session

CLASS_FILE = "class.toml"
FORMAT = 1
MAX_GROUPS = 50
_CLASS_KEYS = {"format", "title", "scenario", "key_indicators"}
_GROUP_KEYS = {"name", "save"}


class ClassError(ParleyError):
    """A class file or folder that cannot be read or made, said in words."""


@dataclass(frozen=True)
class Group:
    name: str
    save: Path  # absolute: the class folder joined with the file's relative name


@dataclass(frozen=True)
class ClassFile:
    path: Path  # the class file itself
    title: str
    scenario: str  # the scenario id
    groups: tuple[Group, ...]
    key_indicators: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return self.path.parent

    def name_of(self, save: Path) -> str | None:
        target = _same_file_key(save)
        for group in self.groups:
            if _same_file_key(group.save) == target:
                return group.name
        return None


def scenario_digest(scenario: Scenario) -> str:
    """A short digest of the scenario's text: two saves play one scenario when it agrees."""
    return blake2b(scenario.source.encode("utf-8"), digest_size=8).hexdigest()


# ---------------------------------------------------------------------- reading


def class_file_of(path: Path) -> Path:
    """The class file of ``path``: the file itself, or ``class.toml`` in a folder."""
    path = Path(path)
    return path / CLASS_FILE if path.is_dir() else path


def load_class(path: Path) -> ClassFile:
    """Read a class file (or the class file of a folder); a ``ClassError`` names each fault."""
    file = class_file_of(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClassError(f"{file}: no such class file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ClassError(f"{file}: cannot read it: {getattr(error, 'strerror', error)}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ClassError(f"{file}: not a valid TOML file: {error}") from None
    return _parse(file, data)


def _parse(file: Path, data: dict[str, object]) -> ClassFile:
    faults: list[str] = []
    head = data.get("class")
    if not isinstance(head, dict):
        raise ClassError(f"{file}: no [class] table")
    for key in sorted(set(data) - {"class", "groups"}):
        faults.append(f"{key}: unknown key (a class file has [class] and [[groups]])")
    for key in sorted(set(head) - _CLASS_KEYS):
        faults.append(f"class.{key}: unknown key (known: {', '.join(sorted(_CLASS_KEYS))})")
    if head.get("format") != FORMAT:
        faults.append(f"class.format: {head.get('format')!r}: only format {FORMAT} exists")
    title = head.get("title", "")
    if not isinstance(title, str):
        faults.append(f"class.title: {title!r} is not a text")
        title = ""
    scenario = head.get("scenario")
    if not isinstance(scenario, str) or not scenario:
        faults.append(f"class.scenario: {scenario!r}: give the scenario id")
        scenario = ""
    keys = head.get("key_indicators", [])
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        faults.append(f"class.key_indicators: {keys!r} is not a list of indicator keys")
        keys = []
    groups: list[Group] = []
    raw = data.get("groups", [])
    if not isinstance(raw, list) or not raw:
        faults.append("groups: a class lists at least one [[groups]] entry")
        raw = []
    seen_names: set[str] = set()
    seen_saves: set[str] = set()
    for index, entry in enumerate(raw, start=1):
        where = f"groups[{index}]"
        if not isinstance(entry, dict):
            faults.append(f"{where}: not a table")
            continue
        for key in sorted(set(entry) - _GROUP_KEYS):
            faults.append(f"{where}.{key}: unknown key (known: name, save)")
        name, save = entry.get("name"), entry.get("save")
        if not isinstance(name, str) or not name.strip():
            faults.append(f"{where}.name: {name!r}: give the group a name")
            continue
        if not isinstance(save, str) or not save.strip():
            faults.append(f"{where}.save: {save!r}: give the save's file name")
            continue
        if name in seen_names:
            faults.append(f"{where}.name: {name!r} names two groups")
        if save in seen_saves:
            faults.append(f"{where}.save: {save!r} is listed twice")
        seen_names.add(name)
        seen_saves.add(save)
        groups.append(Group(name, (file.parent / save).absolute()))
    if faults:
        raise ClassError("\n".join(f"{file}: {fault}" for fault in faults))
    return ClassFile(file, title, scenario, tuple(groups), tuple(keys))


def class_beside(save: Path) -> ClassFile | None:
    """The class whose file sits in ``save``'s folder and lists it; None if there is none."""
    file = Path(save).absolute().parent / CLASS_FILE
    if not file.is_file():
        return None
    try:
        found = load_class(file)
    except ClassError:
        return None  # a broken class file does not stop a save being compared by its stem
    return found if found.name_of(save) is not None else None


def group_name(save: Path) -> str:
    """What a save is called in a comparison: its class's name for it, else its file stem."""
    found = class_beside(save)
    named = found.name_of(save) if found else None
    return named or Path(save).stem


def _same_file_key(path: Path) -> str:
    return str(Path(path).absolute())


# ---------------------------------------------------------------------- checking


def check_same_scenario(sessions: Sequence[Session]) -> None:
    """Refuse sessions that do not all play one scenario (same id, same text)."""
    kinds: dict[tuple[str, str], list[str]] = {}
    for session in sessions:
        key = (session.scenario.id, scenario_digest(session.scenario))
        kinds.setdefault(key, []).append(session.path.name)
    if len(kinds) <= 1:
        return
    ids = {scenario_id for scenario_id, _ in kinds}
    parts = []
    for (scenario_id, digest), names in kinds.items():
        what = scenario_id if len(ids) == len(kinds) else f"{scenario_id} (text {digest})"
        parts.append(f"{', '.join(names)} {'plays' if len(names) == 1 else 'play'} {what}")
    why = "" if len(ids) == len(kinds) else " (the same id, but different texts)"
    raise ClassError(f"cannot compare saves of different scenarios{why}: " + "; ".join(parts))


# ---------------------------------------------------------------------- making


_UNSAFE = re.compile(r"[^\w. -]+")


def save_file_name(name: str) -> str:
    """A save's file name for a group's name: letters (any script), digits, dots and dashes."""
    stem = _UNSAFE.sub("-", name.strip()).strip(" .-").lower().replace(" ", "-") or "group"
    return f"{stem}.parley"


def default_group_names(count: int) -> list[str]:
    return [f"Group {chr(ord('A') + i)}" if i < 26 else f"Group {i + 1}" for i in range(count)]


def create_class(
    scenario: Scenario,
    folder: Path,
    names: Iterable[str],
    *,
    title: str = "",
    key_indicators: Iterable[str] = (),
) -> ClassFile:
    """Make the class folder: one new save per group, and the class file listing them.

    The folder may exist but holds no class file yet; no save is overwritten. A group's
    save is named from its name (``Table A`` -> ``table-a.parley``)."""
    folder = Path(folder)
    wanted = [n.strip() for n in names]
    _check_names(wanted)
    keys = tuple(key_indicators)
    known = scenario.indicator_keys()
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ClassError(f"no indicator {', '.join(map(repr, unknown))} in scenario {scenario.id}")
    file = folder / CLASS_FILE
    if file.exists():
        raise ClassError(f"{folder} already holds a class ({CLASS_FILE}); choose another folder")
    saves = _file_names(wanted)
    taken = [s for s in saves if (folder / s).exists()]
    if taken:
        raise ClassError(f"{folder} already holds {', '.join(taken)}; choose another folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ClassError(f"cannot make the class folder {folder}: {error.strerror}") from None
    made = ClassFile(
        file,
        title or folder.name,
        scenario.id,
        tuple(Group(n, (folder / s).absolute()) for n, s in zip(wanted, saves, strict=True)),
        keys,
    )
    for group in made.groups:
        Session.create(scenario, group.save).close()
    write_class_file(made)
    return made


def _check_names(names: list[str]) -> None:
    if not names:
        raise ClassError("a class needs at least one group")
    if len(names) > MAX_GROUPS:
        raise ClassError(f"a class has at most {MAX_GROUPS} groups, not {len(names)}")
    blank = [i for i, n in enumerate(names, start=1) if not n]
    if blank:
        raise ClassError(f"group {blank[0]} has no name")
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise ClassError(f"two groups are called {doubled[0]!r}; give each its own name")


def _file_names(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        candidate = save_file_name(name)
        stem = candidate.removesuffix(".parley")
        n = 2
        while candidate in out:
            candidate = f"{stem}-{n}.parley"
            n += 1
        out.append(candidate)
    return out


def _toml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def class_file_text(found: ClassFile) -> str:
    lines = [
        "# A class of groups playing one scenario (Parley; see docs/class-format.md).",
        "[class]",
        f"format = {FORMAT}",
        f"title = {_toml_text(found.title)}",
        f"scenario = {_toml_text(found.scenario)}",
    ]
    if found.key_indicators:
        keys = ", ".join(_toml_text(k) for k in found.key_indicators)
        lines.append(f"key_indicators = [{keys}]")
    for group in found.groups:
        try:
            relative = group.save.relative_to(found.folder.absolute()).as_posix()
        except ValueError:
            relative = str(group.save)
        lines += ["", "[[groups]]", f"name = {_toml_text(group.name)}",
                  f"save = {_toml_text(relative)}"]  # fmt: skip
    return "\n".join(lines) + "\n"


def write_class_file(found: ClassFile) -> None:
    """Write (or rewrite) the class file, whole or not at all."""
    from engine.session.output import output_file

    with output_file(found.path) as partial:
        partial.write_text(class_file_text(found), encoding="utf-8")
