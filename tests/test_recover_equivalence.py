"""Faster forms of recovery's hand loops and patterns give exactly what the plain forms they replaced gave.

Each test keeps the plain form as a reference and compares on many generated inputs (hypothesis, bounded
and derandomised) built from fictional words and the pieces the rules look for.
"""
from __future__ import annotations

import re
import sys
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.recover import html, select, text

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
# letters whose case folding is unusual (long s, Kelvin sign, dotted and dotless i, sharp s), punctuation
TRICKY = ["ſ", "K", "İ", "ı", "ß", "©", "’", "“", "”", " ", "\u00a0", ":", "»", ".", "-"]


def _words_from(pool: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.one_of(st.sampled_from(pool), st.sampled_from(TRICKY),
                              st.text(alphabet="abcdefghijklmnopqrstuvwxyzKS", min_size=1, max_size=8)), max_size=60)


# --- guess_language: one pass over the page's words for every language -----------------------------

def _guess_language_per_language(lines: list[str], declared: str | None = None) -> str:
    """guess_language as it was: one set intersection per language."""
    sample: list[str] = []
    size = 0
    prose = [line for line in lines if len(line) >= select.LENGTH_LOW] or lines
    for line in prose:
        sample.append(line)
        size += len(line)
        if size > 20_000:
            break
    words = " ".join(sample).casefold().split()
    counts = Counter(words)
    vocabulary = set(counts)

    def hits(code: str) -> int:
        return sum(map(counts.__getitem__, select.stoplist(code) & vocabulary))

    declared_hits = hits(declared) if declared and select.stoplist(declared) else 0
    if declared_hits * 10 >= len(words) and declared:
        return declared
    best = max(select._GUESSABLE, key=hits)
    if declared and declared_hits and hits(best) <= 2 * declared_hits:
        return declared
    return best


def _stopword_pool() -> list[str]:
    """A few stopwords of every guessable language, in both cases: pages that mix languages."""
    pool = []
    for code in select._GUESSABLE:
        words = sorted(select.stoplist(code))[:12]
        pool += words + [w.upper() for w in words[:3]]
    return pool


@SETTINGS
@given(lines=st.lists(_words_from(_stopword_pool()), min_size=1, max_size=8),
       declared=st.sampled_from([None, "en", "de", "ko", "xx", "nb", "ca"]))
def test_guess_language_counts_every_language_in_one_pass(lines: list[list[str]], declared: str | None) -> None:
    texts = [" ".join(words) for words in lines]
    assert select.guess_language(texts, declared) == _guess_language_per_language(texts, declared)


def test_guess_language_breaks_ties_in_list_order() -> None:
    """Words no list holds tie every language at zero: the first listed wins, as max() over the list gave."""
    texts = ["Zorvath quindle mebbrak tovish"]
    assert select.guess_language(texts) == _guess_language_per_language(texts) == select._GUESSABLE[0]


# --- the stopword test of a line, its words made once for every list -------------------------------

def _stopword_share_per_list(line: str, stops: frozenset[str]) -> float:
    words = line.split()
    return sum(1 for w in words if w.lower().strip(".,;:!?\"'“”‘’()«»") in stops) / len(words)


GREEK = ["ΟΔΟΣ", "ΟΔΟΣ,", "Σ", "ΣΑΣ.", "(ΣΟΦΟΣ)", "ὈΔΥΣΣΕΎΣ", "İSTANBUL", "ǅ"]  # final sigma, dotted I, titlecase


@SETTINGS
@given(words=st.lists(st.one_of(st.sampled_from(_stopword_pool() + GREEK), st.sampled_from(TRICKY)), min_size=1,
                      max_size=40),
       code=st.sampled_from(text.OTHER_LANGUAGES))
def test_stopword_keys_lowered_once_per_line(words: list[str], code: str) -> None:
    line = " ".join(f"({w})," if i % 3 == 0 else w for i, w in enumerate(words))
    assert text._stopword_keys(line) == [w.lower().strip(".,;:!?\"'“”‘’()«»") for w in line.split()]
    if line.split():
        stops = select.stoplist(code)
        assert text._stopword_share(text._stopword_keys(line), stops) == _stopword_share_per_list(line, stops)


# --- first-letter lookahead: _RELATED_CLASS ---------------------------------------------------------

def _without_lookahead(pattern: re.Pattern[str], letters: str) -> re.Pattern[str]:
    lookahead = f"(?=[{letters}])"
    assert pattern.pattern.startswith(lookahead)
    return re.compile(pattern.pattern.removeprefix(lookahead), pattern.flags)


