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
_NAME = rf"{_WORD}(?: (?:{_WORD}|'s|’s|of|de|la|del|van|von|der|le))*"
# whose a side or an entrant is, in brackets after its name: "(Greece)", "( Porto )"
_QUALIFIER = r"\( ?(?P<q{}>[A-ZÀ-ÞА-ЯЁІЇЄҐ][^()\n]{{0,30}}?) ?\)"
_FIGURE = r"(?:\d+|\.\d+|-|\d+/\d+)"
_SCORE = re.compile(rf"(?P<a>{_NAME})(?: {_QUALIFIER.format('a')})? \d+ (?P<b>{_NAME})(?: {_QUALIFIER.format('b')})? \d+"
                    rf"(?: \( ?[A-Za-z./ ]{{1,12}}(?: [\d-]+)? ?\))?")
_STANDING = re.compile(rf"(?P<a>{_NAME})(?: {_QUALIFIER.format('a')})?(?: {_FIGURE}){{3,}}")
ROWS = (_SCORE, _STANDING)
DETECTOR = "table-row"
# a person in a list of results or a line-up: a name and whose they are, in a line with figures
# ("4. Jean-Luc Brassard ( Canada ) 24.40", "X ( Taiwan ) beat Y ( Indonesia ) 15-6 15-8",
# "Defenders - A ( Porto ) , B ( Sporting )")
_ENTRANT = re.compile(rf"(?<![\w'’.-])(?P<n>{_NAME}) {_QUALIFIER.format('')}")
ENTRANT = "table-entrant"
_PART = re.compile(r"[^,\s](?:[^,]*[^,\s])?")  # one comma-separated part of a qualifier, trimmed
# a side, its score and who scored, with the minutes: "Aston Villa 1 ( Townsend 34 )",
# "Bochum 2 ( Stickroth 30th pen , Wosz 89th )", "Kilmarnock 0 Dundee United 2 ( Olafsson 22 , 51 )"
_MINUTE = r"\d{1,3}(?:st|nd|rd|th|')?(?:\s+(?:pen|penalty|og))?"
_SCORER = rf"{_NAME}\s+{_MINUTE}(?:\s+,\s+{_MINUTE})*"
_SCORED = re.compile(rf"(?<![\w'’.-])(?P<side>{_NAME}) \d+ \(\s*(?P<list>{_SCORER}(?:\s+[,;]\s+{_SCORER})*)\s*\)")
_SCORER_ITEM = re.compile(rf"(?P<scorer>{_NAME})\s+{_MINUTE}(?:\s+,\s+{_MINUTE})*")
SCORER = "table-scorer"
# a results line is mostly names and figures; prose has its verbs and function words in lower case
PROSE_SHARE = 0.3


def table_sides(text: str) -> list[Mention]:
    """The sides named in the text's score and standings rows, as organisations."""
    out: list[Mention] = []
    for start, row in _lines(text):
        match = next((m for m in (p.fullmatch(row) for p in ROWS) if m), None)
        if match is None:
            continue
        for group in ("a", "b"):
            if match.groupdict().get(group):
                a, b = match.span(group)
                out.append(Mention(start + a, start + b, row[a:b], "organization", DETECTOR))
    return out


def _lines(text: str, figures: bool = True):
    """(offset of its first non-blank character, stripped line), for each line (with a digit
    when ``figures``)."""
    pos = 0
    for line in text.split("\n"):
        start = pos + len(line) - len(line.lstrip())
        pos += len(line) + 1
        row = line.strip()
        if row and (not figures or any(ch.isdigit() for ch in row)):
            yield start, row


def entrants(text: str) -> list[list[tuple[Mention, list[Mention]]]]:
    """For each results line that is not a team's row, its entrants: (the person, the parts of
    their bracketed qualifier: "Fiorentina , Italy" is two). Which qualifiers make a line a
    list of entrants (a country, a club's town), and what each part is, the caller decides:
    only the gazetteer knows places."""
    out: list[list[tuple[Mention, list[Mention]]]] = []
    for start, row in _lines(text, figures=False):
        if any(p.fullmatch(row) for p in ROWS):
            continue  # a team's score or standings row: its sides are clubs
        words = row.split()
        if sum(w[0].islower() for w in words) > PROSE_SHARE * len(words):
            continue
        line = []
        for match in _ENTRANT.finditer(row):
            a, b = match.span("n")
            offset = start + match.start("q")
            parts = [Mention(offset + part.start(), offset + part.end(), part.group(), "other", ENTRANT)
                     for part in _PART.finditer(match.group("q"))]
            line.append((Mention(start + a, start + b, row[a:b], "person", ENTRANT), parts))
        if line and (len(line) > 1 or any(ch.isdigit() for ch in row)):  # figures, or a list of names
            out.append(line)
    return out


def scorers(text: str) -> list[Mention]:
    """The sides (organisations) and scorers (people) of each "Side N ( Scorer minute , ... )"."""
    out: list[Mention] = []
    for match in _SCORED.finditer(text):
        a, b = match.span("side")
        out.append(Mention(a, b, text[a:b], "organization", SCORER))
        offset = match.start("list")
        for item in _SCORER_ITEM.finditer(match.group("list")):
            a, b = offset + item.start("scorer"), offset + item.end("scorer")
            out.append(Mention(a, b, text[a:b], "person", SCORER))
    return out
