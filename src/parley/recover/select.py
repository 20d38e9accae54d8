"""Choose a page's article body among several extractions, by how much they agree with each other.

No single extractor is right on every page: trafilatura's balanced mode keeps trailing widgets that its
precision mode drops, precision mode sometimes drops half an article, readability's single best node
misses bodies split across containers, and a stopword/link-density block classifier (jusText's rules)
keeps stray prose from sidebars. Their errors differ, so the extraction that agrees most with the
others — the medoid under word-shingle overlap — is right more often than any one of them.

Candidates (all on one parsed tree, in one process, without re-parsing):
  balanced   trafilatura's own extractor, default focus
  precision  trafilatura's own extractor, favor_precision
  readability  trafilatura's bundled readability port on the uncleaned tree
  blocks     jusText's classification (length, stopword and link density, context) over the page's blocks

The candidates are run cheapest first and only as long as there is something to decide: when the
block classifier and trafilatura's balanced mode give nearly the same text, that is the body; readability,
the slowest, is only run when the three cheaper candidates disagree, since when they already agree it
could not change which of them is the medoid by much.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from copy import copy, deepcopy
from dataclasses import dataclass, field
from functools import cache, cached_property

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring

from parley.recover.meta import clean_ws

log = logging.getLogger(__name__)

__all__ = ["Block", "Candidate", "attached", "block_candidate", "choose", "classify_blocks", "extract_candidates",
           "guess_language", "page_blocks", "parse_page", "similarity", "stoplist", "strip_never_text"]

BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul", "legend", "label", "select", "textarea", "title",
})
INVISIBLE_TAGS = frozenset({
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "video", "audio", "map", "source", "track", "img", "picture", "input", "meta", "link",
})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# page furniture by its markup: no article paragraph lives in these
CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "menu", "select", "button", "textarea", "label")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:visually-hidden|sr-only|screen-reader-text|hidden)(?:\s|$)", re.IGNORECASE)
# private-use characters (valid in XML, never in real text) mark links, block openings and chrome in the serialised text
_LINK_OPEN, _LINK_CLOSE, _OPEN, _OPEN_END, _CHROME_ON, _CHROME_OFF = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004", "\ue005"
_COUNT = etree.XPath("count(descendant::*)")
# a serialised line: an optional block-opening mark with the block's number, then text with something visible
_LINE = re.compile(r"^(?:\ue002(\d+)\ue003)?(?!\ue002)([^\n]*?[^\s\ue000-\ue005][^\n]*)$", re.MULTILINE)
_LINK_SPLIT = re.compile("([\ue000\ue001])")
_WORD = re.compile(r"\w+")

# jusText's published defaults as trafilatura calls them (length in characters, densities as shares)
LENGTH_LOW, LENGTH_HIGH = 50, 150
STOPWORDS_LOW, STOPWORDS_HIGH = 0.1, 0.2
MAX_LINK_DENSITY = 0.25
MAX_HEADING_DISTANCE = 150
# when the three cheaper candidates agree this much pairwise (Dice overlap of word 4-grams), readability
# is not consulted: a fourth vote would rarely move the medoid
AGREEMENT = 0.8
# when the block classifier and trafilatura's balanced mode, which share nothing, agree this much, neither
# precision mode nor readability is run (0.98 gains 0.001 F1 on trafilatura's evaluation set and costs
# a fifth more time)
CONSENSUS = 0.95
# languages guessed for pages that declare none: the most common on the web with a jusText list
_GUESSABLE = ("en", "de", "fr", "es", "pt", "it", "nl", "ru", "pl", "tr", "sv", "cs", "id", "vi", "uk", "ro", "hu",
              "el", "da", "fi", "nb", "sk", "bg", "hr", "ca")
# summed overlaps this close to the best count as a tie (see choose)
NEAR_TIE = 0.02
RESCUE_RATIO = 2.0
NO_SUPPORT = 0.3
# candidates from one extractor run in two modes, whose agreement says less than that of strangers
_FAMILY = {"balanced": "trafilatura", "precision": "trafilatura"}
# RAW_TREE_PRUNE_XPATH only matches class or id values holding one of these
_RAW_PRUNE_TOKENS = ("mvp-post-add", "infinite", "elementor-share-buttons")


@dataclass(frozen=True)
class Block:
    """One visible line of a page: its text, how much of it is link text, what kind of element holds it."""

    text: str
    link_chars: int = 0
    heading: bool = False
    chrome: bool = False  # inside navigation, a header or footer, an aside or a form
    source: HtmlElement | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Candidate:
    """One extractor's article body, as paragraphs."""

    name: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)

    @cached_property
    def shingles(self) -> frozenset[tuple[str, ...]]:
        """The text's word 4-grams (case-folded), computed once."""
        return _shingles(self.text)