def _alternatives(plain: re.Pattern[str]) -> list[str]:
    """The top-level alternatives inside the pattern's outer "(?:...)", as pattern source."""
    body = plain.pattern[3:-1]
    depth, start, out = 0, 0, []
    for i, ch in enumerate(body + "|"):
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            out.append(body[start:i])
            start = i + 1
    return out


RELATED_CLASS_PLAIN = _without_lookahead(html._RELATED_CLASS, "afimrs")
CLASS_PIECES = ["related", "Related-Posts", "read-more", "readmore", "READMORE", "more-stories", "recommended",
                "also-read", "read_also", "see-also", "further-reading", "more-on-this", "recirc", "inline-teaser",
                "story-teaser", "more-from", "ſee-also", "article", "body", "col-md-8", "teaser", "story"]


def test_the_lookahead_names_every_alternatives_first_letter() -> None:
    assert {alt.lstrip("^")[0] for alt in _alternatives(RELATED_CLASS_PLAIN)} <= set("afimrs")


@SETTINGS
@given(pieces=st.lists(st.one_of(st.sampled_from(CLASS_PIECES), st.sampled_from(TRICKY),
                                 st.text(alphabet="afimrs-_ ſK", max_size=6)), max_size=8))
def test_related_class_lookahead_finds_what_the_plain_pattern_finds(pieces: list[str]) -> None:
    for value in (" ".join(pieces), "".join(pieces), "-".join(pieces)):
        assert bool(html._RELATED_CLASS.search(value)) == bool(RELATED_CLASS_PLAIN.search(value))


# --- what a pattern needs, tested on the folded line before the pattern ------------------------------

def test_only_the_four_lookalikes_match_ascii_letters_ignoring_case() -> None:
    """The premise of text._folded: outside ASCII, re's IGNORECASE matches only these to an ASCII letter,
    and the table turns each into the letter it matches."""
    letter = re.compile("[a-z]", re.IGNORECASE)
    outside = [chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))]
    assert outside == ["İ", "ı", "ſ", "\u212a"]
    for ch in outside:
        folded = text._folded(ch)
        assert len(folded) == 1 and folded.isascii() and re.fullmatch(folded, ch, re.IGNORECASE)


def test_every_widget_phrase_alternative_holds_one_of_its_needs() -> None:
    for alternative in _alternatives(text.WIDGET_PHRASE):
        assert any(need in alternative for need in text.WIDGET_PHRASE_NEEDS), alternative


WIDGET_PIECES = ["cookies", "Cookie", "COOKIES", "we use", "accept", "consent", "subscribe to our newsletter",
                 "SIGN UP FOR", "all rights reserved", "your email address will not be published",
                 "required fields are marked", "© 2031", "©2031", "copyright", "Copyright", "we use cookies",
                 "enable JavaScript", "terms of use", "Terms of Service", "privacy policy", "ſubscribe to the newsletter",
                 "\u212aookie", "coo\u212aies use", "prıvacy polİcy", "Velmoria", "harbour", "talks"]


@SETTINGS
@given(pieces=st.lists(st.one_of(st.sampled_from(WIDGET_PIECES), st.sampled_from(TRICKY),
                                 st.text(alphabet="acepqrstwy ©ſK", max_size=6)), max_size=12))
def test_widget_phrase_needs_leave_its_matches_alone(pieces: list[str]) -> None:
    for line in (" ".join(pieces), "".join(pieces)):
        assert text._widget_phrase(line) == bool(text.WIDGET_PHRASE.search(line))


CREDIT_PIECES = ["Photo:", "PHOTOGRAPH BY", "photograph by:", "Image:", "credit :", "Pictured:", "File photo",
                 "file photo/", "Source:", "©", "(c)", "(C)", "Copyright", "(Getty Images)", "(AP Photo/Ada Fenn)",
                 "(Example Photo)", "(reuters)", "ſource:", "İmage:", "Jane Doe", "Harbour at dawn", "–", ";", "(", ")"]


@SETTINGS
@given(pieces=st.lists(st.one_of(st.sampled_from(CREDIT_PIECES), st.sampled_from(TRICKY),
                                 st.text(alphabet="cdeimoprstu (©)", max_size=6)), max_size=10))
def test_credit_needs_leave_its_matches_alone(pieces: list[str]) -> None:
    for line in (" ".join(pieces), "".join(pieces), "A harbour at dawn " + " ".join(pieces)):
        if text.CREDIT.match(line):
            assert text._may_hold(line, text.CREDIT_NEEDS), line


# --- pull quotes: padded once, the cheap length test first -------------------------------------------

