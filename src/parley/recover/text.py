"""Recover a clean article from a plain-text page dump (scraper output, Common Crawl WET text).

Every line gets a label (section, title, standfirst, byline, timestamp, caption, body, related,
boilerplate, comments); only body lines become paragraphs, and everything dropped is kept in
`removed` or `related` so each decision can be audited.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from parley.dates import parse_date
from parley.records import Caption, Recovered

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
# Lines after which nothing is article body.
END_MARKER = re.compile(
    r"^(?:leave a reply|leave a comment|post a comment|\d+ comments?|comments?|reader comments|"
    r"discussion|join the (?:discussion|conversation)|back to top(?: button)?)$",
    re.IGNORECASE,
)
READ_MORE = re.compile(r"^(?:read more|read also|also read|see also|related|more|read next)\s*[:»›\-–—]?\s+(.+)$", re.I)
CREDIT = re.compile(
    r"^(?P<text>.*?)[\s;,–—-]*(?P<credit>(?:©|\(c\)|copyright|photo(?:graph)?(?:\s+by)?\s*:|image\s*:|"
    r"credit\s*:|pictured\s*:|\bfile photo\b\s*[:/]?|source\s*:)\s*.+?"
    r"|\((?:[A-Z][\w.&/ ]+ )?(?:Getty Images|Reuters|AFP|AP|EPA|Sputnik|TASS|Xinhua|Anadolu)[^)]*\))\s*$",
    re.IGNORECASE,
)
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
    return len(WORD.findall(s))


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


def _is_prose(line: str) -> bool:
    """Body paragraphs are sentences: enough words and a sentence ending."""
    n = _words(line)
    return (n >= 8 and bool(SENTENCE_END.search(line))) or n >= 25


def _split_caption(line: str) -> Caption | None:
    m = CREDIT.match(line)
    if not m or _words(line) > 40:
        return None
    text = m.group("text").strip()
    credit = m.group("credit").strip()
    credit = re.sub(r"^(?:©|\(c\)|copyright|photo(?:graph)?(?:\s+by)?\s*:|image\s*:|credit\s*:|pictured\s*:|source\s*:)\s*", "", credit, flags=re.I)
    credit = credit.strip(" ()")
    return Caption(text=text, credit=credit or None)


def _furniture(line: str) -> bool:
    return bool(WIDGET.match(line) or WIDGET_PHRASE.search(line) or NAV.match(line))


def _find_title(lines: list[str], hint: str | None) -> str | None:
    """The headline: the container's hint, else the most repeated headline-like line near the top."""
    if hint:
        return " ".join(hint.split())
    head = [s for s in lines[:20] if not _furniture(s)]
    counts = Counter(_norm(s) for s in head)
    repeated = [s for s in head if counts[_norm(s)] >= 2 and 3 <= _words(s) <= 25 and not _is_prose(s)]
    if repeated:
        return repeated[0]
    for s in head:
        if 3 <= _words(s) <= 25 and not _is_prose(s) and not TIMESTAMP.match(s) and not BYLINE.match(s) and not _split_caption(s):
            return s
    return None


def label_lines(raw: str, title_hint: str | None = None) -> tuple[list[Line], str | None]:
    """Label each non-blank line of a dump; returns the lines and the headline found."""
    lines = [" ".join(s.split()) for s in raw.splitlines()]
    lines = [s for s in lines if s]
    title = _find_title(lines, title_hint)
    ntitle = _norm(title) if title else None
    out: list[Line] = []
    seen_body = False
    ended = False
    section_done = False
    for i, s in enumerate(lines):
        n = _norm(s)
        if ended:
            out.append(Line(s, "comments" if _words(s) > 3 and not WIDGET.match(s) and not WIDGET_PHRASE.search(s) else "boilerplate"))
            continue
        if seen_body and END_MARKER.match(s):
            ended = True
            out.append(Line(s, "boilerplate"))
            continue
        if ntitle and n == ntitle:
            out.append(Line(s, "title"))
            continue
        if ntitle and not seen_body and n != ntitle and (n.endswith(ntitle) or n.startswith(ntitle)) and _words(s) > _words(title or ""):
            rest = s[: len(s) - len(title or "")] if n.endswith(ntitle) else s[len(title or ""):]
            out.append(Line(rest.strip(" –—-:|"), "standfirst"))
            continue
        if _furniture(s):
            out.append(Line(s, "boilerplate"))
            continue
        m = READ_MORE.match(s)
        if m and not _is_prose(s):
            out.append(Line(m.group(1).strip(), "related"))
            continue
        if not seen_body and BYLINE.match(s):
            out.append(Line(s, "byline"))
            continue
        if TIMESTAMP.match(s) and _words(s) <= 12:
            out.append(Line(s, "timestamp"))
            continue
        cap = _split_caption(s) if not _is_prose(s) or "©" in s else None
        if cap is not None:
            out.append(Line(s, "caption"))
            continue
        if not section_done and not seen_body and i == 0 and _words(s) <= 5 and not _is_prose(s) and (ntitle is None or n != ntitle):
            section_done = True
            out.append(Line(s, "section"))
            continue
        if _is_prose(s):
            seen_body = True
            out.append(Line(s, "body"))
            continue
        out.append(Line(s, "short"))
    _resolve_short_lines(out)
    _mark_repeated_teasers(out, ntitle)
    return out, title


def _resolve_short_lines(lines: list[Line]) -> None:
    """Short non-prose lines: a standfirst before the body, teaser/boilerplate inside or after it."""
    first_body = next((i for i, ln in enumerate(lines) if ln.label == "body"), len(lines))
    have_standfirst = any(ln.label == "standfirst" for ln in lines)
    for i, ln in enumerate(lines):
        if ln.label != "short":
            continue
        if i < first_body and not have_standfirst and _words(ln.text) >= 6:
            lines[i] = Line(ln.text, "standfirst")
            have_standfirst = True
        elif i > first_body and 3 <= _words(ln.text) <= 20 and ln.text[:1].isupper():
            lines[i] = Line(ln.text, "teaser")
        else:
            lines[i] = Line(ln.text, "boilerplate")


def _mark_repeated_teasers(lines: list[Line], ntitle: str | None) -> None:
    """A headline-like line that recurs, or recurs after 'Read more', is a related-story teaser."""
    related = {_norm(ln.text) for ln in lines if ln.label == "related"}
    counts = Counter(_norm(ln.text) for ln in lines)
    for i, ln in enumerate(lines):
        n = _norm(ln.text)
        if ln.label in ("teaser", "body", "boilerplate") and n != ntitle and (
            n in related or (counts[n] >= 2 and not _is_prose(ln.text))
        ):
            lines[i] = Line(ln.text, "related")


def recover_text(raw: str, title_hint: str | None = None, published_hint: str | None = None) -> Recovered:
    """Turn a plain-text dump into a Recovered article."""
    lines, title = label_lines(raw, title_hint)
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
            byline = re.sub(r"^(?:by|written by|reporting by|text by)\s+", "", ln.text, flags=re.I)
        elif ln.label == "timestamp" and published is None:
            published = parse_date(ln.text)
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
        language="en",
    )