def _parser() -> HTMLParser:
    """trafilatura's parser settings, with every element an HtmlElement chosen in C.

    lxml.html's default lookup calls back into Python for each element proxy to pick a class per tag
    (FormElement, InputElement, ...); nothing here uses those, and the callback costs a tenth of the run.
    """
    parser = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


_PARSER = _parser()


def parse_page(html: str) -> HtmlElement | None:
    """Parse a page as trafilatura's load_html does (same repairs, same checks), with the faster parser."""
    from trafilatura.utils import is_dubious_html, repair_faulty_html

    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree: HtmlElement | None = None
    try:
        tree = fromstring(html, parser=_PARSER)
    except ValueError:  # a string with an XML encoding declaration
        tree = None
    except etree.ParserError:
        tree = None
    if tree is None or len(tree) < 1:
        try:
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
        except (ValueError, etree.ParserError):
            tree = None
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


# never shown as text, and removed by every extractor before it looks at a page (not <noscript>: on pages
# built by scripts it holds the article, and trafilatura's last resort reads it)
NEVER_TEXT = ("head", "script", "style", "svg", "template", "iframe", "object", "embed", "canvas", "math", "link", "meta")


def strip_never_text(work: HtmlElement) -> HtmlElement:
    """Cut what is never page text out of a working copy (in libxml2), so every later walk is shorter."""
    etree.strip_elements(work, *NEVER_TEXT, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    return work


def _is_hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    if style and ("none" in style or "hidden" in style) and _HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    return bool(cls and ("hidden" in cls or "sr-only" in cls or "screen-reader-text" in cls) and _HIDDEN_CLASS.search(cls))


def remove_keep_tail(el: HtmlElement) -> None:
    """Remove an element but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def page_blocks(tree: HtmlElement) -> list[Block]:
    """The page's visible text as blocks (one per block-level element), with link characters counted.

    libxml2 does the walk: a copy of the body gets line breaks at block boundaries, a numbered mark where
    each block opens, and marks around links and around navigation, headers, footers, asides and forms;
    invisible parts are cut and the copy is serialised as text once. Python touches each element once and each line once. Every block keeps
    the element of ``tree`` it came from, so a caller that later removes parts of ``tree`` can tell which
    blocks went with them.
    """
    root = tree.find("body")
    if root is None:
        root = tree
    if _is_hidden(root):
        return []
    work = deepcopy(root)
    hidden = [el for el in work.iter() if el is not work and _is_hidden(el)]
    for a in work.iter("a"):
        a.text = _LINK_OPEN + (a.text or "")
        a.tail = _LINK_CLOSE + (a.tail or "")
    # a copy's block elements pair with the original's in document order (same structure)
    sources: list[HtmlElement] = []
    for el, source in zip(work.iter(*BLOCK_TAGS), root.iter(*BLOCK_TAGS), strict=True):
        el.text = f"\n{_OPEN}{len(sources)}{_OPEN_END}{el.text or ''}"
        el.tail = "\n" + (el.tail or "")
        sources.append(source)
    size = _COUNT(work)
    for container in work.iter(*CHROME_TAGS):
        if _COUNT(container) <= size / 2:  # a form around the whole page (ASP.NET) is layout, not chrome
            container.text = _CHROME_ON + (container.text or "")
            container.tail = _CHROME_OFF + (container.tail or "")
    etree.strip_elements(work, *INVISIBLE_TAGS, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for el in hidden:
        remove_keep_tail(el)
    text = etree.tostring(work, method="text", encoding="unicode", with_tail=False)
    blocks: list[Block] = []
    links = chrome = 0  # links and chrome containers open where the previous line ended
    previous_end = 0
    for match in _LINE.finditer(text):
        start = match.start()
        links = max(0, links + text.count(_LINK_OPEN, previous_end, start) - text.count(_LINK_CLOSE, previous_end, start))
        chrome = max(0, chrome + text.count(_CHROME_ON, previous_end, start) - text.count(_CHROME_OFF, previous_end, start))
        previous_end = match.end()
        digits, raw = match.groups()
        source = sources[int(digits)] if digits else None  # text after a nested block: its owner is not tracked
        heading = source is not None and source.tag in _HEADINGS
        in_chrome = chrome > 0
        if _CHROME_ON in raw or _CHROME_OFF in raw:  # a container opens or closes at the end of this line
            chrome = max(0, chrome + raw.count(_CHROME_ON) - raw.count(_CHROME_OFF))
            raw = raw.replace(_CHROME_ON, "").replace(_CHROME_OFF, "")
        if _LINK_OPEN not in raw and _LINK_CLOSE not in raw:
            line = clean_ws(raw)
            if line:
                blocks.append(Block(line, len(line) if links else 0, heading, in_chrome, source))
            continue
        link_chars = 0
        plain: list[str] = []
        for piece in _LINK_SPLIT.split(raw):
            if piece == _LINK_OPEN:
                links += 1
            elif piece == _LINK_CLOSE:
                links = max(links - 1, 0)
            elif piece:
                plain.append(piece)
                if links:
                    link_chars += len(clean_ws(piece))
        line = clean_ws("".join(plain))
        if line:
            blocks.append(Block(line, min(link_chars, len(line)), heading, in_chrome, source))
    return blocks


def attached(blocks: Sequence[Block], tree: HtmlElement) -> list[Block]:
    """The blocks whose source element is still part of ``tree`` (after some of it was cut away).

    (A removed lxml element stays in its document, so ``getroottree`` cannot tell; but iterating the
    tree hands back the very proxies the blocks hold, so a set of them can.)
    """
    alive = set(tree.iter(*BLOCK_TAGS))
    return [b for b in blocks if b.source is None or b.source in alive]


# --- jusText's block classification ----------------------------------------------------------------

@cache
def stoplist(language: str | None) -> frozenset[str]:
    """jusText's stopword list for an ISO 639-1 code; empty when it has none."""
    from justext.utils import get_stoplist
    from trafilatura.settings import JUSTEXT_LANGUAGES

    name = JUSTEXT_LANGUAGES.get(language or "")
    try:
        return frozenset(w.lower() for w in get_stoplist(name)) if name else frozenset()
    except (ValueError, OSError):
        return frozenset()


def guess_language(lines: Sequence[str], declared: str | None = None) -> str:
    """The page's language for the stopword tests (lines: its blocks' texts): the declared one unless the
    text says otherwise.

    A declared language whose stopwords make up a tenth of the page's words is taken as it is;
    otherwise the one of the web's most common languages whose stopwords cover most words, unless it
    covers less than twice what the declared one does (templates often say lang="en" whatever the
    article's language). A union of every list would count most short words of any language as
    stopwords, and the density tests would stop telling prose from chrome.
    """
    sample: list[str] = []
    size = 0
    prose = [line for line in lines if len(line) >= LENGTH_LOW] or lines  # menus say little about the language
    for line in prose:
        sample.append(line)
        size += len(line)
        if size > 20_000:
            break
    words = " ".join(sample).casefold().split()
    counts = Counter(words)
    declared_hits = sum(n for word, n in counts.items() if word in stoplist(declared)) if declared else 0
    if declared_hits * 10 >= len(words) and declared:
        return declared
    hits = _guessable_hits(counts)
    best = max(range(len(_GUESSABLE)), key=hits.__getitem__)  # the first of equals, in _GUESSABLE's order
    if declared and declared_hits and hits[best] <= 2 * declared_hits:
        return declared
    return _GUESSABLE[best]


def _guessable_hits(counts: Counter[str]) -> list[int]:
    """How many of the counted words each of the _GUESSABLE languages' stopword lists holds, in one pass
    over the page's words (rather than one pass per language)."""
    hits = [0] * len(_GUESSABLE)
    languages_of = _guessable_stopwords()
    for word, n in counts.items():
        for at in languages_of.get(word, ()):
            hits[at] += n
    return hits


@cache
def _guessable_stopwords() -> dict[str, tuple[int, ...]]:
    """Every stopword of the _GUESSABLE languages -> the positions in _GUESSABLE of the lists that hold it."""
    index: dict[str, list[int]] = {}
    for at, code in enumerate(_GUESSABLE):
        for word in stoplist(code):
            index.setdefault(word, []).append(at)
    return {word: tuple(ats) for word, ats in index.items()}


def _context_free(block: Block, stops: frozenset[str] | None) -> str:
    text = block.text
    length = len(text)
    if block.chrome or (length and block.link_chars / length > MAX_LINK_DENSITY) or "©" in text or "&copy" in text:
        return "bad"
    if length < LENGTH_LOW:
        return "bad" if block.link_chars else "short"
    if stops is None:  # a script written without spaces: length and links decide
        density = STOPWORDS_HIGH
    else:
        words = text.lower().split()
        density = sum(1 for w in words if w in stops) / len(words) if words else 0.0
    if density >= STOPWORDS_HIGH:
        return "good" if length > LENGTH_HIGH else "neargood"
    return "neargood" if density >= STOPWORDS_LOW else "bad"


def _neighbour(classes: list[str], i: int, step: int, ignore_neargood: bool) -> str:
    i += step
    while 0 <= i < len(classes):
        c = classes[i]
        if c in ("good", "bad") or (c == "neargood" and not ignore_neargood):
            return c
        i += step
    return "bad"


def classify_blocks(blocks: Sequence[Block], stops: frozenset[str] | None) -> list[bool]:
    """jusText's rules: a context-free class per block, then short and near-good blocks take their neighbours'.

    One addition: when no block is good on its own (an article of short paragraphs), the near-good
    ones stand in for the good, or every block would end up boilerplate.
    """
    first = [_context_free(b, stops) for b in blocks]
    if "good" not in first:
        first = ["good" if c == "neargood" else c for c in first]
    classes = list(first)
    lengths = [len(b.text) for b in blocks]

    def good_within(i: int) -> bool:
        distance = 0
        for j in range(i + 1, len(classes)):
            if distance > MAX_HEADING_DISTANCE:
                return False
            if classes[j] == "good":
                return True
            distance += lengths[j]
        return False

    for i, b in enumerate(blocks):
        if b.heading and classes[i] == "short" and good_within(i):
            classes[i] = "neargood"
    revised: dict[int, str] = {}
    for i, c in enumerate(classes):
        if c != "short":
            continue
        prev, nxt = _neighbour(classes, i, -1, True), _neighbour(classes, i, 1, True)
        if prev == nxt:
            revised[i] = prev
        elif (prev == "bad" and _neighbour(classes, i, -1, False) == "neargood") or \
                (nxt == "bad" and _neighbour(classes, i, 1, False) == "neargood"):
            revised[i] = "good"
        else:
            revised[i] = "bad"
    for i, c in revised.items():
        classes[i] = c
    for i, c in enumerate(classes):
        if c == "neargood":
            pair = (_neighbour(classes, i, -1, True), _neighbour(classes, i, 1, True))
            classes[i] = "bad" if pair == ("bad", "bad") else "good"
    for i, b in enumerate(blocks):
        if b.heading and classes[i] == "bad" and first[i] != "bad" and good_within(i):
            classes[i] = "good"
    return [c == "good" for c in classes]


def block_candidate(blocks: Sequence[Block], language: str | None) -> Candidate:
    """The blocks jusText's rules keep, as a candidate body (language: the declared ISO 639-1 code, if any)."""
    text = "".join(b.text for b in blocks[:200])
    unspaced = len(text) > 200 and text.count(" ") < len(text) / 20  # Chinese, Japanese, Thai...
    keep = classify_blocks(blocks, None if unspaced else stoplist(guess_language([b.text for b in blocks], language)))
    return Candidate("blocks", tuple(b.text for b, k in zip(blocks, keep, strict=True) if k))


# --- trafilatura's extractors on one tree -----------------------------------------------------------

@cache
def _options(focus: str):  # type: ignore[no-untyped-def]
    from trafilatura.settings import Extractor

    return Extractor(comments=False, tables=True, precision=focus == "precision")


def _paragraphs(body: etree._Element | None, to_paragraphs: Callable[[etree._Element], list[str]]) -> tuple[str, ...]:
    if body is None:
        return ()
    return tuple(to_paragraphs(body))


# trafilatura's comment-thread prunes match on class and id with EXSLT regular expressions, which call
# back into Python for every element; a substring test picks the few elements worth that test
_COMMENT_TAGS = ("div", "list", "section", "details", "ol", "ul")
_COMMENT_ID_PARTS = ("omment", "comol", "disqus_thread", "dsq-comments")


@cache
def _comment_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from trafilatura import xpaths

    ids = xpaths._COMMENTS_ID  # the same expressions REMOVE_COMMENTS(_AND_LISTS)_XPATH are built from
    return (re.compile(f"^(?:{ids}|disqus_thread|dsq-comments)"), re.compile(f"^(?:{ids})"), re.compile(xpaths._COMMENTS_CLASS))


def prune_comment_threads(tree: HtmlElement, *, lists: bool) -> HtmlElement:
    """trafilatura's REMOVE_COMMENTS_XPATH (lists=False) or REMOVE_COMMENTS_AND_LISTS_XPATH, same matches, faster."""
    from trafilatura.xml import delete_element

    block_id, list_id, cls_re = _comment_patterns()
    maybe = []
    for el in tree.iter(*_COMMENT_TAGS):
        ident, cls = el.get("id") or "", el.get("class") or ""
        if "omment" in cls or any(part in ident for part in _COMMENT_ID_PARTS):
            maybe.append((el, ident, cls))
    for el, ident, cls in maybe:
        if el.tag in ("ol", "ul"):
            hit = lists and bool(list_id.search(ident) or cls_re.search(cls))
        else:
            hit = bool(block_id.search(ident) or cls_re.search(cls))
        if hit:
            delete_element(el)
    return tree


def extract_candidates(work: HtmlElement, url: str | None, blocks: Candidate,
                       to_paragraphs: Callable[[etree._Element], list[str]], *, source: str | None = None) -> list[Candidate]:
    """trafilatura's balanced and precision extractions and, when the three disagree, readability's.

    ``work`` is pruned in place the way trafilatura prunes a raw page (comment threads, infinite-scroll
    containers). ``to_paragraphs`` turns trafilatura's XML body into paragraphs, so every candidate is
    cut into paragraphs the same way. ``source``, the page's markup, lets a prune whose class names do
    not occur in it be skipped.
    """
    from trafilatura.external import sanitize_tree, try_readability
    from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
    from trafilatura.main_extractor import extract_content
    from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH

    balanced, precision = _options("balanced"), _options("precision")
    # the same preparation trafilatura's own cascade makes (comments off, not a forum thread)
    out = [blocks]
    tree = work
    try:
        if source is None or any(token in source for token in _RAW_PRUNE_TOKENS):
            tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE_XPATH)
        prune_comment_threads(tree, lists=True)
        converted = convert_tags(tree_cleaning(copy(tree), balanced), balanced, url)
        precise_input = prune_comment_threads(copy(converted), lists=False)
    except Exception:  # a hostile page must not stop a batch: the block candidate stands alone
        log.warning("trafilatura could not prepare %s", url or "a page", exc_info=True)
        return out
    for name, options, cleaned in (("balanced", balanced, converted), ("precision", precision, precise_input)):
        try:
            body, _ = extract_content(cleaned, options)
        except Exception:  # one extractor failing leaves the others
            log.debug("trafilatura %s failed on %s", name, url, exc_info=True)
            body = None
        out.append(Candidate(name, _paragraphs(body, to_paragraphs)))
        if name == "balanced" and _agree(out, CONSENSUS) and not _short(out):
            return out[1:]  # two unrelated methods give the same text: nothing is left to vote on
    if not _agree(out, AGREEMENT) or _short(out):
        try:
            found = try_readability(copy(tree))
            body = sanitize_tree(found, balanced)[0] if len(found) or found.text else None
        except Exception:  # a page readability cannot read
            log.debug("readability failed on %s", url, exc_info=True)
            body = None
        out.append(Candidate("readability", _paragraphs(body, to_paragraphs)))
    if _short(out):
        # trafilatura's own last resort: a declared articleBody, an <article>, the page's paragraphs
        from trafilatura.baseline import baseline

        try:
            out.append(Candidate("baseline", _paragraphs(baseline(tree)[0], to_paragraphs)))
        except Exception:
            log.debug("baseline failed on %s", url, exc_info=True)
    return out


