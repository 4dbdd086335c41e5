"""Names in results tables: the sides of a score line and the rows of a standings table.

Sports pages and wire round-ups print results as bare lines, one row each:

    Leeds 2 Chelsea 1                 (a score: name, goals, name, goals)
    NEW JERSEY 2 Calgary 1 ( OT )
    Grimsby 22 5 6 11 24 41 21        (a standings row: a name, then whole numbers)
    CHICAGO 17 1 .944 -

A name in such a row is a side: a club or a team, an organisation, even when it is the
name of a town ("Leeds", "CHICAGO"). Statistical models read it as the town, or lose its
edges among the numbers ("Chester 1 Boston"). A row is recognised by its shape alone; a
price table is not one, since its figures carry decimals ("Wheat 121 130 121.3").
"""

from __future__ import annotations

import re

from sitroom.entities.recognizers import Mention

_WORD = r"[A-ZÀ-ÞА-ЯЁІЇЄҐ][\w'’.&-]*"
_NAME = rf"{_WORD}(?: (?:{_WORD}|'s|’s|of|de|la|del))*"
_FIGURE = r"(?:\d+|\.\d+|-|\d+/\d+)"
_SCORE = re.compile(rf"(?P<a>{_NAME}) \d+ (?P<b>{_NAME}) \d+(?: \( ?[A-Za-z./ ]{{1,12}} ?\))?")
_STANDING = re.compile(rf"(?P<a>{_NAME})(?: {_FIGURE}){{3,}}")
ROWS = (_SCORE, _STANDING)
DETECTOR = "table-row"


def table_sides(text: str) -> list[Mention]:
    """The sides named in the text's score and standings rows, as organisations."""
    out: list[Mention] = []
    pos = 0
    for line in text.split("\n"):
        start = pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        row = line.strip()
        if not any(ch.isdigit() for ch in row):
            continue
        match = next((m for m in (p.fullmatch(row) for p in ROWS) if m), None)
        if match is None:
            continue
        for group in ("a", "b"):
            if match.groupdict().get(group):
                a, b = match.span(group)
                out.append(Mention(start + a, start + b, row[a:b], "organization", DETECTOR))
    return out