def _pull_quotes_plain(lines: list[text.Line]) -> list[text.Line]:
    out = list(lines)
    bodies = {i: " ".join(text.WORD.findall(ln.text.casefold())) for i, ln in enumerate(out) if ln.label == "body"}
    for i, words in bodies.items():
        if words.count(" ") >= 4 and any(f" {words} " in f" {other} " and len(other) > len(words)
                                         for j, other in bodies.items() if j != i):
            out[i] = text.Line(out[i].text, "pullquote")
    return out


def test_a_body_line_repeated_inside_a_longer_one_is_a_pull_quote() -> None:
    lines = [text.Line("Quill said the harbour talks will resume on Monday, after the storm.", "body"),
             text.Line("“The harbour talks will resume on Monday”", "body"),
             text.Line("Talks will resume", "body"), text.Line("The harbour talks will resume on Monday", "caption")]
    expected = _pull_quotes_plain(lines)
    text._mark_pull_quotes(lines)
    assert lines == expected
    assert [ln.label for ln in lines] == ["body", "pullquote", "body", "caption"]


QUOTE_WORDS = ["the", "harbour", "talks", "will", "resume", "Velmoria", "said", "Quill", "on", "Monday", "“", "”", "."]


@SETTINGS
@given(paragraphs=st.lists(st.tuples(st.lists(st.sampled_from(QUOTE_WORDS), max_size=14),
                                     st.sampled_from(["body", "body", "body", "caption"])), max_size=8))
def test_pull_quotes_found_as_before(paragraphs: list[tuple[list[str], str]]) -> None:
    lines = [text.Line(" ".join(words), label) for words, label in paragraphs]
    expected = _pull_quotes_plain(lines)
    text._mark_pull_quotes(lines)
    assert lines == expected


# --- _removed: a line's teaser key only where "Read more" opens it ---------------------------------

def _removed_plain(visible: list[str], kept: list[str], authors: list[str]) -> list[str]:
    keys = {html._key(k) for k in kept if k}
    keys |= {html._key(f"by {a}") for a in authors}
    keys.discard("")
    blob = "\n".join(html._key(k) for k in kept if k)
    out: list[str] = []
    seen: set[str] = set()
    for line in visible:
        k = html._key(line)
        if k in seen:
            continue
        teaser = html._key(html._teaser(line))
        if k in keys or teaser in keys or (len(k) >= 30 and k in blob):
            continue
        seen.add(k)
        out.append(line)
    return out


HEADLINES = ["Harbour talks collapse in Valletta", "Ferry strike ends after two days", "Envoys meet again",
             "Quill warns of empty nets", "Ada Fenn"]
PREFIXES = ["", "Read more: ", "READ ALSO ", "See also – ", "Related stories: ", "  read   more » ", "By ", "by "]


@SETTINGS
@given(visible=st.lists(st.tuples(st.sampled_from(PREFIXES), st.sampled_from(HEADLINES + TRICKY)), max_size=10),
       kept=st.lists(st.tuples(st.sampled_from(PREFIXES), st.sampled_from([*HEADLINES, "", " "])), max_size=5),
       authors=st.lists(st.sampled_from(HEADLINES[-2:]), max_size=2))
def test_removed_tries_a_teaser_key_only_after_read_more(visible: list[tuple[str, str]], kept: list[tuple[str, str]],
                                                          authors: list[str]) -> None:
    lines = [p + h for p, h in visible]
    keep = [p + h for p, h in kept]
    assert html._removed(lines, keep, authors) == _removed_plain(lines, keep, authors)


# --- same_name: one key per name, a prefix cut instead of a pattern ---------------------------------

def _same_name_plain(a: str | None, b: str | None) -> bool:
    def key(s: str | None) -> str:
        s = re.sub(r"[\W_]+", " ", (s or "").casefold()).strip()
        return re.sub(r"^the ", "", s).replace(" ", "")
    return bool(key(a)) and key(a) == key(b)


NAME_PIECES = ["The", "the", "THE ", "Velmoria", "Times", "Daily", "_", "-", ".", " ", "ſ", "İ", "theology", "The the"]


@SETTINGS
@given(a=st.one_of(st.none(), st.lists(st.sampled_from(NAME_PIECES), max_size=5).map("".join)),
       b=st.one_of(st.none(), st.lists(st.sampled_from(NAME_PIECES), max_size=5).map("".join)))
def test_same_name_keys_each_name_once(a: str | None, b: str | None) -> None:
    from parley.recover.meta import same_name

    assert same_name(a, b) == _same_name_plain(a, b)
    assert same_name(a, a) == _same_name_plain(a, a)
