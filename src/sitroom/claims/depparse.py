"""Attribution rules over spaCy dependency parses (English and French).

For a reporting verb of the lexicon (by lemma):
- content: its clausal complement (``ccomp``; ``xcomp`` for "claims to have taken"), for
  deny/confirm verbs its object ("denied the report"), for a cue with a preposition of the
  lexicon what follows it ("called for a ceasefire", "a appelé à un cessez-le-feu"); or,
  when the verb is a post-posed
  parenthetical ("…,” said X", "…, a déclaré Trump", "…, estime l'expert"), the clause it
  hangs from; or, for an aside inside a sentence ("Acts of protest, he said, are …"), that
  sentence; or the quote right before its speaker or right after it, when the parser cut
  the quote off into a sentence of its own ("“… country?” Clinton said."); or what follows
  a colon after it;
- source: its subject, the inverted subject or object after it (French), the subject of
  the verb it is coordinated with ("… and added that …"), or the noun a relative pronoun
  stands for ("Zelensky, who said …"), or the subject of the verb a preposition ties it to
  ("responded by saying that …"); for a present participle after a comma ("…,
  adding that …", "…, soulignant que …"), the subject of the reporting verb it follows;
  for a verb set off by a comma with a noun phrase after it that closes the sentence
  ("…, a rapporté l'agence Tass.", "…, notes Jean Dupont, historian."), that noun phrase,
  even when the parser took it for an object or a second subject.
How the content is found is in ``contents``; "According to X" / "selon X" / "d'après X" and
reporting nouns ("Moscow's claim that …") are in ``nominal``; what all of them read of a
paragraph's parse is in ``piece``.

Where the language has a cue model (``confidence``: English), every candidate outside quoted
speech is scored and kept only above the model's threshold, and two more kinds are proposed:
verbs outside the lexicon that take a finite clause ("ruled that …") and nouns with an owner
and a clause ("Moscow's claim that …").

Spans never leave the paragraph of their cue (a line, or lines cut mid-sentence); quotes
that run on are joined later.
"""

from __future__ import annotations

from sitroom.claims.confidence import CueModel, features
from sitroom.claims.contents import (ADDRESSEE, CLAUSAL, INFINITIVAL, LEFT_OF_VERB, OBJECTS, POSTPOSED, SEPARATORS,
                                     SUBJECTS, Contents)
from sitroom.claims.cues import REPORTING, CueLexicon, repair_lemmas
from sitroom.claims.grammar import past_tense, plural_speaker
from sitroom.claims.model import Attribution, Span
from sitroom.claims.nominal import NominalRules
from sitroom.claims.phrases import free_dash, not_a_speaker, overlaps, speaker_words
from sitroom.claims.quotes import QUOTE_GAP, Quote, find_quotes, is_speech, last_mark
from sitroom.claims.sentences import paragraphs
from sitroom.entities.recognizers import MODELS

INVERTED_NAME = ("xcomp", "attr", "appos", "npadvmod", "dep", "obl:arg")  # how a parser may hang "…, a déclaré Gerasimov"
INHERIT = ("conj", "xcomp", "advcl")
FOCUS = {"even", "only", "also", "just", "both", "especially", "particularly", "notably"}
COPULAS = {"be", "remain", "seem", "appear", "become", "sound", "stay"}  # "is / remains confident that …"


def parse_attributions(texts: list[str], lang: str, lex: CueLexicon, model: CueModel | None = None,
                       batch_size: int = 16) -> list[list[Attribution]]:
    """Attributions per text. With a ``model`` (``confidence``), verbs outside the lexicon
    that take a clause and nouns with an owner and a clause are candidates too, each
    candidate carries its features and ``confidence``, and those the model does not keep
    are dropped (see ``doc_attributions``)."""
    nlp = MODELS.spacy(lang)
    pieces = [(i, off, piece) for i, text in enumerate(texts) for off, piece in paragraphs(text)]
    disable = [n for n in nlp.pipe_names if n == "ner"]
    out: list[list[Attribution]] = [[] for _ in texts]
    quotes: dict[int, list[Quote]] = {}  # per text, found once however many pieces it has
    # the parser reads a curly apostrophe worse than a straight one (in "the city police’s
    # earlier claim that …" it took "’s" for a verb); same length, so offsets stay the text's own
    parsed = (p.replace("’", "'") if lang == "en" else p for _, _, p in pieces)
    for (i, off, _), doc in zip(pieces, nlp.pipe(parsed, batch_size=batch_size, disable=disable)):
        if i not in quotes:
            quotes = {i: [q for q in find_quotes(texts[i]) if is_speech(texts[i], q)]}
        repair_lemmas(doc, lex, lang)
        out[i].extend(doc_attributions(doc, texts[i], off, lex, quotes[i], model))
    return out