def _short(cands: Sequence[Candidate]) -> bool:
    """Whether every candidate is shorter than trafilatura's minimum for an extraction (250 characters)."""
    return all(len(c.text) < _options("balanced").min_extracted_size for c in cands)


# --- agreement ---------------------------------------------------------------------------------------

def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    tokens = _WORD.findall(text.casefold())
    if len(tokens) < 4:
        return frozenset([tuple(tokens)] if tokens else [])
    return frozenset(zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False))


def _overlap(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Dice overlap of two shingle sets (sets, not multisets: a repeat adds no evidence of agreement)."""
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str) -> float:
    """Dice overlap of two texts' word 4-gram sets (1.0 for identical texts)."""
    return _overlap(_shingles(a), _shingles(b))


def _agree(cands: Sequence[Candidate], threshold: float) -> bool:
    return all(c.paragraphs for c in cands) and all(_overlap(cands[i].shingles, cands[j].shingles) >= threshold
               for i in range(len(cands)) for j in range(i + 1, len(cands)))


def choose(cands: Sequence[Candidate]) -> Candidate:
    """The candidate the others agree with most, unless two others agree on a much longer text.

    Medoid: each candidate scores its summed overlap with the others; within NEAR_TIE of the best
    score the shortest wins, since extractors err by taking in more (a heading, a caption, a
    teaser) far more often than by losing a paragraph. Rescue: trafilatura's two modes fail alike
    when they stop at the first of several containers, and as twins they outvote the rest; when
    two candidates from other families agree with each other (AGREEMENT) and are both at least
    RESCUE_RATIO times longer than the pick, the shorter of them is taken instead, as trafilatura
    itself prefers readability over a much shorter extraction of its own. No support: when the pick
    shares less than NO_SUPPORT with every candidate of another family, nothing agrees with anything,
    and the longest candidate of at least RESCUE_RATIO times its length is taken (losing the article
    is then the likelier error than keeping chrome).
    """
    usable = [c for c in cands if c.paragraphs]
    if len(usable) <= 1:
        return usable[0] if usable else Candidate("none", ())
    scores = [0.0] * len(usable)
    for i in range(len(usable)):
        for j in range(i + 1, len(usable)):
            s = _overlap(usable[i].shingles, usable[j].shingles)
            scores[i] += s
            scores[j] += s
    top = max(scores)
    pick = min((c for c, s in zip(usable, scores, strict=True) if s >= top - NEAR_TIE), key=lambda c: len(c.text))
    size = len(pick.text)
    others = [c for c in usable if _FAMILY.get(c.name, c.name) != _FAMILY.get(pick.name, pick.name)]
    rescue: Candidate | None = None
    for i, a in enumerate(others):
        for b in others[i + 1:]:
            if _FAMILY.get(a.name, a.name) == _FAMILY.get(b.name, b.name):
                continue
            if min(len(a.text), len(b.text)) >= RESCUE_RATIO * size and _overlap(a.shingles, b.shingles) >= AGREEMENT:
                shorter = min((a, b), key=lambda c: len(c.text))
                if rescue is None or len(shorter.text) < len(rescue.text):
                    rescue = shorter
    if rescue is not None:
        return rescue
    if others and max(_overlap(pick.shingles, c.shingles) for c in others) < NO_SUPPORT:
        longer = [c for c in others if len(c.text) >= RESCUE_RATIO * size]
        if longer:
            return max(longer, key=lambda c: len(c.text))
    return pick
