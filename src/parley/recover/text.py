"""Recover a clean article from a plain-text page dump (scraper output, Common Crawl WET text).

Every line gets a label (section, title, standfirst, byline, timestamp, caption, body, related,
boilerplate, comments); only body lines become paragraphs, and everything dropped is kept in
`removed` or `related` so each decision can be audited.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from parley.dates import parse_date
from parley.records import Caption, Recovered
from parley.recover.meta import plausible_day
from parley.recover.templates import SiteTemplates

# Lines that are page furniture wherever they stand.
WIDGET_LINES = [
    "source", "sources", "share", "share this", "share this (?:article|story)", "tweet", "email", "print",
    "whatsapp", "telegram", "facebook", "twitter", "linkedin", "reddit", "copy link", "leave a reply",
    "leave a comment", "post a comment", "back to top(?: button)?", "related", "related (?:news|stories|articles|posts)",
    "more from .{1,40}", "read more", "read next", "see also", "also read", "you may also like", "recommended",
    "trending", "most read", "advertisement", "sponsored", "subscribe", "sign up", "log in", "login", "register",
    "menu", "search", "skip to content", "home", "next", "previous", "next article", "previous article",
    "comments?", r"\d+ comments?", "tags?:.*", r"share on \w+", "follow us.*", "cancel reply", r"loading\.*",
    "close", "accept", "accept all", "cookie settings",
]
WIDGET = re.compile("^(?:" + "|".join(WIDGET_LINES) + ")[.:!]?$", re.IGNORECASE)
WIDGET_PHRASE = re.compile(
    r"(?:cookies?\b.*\b(?:use|accept|consent)|subscribe to (?:our|the) newsletter|sign up for|"
    r"all rights reserved|your email address will not be published|required fields are marked|"
    r"^©\s*\d{4}|^copyright\b|we use cookies|enable javascript|terms of (?:use|service)|privacy policy)",
    re.IGNORECASE,
)
# what each alternative of WIDGET_PHRASE holds, as _folded gives it: a line without any cannot match
WIDGET_PHRASE_NEEDS = ("cookie", "subscribe to ", "sign up for", "all rights reserved", "your email address will not be published",
                       "required fields are marked", "©", "copyright", "enable javascript", "terms of ", "privacy policy")
# Lines after which nothing is article body.
END_MARKER = re.compile(
    r"^(?:leave a reply|leave a comment|post a comment|\d+ comments?|comments?|reader comments|"
    r"discussion|join the (?:discussion|conversation)|back to top(?: button)?)$",
    re.IGNORECASE,
)
# Where reader comments begin: "12 comments", "34 responses to ...", "Leave a reply", a WordPress signature.
COMMENT_MARKER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions?)\b.{0,80}$|"
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|join the (?:discussion|conversation)|reader comments|"
    r"top rated comments|show comments|view comments|comment policy|comments are closed|discussion|\d+ thoughts on)\b|"
    r"^.{1,60}\bon \w+ \d{1,2},? \d{4},? at \d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?\s*said:?$",
    re.IGNORECASE,
)
# "About the author", "Über Jane Doe": an author box, after which the article is over
AUTHOR_BOX = re.compile(r"^(?i:about|über|sobre|à propos de|acerca de|a proposito di|over)\s+"
                        r"(?:(?i:the author)|[A-ZÀ-Ý][\w.'’-]+(?:\s+[A-ZÀ-Ý][\w.'’-]+){1,3})\s*:?$")
BARRIERS = frozenset({"comment-marker", "end-marker"})
# what a site's template line may otherwise have looked like (headlines, bylines, dates stay themselves)
TEMPLATE_CAN_BE = frozenset({"prose", "short", "widget", "navigation", "related", "caption", "end-marker"})
# languages a paragraph may be in when it fails the stopword test of the page's own
OTHER_LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "nl", "ru")
PARAGRAPH_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$|[\"”’»」』]$")
# scripts written without spaces between words: two characters count as a word
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# the cost of a line that is not running text, against the length of those that are (see _article_stretch)
GAP_COST = 100
# what articles carry inside them (captions, "Read more" links, widget labels) costs less
INSETS = frozenset({"caption", "related", "widget"})
INSET_COST = 20
SMALL_GAP = 1
# a stretch that starts right under these is more likely the article (see _article_stretch)
ARTICLE_HEAD = frozenset({"title", "byline", "timestamp", "standfirst"})
HEAD_BONUS = 2.0
# the most lines of non-prose a stretch is grown across (see _extend)
MAX_BRIDGE = 3
# what the article stretch after a comments marker is worth against one before it
AFTER_COMMENTS = 0.3
# a dateline standing on its own line: "BAAR, SWITZERLAND", "KYIV (Reuters) -", "GENEVA, March 3 -"
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý .'’-]{1,30}(?:,\s*[A-ZÀ-Ý][\w .'’-]{1,30}\s*(?:[–—-]\s*)?|"
                      r"\s*\((?:Reuters|AP|AFP|dpa|Xinhua)\)\s*[–—-]?\s*)$")
# a photo credit closing the line, "(AP Photo/Jane Doe)", "(Getty Images)": a caption, however long
PHOTO_CREDIT = re.compile(r"\((?:[A-Z][\w.&/ -]+ )?(?:AP|AFP|Reuters|Getty|EPA|Xinhua|Sputnik|TASS|Anadolu)\b[^()]*\)\s*$")
READ_MORE = re.compile(r"^(?:read more|read also|also read|see also|related|more|read next)\s*[:»›\-–—]?\s+(.+)$", re.I)
CREDIT = re.compile(
    r"^(?P<text>.*?)[\s;,–—-]*(?P<credit>(?:©|\(c\)|copyright|photo(?:graph)?(?:\s+by)?\s*:|image\s*:|"
    r"credit\s*:|pictured\s*:|\bfile photo\b\s*[:/]?|source\s*:)\s*.+?"
    r"|\((?:[A-Z][\w.&/ ]+ )?(?:Getty Images|Reuters|AFP|AP|EPA|Sputnik|TASS|Xinhua|Anadolu)[^)]*\))\s*$",
    re.IGNORECASE,
)
# what each alternative of CREDIT's credit holds, as _folded gives it
CREDIT_NEEDS = ("©", "(", "copyright", "photo", "image", "credit", "pictured", "source")
# the label before a credit ("Photo: ", "© ") and before a byline's names ("Written by ")
CREDIT_LABEL = re.compile(r"^(?:©|\(c\)|copyright|photo(?:graph)?(?:\s+by)?\s*:|image\s*:|credit\s*:|pictured\s*:|source\s*:)\s*",
                          re.IGNORECASE)
BYLINE_LABEL = re.compile(r"^(?:by|written by|reporting by|text by)\s+", re.IGNORECASE)
BYLINE = re.compile(r"^(?i:by|written by|reporting by|text by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,5}(?:\s*(?:,|and|&)\s*.*)?$")
TIMESTAMP = re.compile(
    r"^(?:published|updated|posted|last updated|date)?\s*:?\s*(?:on\s+)?"
    r"(?:\w+day,?\s+)?(?:\d{1,2}\s+\w{3,9}\.?,?\s+\d{4}|\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[ T,]+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*)?)?"
    r"(?:\s*\|.*)?$",
    re.IGNORECASE,
)
NAV = re.compile(r"^(?:[\w&'’ ]{1,25}\s*[|•·»/]\s*){2,}[\w&'’ ]{1,25}$")
SENTENCE_END = re.compile(r"[.!?…][\"”’»)]*$|[\"”’»]$")
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


# --- furniture at the edges of a body, shared with HTML recovery --------------------------------------
# Credits, contact and promotion lines that close a news story: reporting credits, author bios, where
# to write or follow, newsletter and app prompts. Only tested on the last paragraphs of a body.
CREDIT_LINE = re.compile(
    r"^\(?(?:additional |with )?(?:reporting|writing|editing|research|translation|compiled|produced)(?: and \w+)?\s+by\b|"
    r"\bcontribut(?:ed|ing)\b.{0,60}\b(?:report|reporting|story|article)\b|^contributing:|"
    r"^with (?:[\w-]+ ){0,2}wires?\.?$|^(?:sources?|via)\s*:\s*\S|"
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}(?: \(@\w+\))? (?:is|was) (?:a|an|the) (?:[\w-]+ ){0,4}"
    r"(?:writer|reporter|correspondent|contributor|editor|columnist|journalist|producer|host|author)\b",
    re.IGNORECASE,
)
CONTACT_LINE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?:^|\s)@\w{2,}|https?://|www\.", re.IGNORECASE)
PROMO_LINE = re.compile(
    r"^(?:subscribe|sign up|follow|get (?:the|our)|download|listen|join|click|tap|like this|share (?:it|this)|"
    r"don'?t miss|have a tip|tips?\?|reach (?:the )?(?:reporter|writer|author)|write to|e-?mail (?:us|him|her|the)|"
    r"contact (?:the )?(?:reporter|author|writer|newsroom|us))\b|"
    r"\b(?:you|your|our|us)\b.{0,60}\b(?:subscribe|sign up|newsletters?|follow|inbox|app|podcast|membership)\b|"
    r"\b(?:subscribe|sign up|newsletters?|follow)\b.{0,60}\b(?:you|your|our|us)\b|"
    r"\bif you (?:enjoyed|liked|value)\b|\bon (?:twitter|facebook|instagram|youtube)\b|\bclick here\b",
    re.IGNORECASE,
)
# A label standing alone, announcing links to other stories or a widget (wherever it stands).
PROMPT_LINE = re.compile(
    r"^\[?(?:you (?:may|might) also (?:like|enjoy)|recommended(?: for you| stories)?|most (?:read|popular|viewed)(?: .{1,30})?|"
    r"don'?t miss|see more|see also|also on [\w.]+|also|more|read (?:more|also|next)|related(?: articles| stories| content| "
    r"coverage| posts)?|more (?:from|on|in) .{1,40}|trending(?: now)?|leggi anche|lesen sie auch|lire aussi|"
    r"à lire aussi|leia (?:também|mais)|você pode gostar|lee también|читайте также|share(?: this)?(?: article| story)?|"
    r"comments?|\d+ comments?|tell us what you think|leave a (?:reply|comment)|advertisement|sponsored)"
    r"\s*(?:\.\.\.|…)?\s*[:»›>\]]?\s*$",
    re.IGNORECASE,
)
READING_TIME = re.compile(
    r"^(?:reading time|read time|lesezeit|tempo de leitura|temps de lecture|tiempo de lectura)\s*:?\s*\d+|"
    r"^\d+\s*(?:min(?:ute)?s?|minutos?)\.? read$", re.IGNORECASE)
HAS_WORD = re.compile(r"[^\W_]")
# the characters outside ASCII that an IGNORECASE pattern matches to an ASCII letter (see _folded)
ASCII_LOOKALIKES = str.maketrans({"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"})


def _folded(line: str) -> str:
    """The line as an IGNORECASE pattern of lower-case ASCII letters sees it: in lower case, with the four
    characters re also matches to such letters (dotted and dotless i, long s, Kelvin sign) turned into them.
    A literal the pattern needs is then `in` the folded line wherever the pattern can match, a test far
    cheaper than the pattern failing."""
    if "İ" in line or "ı" in line or "ſ" in line or "\u212a" in line:
        line = line.translate(ASCII_LOOKALIKES)
    return line.lower()


def _may_hold(line: str, needs: tuple[str, ...]) -> bool:
    folded = _folded(line)
    return any(need in folded for need in needs)


def _widget_phrase(line: str) -> bool:
    return _may_hold(line, WIDGET_PHRASE_NEEDS) and WIDGET_PHRASE.search(line) is not None


def edge_furniture(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Split a body into article paragraphs and the furniture around them.

    Dropped anywhere: lines without a single word character ("___", zero-width spaces), reading-time
    notes, and labels that stand alone to announce links or widgets ("You may also like", "Comments").
    Dropped from the end, as long as they run: credits ("Reporting by ...", "... contributed to this
    report"), author bios and promotion lines (newsletter, follow and app prompts addressed to the
    reader) of at most 60 words, and contact lines (e-mail, @handles, links) of at most 15.
    """
    kept: list[str] = []
    dropped: list[str] = []
    for para in paragraphs:
        if not HAS_WORD.search(para) or READING_TIME.match(para) or (len(para) <= 80 and PROMPT_LINE.match(para)):
            dropped.append(para)
        else:
            kept.append(para)
    end = len(kept)
    while end > 1:
        para = kept[end - 1]
        words = len(para.split())
        if (words <= 60 and (CREDIT_LINE.search(para) or PROMO_LINE.search(para))) or (words <= 15 and CONTACT_LINE.search(para)):
            end -= 1
        else:
            break
    return kept[:end], dropped + kept[end:]


