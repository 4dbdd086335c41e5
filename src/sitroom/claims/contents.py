"""What a reporting verb says, over one parsed paragraph (English and French): its clausal
or infinitival complement with what the parser hangs beside it, its object (and what is said
of it: "described the talks as a farce"; a stance it names: "expressed concern over …"),
the object of its preposition ("called for a ceasefire"), a passive's subject, the clause a
post-posed or aside verb hangs from (with the rest of a sentence the tag interrupts), or what
follows a colon; with no speaker named, a passive's subject goes with what is said of it.
``depparse`` finds the cues and speakers and asks these rules for the content; the
dependency labels both read are here.
"""

from __future__ import annotations

import re

from sitroom.claims.cues import REPORTING
from sitroom.claims.model import Span
from sitroom.claims.phrases import until_aside
from sitroom.claims.piece import Piece
from sitroom.claims.quotes import MAX_QUOTE, OPEN_CLOSE, TWIN, find_quotes, is_speech

SUBJECTS = ("nsubj", "nsubjpass", "nsubj:pass", "csubj", "expl:subj")
CLAUSAL = ("ccomp",)
INFINITIVAL = ("xcomp",)
OBJECTS = ("dobj", "obj")
POSTPOSED = ("parataxis", "conj", "advcl", "ccomp", "dep", "ROOT")
SEPARATORS = {",", "—", "–", "-", "--", "”", "»", "\"", "“", ":", "(", "’", "'", "''", "``", "―"}
LEFT_OF_VERB = ("aux", "auxpass", "aux:tense", "aux:pass", "neg", "advmod",
                "expl:comp", "expl:pv")  # the reflexive clitic: "s'est dit", "s'est félicité"
# verbs whose object is who is spoken to, not what is said ("told reporters")
ADDRESSEE = {"tell", "inform", "notify", "ask", "urge", "warn", "remind", "assure", "order", "instruct",
             "caution", "prévenir", "avertir", "informer", "demander", "exhorter", "assurer"}
TIME_GLUE = {"on", "in", "at", "last", "this", "next", "early", "late", "earlier", "later", "the"}


def _form(verb) -> tuple:
    """A verb's inflection with its modal: ("VBD",), ("MD", "VB") for "would add"."""
    return tuple(c.tag_ for c in verb.children if c.tag_ == "MD" and c.i < verb.i) + (verb.tag_,)