def doc_attributions(doc, text: str, off: int, lex: CueLexicon, quotes: list[Quote],
                     model: CueModel | None = None) -> list[Attribution]:
    """The attributions of one parsed piece. With a ``model``, a candidate outside quoted
    speech is kept only when the model keeps it, and verbs outside the lexicon are
    proposed there; a report inside someone's quote (``nested``) is kept by the lexicon
    alone, as without a model: the model learned from annotators who leave those out."""
    rules = _Rules(doc, text, off, lex, quotes)
    nominal = NominalRules(doc, text, off, lex, quotes)
    found = []
    broad = model is not None and model.broad
    for tok in doc:
        if tok.dep_ == "acomp" and tok.lemma_.lower() in lex.adjectives and not rules._quoted(tok):
            # "Kyiv is confident that …": kept on the lexicon's word, scored but not filtered
            # (the cue model was trained before these candidates existed)
            a = rules.adjective(tok, scored=model is not None)
            if a is not None:
                a.confidence = round(model.probability(a.features), 3) if model is not None else None
                found.append(a)
            continue
        in_lexicon = tok.pos_ in ("VERB", "AUX") and rules.verb_class(tok) is not None
        if not in_lexicon and not (broad and tok.pos_ in ("VERB", "NOUN")):
            continue
        nested = rules._quoted(tok)
        if in_lexicon:
            a = rules.verb(tok, scored=model is not None)
        elif nested:
            continue
        elif tok.pos_ == "VERB":
            a = rules.verb(tok, scored=True) if _takes_clause(tok) else None
        else:
            a = nominal.noun(tok)
        if a is None:
            continue
        a.nested = nested
        if model is not None:
            probability = model.probability(a.features)
            a.confidence = round(probability, 3)
            if not nested and not model.keeps(a.features, probability):
                continue
        found.append(a)
    found.extend(nominal.according())
    return found


def _takes_clause(tok) -> bool:
    """A verb with a finite clausal complement ("learned that …", "ruled that …"). Verbs
    with only an object are left out: PolNeAR counts deeds ("imposed sanctions") as
    attributions, a ledger of claims does not."""
    return any(c.dep_ in CLAUSAL and any(g.dep_ in SUBJECTS for g in c.children) for c in tok.children)