@dataclass(frozen=True)
class Line:
    """One labelled line of the dump."""

    text: str
    label: str


def _words(s: str) -> int:
    unspaced = len(UNSPACED.findall(s))
    return len(WORD.findall(s)) + unspaced // 2 if unspaced else len(WORD.findall(s))


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _is_prose(line: str, n: int | None = None) -> bool:
    """Body paragraphs are sentences: enough words and a sentence ending (``n``: the line's word count, if known)."""
    n = _words(line) if n is None else n
    return (n >= 8 and bool(SENTENCE_END.search(line))) or n >= 25


def _split_caption(line: str, words: int | None = None) -> Caption | None:
    m = CREDIT.match(line) if _may_hold(line, CREDIT_NEEDS) else None
    if not m or (_words(line) if words is None else words) > 40:
        return None
    text = m.group("text").strip()
    credit = m.group("credit").strip()
    credit = CREDIT_LABEL.sub("", credit)
    credit = credit.strip(" ()")
    return Caption(text=text, credit=credit or None)


def _furniture(line: str) -> bool:
    return bool(WIDGET.match(line) or _widget_phrase(line) or NAV.match(line))


def _find_title(lines: list[str], norms: list[str], sizes: list[int], hint: str | None) -> str | None:
    """The headline: the container's hint, else the most repeated headline-like line near the top (norms,
    sizes: each line's _norm and _words)."""
    if hint:
        return " ".join(hint.split())
    head = [i for i, s in enumerate(lines[:20])
            if not _furniture(s) and not COMMENT_MARKER.match(s) and not PROMPT_LINE.match(s)]
    counts = Counter(norms[i] for i in head)
    repeated = [i for i in head if counts[norms[i]] >= 2 and 3 <= sizes[i] <= 25 and not _is_prose(lines[i], sizes[i])]
    if repeated:
        return lines[repeated[0]]
    for i in head:
        s = lines[i]
        if 3 <= sizes[i] <= 25 and not _is_prose(s, sizes[i]) and not TIMESTAMP.match(s) and not BYLINE.match(s) \
                and not _split_caption(s, sizes[i]):
            return s
    return None


