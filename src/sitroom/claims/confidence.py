"""How likely a candidate attribution from the parse rules is one a careful annotator marks.

The rules of ``depparse`` propose candidates: every verb of the cue lexicon with a speaker
and something said, and (where a model exists) every other verb that takes a clause
("learned that …", "ruled that …") and every noun with an owner and a clause ("Moscow's
claim that …", "a decision by the FBI to …"). A logistic model over the candidate's parse
features scores each one; candidates under the model's threshold are dropped (one threshold
for lexicon verbs, another for the rest). Features are strings:

- the cue: its lemma, lexicon class (or ``none``), the rule that found it, lemma with rule,
  tense tag, dependency, modal or infinitive auxiliary, negation, the verb it hangs from;
- the speaker: missing, pronoun (which one), proper noun, or the common noun's lemma
  ("study", "poll", "official"), and its length;
- what was said: its length, whether it opens with a quote, the complementizer ("that",
  "if", "whether").

Whether the cue sits inside someone else's quote is deliberately not a feature: PolNeAR's
annotators leave reports nested in quotes unmarked, while a ledger of claims needs them
("…,” he said, “the authorities have not confirmed it”).

Weights are data (``data/claims/cues/<lang>.model.json``), learned from annotated news by
``python -m sitroom.evaluation.train_attribution`` (which writes the file and says what it
was trained on). A language without a model keeps every lexicon candidate and proposes
none beyond the lexicon.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from sitroom.errors import DataFileError

MODALS = {"will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "'d", "wo", "ca"}
SPEAKER_PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "who", "which", "that", "this", "one", "someone"}


@dataclass(frozen=True)
class CueModel:
    """A linear model: P(attribution) = sigmoid(bias + sum of the weights of its features)."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5  # a candidate whose verb is in the cue lexicon is kept from here up
    threshold_new: float = 0.5  # a verb outside the lexicon, from here up
    broad: bool = True  # propose verbs outside the lexicon that take a clause, and nouns with an owner
    trained_on: str = ""

    @classmethod
    def everything(cls) -> "CueModel":
        """Keeps every candidate (threshold 0): what training starts from."""
        return cls(threshold=0.0, threshold_new=0.0, trained_on="(none: keeps every candidate)")

    def probability(self, features: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, features: tuple[str, ...], probability: float | None = None) -> bool:
        """Whether a candidate with these features (and this probability, when already
        computed) is kept."""
        threshold = self.threshold_new if "class=none" in features else self.threshold
        if threshold <= 0.0:
            return True
        return (self.probability(features) if probability is None else probability) >= threshold

    def to_json(self) -> dict:
        return {"trained_on": self.trained_on, "threshold": self.threshold, "threshold_new": self.threshold_new,
                "broad": self.broad,
                "bias": self.bias, "weights": dict(sorted(self.weights.items()))}


def path_of(lang: str):
    return resources.files("sitroom") / "data" / "claims" / "cues" / f"{lang}.model.json"


@lru_cache(maxsize=None)
def model(lang: str | None) -> CueModel | None:
    """The shipped model of ``lang``, or None for a language without one."""
    if not lang:
        return None
    path = path_of(lang)
    if not path.is_file():
        return None
    return load(path.read_text(encoding="utf-8"), f"data/claims/cues/{lang}.model.json")


def load(text: str, source: str) -> CueModel:
    """A model from its JSON text; a broken file is a ``DataFileError`` naming ``source``."""
    try:
        table = json.loads(text)
        model = CueModel(weights={str(k): float(v) for k, v in table["weights"].items()},
                         bias=float(table["bias"]), threshold=float(table["threshold"]),
                         threshold_new=float(table.get("threshold_new", table["threshold"])),
                         broad=bool(table.get("broad", True)), trained_on=str(table.get("trained_on", "")))
    except json.JSONDecodeError as exc:
        raise DataFileError(source, exc.lineno, str(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(source, 0, f"not a cue model ({type(exc).__name__}: {exc})") from exc
    if not (0.0 <= model.threshold <= 1.0 and 0.0 <= model.threshold_new <= 1.0):
        raise DataFileError(source, 0, "thresholds must lie between 0 and 1")
    return model


def _length(n: int) -> str:
    return "0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9-20" if n <= 20 else "21+"


def features(tok, cls: str | None, how: str, subj, source_words: int, content) -> tuple[str, ...]:
    """The features of a candidate whose cue is the verb ``tok`` (spaCy token), found by rule
    ``how``, spoken by ``subj`` (token or None) over ``source_words`` words, saying
    ``content`` (a span)."""
    lemma = tok.lemma_.lower()
    out = [f"lemma={lemma}", f"class={cls or 'none'}", f"how={how}", f"lemma|how={lemma}|{how}",
           f"class|how={cls or 'none'}|{how}", f"tag={tok.tag_}", f"dep={tok.dep_}"]
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass", "aux:pass", "aux:tense"):
            low = c.lower_
            if c.tag_ == "MD" or low in MODALS:
                out.append(f"modal={c.lemma_.lower()}")
            elif c.tag_ == "TO" or low == "to":
                out.append("aux=to")
            elif c.lemma_.lower() == "have":
                out.append("aux=have")
        elif c.dep_ in ("neg", "aux:neg") or c.lower_ in ("not", "n't", "never"):
            out.append("negated")
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp") and tok.head.i != tok.i:
        out.append(f"head={tok.head.lemma_.lower()}")
        out.append(f"dep|head={tok.dep_}|{tok.head.lemma_.lower()}")
    if subj is None:
        out.append("subj=none")
    elif subj.pos_ == "PRON" or subj.lower_ in SPEAKER_PRONOUNS:
        out.append(f"subj={subj.lower_ if subj.lower_ in SPEAKER_PRONOUNS else 'pron'}")
    elif subj.pos_ == "PROPN":
        out.append("subj=propn")
    else:
        out.append(f"subj_lemma={subj.lemma_.lower()}")
        out.append(f"subj={subj.pos_.lower()}")
    out.append(f"source_len={_length(source_words)}")
    words = content.text.split()
    out.append(f"content_len={_length(len(words))}")
    if content.text[:1] in "\"“«'‘„":
        out.append("content_quote")
    comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is not None:
        mark = next((c.lower_ for c in comp.children if c.dep_ == "mark"), "none")
        out.append(f"mark={mark}")
    return tuple(out)
