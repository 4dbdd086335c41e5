"""Where a phrase of a dependency parse begins and ends, for the attribution rules
(``depparse``): a speaker without the dateline or the aside the parser hung on it, an
object up to the aside after it, a source phrase up to its first comma, the clause a word
belongs to."""

from __future__ import annotations

from sitroom.claims.model import Span


# lone pronouns that name no one, whatever morphology the parser gives them ("Ce montre …", "Tout indique …")
NO_ONE = frozenset({"ce", "cela", "ceci", "ça", "tout"})


def not_a_speaker(subj) -> bool:
    """A lone demonstrative or interrogative pronoun: "This shows …", "Cela montre …"."""
    if sum(1 for _ in subj.subtree) != 1:
        return False
    # ("Let's hope …": "'s" is "us", the writer and the reader)
    return bool({"Dem", "Int"} & set(subj.morph.get("PronType"))) or subj.lower_ in NO_ONE or subj.lower_ in ("'s", "’s")


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def contiguous(tokens: list, first: int) -> list:
    out, expect = [], first
    for t in sorted(tokens, key=lambda t: t.i):
        if t.i != expect:
            break
        out.append(t)
        expect += 1
    return out


def until_aside(tokens: list) -> list:
    """An object ends where a comma opens an aside: a participle, a relative clause or an
    apposition ("denied the report, saying …", "the plan, which …", "this operation, an
    official said …"); a list goes on ("Obama, Clinton and Ryan"), and so does a participle
    that works as a preposition ("the polls, including …")."""
    out = []
    for k, t in enumerate(tokens):
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if t.text == "," and out and nxt is not None and not (nxt.tag_ in ("VBG", "VBN") and nxt.dep_ == "prep") and (
                nxt.tag_ in ("VBG", "VBN", "WDT", "WP") or nxt.lower_ in ("qui", "dont")
                or not any(x.dep_ == "cc" for x in tokens[k + 1:])):  # no "and" ahead: an apposition
            break
        out.append(t)
    return out


DASHES = {"--", "—", "–", "-", "―"}


def free_dash(t) -> bool:
    """A dash standing between spaces ("KYIV -- …"), not one inside a name ("Holtz-Eakin")."""
    return t.text in DASHES and bool(t.whitespace_) and t.i > 0 and bool(t.doc[t.i - 1].whitespace_)


def speaker_words(tokens: list, head) -> list:
    """The speaker's own words in the subject's subtree: without a dateline the parser
    took in ("WASHINGTON -- President Obama", a dash standing free, not "Holtz-Eakin") or
    a participle set off by a comma ("Trump, speaking to veterans, said", "Peskov, asked
    about the strike, said") or a relative clause that reports something itself ("said Taras
    Melnyk, who stressed that …"). Appositions and other relative clauses stay: "Nick
    Witney, a fellow at the ECFR", "Olena Hrytsenko, who served …"."""
    doc = head.doc
    drop: set[int] = set()
    dash = [t.i for t in tokens if free_dash(t)]
    before = [i for i in dash if i < head.i]
    if before:
        drop.update(t.i for t in tokens if t.i <= max(before))
    elif dash:
        # the parser made the dateline the subject and the speaker its apposition
        app = next((c for c in head.children if c.dep_ == "appos" and c.i > dash[0]), None)
        right = max((c.right_edge.i for c in head.children if c.dep_ == "appos" and c.i > dash[0]), default=-1)
        closed = right + 1 < len(doc) and free_dash(doc[right + 1])
        if app is not None and not closed:  # ("Olena Kall -- co-editor of … -- said": an aside)
            inside = {t.i for t in app.subtree}
            return [t for t in tokens if t.i in inside]
    for c in head.children:
        first = min(t.i for t in c.subtree)
        if c.dep_ in ("acl", "advcl") and c.tag_ in ("VBG", "VBN") and c.i > head.i and first > 0 \
                and doc[first - 1].text == ",":
            drop.update(t.i for t in c.subtree)
    inside = {t.i for t in tokens}
    for t in tokens:
        # "said Taras Melnyk, who stressed that …": a relative clause that reports something
        # itself is a statement of its own, not who spoke ("Olena Hrytsenko, who served as …" stays)
        first = min(x.i for x in t.subtree)
        if t.dep_ in ("relcl", "acl:relcl") and t.i > head.i and first > 0 and doc[first - 1].text == "," \
                and ("Rel" in doc[first].morph.get("PronType") or doc[first].tag_ in ("WP", "WDT", "WP$")) \
                and any(c.dep_ == "ccomp" for c in t.children):
            drop.update(x.i for x in t.subtree if x.i in inside)
            drop.add(first - 1)
    if not drop or head.i in drop:
        return tokens
    lo = max((i for i in drop if i < head.i), default=-1)
    hi = min((i for i in drop if i > head.i), default=len(doc))
    return [t for t in tokens if lo < t.i < hi]  # the words around the head, up to what was cut


def until_comma(tokens: list) -> list:
    """A source phrase ends at the first comma unless what follows is an apposition of a
    name ("a Russian source, cited by ..." stops; the rest is not the source)."""
    out = []
    for t in tokens:
        if t.text == "," and out:
            break
        out.append(t)
    return out


def clause_head(tok):
    seen = 0
    while tok is not None and seen < 8:
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
        seen += 1
    return tok