def label_lines(raw: str, title_hint: str | None = None, *, templates: SiteTemplates | None = None,
                domain: str | None = None) -> tuple[list[Line], str | None]:
    """Label each non-blank line of a dump; returns the lines and the headline found (see _label)."""
    lines, title, _ = _label(raw, title_hint, templates, domain)
    return lines, title


def _label(raw: str, title_hint: str | None, templates: SiteTemplates | None,
           domain: str | None) -> tuple[list[Line], str | None, str | None]:
    """The labelled lines, the headline found and the page's language (see _language).

    With ``templates`` and the page's ``domain``, lines the site shows on its other pages are its
    template ("template"), whatever they look like on this page.

    Three passes. Each line first gets what it is on its own (headline, byline, timestamp, caption,
    widget, related-story link, or a sentence-like "prose" line). Then the article is found as one
    stretch of the page: the run of lines where prose outweighs everything else (each prose line counts
    its length, each other line a fixed cost), never across a reader-comments marker, and preferring
    what comes before such a marker. Last, lines get their final labels from where they stand: prose in
    the stretch is body, prose after it footer or comments, short lines before it navigation, and so on.
    """
    lines = [" ".join(s.split()) for s in raw.splitlines()]
    lines = [s for s in lines if s]
    norms = [s.casefold() for s in lines]  # (_norm of a line whose whitespace is normalised already)
    sizes = [_words(s) for s in lines]  # counted once: every pass below asks
    title = _find_title(lines, norms, sizes, title_hint)
    ntitle = _norm(title) if title else None
    from parley.recover.select import stoplist

    language = _language(lines, sizes)
    stops = stoplist(language) if language else frozenset()  # none for a language without a list (Korean)
    kinds = [_kind(s, n, words, ntitle, title, stops) for s, n, words in zip(lines, norms, sizes, strict=True)]
    # "Comments" among "Share", "Print", "Email" is a share bar's link, not where reader comments begin
    kinds = ["widget" if k == "comment-marker" and sizes[i] <= 2 and "widget" in kinds[max(0, i - 1):i + 2:2] else k
             for i, k in enumerate(kinds)]
    # a headline that a "Read more" link repeats is a teaser wherever it stands
    teasers = {_norm(READ_MORE.sub(r"\1", s)) for s, k in zip(lines, kinds, strict=True) if k == "related"}
    kinds = ["related" if k == "short" and n in teasers else k for n, k in zip(norms, kinds, strict=True)]
    first = kinds[0] if kinds else ""  # a section label recurs across a site's pages, and is still one
    if templates is not None and domain:
        kinds = ["template" if k in TEMPLATE_CAN_BE and templates.is_boilerplate(domain, s) else k
                 for s, k in zip(lines, kinds, strict=True)]
    start, end = _article_stretch(lines, kinds, sizes)
    end = _list_tail(lines, kinds, sizes, end)
    out: list[Line] = []
    section_done = False
    comments = False
    for i, (s, kind) in enumerate(zip(lines, kinds, strict=True)):
        if kind in ("comment-marker", "end-marker"):
            comments = comments or (i >= end and kind == "comment-marker")
            out.append(Line(s, "widget"))
            continue
        if kind == "standfirst":
            glued_after = bool(ntitle) and norms[i].endswith(ntitle or "")
            rest = s[: len(s) - len(title or "")] if glued_after else s[len(title or ""):]
            out.append(Line(rest.strip(" –—-:|"), "standfirst"))
            continue
        label = kind
        if kind == "prose":
            label = "body" if start <= i < end else "comments" if comments else "footer" if i >= end else "teaser"
        elif kind == "short" or (i == 0 and first == "short"):
            if i == 0 and not section_done and sizes[i] <= 5 and start > 0:
                label = "section"
                section_done = True
            elif i < start:
                label = "short" if sizes[i] >= 6 else "navigation"
            elif i < end:
                label = "body" if _in_list(lines, kinds, sizes, i) else "teaser" if 3 <= sizes[i] <= 20 and s[:1].isupper() \
                    else "boilerplate"
            else:
                label = "comments" if comments and sizes[i] > 3 else "footer"
        # a teaser is kept as its headline, without "Read more"
        out.append(Line(READ_MORE.sub(r"\1", s).strip() if kind == "related" else s, label))
    _resolve_short_lines(out)
    _mark_pull_quotes(out)
    _mark_repeated_teasers(out, ntitle)
    _trim_body_edges(out)
    return out, title, language


