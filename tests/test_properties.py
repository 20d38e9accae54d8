"""Properties over any text: recovery, quotes, events and actors never raise, and every offset they give
points at the text it claims to (hypothesis, bounded and derandomised so CI sees the same examples)."""
from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is a dev dependency (pip install -e .[dev])")

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.errors import InputError
from parley.ingest import read_bytes
from parley.records import Article, RawDocument, Recovered
from parley.recover.html import recover_html
from parley.recover.text import recover_text

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces of news prose, reported speech and markup, so that generated text reaches the quote and event
# rules and not only the "no article text" path.
NAMES = ["Karl Borg", "Amira Haddad", "Borg", "Russia", "the United States", "Moscow", "Washington", "NATO",
         "the Kremlin", "Ukraine", "the diplomat", "the minister", "he", "she", "they", "Tunisia", "Malta", "officials"]
VERBS = ["said", "told reporters", "accused", "rejected", "agreed to", "imposed sanctions on", "met", "warned",
         "according to", "will not agree to", "criticised", "called for talks with", "denied", "praised"]
MARKS = ["“", "”", '"', "«", "»", "‘", "’", "„", "'", " — ", " – ", ": ", ", ", ". ", "? ", "!", "\n", "\n\n", "\n\n\n"]
WORDS = ["talks", "sanctions", "on Tuesday", "in February 2022", "the grain corridor", "next month", "that", "would",
         "not", "negotiations", "aid", "military operation", "Published: 2 Apr, 2025 10:00", "By Jane Doe", "Share",
         "Read more:", "Advertisement", "(Getty Images)", "©", "…"]
NOISE = st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.text(max_size=6))
NAME, VERB, WORD = st.sampled_from(NAMES), st.sampled_from(VERBS), st.sampled_from(WORDS)
CLAUSE = st.builds(lambda a, v, b, w: f"{a} {v} {b} {w}", NAME, VERB, NAME, WORD)
SENTENCE = st.one_of(
    CLAUSE.map(lambda c: c[0].upper() + c[1:] + "."),
    st.builds(lambda c, n, v, o, q: f"{o}{c},{q} {n} {v}.", CLAUSE, NAME, VERB, st.sampled_from("“\"«‘„"),
              st.sampled_from("”\"»’“")),
    st.builds(lambda n, v, c: f"{n} {v}: “{c}.”", NAME, VERB, CLAUSE),
    st.builds(lambda c, n: f"{c}, {n} said.", CLAUSE, NAME),
)
# A sentence may carry a stray piece of noise anywhere (a mark, a word, random characters).
NOISY_SENTENCE = st.one_of(SENTENCE, st.builds(lambda s, n, i: s[:i % (len(s) + 1)] + n + s[i % (len(s) + 1):],
                                               SENTENCE, NOISE, st.integers(0, 200)))
PARAGRAPH = st.lists(NOISY_SENTENCE, min_size=1, max_size=4).map(" ".join)
NEWSY = st.builds(lambda head, paras, sep: head + "\n\n" + sep.join(paras),
                  CLAUSE, st.lists(PARAGRAPH, min_size=1, max_size=6), st.sampled_from(["\n\n", "\n", "\n\n\n"]))
ANY_TEXT = st.one_of(NEWSY, NEWSY, st.text(max_size=400))
TAGS = ["p", "div", "h1", "h2", "span", "article", "figure", "figcaption", "aside", "nav", "script", "style", "a",
        "blockquote", "li", "ul", "br", "title", "head", "body", "html", "meta", "time", "noscript", "iframe"]
MARKUP = st.lists(st.one_of(
    PARAGRAPH, st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
    st.sampled_from(['<meta property="og:title" content="x">', '<script type="application/ld+json">{"@type": "NewsArticle",'
                     ' "headline": 1, "datePublished": "2099-99-99"}</script>', "<!--", "-->", "<![CDATA[", "&amp;",
                     "&#0;", "&#x110000;", "<p class='caption'>", "<div hidden>", '<a href="javascript:x">'])),
    max_size=60).map("".join)


def _articles(pipeline: Any, docs: list[RawDocument]) -> list[Article]:
    out = list(pipeline.process_stream(docs))
    assert len(out) == len(docs)
    assert all(isinstance(item, (Article, InputError)) for item in out)
    return [a for a in out if isinstance(a, Article)]


def _text_of(article: Article, part: str | None) -> str:
    """The string a quote's offsets point into: the body text, or its title/standfirst for headline quotes."""
    if part is None:
        return article.text
    return (article.title if part == "title" else article.standfirst) or ""


def _docs(text: str) -> list[RawDocument]:
    return [RawDocument(content=text, format="text", path="prop.txt"),
            RawDocument(content=text, format="html", path="prop.html")]


# --- recovery -----------------------------------------------------------------------------------------

@SETTINGS
@given(ANY_TEXT)
def test_text_recovery_never_raises(text: str) -> None:
    rec = recover_text(text)
    assert isinstance(rec, Recovered)
    assert all(isinstance(p, str) and p.strip() for p in rec.body)


@SETTINGS
@given(st.one_of(MARKUP, st.text(max_size=400)))
def test_html_recovery_never_raises(page: str) -> None:
    rec = recover_html(page)
    assert isinstance(rec, Recovered)
    assert all(isinstance(p, str) and p.strip() for p in rec.body)


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(["x.txt", "x.html", "x.jsonl", "x.warc", "x"]))
def test_reading_any_bytes_never_raises(data: bytes, name: str) -> None:
    for item in read_bytes(data, name, path=name):
        assert isinstance(item, (RawDocument, InputError))
        if isinstance(item, RawDocument):
            assert "\x00" not in item.content
            item.content.encode("utf-8")  # printable as UTF-8: no lone surrogates


# --- the whole chain ----------------------------------------------------------------------------------

@SETTINGS
@given(ANY_TEXT)
def test_quote_offsets_point_at_their_text(pipeline, text: str) -> None:
    for article in _articles(pipeline, _docs(text)):
        for q in article.quotes:
            source = _text_of(article, getattr(q, "part", None))
            assert 0 <= q.start <= q.end <= len(source), q
            assert source[q.start:q.end] == q.text, q
            for mention in (q.speaker_mention, getattr(q, "cue_mention", None)):
                if mention is not None:
                    assert 0 <= mention.start <= mention.end <= len(source), (q, mention)


@SETTINGS
@given(ANY_TEXT)
def test_event_sentences_are_slices_of_the_text(pipeline, text: str) -> None:
    for article in _articles(pipeline, _docs(text)):
        for e in article.events:
            assert 0 <= e.start <= e.end <= len(article.text), e
            assert article.text[e.start:e.end] == e.sentence, e


@SETTINGS
@given(ANY_TEXT)
def test_actor_mentions_lie_inside_the_text(pipeline, text: str) -> None:
    for article in _articles(pipeline, _docs(text)):
        for actor in article.actors:
            for m in actor.mentions:
                assert 0 <= m.start <= m.end <= len(article.text), (actor.name, m)


@SETTINGS
@given(ANY_TEXT)
def test_actor_mentions_quote_the_text(pipeline, text: str) -> None:
    for article in _articles(pipeline, _docs(text)):
        for actor in article.actors:
            for m in actor.mentions:
                assert article.text[m.start:m.end] == m.text, (actor.name, m)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "“", "”", "«»", "said", "“said”", "\u2028\u2029", "a\x00b"])
def test_tiny_inputs(pipeline, text: str) -> None:
    _articles(pipeline, _docs(text))