class _Rules(Contents):
    """The rules of reporting verbs and stance adjectives over one parsed paragraph."""

    # ------------------------------------------------------------------ source
    def _subject(self, verb, depth: int = 0):
        if depth == 0 and self._participle(verb) and not any(c.dep_ in SUBJECTS for c in verb.children):
            matrix = self._matrix_speaker(verb)
            if matrix is not None:
                return matrix, None
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        if len(subjects) > 1 and any(free_dash(t) for t in self.doc[subjects[0].i + 1:subjects[1].i]):
            subjects = subjects[1:]  # "KYIV -- President Zelensky, …, said": the dateline is no speaker
        for c in subjects:
            if c.tag_ in ("WP", "WDT") or c.lower_ in ("qui",):
                if verb.dep_ in ("relcl", "acl:relcl") and verb.head.i < verb.i:
                    return verb.head, verb
                return None, None
            return c, None
        if verb.dep_ in ("relcl", "acl:relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head, verb
        main = self._main_verb_taken_for_participle(verb.sent) if depth == 0 else None
        if main is not None and (main.i == verb.i or verb.head.i == verb.sent.root.i and main.i < verb.i):
            # "The mayor, the governor's rival, called Friday for …, saying that …"
            return verb.sent.root, main
        if depth == 0 and verb.dep_ == "acl" and self._participle(verb) and verb.head.pos_ in ("NOUN", "PROPN"):
            # "a statement saying that …": the statement speaks, or whoever issued it ("The
            # ministry issued a statement saying …", ``carrier_verbs``)
            carrier = verb.head.head
            if verb.head.dep_ in OBJECTS and carrier.lemma_.lower() in self.lex.carrier_verbs:
                subj = next((c for c in carrier.children if c.dep_ in SUBJECTS and c.tag_ not in ("WP", "WDT")), None)
                if subj is not None:
                    return subj, None
            return verb.head, verb
        if depth < 2 and verb.dep_ in INHERIT and verb.head.i != verb.i:
            return self._subject(verb.head, depth + 1)
        if depth < 2 and verb.dep_ == "pcomp" and verb.head.dep_ in ("prep", "conj"):
            # "responded … by saying that …", "refuses …, aside from saying …", "appeared at a
            # hearing … and for saying that …": the speaker of the verb the preposition hangs on
            up, steps = verb.head.head, 0
            while up.pos_ in ("ADV", "ADP", "CCONJ") and up.head.i != up.i and steps < 3:
                up, steps = up.head, steps + 1
            if up.pos_ in ("VERB", "AUX"):
                return self._subject(up, depth + 1)
        return None, None

    @staticmethod
    def _main_verb_taken_for_participle(sent):
        """The sentence's own verb where the parser read it as a past participle on a noun
        and left the sentence without a verb: "One of the officers who signed the letter
        called the general a liar" (root "One", "called" hung on "letter"). Only a verb with
        no subject or agent of its own that says something after it counts."""
        root = sent.root
        if root.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
            return None
        for tok in sent:
            if tok.i > root.i and tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") \
                    and not any(c.dep_ in SUBJECTS + ("agent",) for c in tok.children) \
                    and any(c.i > tok.i and c.dep_ in OBJECTS + CLAUSAL + ("oprd", "prep", "dative") for c in tok.children):
                return tok
        return None

    def _matrix_speaker(self, verb):
        """The speaker a participial cue shares with the reporting verb it follows: "He
        vowed that …, promising a counterattack" (the parser often hangs "promising" inside
        the content; its subject is still the one who vowed)."""
        if verb.i == 0 or self.doc[verb.i - 1].text not in SEPARATORS:
            return None
        found = None
        for head in verb.ancestors:  # the outermost reporting verb: "He said troops were seen, adding …"
            if head.i < verb.i and self.lex.verb_class(head.lemma_):
                subj = next((c for c in head.children if c.dep_ in SUBJECTS and c.tag_ not in ("WP", "WDT")), None)
                if subj is not None:
                    found = subj
        return found

    def _incise_speaker(self, verb):
        """The speaker of a verb set off after its content with the subject inverted:
        "…, a rapporté l'agence Tass.", "…, notes Jean Dupont, a historian." The parser
        takes the speaker for an object, or for a second subject; the noun phrase must
        close the sentence ("…, denied the report yesterday in Kyiv" is no incise), or, in a
        language that inverts its speakers (``inverted_incise``), be set off by commas in the
        middle of it ("Les pertes, a déclaré le ministre, sont lourdes")."""
        start = self._clause_start(verb)
        if start == 0 or self.doc[start - 1].text not in SEPARATORS or self._participle(verb):
            return None
        # (the parser hangs it on the verb as a subject, "dep", "expl" or even an auxiliary; it
        # stands next to the verb or its auxiliary, never inside what was said)
        clitics = [g for c in verb.children if abs(c.i - verb.i) <= 3 for g in c.subtree
                   if g.pos_ == "PRON" and g.text.startswith("-") and len(g.text) > 2 and abs(g.i - verb.i) <= 3]
        if clitics:
            return clitics[-1]  # "…, a-t-il déclaré lundi", "…, a-t-elle ajouté": the pronoun after the verb
        if self.lex.inverted_incise and self.lex.verb_class(verb.lemma_) in REPORTING:
            np_ = self._inserted_incise(verb)
            if np_ is not None:
                return np_
        own_subject = any(c.dep_ in SUBJECTS and c.pos_ not in ("VERB", "AUX") for c in verb.children if c.i < start)
        after = [c for c in verb.children if c.i > verb.i and c.pos_ in ("PROPN", "NOUN") and (
                 c.dep_ in SUBJECTS or (not own_subject and (
                     (c.dep_ in OBJECTS and verb.lemma_.lower() not in ADDRESSEE)
                     or (c.pos_ == "PROPN" and c.dep_ in INVERTED_NAME))))]
        if not after:
            return None
        np_ = after[0]
        # (a nominal subject before the verb leaves only a second subject after it as the
        # speaker: "Putin, the president, denied the report" has its object, not an incise)
        if verb.head.i < verb.i and verb.dep_ not in POSTPOSED:
            return None
        if not self._right_after(verb, np_):
            return None
        end = max(t.i for t in np_.subtree)
        # a time after the speaker says when it was said ("…, affirme le général dimanche")
        when = {t.i for c in verb.children if c.i > end and self._is_time(c) for t in c.subtree}
        rest = [t for t in self.doc[end + 1:verb.sent.end]
                if not (t.is_punct or t.pos_ == "PUNCT" or t.is_space or t.i in when)]
        return np_ if not rest else None

    def _is_time(self, tok, bare: bool = True) -> bool:
        """A bare noun of time ("lundi", "Monday", "mercredi soir"), or a preposition governing
        one ("on Monday"); not one with an article, an adjective or a preposition of its own
        ("of the day", "du jour", "in the morning": a description, not a date), nor the last
        word of a name ("USA Today")."""
        if tok.pos_ == "ADP" and bare:
            return any(c.dep_ in ("pobj", "obj") and self._is_time(c, bare=False) for c in tok.children)
        return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.lex.time_nouns \
            and not any(c.dep_ in ("det", "amod", "nummod") + (("case",) if bare else ()) for c in tok.children) \
            and not any(c.dep_ == "compound" and c.lemma_.lower() not in self.lex.time_nouns
                        for c in tok.children)  # "USA Today": a name

    def _inserted_incise(self, verb):
        """The noun phrase right after the verb, closed by a comma with more of the sentence
        after it: "Les pertes, a déclaré le ministre, sont lourdes"."""
        np_ = next((c for c in verb.children if c.i > verb.i and c.pos_ in ("PROPN", "NOUN")
                    and c.dep_ in SUBJECTS + OBJECTS + INVERTED_NAME), None)
        if np_ is None or any(c.dep_ in CLAUSAL + INFINITIVAL and c.i > verb.i and c.pos_ in ("VERB", "AUX")
                              for c in verb.children):
            return None
        end = max(t.i for t in np_.subtree)
        if not self._right_after(verb, np_):
            return None
        if end + 2 >= verb.sent.end or self.doc[end + 1].text != ",":
            return None
        # what follows goes on with the sentence's own verb ("…, sont lourdes"), not with a
        # clause of its own ("Poutine a démenti le rapport, et la foule a applaudi")
        rest = [t for t in self.doc[end + 2:verb.sent.end] if not t.is_space]
        lead = next((t for t in rest if t.pos_ not in ("ADV", "PART", "PRON") or t.dep_ in SUBJECTS), None)
        return np_ if lead is not None and lead.pos_ in ("AUX", "VERB") else None

    def _right_after(self, verb, np_) -> bool:
        """Only auxiliaries, adverbs and particles stand between the verb and the phrase."""
        first = min(t.i for t in np_.subtree)
        return all(t.is_space or t.pos_ in ("AUX", "ADV", "PART") for t in self.doc[verb.i + 1:first])

    def _inverted(self, verb):
        """The speaker after the verb in "…, a déclaré Trump", "…, estime l'expert",
        "…, notes Jean Dupont"."""
        for c in verb.children:
            if c.i > verb.i and c.dep_ in SUBJECTS + OBJECTS + ("npadvmod", "attr", "appos") \
                    and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return c
        return None

    # ------------------------------------------------------------------ rules

    def verb(self, tok, scored: bool = False) -> Attribution | None:
        """The attribution whose cue is ``tok``; with ``scored``, with its features (see
        ``confidence``)."""
        if self._conditional(tok):
            return None
        if tok.tag_ in ("VBN", "VBD") and tok.dep_ in ("advcl", "acl") and tok.lemma_.lower() in ADDRESSEE \
                and not any(c.dep_ in SUBJECTS + ("aux", "auxpass", "agent") for c in tok.children):
            return None  # "Asked about the blackout, the mayor said …": he was asked; his answer is the claim
        cls = self.verb_class(tok)
        line = self._line(tok)
        parenthetical = tok.tag_ != "VBG" and self._parenthetical(tok)
        comp = next((c for c in tok.children if c.dep_ in CLAUSAL), None)
        if comp is None and cls != "act":
            # "urged them to leave"; "s'est dit prêt à négocier": an adjective with its own complement
            comp = next((c for c in tok.children if c.dep_ in INFINITIVAL and (
                c.pos_ in ("VERB", "AUX") or c.pos_ == "ADJ" and any(g.dep_ in INFINITIVAL + CLAUSAL for g in c.children))),
                None)
        if comp is None and cls is not None:
            comp = self._misplaced_that_clause(tok)
        if comp is not None and self._quoted(tok) and not self._same_quote(tok, comp):
            # "X recalled, “Out of nowhere, he said it was over”": the parser may hang the
            # words before the quote on the verb inside it; a report inside a quote says
            # what the quote holds
            comp = next((c for c in tok.children if c.dep_ in CLAUSAL and self._same_quote(tok, c)), None)
        if comp is not None and comp.i < tok.i and tok.lemma_.lower() not in ADDRESSEE \
                and any(c.dep_ in OBJECTS and c.i > tok.i for c in tok.children):
            comp = None  # "While he conceded …, the mayor blamed the ministry": its object is what it is about
        if comp is not None and comp.i < tok.i and not (parenthetical or self._is_clause(comp)):
            comp = None  # "Faced with X, he called ...": a fronted phrase, not what was said
        if comp is not None and comp.i < tok.i and any(
                t.text in (".", "!", "?") and self.doc[t.i + 1].text[:1].isupper() for t in self.doc[comp.i:tok.i - 1]):
            comp = None  # a sentence before, which the parse of a long paragraph hung on the verb
        if cls == "refuse" and not any(self.lex.verb_class(c.lemma_) or c.lemma_.lower() in self.lex.refusal_complements
                                       for c in tok.children if c.dep_ in INFINITIVAL + OBJECTS + CLAUSAL):
            return None  # "declined to comment" is a refusal to speak; "refused to drop the gun" is a deed
        if tok.dep_ in INHERIT and tok.head.lemma_.lower() in self.lex.impersonal \
                and not any(c.dep_ in SUBJECTS for c in tok.children):
            return None  # "Il faut rappeler que …": nobody in particular says it
        incise = self._incise_speaker(tok)
        content_toks, how = self._content_tokens(tok, cls, comp, incise, parenthetical)
        content = self._span(content_toks, line) if content_toks is not None else None
        if content is None:
            # no complement, or one the parser found in another paragraph ("… terrorist?”
            # ¶ “The truth …,” the president said"): the quote next to the verb, or a colon
            content, how = self._adjacent_quote(tok), "dep-quote"
            if content is None:
                content, how = self._after_colon(tok, line), "dep-colon"
        if content is None or (len(content.text.split()) < 2 and how != "dep-object"):
            return None
        subj, source_cut = (incise, None) if incise is not None else self._subject(tok)
        unsaid = False  # a passive's own subject: what was said or done, never who said it
        if self._passive(tok):
            # "a view echoed by every expert": the agent speaks; the passive's own subject is
            # what was said or done ("the strike was confirmed"), never the speaker
            agent = self._agent(tok)
            if agent is not None:
                subj, source_cut = agent, None
            elif subj is not None and subj.head.i == tok.i:
                subj, source_cut, unsaid = None, None, True
        if subj is not None and not source_cut and content.start <= self.off + subj.idx < content.end:
            # "“My reaction, that was outrageous,” the strategist said": the parser gave the
            # verb two subjects, the first inside the quote; the speaker is the one outside it
            subj = next((c for c in tok.children if c.dep_ in SUBJECTS
                         and not content.start <= self.off + c.idx < content.end), subj)
        subject_lost = subj is None or (content.start <= self.off + subj.idx < content.end)
        if parenthetical and subject_lost and content.end <= self.off + tok.idx:
            inv = self._inverted(tok)
            if inv is not None and not (inv.dep_ in OBJECTS and tok.lemma_.lower() in ADDRESSEE):
                subj, source_cut = inv, None
        if subj is not None and not source_cut and (not_a_speaker(subj) or subj.lemma_.lower() in self.lex.time_nouns):
            return None  # "this shows that …", "ça expliquerait …": a reason, not a speaker
        source = self._source_span(tok, subj, source_cut, content, how, line) if subj is not None else None
        if source is None and not unsaid:
            source = self._segment_before(tok, line)
        if source is None and not self._passive(tok):
            return None  # "the weeks promise to be crucial": no speaker, no claim
        cue = self._cue_span(tok, how, content_toks, line)
        if cue is None:
            return None
        negated = any((c.dep_ == "neg" or c.lower_ in ("not", "n't", "never", "pas", "jamais", "ne", "n'"))
                      and not self._quoted(c) for c in tok.children)
        if cls is None and how != "dep":
            return None  # a verb outside the lexicon speaks only through its clause
        feats = features(tok, cls, how, subj, len(source.text.split()) if source else 0, content) if scored else ()
        if unsaid and how == "dep-prep" and tok.lemma_.lower() in ADDRESSEE:
            return None  # "The mayor was asked about the blackout": a question put to him, no one's statement
        if unsaid and not (how == "dep" and self._is_clause(comp)):
            # ("Peacekeepers were told that …": who is told is not what was said)
            content = self._with_passive_subject(tok, content, line)
        elif how in ("dep", "dep-postposed") and content.end <= cue.start:
            content = self._past_the_tag(tok, content, cue, source, line)
        rel = next((c for c in tok.children if c.dep_ in SUBJECTS and c.tag_ in ("WP", "WDT")), None) \
            if source is not None and subj is not None and subj.i == tok.head.i else None
        return Attribution(source=source, cue=cue, content=content, how=how,
                           cue_class="report" if cls in (None, "act") else cls,
                           negated=negated, channel=self._channel(line, content), features=feats,
                           relative=self._span([rel], line) if rel is not None else None, past=past_tense(tok),
                           plural=plural_speaker(subj))

    def _conditional(self, tok) -> bool:
        """The verb heads a condition, so its speaker is hypothetical: "If Moscow says …",
        "… in case Russia threatens …", "si Moscou affirme …" (``conditionals``: the words
        opening the clause, or right before it)."""
        # its own subordinator (which the parser keeps even where it takes the fronted
        # condition for the main clause: "Si Moscou affirme …, les pourparlers cesseront")
        marks = [c.i for c in tok.children if c.dep_ == "mark" and c.i < tok.i]
        if not self.lex.conditionals or not marks and tok.dep_ != "advcl":
            return False
        words = [t.lower_ for t in self.doc]
        if any(self._opens(words, m, self.lex.conditionals) and not self._ends(words, m + 1, self.lex.concessives)
               for m in marks):
            return True
        if tok.dep_ != "advcl":
            return False
        first = min(t.i for t in tok.subtree)
        return self._ends(words, first, self.lex.conditionals)

    @staticmethod
    def _opens(words: list[str], i: int, phrases) -> bool:
        return any(words[i:i + len(p)] == list(p) for p in phrases)

    @staticmethod
    def _ends(words: list[str], i: int, phrases) -> bool:
        return any(i >= len(p) and words[i - len(p):i] == list(p) for p in phrases)

    def verb_class(self, tok) -> str | None:
        """The lexicon class of a verb, also of one that reports only in an "as" clause
        (``as_clause_verbs``: "as the minister put it")."""
        cls = self.lex.verb_class(tok.lemma_)
        if cls is None and tok.lemma_.lower() in self.lex.as_clause_verbs and self._as_clause(tok):
            cls = self.lex.as_clause_verbs[tok.lemma_.lower()]
        return cls

    def adjective(self, tok, scored: bool = False) -> Attribution | None:
        """A stance told by an adjective after a copula: "Kyiv is confident that …", "Moscow
        was not ready to negotiate", "Graham has been critical of Trump" (``adjectives``,
        ``adjective_prepositions`` in the lexicon). The cue runs from the copula to the
        adjective (and its preposition); the speaker is the copula's subject."""
        lemma = tok.lemma_.lower()
        cls, cop = self.lex.adjectives[lemma], tok.head
        if cop.lemma_.lower() not in COPULAS or cop.i > tok.i:
            return None
        line = self._line(tok)
        # "ready to negotiate" is an intention; "sure to get worse" is a forecast about no one
        takes = CLAUSAL + (INFINITIVAL if lemma in self.lex.adjective_infinitives else ())
        comp = next((c for c in tok.children if c.i > tok.i and c.dep_ in takes), None)
        prep = None
        if comp is not None:
            content_toks, how = self._subtree(comp), "dep"
        else:
            prep = next((c for c in tok.children if c.i == tok.i + 1 and c.dep_ == "prep"
                         and c.lower_ in self.lex.adjective_prepositions.get(lemma, ())), None)
            if prep is None:
                return None
            content_toks, how = [t for t in self._subtree(prep) if t.i != prep.i], "dep-prep"
        content = self._span(content_toks, line)
        if content is None or (how == "dep" and len(content.text.split()) < 2):
            return None
        subj, source_cut = self._subject(cop)
        if subj is None or source_cut is None and (not_a_speaker(subj) or subj.lemma_.lower() in self.lex.time_nouns) \
                or content.start <= self.off + subj.idx < content.end:
            return None
        source = self._source_span(cop, subj, source_cut, content, how, line)
        left = [c for c in cop.children if c.i < cop.i and c.dep_ in LEFT_OF_VERB + ("aux:neg",)]
        start = min([cop.i] + [c.i for c in left if all(self.doc[k] in left for k in range(c.i, cop.i))])
        cue = self._span(list(self.doc[start:tok.i + 1]) + ([prep] if prep is not None else []), line)
        if source is None or cue is None:
            return None
        negated = any(c.dep_ in ("neg", "aux:neg") or c.lower_ in ("not", "n't", "never")
                      for c in list(cop.children) + list(tok.children))
        feats = features(tok, cls, how, subj, len(source.text.split()), content) if scored else ()
        return Attribution(source=source, cue=cue, content=content, how=how, cue_class=cls, negated=negated,
                           channel=self._channel(line, content), features=feats, plural=plural_speaker(subj))

    def _source_span(self, tok, subj, source_cut, content: Span, how: str, line) -> Span | None:
        # the speaker stays on its side of the verb: a parse that hangs a phrase after the
        # verb on the subject ("A majority of voters expect X to win, the first …" with "the
        # first" an apposition of "majority") must not make the verb and what it says speak
        toks = speaker_words([t for t in self._subtree(subj, source_cut) if t.i != tok.i
                              and (t.i < tok.i) == (subj.i < tok.i)], subj)
        if source_cut is not None and source_cut.i > subj.i:
            # "Ordinary voters, who argue that …, stayed home": the speaker ends where the
            # relative clause that says it begins (not at the comma closing it)
            cut = min(t.i for t in source_cut.subtree)
            toks = [t for t in toks if t.i < cut]
        if subj.head.i == tok.i and subj.i < tok.i:
            # "Le porte-parole du Kremlin, Dmitri Peskov, a déclaré": an apposition the
            # parser hangs on the verb as a second subject belongs to the first
            for c in tok.children:
                if subj.i < c.i < tok.i and c.dep_ in SUBJECTS and c.pos_ in ("PROPN", "NOUN") \
                        and self.doc[min(t.i for t in c.subtree) - 1].text == ",":
                    toks += list(c.subtree)
        toks = sorted(toks, key=lambda t: t.i)
        # "a déclaré le ministre lundi": a time the parser hangs on the speaker closing the span
        # is when it was said
        for t in toks[1:]:
            if t.head in toks and t.head.pos_ in ("NOUN", "PROPN") and t.i > subj.i and self._is_time(t) \
                    and max(x.i for x in t.subtree) == toks[-1].i:
                toks = [x for x in toks if x.i < min(y.i for y in t.subtree)]
                break
        while len(toks) > 1 and toks[0].lower_ in FOCUS and toks[0].dep_ in ("advmod", "preconj", "det", "cc"):
            toks = toks[1:]  # "Even China", "Both Kyiv and Warsaw": the speaker without the focus word
        source = self._span(toks, line)
        if source is not None and overlaps(source, content) and how not in ("dep-aside", "dep-as"):
            source = self._span([t for t in toks if not (content.start <= self.off + t.idx < content.end)], line)
        return source

    def _cue_span(self, tok, how: str, content_toks: list | None, line) -> Span | None:
        """The verb with its particle, the preposition of a prepositional cue ("called
        for"), the auxiliaries, negation, adverb or infinitive "to" right before it ("has
        not confirmed", "also said", "declined to comment") and a time right after it
        ("said Monday")."""
        cue_toks = [tok] + [c for c in tok.children if c.dep_ in ("prt", "compound:prt")]
        if how == "dep-object" and content_toks and min(t.i for t in content_toks) > tok.i + 1 \
                and self._stance_object(tok, [c for c in tok.children if c.i > tok.i and c.dep_ in OBJECTS]):
            # "expressed deep concern about": the stance noun and its preposition are the cue
            cue_toks += list(self.doc[tok.i + 1:min(t.i for t in content_toks)])
        if how == "dep":
            comp = next((c for c in tok.children if c.dep_ in INFINITIVAL and c.i > tok.i), None)
            cue_toks += self._addressee_prepositions(tok, comp) if comp is not None else []
        if how == "dep-as":  # "as the minister put it"
            cue_toks += [c for c in tok.children if c.dep_ in OBJECTS and c.pos_ == "PRON" and c.i == tok.i + 1]
        if how == "dep-prep":
            cue_toks += [t for t in self.doc[tok.i + 1:min(t.i for t in content_toks)]
                         if t.lower_ in self.lex.cue_prepositions[tok.lemma_.lower()]]
        left = sorted((c for c in tok.children if c.i < tok.i and c.dep_ in LEFT_OF_VERB + ("aux:neg",)),
                      key=lambda t: -t.i)
        for c in left:
            if c.i == min(t.i for t in cue_toks) - 1:
                cue_toks.append(c)
        # a time right after the verb, before what was said: "said Monday", "said this week"
        end = max(t.i for t in cue_toks)
        content_start = min(t.i for t in content_toks) if content_toks else len(self.doc)
        for c in sorted(tok.children, key=lambda t: t.i):
            sub = sorted(t.i for t in c.subtree)
            if sub[0] == end + 1 and sub[-1] < content_start and sub[-1] - sub[0] + 1 == len(sub) \
                    and c.dep_ in ("npadvmod", "obl:tmod", "nmod:tmod") and c.lemma_.lower() in self.lex.time_nouns:
                cue_toks += list(c.subtree)
                end = sub[-1]
        return self._span(cue_toks, line)

    def _segment_before(self, tok, line) -> Span | None:
        """A speaker the parse lost: the comma-separated name right before the verb
        ("…, Andriy Yermak, suggested")."""
        left = self.text[line[0]:self.off + self.doc[self._clause_start(tok)].idx].rstrip(" ,")
        cut = max(left.rfind(","), left.rfind("("), left.rfind(";"))
        seg = left[cut + 1:].strip()
        if not seg or len(seg.split()) > 5 or not seg[0].isupper():
            return None
        start = line[0] + left.rfind(seg)
        first = next((t for t in self.doc if self.off + t.idx >= start), None)
        if first is not None and "Int" in first.morph.get("PronType"):
            return None  # "Comment expliquer …": a question, not a speaker
        nouns = [t for t in self.doc if start <= self.off + t.idx < start + len(seg) and t.pos_ in ("NOUN", "PROPN")]
        if nouns and all(t.lemma_.lower() in self.lex.time_nouns for t in nouns):
            return None  # "The next few weeks therefore promise to be crucial": a time, not a speaker
        return Span.of(self.text, start, start + len(seg))

    def _parenthetical(self, tok) -> bool:
        """The verb's clause is set off after the content: a comma, dash or closing quote
        right before it, or before its subject and auxiliaries ("…,” he said")."""
        own = {t.i for c in tok.children if c.i < tok.i and (c.dep_ in LEFT_OF_VERB or (
               c.dep_ in SUBJECTS and c.pos_ not in ("VERB", "AUX"))) for t in c.subtree}  # a clause taken for the subject is content
        j = tok.i - 1
        while j >= 0 and (j in own or self.doc[j].is_space):
            j -= 1
        return j >= 0 and self.doc[j].text in SEPARATORS

    def _adjacent_quote(self, tok) -> Span | None:
        """The quote that ends right before the verb's clause ("“…?” Clinton said", "“…,”
        she said") or starts right after the verb ("Trump said, “When …”")."""
        # a subject inside a quote is the parser's mistake ("“My reaction, that was outrageous,”
        # the strategist said" gives "said" two subjects): the speaker is outside the quote
        subject = [t for c in tok.children if c.i < tok.i and c.dep_ in SUBJECTS and not self._quoted(c)
                   for t in c.subtree]
        if not subject and self._inverted(tok) is None:
            return None  # no speaker before the verb ("… ,” she said") nor after it ("… ,” said Tim Hess")
        first = min(t.i for t in subject) if subject else tok.i
        clause_start = self.off + self.doc[first].idx
        verb_end = self.off + tok.idx + len(tok.text)
        for q in self.quotes:
            if q.end <= clause_start and all(ch in QUOTE_GAP for ch in self.text[q.end:clause_start]):
                return Span.of(self.text, q.start, q.end)
            if subject and q.start >= verb_end \
                    and all(ch in QUOTE_GAP or ch == ":" for ch in self.text[verb_end:q.start]):
                return Span.of(self.text, q.start, q.end)
        # a short quote closed by its own question, exclamation or comma right before the
        # tag is speech too ("“Still ours?” she said"), unlike a term in scare quotes
        line = self._line(tok)
        for q in find_quotes(self.text[line[0]:clause_start]):
            s, e = line[0] + q.start, line[0] + q.end
            if all(ch in QUOTE_GAP for ch in self.text[e:clause_start]) \
                    and last_mark(self.text, Quote(s, e)) in ("?", "!", ","):
                return Span.of(self.text, s, e)
        return None