def _trim_body_edges(lines: list[Line]) -> None:
    """Credits, contact and promotion lines closing the body, and lone prompts in it, are furniture."""
    index = [i for i, ln in enumerate(lines) if ln.label == "body"]
    _, dropped = edge_furniture([lines[i].text for i in index])
    gone = set(dropped)
    for i in index:
        if lines[i].text in gone:
            lines[i] = Line(lines[i].text, "footer" if i > index[0] else "widget")


def _language(lines: list[str], sizes: list[int]) -> str | None:
    """The ISO 639-1 code of the dump's language, when one of jusText's stopword lists fits it; None when even
    the best list covers almost none of its words (a language without one, like Korean), so that the
    stopword test is skipped rather than failing every line."""
    from parley.recover.select import guess_language, stoplist

    language = guess_language(lines)
    stops = stoplist(language)
    prose = [(s, n) for s, n in zip(lines, sizes, strict=True) if len(s) >= 50]  # (line, its word count)
    words = " ".join(s for s, _ in prose).lower().split()
    if not words or sum(map(stops.__contains__, words)) < 0.05 * sum(n for _, n in prose):
        return None
    return language


def _kind(s: str, n: str, words: int, ntitle: str | None, title: str | None, stops: frozenset[str]) -> str:
    """What a line is on its own, before its place on the page is known (n: its _norm, words: its _words)."""
    if ntitle and n == ntitle:
        return "title"
    if ntitle and (n.endswith(ntitle) or n.startswith(ntitle)) and words > _words(title or ""):
        return "standfirst"
    if words <= 12 and COMMENT_MARKER.match(s):
        return "comment-marker"
    if words <= 6 and AUTHOR_BOX.match(s):
        return "end-marker"
    if NAV.match(s):
        return "navigation"
    if WIDGET.match(s) or _widget_phrase(s) or PROMPT_LINE.match(s):
        return "widget"
    prose = _is_prose(s, words)
    if READ_MORE.match(s) and not prose:
        return "related"
    if BYLINE.match(s):
        return "byline"
    if TIMESTAMP.match(s) and words <= 12:
        return "timestamp"
    if words <= 8 and DATELINE.match(s):
        return "dateline"
    if (not prose or "©" in s or PHOTO_CREDIT.search(s)) and _split_caption(s, words) is not None:
        return "caption"
    if _sentence(s, stops, words):
        return "prose"
    return "short"