class Contents(Piece):
    """The content rules; ``depparse._Rules`` adds cues and speakers."""

    def _prepositional_object(self, tok):
        """The object of the preposition a cue takes ("call for", "appeler à"), right after it."""
        preps = self.lex.cue_prepositions.get(tok.lemma_.lower())
        if not preps:
            return None
        # "called on Monday for a ceasefire", "called Friday for releasing": a time between
        # the verb and its preposition, which the parser may hang the preposition on
        gap = tok.i + 1
        while gap < len(self.doc) and gap < tok.i + 6 and self._time_word(self.doc[gap]):
            gap += 1
        timed = {t.i for c in tok.children if c.i > tok.i and self._time_word(c) for t in c.subtree}
        for c in list(tok.children) + [t for t in self.doc[tok.i + 1:gap + 1] if t.head.i in timed]:
            if c.i > tok.i and c.lower_ in preps and c.dep_ in ("prep", "case", "mark", "dative"):
                # who is accused, blamed or described comes between: "accused the GOP of …"
                after_object = max((t.i + 1 for o in tok.children if o.dep_ in OBJECTS and tok.i < o.i < c.i
                                    for t in o.subtree), default=0)
                if c.i > max(tok.i + 2, gap, after_object):
                    return None
                return next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if c.i > tok.i and c.dep_ in ("obl", "obl:arg", "obl:mod", "xcomp", "advcl") and \
                    any(g.lower_ in preps and g.dep_ in ("case", "mark") for g in c.children):
                return c  # French hangs the noun on the verb and the preposition on the noun
            if c.i > tok.i and c.dep_ in OBJECTS and any(
                    g.dep_ in ("acl", "xcomp") and any(m.lower_ in preps and m.dep_ in ("mark", "case") for m in g.children)
                    for g in c.children):
                return c  # "a appelé les alliés à livrer des armes": the call hangs on who is called
        return None

    def _time_word(self, tok) -> bool:
        """A word of a time phrase after a verb: "on Monday", "Friday", "last week"."""
        return tok.lemma_.lower() in self.lex.time_nouns or tok.like_num \
            or (tok.lower_ in TIME_GLUE and any(t.lemma_.lower() in self.lex.time_nouns
                                                for t in [tok.head, *tok.children]))

    @staticmethod
    def _participle(tok) -> bool:
        """A present participle set off by a comma: "…, adding that …", "…, soulignant que …"."""
        if tok.tag_ == "VBG":
            return True
        return "Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense")

    def _as_clause(self, tok) -> bool:
        """The verb heads a clause opened by ``as_clause`` ("as", "comme") that names its
        speaker and says nothing of its own, but for a pronoun ("as he put it", "comme l'a
        dit le ministre"), hung on the clause of what was said."""
        if tok.dep_ != "advcl" or self.lex.as_clause is None:
            return False
        if not any(c.dep_ == "mark" and self.lex.as_clause.fullmatch(c.text) for c in tok.children if c.i < tok.i):
            return False
        if not any(c.dep_ in SUBJECTS for c in tok.children):
            return False  # "as expected", "as announced": no one speaks
        first = tok.left_edge.i
        if first > tok.sent.start and self.doc[first - 1].text not in SEPARATORS:
            return False  # not set off: "… as she called for …" tells when
        after = max(t.i for t in tok.subtree if not t.is_punct) + 1
        if after < len(self.doc) and not self.doc[after].is_punct:
            return False  # not closed off either: "As he welcomed | several guests, …" misparsed
        if self._prepositional_object(tok) is not None:
            return False  # "as Clinton talked about …": says something of its own
        return all(c.pos_ == "PRON" for c in tok.children
                   if c.dep_ in OBJECTS + CLAUSAL + INFINITIVAL and tok.lemma_.lower() not in ADDRESSEE)

    def _clause_start(self, tok) -> int:
        """The first token of the verb with its auxiliaries, adverbs and negation."""
        return min([tok.i] + [c.i for c in tok.children if c.i < tok.i and c.dep_ in LEFT_OF_VERB + ("aux:neg",)])

    @staticmethod
    def _misplaced_that_clause(tok):
        """A "that" clause the parser hangs on the noun of a phrase after the verb, as if
        it were a relative clause: "reported at the time that the editor had …", "yelled to
        the officers that her husband was unarmed", "told a meeting of port officials that
        …" (after a verb whose object is who is told). It is the verb's complement when
        "that" is neither its subject nor its object and the clause has a subject of its own."""
        hosts = ("prep",) + (OBJECTS + ("dative",) if tok.lemma_.lower() in ADDRESSEE else ())
        for prep in (c for c in tok.children if c.dep_ in hosts and c.i > tok.i):
            for r in prep.subtree:
                first = r.left_edge
                if r.dep_ == "relcl" and first.lower_ == "that" and first.dep_ in ("mark", "advmod") \
                        and any(g.dep_ in SUBJECTS and g.i > first.i for g in r.children):
                    return r
        return None

    def _content_tokens(self, tok, cls, comp, incise, parenthetical) -> tuple[list | None, str]:
        """The tokens of what was said, and how they were found (None when the parse
        gives no content; the caller then looks for an adjacent quote or a colon)."""
        if incise is not None:
            # "…, a rapporté l'agence Tass.": the speaker follows the verb, what it said is
            # the clause the verb hangs from
            return [t for t in tok.sent if t.i < self._clause_start(tok)], "dep-postposed"
        if comp is None and self._as_clause(tok):
            # "As the governor said, the bridge is gone", "…, as a ministry memo put it":
            # what was said is the clause the "as" clause hangs on
            rest = [t for t in self._subtree(tok.head, tok) if not t.is_punct or t.text in "”»\"'’"]
            first = tok.left_edge.i
            if all(t.i > first or t.dep_ in ("cc", "advmod", "mark") and t.pos_ in ("CCONJ", "ADV", "SCONJ")
                   for t in rest):
                rest = [t for t in rest if t.i > first]  # "Yet, as the analyst observed, …", "If, as …"
            return rest or None, "dep-as"
        if comp is not None:
            return self._complement_tokens(tok, comp), "dep"
        pobj = self._prepositional_object(tok)
        if pobj is not None:
            # "called for a ceasefire", "a appelé à un cessez-le-feu": what is asked for
            preps = self.lex.cue_prepositions[tok.lemma_.lower()]
            # who is called on comes along: "a appelé les alliés à livrer des armes"
            objs = [t for c in tok.children if c.dep_ in OBJECTS and tok.i < c.i < pobj.i and not self._time_word(c)
                    for t in self._subtree(c)]
            return self._with_complement(tok, objs + [t for t in self._subtree(pobj) if not (
                t.lower_ in preps and t.head.i == pobj.i and t.i == tok.i + 1)]), "dep-prep"
        if tok.lemma_.lower() not in ADDRESSEE and cls != "act":
            # "denied the report", "called the plan a disaster", "criticized the decision"
            objs = [c for c in tok.children if c.i > tok.i and c.dep_ in OBJECTS + ("oprd", "dative", "obl:arg")]
            about = self._stance_object(tok, objs)
            if about is not None:
                return about, "dep-object"
            if objs:
                toks = until_aside([t for o in objs for t in self._subtree(o)])
                if len(toks) == sum(1 for o in objs for _ in o.subtree):
                    toks = self._with_complement(tok, toks)
                return toks, "dep-object"
        if self._passive(tok) and self._agent(tok) is not None:
            # "the strike was confirmed by the governor": what is confirmed is the subject
            subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
            if subj is not None:
                return self._subtree(subj), "dep-passive"
        if parenthetical and tok.head.i < tok.i and tok.dep_ in POSTPOSED:
            return [t for t in self._subtree(tok.head, tok) if t.i < tok.i], "dep-postposed"
        if parenthetical and tok.head.i > tok.i and tok.dep_ == "parataxis":
            return self._subtree(tok.head, tok), "dep-aside"  # the sentence around the aside
        return None, "dep"

    def _stance_object(self, tok, objs: list) -> list | None:
        """"expressed deep concern about the strikes", "voiced support for the plan", "a
        exprimé son inquiétude face aux incursions": the object names the stance
        (``stance_nouns``), so what was said is what the stance is about, the phrase its
        preposition (``stance_prepositions``) opens right after the noun, hung on the noun or
        on the verb; or its "that" clause. The cue runs on to the preposition (``_cue_span``)."""
        if len(objs) != 1 or objs[0].lemma_.lower() not in self.lex.stance_nouns:
            return None
        noun = objs[0]
        about = next((c for c in list(noun.children) + list(tok.children)
                      if c.dep_ in ("prep", "nmod", "obl", "obl:mod") and c.left_edge.i == noun.i + 1
                      and c.left_edge.lower_ in self.lex.stance_prepositions), None)
        if about is not None:
            toks = sorted(self._subtree(about), key=lambda t: t.i)
            # without the preposition, and a French "au" / "aux" the parser takes for a determiner
            while toks and (toks[0].dep_ in ("prep", "case", "fixed") or toks[0].lower_ in self.lex.stance_prepositions):
                toks = toks[1:]
            return toks or None
        clause = next((c for c in noun.children if c.i > noun.i and c.dep_ in ("acl", "ccomp")
                       and any(g.dep_ == "mark" for g in c.children)), None)
        return self._subtree(clause) if clause is not None else None

    def _addressee_prepositions(self, tok, comp) -> list:
        """"on" in "called on the allies to send …" (``addressee_prepositions``)."""
        preps = self.lex.addressee_prepositions.get(tok.lemma_.lower(), ())
        return [c for c in tok.children if c.dep_ == "prep" and tok.i < c.i < comp.i and c.lower_ in preps]

    def _with_complement(self, tok, toks: list) -> list:
        """``toks`` (what was said of an object) with the preposition right after them that
        finishes it: "described the talks as a farce", "blamed Kyiv for the strike",
        "referred to the deal as a surrender" (``object_complements``)."""
        if not toks:
            return toks
        nxt = max(t.i for t in toks) + 1
        # (English hangs the preposition on the verb, UD the noun with the preposition as its "case")
        comp = next((c for c in tok.children if c.left_edge.i == nxt and c.dep_ in ("prep", "obl", "obl:mod", "advcl")
                     and c.left_edge.lower_ in self.lex.object_complements), None)
        return toks + self._subtree(comp) if comp is not None else toks

    def _complement_tokens(self, tok, comp) -> list:
        """The clausal (or infinitival) complement of a reporting verb, with what the
        parser hangs beside it."""
        # "… that A, adding that B": B is the participle's own claim, not part of A
        tail = [t for t in comp.subtree if t.i > comp.i and t.i > 0 and self.doc[t.i - 1].text in SEPARATORS
                and self._participle(t) and self.lex.verb_class(t.lemma_)]
        # "said the supply would be restored, and thanked the crews": a verb the parser
        # coordinates with the complement, in the cue's form and not the complement's, with
        # no subject of its own, is the speaker's next act; so is a reporting verb ("…
        # promised to help and said she would …")
        # "told students this weekend he would …": a time the parser hangs on the complement,
        # before anything of it, is when it was said
        when = [c for c in comp.children if c.dep_ in ("npadvmod", "obl:tmod", "nmod:tmod") and tok.i < c.i
                and c.lemma_.lower() in self.lex.time_nouns and min(t.i for t in c.subtree) == min(t.i for t in comp.subtree)]
        tail += when
        # "expect A to happen, although B …": a concession after a comma is the writer's aside
        tail += [c for t in comp.subtree for c in t.children if c.dep_ == "advcl" and c.i > comp.i
                 and c.left_edge.lower_ in self.lex.concessions and c.left_edge.i > 0
                 and self.doc[c.left_edge.i - 1].text in (",", ";", "—", "–")]
        acts = [c for c in comp.children if c.dep_ == "conj" and c.i > comp.i and c.pos_ in ("VERB", "AUX")
                and not any(g.dep_ in SUBJECTS for g in c.children)
                and (_form(c) == _form(tok) != _form(comp) or self.lex.verb_class(c.lemma_) in REPORTING)]
        joints = [c for c in comp.children for a in acts if c.dep_ in ("cc", "punct") and a.i - 2 <= c.i < a.i]
        toks = [t for t in self._subtree(comp, *tail, *acts) if t not in joints]
        if comp.dep_ in INFINITIVAL:  # "urged his supporters to vote": who is urged is part of it
            toks = [t for c in tok.children if c.dep_ in OBJECTS and tok.i < c.i < comp.i
                    for t in self._subtree(c)] + toks
            # "called on the allies to send …": so is who is called on (the preposition goes to the cue)
            toks = [t for p in self._addressee_prepositions(tok, comp) for t in self._subtree(p) if t.i != p.i] + toks
        # "a affirmé que A, B et que C": the later clauses hang from the verb too, up to
        # the last one a complementizer opens ("…, and a big reason was …" is the writer's)
        clauses = [sib for sib in tok.children if sib.i > comp.i and sib.dep_ == "conj"
                   and not self.lex.verb_class(sib.lemma_) and any(c.dep_ in SUBJECTS for c in sib.children)]
        marked = [k for k, sib in enumerate(clauses)  # itself or a clause coordinated with it
                  if any(t.dep_ == "mark" and t.lower_ in self.lex.complementizers
                         and (t.head.i == sib.i or t.head.dep_ == "conj") for t in sib.subtree)]
        for sib in clauses[:marked[-1] + 1] if marked else ():
            toks += self._subtree(sib)
        # "wants to triple the program, grow the Peace Corps …", "says it would cut taxes,
        # but would add …": a verb the parser coordinates with the cue, without a subject
        # of its own and in a form the cue does not have, goes on with what was said ("said
        # A and called it B": the same form, the speaker's next act)
        for sib in tok.children:
            if sib.i > comp.i and sib.dep_ == "conj" and sib.pos_ in ("VERB", "AUX") \
                    and not self.lex.verb_class(sib.lemma_) and not any(c.dep_ in SUBJECTS for c in sib.children) \
                    and _form(sib) != _form(tok):
                toks += self._subtree(sib)
        for sib in tok.children:  # a second complement the parser hangs on the verb itself
            if sib.i > comp.i and sib.dep_ in CLAUSAL and not self.lex.verb_class(sib.lemma_):
                toks += self._subtree(sib)
        # what was said lies on one side of the verb: a misparse never pulls the speaker in
        return [t for t in toks if (t.i < tok.i) == (comp.i < tok.i)]

    def _with_passive_subject(self, tok, content: Span, line) -> Span:
        """"Peacekeepers were accused of abusing civilians", "the town is said to be
        surrounded": with no one named as the speaker, what is said is of the passive's
        subject, so the content runs from the subject through what follows the verb."""
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS and c.i < tok.i), None)
        if subj is None or content.start < self.off + tok.idx:
            return content
        start = self.off + min(t.idx for t in subj.subtree)
        if start < line[0]:
            return content
        return self._trimmed(start, content.end) or content

    def _past_the_tag(self, tok, content: Span, cue: Span, source: Span | None, line) -> Span:
        """"The bridge held, the governor said, until the second strike": a tag set in
        the middle of what was said leaves the rest of the sentence to the statement, unless
        that rest is the speaker's next act ("…, adding that …"), another report, a relative
        clause, an "according to" or the writer's own circumstance (``narrative_openers``:
        "…, the governor said, as the shelling went on"). Quotes are left to the quote rules."""
        tag_end = max(cue.end, source.end if source is not None else 0)
        # with what the tag says of the saying: "said in a statement", "said on Monday"
        said = {t.i for c in tok.children if c.i > tok.i and c.dep_ in ("prep", "npadvmod", "advmod", "obl", "obl:tmod")
                for t in c.subtree}
        after = [t for t in tok.sent if self.off + t.idx >= tag_end and not t.is_space]
        while after and after[0].i in said:
            after = after[1:]
        if len(after) < 3 or after[0].text != "," or self.off + tok.sent.end_char > line[1] \
                or any(q.start <= content.start < q.end for q in self.quotes) \
                or self.text[max(0, content.start - 1):content.start + 1].strip()[:1] in OPEN_CLOSE \
                or self.text.startswith(TWIN, max(0, content.start - 2)):
            return content  # (a quote before the tag: the quote rules join what follows)
        rest = after[1:]
        if self._participle(rest[0]) or rest[0].lower_ in self.lex.narrative_openers or rest[0].tag_ in ("WDT", "WP") \
                or self.lex.according.match(self.text, self.off + rest[0].idx) \
                or any(self.lex.verb_class(t.lemma_) in REPORTING and t.pos_ == "VERB" for t in rest):
            return content
        return self._trimmed(content.start, self.off + rest[-1].idx + len(rest[-1].text)) or content

    @staticmethod
    def _is_clause(tok) -> bool:
        return any(c.dep_ in SUBJECTS for c in tok.children)

    @staticmethod
    def _agent(tok):
        """The noun of a passive verb's "by" phrase ("was written by Springsteen")."""
        for c in tok.children:
            if c.dep_ in ("agent", "obl:agent"):
                if c.pos_ in ("NOUN", "PROPN", "PRON"):
                    return c
                return next((g for g in c.children if g.dep_ in ("pobj", "obj")), None)
        return None

    @staticmethod
    def _passive(tok) -> bool:
        return any(c.dep_ in ("auxpass", "aux:pass", "nsubjpass", "nsubj:pass") for c in tok.children)

    def _after_colon(self, tok, line) -> Span | None:
        right = max(t.i for t in tok.subtree)
        nxt = tok.i + 1
        while nxt < len(self.doc) and nxt <= right + 1:
            t = self.doc[nxt]
            if t.text == ":":
                start = self.off + t.idx + 1
                s, e = start, line[1]
                while s < e and self.text[s].isspace():
                    s += 1
                if e - s > 3 and not self.text.startswith(tuple(OPEN_CLOSE) + (TWIN,), s):
                    # no quote opens after the colon: what is said ends with the sentence ("ce
                    # qu'il réclame : des garanties …. Demande réitérée …" is one demand, not the paragraph)
                    last = tok.sent[-1]
                    e = min(e, max(s + 1, self.off + last.idx + len(last)))
                if e - s > 3:
                    return Span.of(self.text, s, e)
                return self._quote_in_next_paragraph(e)
            if t.text in (".", ";") or t.is_space:
                return None
            nxt += 1
        return None

    def _quote_in_next_paragraph(self, end: int) -> Span | None:
        """The quote opening the paragraph after ``end``: "Peskov said: ¶ “…”". A paragraph
        without a mark is not taken: where a page embedded the statement (a post, a video),
        text extraction leaves "Peskov said:" before the next paragraph of the story."""
        m = re.compile(r"\s*").match(self.text, end).end()
        window = self.text[m:m + MAX_QUOTE]
        first = next(iter(find_quotes(window)), None)
        if first is None or first.start != 0 or not is_speech(window, first):
            return None
        return Span.of(self.text, m, m + first.end)
