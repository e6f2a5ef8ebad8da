"""Find the line of a key path in TOML text.

``tomllib`` reports positions only for syntax errors, so for every other fault we scan the
text once: table headers (``[scenario]``, ``[[teams]]``, ``[[rounds.phases]]``) give the
table each line belongs to, and ``key = value`` lines give the keys within it. Entries of
arrays of tables are counted, so ``("teams", 2, "color")`` finds the ``color`` line of the
third ``[[teams]]`` table. Lines inside multi-line strings and lists are skipped, so
their text never reads as a header or a key. This is a best effort: a key inside an
inline table or a list is found at the line of the key that holds it.
"""

from __future__ import annotations

import re

Part = str | int
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _split_dotted(name: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'""", name)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


_STRING_OR_COMMENT = re.compile(r'"(?:\\.|[^"\\])*"|\'[^\']*\'|#.*')


def _brackets(text: str) -> int:
    """How many more ``[`` than ``]`` a line opens, outside strings and comments."""
    bare = _STRING_OR_COMMENT.sub("", text)
    return bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")


class LineIndex:
    """Lines of tables and keys in one TOML text."""

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[Part, ...], int] = {}
        counters: dict[tuple[Part, ...], int] = {}
        context: tuple[Part, ...] = ()
        in_string: str | None = None
        depth = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string is not None:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if depth > 0:  # inside a value that spans lines: a multi-line list
                depth += _brackets(line)
                continue
            header = _HEADER.match(line)
            if header:
                is_array = header.group(1) == "[["
                context = self._resolve(_split_dotted(header.group(2)), is_array, counters)
                for end in range(1, len(context) + 1):
                    self._lines.setdefault(context[:end], number)
                continue
            key = _KEY.match(line)
            if key:
                parts = _split_dotted(key.group(1))
                for end in range(1, len(parts) + 1):
                    self._lines.setdefault(context + tuple(parts[:end]), number)
                depth = _brackets(line[key.end() :])
            for quote in ('"""', "'''"):
                if line.count(quote) % 2 == 1:
                    in_string = quote
                    depth = 0
                    break

    @staticmethod
    def _resolve(
        parts: list[str], is_array: bool, counters: dict[tuple[Part, ...], int]
    ) -> tuple[Part, ...]:
        resolved: list[Part] = []
        for i, part in enumerate(parts):
            resolved.append(part)
            prefix = tuple(resolved)
            last = i == len(parts) - 1
            if last and is_array:
                counters[prefix] = counters.get(prefix, -1) + 1
                resolved.append(counters[prefix])
            elif prefix in counters:
                resolved.append(counters[prefix])
        return tuple(resolved)

    def line_of(self, path: tuple[Part, ...]) -> int | None:
        """The line of the longest prefix of ``path`` that the text shows, if any."""
        for end in range(len(path), 0, -1):
            line = self._lines.get(path[:end])
            if line is not None:
                return line
        return None