def _sentence(s: str, stops: frozenset[str], n: int) -> bool:
    """Running text: five words or more ending like a sentence, or 25 words, with some stopwords."""
    words = _stopword_keys(s)
    if not words:
        return False
    if stops and _stopword_share(words, stops) < 0.1:
        # a paragraph in another language than the page's (a quote, a translation) passes on its own list
        from parley.recover.select import stoplist

        if all(_stopword_share(words, stoplist(code)) < 0.1 for code in OTHER_LANGUAGES):
            return False
    return (n >= 5 and bool(PARAGRAPH_END.search(s))) or n >= 25


def _stopword_keys(s: str) -> list[str]:
    """The line's words as stopword lists spell them (lower case, no punctuation around), made once for
    every list a line is tested against."""
    return [w.strip(".,;:!?\"'“”‘’()«»") for w in s.lower().split()]


def _stopword_share(keys: list[str], stops: frozenset[str]) -> float:
    return sum(map(stops.__contains__, keys)) / len(keys)


def _article_stretch(lines: list[str], kinds: list[str], sizes: list[int]) -> tuple[int, int]:
    """[start, end): the run of lines where prose outweighs the rest, in the best comment-delimited part."""
    prose = [k == "prose" for k in kinds]
    values = [len(s) if k == "prose" else -INSET_COST if k in INSETS else -GAP_COST for s, k in zip(lines, kinds, strict=True)]
    # the items of a list a paragraph introduces ("... three stocks:") cost nothing
    for i in range(1, len(lines)):
        if kinds[i] == "short" and (values[i - 1] == 0 or (prose[i - 1] and lines[i - 1].endswith(":"))) \
                and sizes[i] >= 2 and (prose[i - 1] or kinds[i - 1] == "short"):
            values[i] = 0
    # a few lines between two paragraphs (a caption, a teaser, an advertisement label) cost nothing
    i = 0
    while i < len(lines):
        if prose[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and not prose[j]:
            j += 1
        if i > 0 and j < len(lines) and j - i <= SMALL_GAP and not BARRIERS.intersection(kinds[i:j]):
            for k in range(i, j):
                values[k] = 0
        i = j
    comments_from = next((i for i, k in enumerate(kinds) if k == "comment-marker"), len(kinds))
    best = (0.0, 0, 0)
    for total, start, end in _runs(values, [k in BARRIERS for k in kinds]):
        weight = AFTER_COMMENTS if start > comments_from else 1.0
        if any(k in ARTICLE_HEAD for k in kinds[max(0, start - 3):start]):
            weight *= HEAD_BONUS  # right under a headline, byline or timestamp: where articles start
        if total * weight > best[0]:
            best = (total * weight, start, end)
    return _extend(values, [k in BARRIERS for k in kinds], best[1], best[2])


def _extend(values: list[int], barrier: list[bool], start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) over a gap of at most MAX_BRIDGE lines when the paragraphs beyond outweigh it.

    (The running sum that finds the stretch starts afresh once it falls to zero, so a paragraph behind
    two stray lines can be lost although taking both would add to the total.)
    """
    if start == end:
        return start, end
    n = len(values)
    grown = True
    while grown:
        grown = False
        for step in (1, -1):
            j = end if step == 1 else start - 1
            gap = cost = 0
            while 0 <= j < n and values[j] <= 0 and not barrier[j]:
                gap, cost, j = gap + 1, cost - values[j], j + step
            gain, k = 0, j
            while 0 <= k < n and values[k] > 0 and not barrier[k]:
                gain, k = gain + values[k], k + step
            if 0 < gap <= MAX_BRIDGE and gain > cost:
                start, end = (start, k) if step == 1 else (k + 1, end)
                grown = True
    return start, end


def _runs(values: list[int], barrier: list[bool]) -> list[tuple[int, int, int]]:
    """The best-sum run of each stretch where the running sum stays positive (Kadane, keeping every
    stretch's best rather than the overall one), as (sum, start, end); barriers end a stretch."""
    runs: list[tuple[int, int, int]] = []
    best = (0, 0, 0)
    total, start = 0, 0
    for i, value in enumerate(values):
        if total <= 0 or barrier[i]:
            if best[0] > 0:
                runs.append(best)
            best = (0, i, i)
            total, start = 0, i
            if barrier[i]:
                continue
        total += value
        if total > best[0]:
            best = (total, start, i + 1)
    if best[0] > 0:
        runs.append(best)
    return runs


def _list_tail(lines: list[str], kinds: list[str], sizes: list[int], end: int) -> int:
    """The end of the article stretch moved past a list its last paragraph introduces ("... tour dates:")."""
    if end == 0 or kinds[end - 1] != "prose" or not lines[end - 1].rstrip().endswith(":"):
        return end
    while end < len(lines) and kinds[end] == "short" and sizes[end] >= 2:
        end += 1
    return end


def _in_list(lines: list[str], kinds: list[str], sizes: list[int], i: int) -> bool:
    """A short line the article owns: an item of a list a paragraph introduces, or one line between paragraphs."""
    before = next((j for j in range(i - 1, -1, -1) if kinds[j] != "short"), None)
    if before is None or kinds[before] != "prose":
        return False
    if lines[before].rstrip().endswith(":"):
        return True
    return i - before == 1 and i + 1 < len(kinds) and kinds[i + 1] == "prose" and sizes[i] >= 2


def _mark_pull_quotes(lines: list[Line]) -> None:
    """A body line repeated inside a longer body paragraph is a pull quote set off from the text."""
    bodies = {i: " ".join(WORD.findall(ln.text.casefold())) for i, ln in enumerate(lines) if ln.label == "body"}
    padded = {i: f" {words} " for i, words in bodies.items()}  # whole words only
    for i, words in bodies.items():
        # (only a longer paragraph can hold it, and never the line itself)
        if words.count(" ") >= 4 and any(len(other) > len(words) and padded[i] in padded[j] for j, other in bodies.items()):
            lines[i] = Line(lines[i].text, "pullquote")


def _resolve_short_lines(lines: list[Line]) -> None:
    """Short lines before the article: the first long enough is the standfirst, the rest navigation."""
    have_standfirst = any(ln.label == "standfirst" for ln in lines)
    for i, ln in enumerate(lines):
        if ln.label != "short":
            continue
        if not have_standfirst:
            lines[i] = Line(ln.text, "standfirst")
            have_standfirst = True
        else:
            lines[i] = Line(ln.text, "navigation")


def _mark_repeated_teasers(lines: list[Line], ntitle: str | None) -> None:
    """A headline-like line that recurs, or recurs after 'Read more', is a related-story teaser."""
    norms = [_norm(ln.text) for ln in lines]
    related = {n for ln, n in zip(lines, norms, strict=True) if ln.label == "related"}
    counts = Counter(norms)
    for i, (ln, n) in enumerate(zip(lines, norms, strict=True)):
        if ln.label in ("teaser", "body", "boilerplate", "navigation", "footer") and n != ntitle and (
            n in related or (counts[n] >= 2 and not _is_prose(ln.text))
        ):
            lines[i] = Line(ln.text, "related")


def recover_text(raw: str, title_hint: str | None = None, published_hint: str | None = None, *,
                 templates: SiteTemplates | None = None, domain: str | None = None,
                 today: date | None = None) -> Recovered:
    """Turn a plain-text dump into a Recovered article (site templates applied when given with a domain).

    ``today`` is the latest date a publication date may have (the crawl date, when known): a timestamp
    after it is a misread ("Updated" stamps of the next day's edition, an event's date), not a date.
    """
    lines, title, language = _label(raw, title_hint, templates, domain)
    body: list[str] = []
    seen_body: set[str] = set()
    related: list[str] = []
    removed: list[str] = []
    captions: list[Caption] = []
    section = standfirst = byline = published = None
    for ln in lines:
        if ln.label == "body":
            key = _norm(ln.text)
            if key in seen_body:
                removed.append(ln.text)
            else:
                seen_body.add(key)
                body.append(ln.text)
        elif ln.label == "related":
            if _norm(ln.text) not in {_norm(r) for r in related}:
                related.append(ln.text)
            else:
                removed.append(ln.text)
        elif ln.label == "section" and section is None:
            section = ln.text
        elif ln.label == "standfirst" and standfirst is None:
            standfirst = ln.text
        elif ln.label == "byline" and byline is None:
            byline = BYLINE_LABEL.sub("", ln.text)
        elif ln.label == "timestamp" and published is None:
            published = parse_date(ln.text)
            if published is not None and not plausible_day(date.fromisoformat(published[:10]), today=today):
                published = None
            if published is None:
                removed.append(ln.text)
        elif ln.label == "caption":
            cap = _split_caption(ln.text)
            if cap is not None:
                captions.append(cap)
        elif ln.label != "title":
            removed.append(ln.text)
    return Recovered(
        title=title,
        body=tuple(body),
        section=section,
        standfirst=standfirst,
        byline=byline,
        published=published_hint or published,
        captions=tuple(captions),
        related=tuple(related),
        removed=tuple(removed),
        language=language,
    )
