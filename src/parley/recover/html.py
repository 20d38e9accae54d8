"""HTML page -> clean article: trafilatura for the body, plus declared metadata, captions and teasers.

trafilatura finds the main text well but drops what parley needs to keep apart: figure captions with
their credits, related-story teasers, the standfirst, and an audit trail of everything else it threw
away. Those are taken out of the page *before* extraction, so the body cannot swallow them, and the
audit list (``removed``) is every visible line of the page that ended up nowhere else.
"""
from __future__ import annotations

import logging
import re
from copy import deepcopy
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from parley.records import Caption, Recovered
from parley.recover.meta import (
    clean_credit,
    clean_ws,
    normalize_date,
    page_meta,
    same_name,
    split_credit,
)
from parley.recover.select import (
    attached,
    block_candidate,
    choose,
    extract_candidates,
    page_blocks,
    parse_page,
    remove_keep_tail,
    strip_never_text,
)
from parley.recover.templates import SiteTemplates
from parley.recover.text import edge_furniture

__all__ = ["recover_html", "split_credit", "visible_lines"]

log = logging.getLogger(__name__)
# trafilatura warns about every page it rejects ("discarding data: None"); parley reports those pages
# itself, one line each, so its chatter is kept to real errors.
for _name in ("trafilatura", "htmldate"):
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.ERROR)

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:visually-hidden|sr-only|screen-reader-text|hidden)(?:\s|$)", re.IGNORECASE)

# (the lookahead names every alternative's first letter: the same matches in half the time)
_RELATED_CLASS = re.compile(
    r"(?=[afimrs])(?:related|read-?more|readmore|more-?stories|recommended|also-?read|read-?also|see-?also|further-?reading|"
    r"more-?on-?this|recirc|inline-?teaser|story-?teaser|more-?from)", re.IGNORECASE)
_READ_MORE = re.compile(
    r"^\s*(?:read\s+more|read\s+also|also\s+read|see\s+also|related(?:\s+(?:story|stories|article|articles|"
    r"coverage|content))?|more\s+on\s+this(?:\s+story)?|more\s+from\s+[\w ]{1,30}|recommended|"
    r"lesen\s+sie\s+auch|mehr\s+zum\s+thema|lire\s+aussi|à\s+lire\s+aussi|leer\s+más|lea\s+también|"
    r"читайте\s+также|также\s+читайте)\s*[:：\-–—|»›>]*\s*", re.IGNORECASE)
_READ_MORE_FIRST = frozenset("rsamlàчт")  # the letters _READ_MORE can start with: a cheap test before it
_STANDFIRST_CLASS = re.compile(
    r"(?:^|[-_\s])(?:standfirst|stand-first|dek|subtitle|sub-title|subheadline|sub-headline|subhead|strapline|"
    r"summary|lede|intro|article-description|excerpt|teaser-text|deck|abstract|sapo|chapeau|"
    r"alternativeheadline)(?:$|[-_\s])", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright|photographer|attribution|source|byline|author", re.IGNORECASE)
_CAPTION_CLASS = re.compile(r"caption|legend|(?:^|[-_\s])(?:photo|image|img|pic)[-_]?(?:text|desc|info)", re.IGNORECASE)
_AD_LABELS = frozenset({
    "advertisement", "advertising", "ad", "ads", "sponsored", "sponsored content", "story continues below advertisement",
    "article continues below advertisement", "continue reading below", "scroll to continue with content",
    "anzeige", "werbung", "publicité", "publicidad", "pubblicità", "реклама", "広告",
})
_BYLINE_CLASS = re.compile(r"byline|author|writer|reporter|dateline|credits", re.IGNORECASE)
_BYLINE_CUT = re.compile(
    r"\s+(?:[|•·—–]|-\s)\s*.*$|\s*\b(?:published|updated|posted)\b.*$|"
    r"\s*,?\s*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b.*$|"
    r"\s*,?\s*\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b.*$|"
    r"\s*,?\s*\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b.*$",
    re.IGNORECASE)
_COMMENT_TOKENS = frozenset({
    "comments", "comment-list", "commentlist", "comments-area", "comment-respond", "respond", "comment-form",
    "commentform", "disqus_thread", "comments-section", "article-comments", "reader-comments",
})
_KICKER_CLASS = re.compile(r"kick|section|category|rubric|eyebrow|overline|topic|channel|department|label", re.I)
_NOT_SECTIONS = frozenset({"breaking", "breaking news", "exclusive", "live", "updated", "new", "watch", "video",
                           "listen", "advertisement", "sponsored", "home"})
_CAPTION_LABEL = re.compile(r"^(?:image|media|photo|video)?\s*caption\s*[,:]\s*", re.IGNORECASE)
_BYLINE_LINE = re.compile(r"^(?:by|von|par|por|di|door|от|автор)\s+", re.IGNORECASE)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_TOKEN = re.compile(
    rf"\b{_MONTHS}(?=\W|$)|\b\d{{1,4}}(?:[./:-]\d{{1,4}}){{0,2}}(?:st|nd|rd|th|h)?\b|\b(?:am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|"
    r"est|edt|pst|pdt|ist|jst)\b|\b(?:published|updated|posted|last|first|on|at|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE)
_HAS_DATE = re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\b\d{{1,2}}\s+{_MONTHS}|\b\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}\b",
                       re.IGNORECASE)
_SITE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ")
# libxml2 stops reading a page (silently, for HTML) once 256 elements are open; everything after that
# point would be lost. Such a page is re-read with its container tags dropped.
_PARSER_MAX_DEPTH = 255
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*>")
_KEEP_WHEN_FLAT = frozenset({"html", "head", "body", "title", "meta", "link", "script", "style", "noscript", "p",
                             "h1", "h2", "h3", "h4", "h5", "h6", "br", "figure", "figcaption", "img", "time"})


def recover_html(html: str, url: str | None = None, *, title_hint: str | None = None,
                 today: date | None = None, templates: SiteTemplates | None = None,
                 domain: str | None = None) -> Recovered:
    """Extract the article (title, body paragraphs, captions, teasers, metadata) from one HTML page.

    With ``templates`` and the page's ``domain``, lines the site shows on its other pages never make
    the body (they are listed in ``removed``).
    """
    tree = parse_page(html) if html and html.strip() else None
    if tree is not None and _hit_depth_limit(tree):
        log.info("page nests elements over %d deep; reading it with container tags dropped", _PARSER_MAX_DEPTH)
        tree = parse_page(_flatten(html))
    if tree is None:
        return Recovered(title=clean_ws(title_hint) or None, body=())
    today = today or datetime.now(UTC).date()
    meta = page_meta(tree, today=today)
    site = meta.site_name
    title = _clean_title(meta.title, site) or clean_ws(title_hint) or _first_h1(tree) \
        or _clean_title(_title_element(tree), site)
    authors = list(meta.authors) or _page_byline(tree)
    authors = [a for a in authors if _plausible_author(a, site, url or meta.url)]
    byline = ", ".join(authors) or None
    section = meta.section or _page_section(tree, title, site)
    published = meta.published or _htmldate(tree, today)

    work = strip_never_text(tree)  # everything read from the whole page is read: the tree is now cut up
    page = page_blocks(work)
    visible = [block.text for block in page]
    captions, caption_texts = _take_captions(work)
    related = _take_related(work)
    _drop_comment_sections(work)
    standfirst = _take_standfirst(work)

    language = meta.language
    # several extractions of the body, and the one the others agree with most (parley.recover.select)
    def site_furniture(line: str) -> bool:
        return templates is not None and templates.is_boilerplate(domain, line)

    blocks = block_candidate([b for b in attached(page, work) if not site_furniture(b.text)], language)
    candidates = extract_candidates(work, url or meta.url, blocks, _body_paragraphs, source=html)
    body, _ = edge_furniture([p for p in choose(candidates).paragraphs if not site_furniture(p)])  # dropped: in removed
    if sum(map(len, body)) < 300:
        # on very short pages the extractors fall back to whole-page text, navigation included
        body = [p for p in _fallback_paragraphs(work) if not site_furniture(p)] or body

    if standfirst is None and meta.description:
        standfirst = _visible_standfirst(meta.description, visible, body, title)
    body, teasers = _tidy_body(body, title=title, standfirst=standfirst, authors=authors,
                               caption_texts=caption_texts, related=related, labels=[section or ""])
    related = _dedupe([*related, *teasers])

    removed = _removed(visible, [title or "", standfirst or "", byline or "", *authors, *body, *related,
                                 *caption_texts, *(c.credit or "" for c in captions)], authors)
    return Recovered(
        title=title or None,
        body=tuple(body),
        section=section,
        standfirst=standfirst,
        byline=byline,
        published=published,
        captions=tuple(captions),
        related=tuple(related),
        removed=tuple(removed),
        language=language,
    )


def _hit_depth_limit(tree: HtmlElement) -> bool:
    """Whether the parser stopped at its nesting limit (where it stops, the last open element is deepest)."""
    depth, el = 0, tree
    while len(el) and depth <= _PARSER_MAX_DEPTH:
        el = el[-1]
        depth += 1
    return depth >= _PARSER_MAX_DEPTH


def _flatten(html: str) -> str:
    """The page with every tag but paragraphs, headings, figures and head elements replaced by a space."""
    return _TAG.sub(lambda m: m.group() if m.group(2).lower() in _KEEP_WHEN_FLAT else " ", html)


# --- page walking -----------------------------------------------------------------------------------

def _is_hidden(el: HtmlElement) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    cls = el.get("class")
    return bool(cls and _HIDDEN_CLASS.search(cls))


def visible_lines(tree: HtmlElement) -> list[str]:
    """The page's visible text, one line per block element, whitespace-normalised, empties dropped."""
    return [block.text for block in page_blocks(tree)]


def _text(el: HtmlElement) -> str:
    return clean_ws(" ".join(el.itertext()))  # (the spaces an empty piece adds are collapsed with the rest)


def _class_id(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('itemprop') or ''}"


def _inside(el: HtmlElement, chosen: set[HtmlElement]) -> bool:
    return any(anc in chosen for anc in el.iterancestors())


# --- captions ---------------------------------------------------------------------------------------

def _caption_of(container: HtmlElement) -> tuple[Caption, str] | None:
    """The Caption of a figure-like element and its full visible caption text."""
    node = container.find(".//figcaption")
    if node is None:
        for el in container.iter():
            if isinstance(el.tag, str) and el is not container and _CAPTION_CLASS.search(_class_id(el)):
                node = el
                break
    if node is None:
        return None
    full = _text(node)
    credit = None
    text = full
    for el in node.iter():
        if el is node or not isinstance(el.tag, str):
            continue
        if _CREDIT_CLASS.search(_class_id(el)):
            credit_text = _text(el)
            if credit_text:
                credit = clean_credit(credit_text) or None
                text = clean_ws(full.replace(credit_text, " ", 1))
                break
    if credit is None:
        # a credit kept beside the caption, still inside the figure
        for el in container.iter():
            if isinstance(el.tag, str) and el is not node and not _inside(el, {node}) and el is not container \
                    and _CREDIT_CLASS.search(_class_id(el)) and _text(el):
                credit = clean_credit(_text(el)) or None
                break
    text = _CAPTION_LABEL.sub("", text)
    if credit is None:
        text, credit = split_credit(text)
    text = text.strip()
    if not text:
        return None
    return Caption(text=text, credit=credit), full


def _take_captions(work: HtmlElement) -> tuple[list[Caption], list[str]]:
    """Pull figure captions (with credits) out of the page; returns captions and their raw texts."""
    figures = list(work.iter("figure"))
    figures += [el for el in work.iter("div")
                if "wp-caption" in (cls := el.get("class") or "") and re.search(r"(?:^|\s)wp-caption(?:\s|$)", cls)]
    figures += [el for el in work.iter("figcaption") if not any(a.tag == "figure" for a in el.iterancestors())]
    # <div class="photo"><img><p class="photo-caption">…</p></div>: a caption-classed block beside an image
    for el in work.iter("p", "div", "span"):
        if _CAPTION_CLASS.search(_class_id(el)) and not any(a.tag == "figure" for a in el.iterancestors()):
            parent = el.getparent()
            if parent is not None and next(parent.iter("img", "picture", "video"), None) is not None \
                    and len(_text(el)) <= 500:
                # the image's own wrapper holds the credit too; a big wrapper is the article itself
                figures.append(parent if len(_text(parent)) <= len(_text(el)) + 200 else el)
    chosen: set[HtmlElement] = set()
    captions: list[Caption] = []
    raw: list[str] = []
    for fig in figures:
        if _inside(fig, chosen):
            continue
        chosen.add(fig)
        found = _caption_of(fig) if fig.tag in ("figure", "div") and fig.find(".//img") is not None \
            else _caption_of(_wrap(fig))
        if found:
            caption, full = found
            if caption not in captions:
                captions.append(caption)
            raw.extend([full, caption.text])
    for fig in chosen:
        remove_keep_tail(fig)
    return captions, raw


def _wrap(figcaption: HtmlElement) -> HtmlElement:
    holder = etree.Element("div")
    holder.append(deepcopy(figcaption))
    return holder


# --- related teasers and standfirst -----------------------------------------------------------------

def _teaser(text: str) -> str:
    return clean_ws(_READ_MORE.sub("", text, count=1))


def _leading_text(el: HtmlElement) -> str:
    """The element's first text: its own, or its first child's ("<p><b>Read more:</b> <a>…")."""
    text = (el.text or "").strip()
    if not text and len(el) and isinstance(el[0].tag, str):
        text = (el[0].text or "").strip()
    return text


def _take_related(work: HtmlElement) -> list[str]:
    """Pull related-story blocks and "Read more" links out of the page; returns their headlines."""
    related: list[str] = []
    chosen: list[HtmlElement] = []
    walker = etree.iterwalk(work, events=("start",))
    for _, el in walker:
        tag = el.tag
        if not isinstance(tag, str) or tag in ("html", "body", "main", "article", "a"):
            continue
        cls, ident, prop = el.get("class"), el.get("id"), el.get("itemprop")
        is_related = bool((cls or ident or prop) and _RELATED_CLASS.search(f"{cls or ''} {ident or ''} {prop or ''}"))
        if not is_related and tag == "aside":
            is_related = any(a.tag == "article" for a in el.iterancestors())  # not a page sidebar
        if is_related:
            text = _text(el)
            if not text or len(text) > 3000 or el.find(".//h1") is not None:
                continue
            heads = [_teaser(_text(a)) for a in el.iter("a")]
            heads = [h for h in heads if len(h.split()) >= 3]
            # a teaser box is mostly links; "read-more" on an article container means "expand"
            if heads and sum(map(len, heads)) >= 0.4 * len(text):
                related.extend(heads)
                chosen.append(el)
                walker.skip_subtree()
            continue
        if tag in ("p", "div", "li", "span", "strong", "h3", "h4", "h5") \
                and (lead := _leading_text(el))[:1].lower() in _READ_MORE_FIRST and _READ_MORE.match(lead) \
                and el.find(".//a") is not None:
            text = _text(el)
            if len(text) <= 300:
                links = [_teaser(_text(a)) for a in el.iter("a")]
                links = [h for h in links if len(h.split()) >= 2] or [_teaser(text)]
                if links and links[0]:
                    related.extend(links)
                    chosen.append(el)
                    walker.skip_subtree()
    for el in chosen:
        remove_keep_tail(el)
    return _dedupe(related)


def _drop_comment_sections(work: HtmlElement) -> None:
    """Remove reader-comment threads and reply forms (trafilatura keeps some WordPress 'respond' blocks)."""
    doomed: list[HtmlElement] = []
    for el in work.iter("div", "section", "aside", "form", "ol", "ul"):
        tokens = {t.lower() for t in f"{el.get('class') or ''} {el.get('id') or ''}".split()}
        if tokens & _COMMENT_TOKENS and not _inside(el, set(doomed)):
            doomed.append(el)
    for el in doomed:
        remove_keep_tail(el)


def _take_standfirst(work: HtmlElement) -> str | None:
    """A standfirst marked up as such (class dek/standfirst/subtitle...) before the article body."""
    seen_paragraphs = 0
    for el in work.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "p" and len(_text(el)) > 150:
            seen_paragraphs += 1
            if seen_paragraphs > 2:
                return None  # deep in the body: a "summary" box there is not a standfirst
        if el.tag in ("p", "div", "h2", "h3", "span", "section") and _STANDFIRST_CLASS.search(_class_id(el)):
            text = _text(el)
            if 20 <= len(text) <= 500 and len(el.findall(".//p")) <= 1 and len(el.findall(".//a")) <= 2:
                remove_keep_tail(el)
                return text
    return None


def _visible_standfirst(description: str, visible: list[str], body: list[str], title: str | None) -> str | None:
    """The meta description as standfirst, if it is also shown on the page outside the body."""
    desc = clean_ws(description).casefold()
    if not desc or len(desc) < 20 or (title and desc == title.casefold()):
        return None
    if any(p.casefold() == desc for p in body):
        return None
    return clean_ws(description) if any(line.casefold() == desc for line in visible) else None


# --- trafilatura and the body -----------------------------------------------------------------------

def _element_text(el: HtmlElement) -> str:
    for lb in el.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return _text(el)


def _body_paragraphs(body: HtmlElement) -> list[str]:
    out: list[str] = [clean_ws(body.text)]
    for child in body:
        if not isinstance(child.tag, str):
            out.append(clean_ws(child.tail))
            continue
        tail, child.tail = clean_ws(child.tail), None  # loose text between blocks is a paragraph too
        if child.tag == "list":
            out.extend(_element_text(item) for item in child if item.tag == "item")
        elif child.tag == "table":
            for row in child.iter("row"):
                cells = [_element_text(cell) for cell in row if isinstance(cell.tag, str)]
                out.append(" | ".join(c for c in cells if c))
        elif child.tag == "quote" and len(child) and all(c.tag == "p" for c in child):
            out.extend(_element_text(p) for p in child)
        else:
            out.append(_element_text(child))
        out.append(tail)
    return [p for p in out if p]


def _fallback_paragraphs(work: HtmlElement) -> list[str]:
    """Plain <p> text outside navigation and footers, for pages trafilatura rejects (too short)."""
    skip = {"nav", "header", "footer", "aside", "form", "menu"}
    out = []
    for p in work.iter("p"):
        if any(a.tag in skip for a in p.iterancestors()) or _is_hidden(p):
            continue
        text = _text(p)
        if text and len(text.split()) >= 4:
            out.append(text)
    return _dedupe(out)


def _key(text: str | None) -> str:
    text = clean_ws(text).casefold()
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _dedupe(items: list[str], min_words: int = 0) -> list[str]:
    """Items without repeats; with min_words, short items (recipe steps, table labels) may repeat."""
    seen: set[str] = set()
    out = []
    for item in items:
        k = _key(item)
        if not k:
            continue
        if k not in seen or len(k.split()) < min_words:
            seen.add(k)
            out.append(item)
    return out


def _tidy_body(body: list[str], *, title: str | None, standfirst: str | None, authors: list[str],
               caption_texts: list[str], related: list[str], labels: list[str]) -> tuple[list[str], list[str]]:
    """Drop a repeated headline/standfirst/byline/section label at the top, caption and teaser text anywhere."""
    drop = {_key(c) for c in caption_texts} | {_key(r) for r in related}
    heads = {_key(title), _key(standfirst), *(_key(label) for label in labels)} - {""}
    author_keys = {_key(a) for a in authors}
    out: list[str] = []
    teasers: list[str] = []
    at_top = True
    for para in body:
        k = _key(para)
        if at_top and (k in heads or k in author_keys or _is_byline(para, authors) or _is_date_line(para)):
            continue
        at_top = False
        if k in drop or k in _AD_LABELS:
            continue
        if len(para) <= 300 and _READ_MORE.match(para):
            teaser = _teaser(para)
            if _key(teaser) in drop:
                continue
            if 3 <= len(teaser.split()) <= 25:
                teasers.append(teaser)
                continue
        out.append(para)
    return _dedupe(out, min_words=12), teasers


def _page_section(tree: HtmlElement, title: str | None, site: str | None) -> str | None:
    """A section label shown just above the headline (kicker) or as the last breadcrumb before it."""
    for crumb in tree.iter("nav", "ol", "ul", "div", "p"):
        if "breadcrumb" in _class_id(crumb).lower():
            links = [t for t in (_text(a) for a in crumb.iter("a", "span", "li")) if t and len(t.split()) <= 4]
            links = [t for t in links if t.casefold() not in _NOT_SECTIONS and _key(t) != _key(title)]
            if links:
                return links[-1]
    h1 = next((h for h in tree.iter("h1") if not title or _key(_text(h)) == _key(title)), None)
    if h1 is None:
        return None
    node: HtmlElement | None = h1
    for _ in range(3):  # the kicker may sit before the h1 or before its wrapper
        if node is None:
            return None
        prev = node.getprevious()
        while prev is not None and (not isinstance(prev.tag, str) or not _text(prev)):
            prev = prev.getprevious()
        if prev is not None:
            label = _text(prev)
            plausible = 0 < len(label.split()) <= 4 and not re.search(r"[.!?|•·\d]", label) \
                and label.casefold() not in _NOT_SECTIONS and not same_name(label, site)
            if plausible and (_KICKER_CLASS.search(_class_id(prev)) or prev.tag in ("a", "span", "div", "p")):
                return label
            return None
        node = node.getparent()
    return None


def _page_byline(tree: HtmlElement) -> list[str]:
    """Author names from a visible byline block ("By Jane Doe | March 3, 2025") when no metadata names one."""
    for el in tree.iter("p", "div", "span", "a", "address"):
        if not _BYLINE_CLASS.search(_class_id(el)) and (el.get("rel") or "").lower() != "author":
            continue
        if any(a.tag in ("footer", "nav") or "comment" in _class_id(a).lower() for a in el.iterancestors()):
            continue
        text = _text(el)
        if not text or len(text) > 150:
            continue
        name = _BYLINE_CUT.sub("", _BYLINE_LINE.sub("", text)).strip(" ,;:")
        if "," in name and _role_tail(name):
            name = name.rsplit(",", 1)[0]
        if name and len(name.split()) <= 8 and not any(ch.isdigit() for ch in name):
            return [clean_ws(n) for n in re.split(r"\s*(?:,|\band\b|&)\s*", name) if clean_ws(n)]
    return []


def _role_tail(name: str) -> bool:
    """'Yuki Tanabe, Staff writer': the part after the comma is a job title, not a second author."""
    return bool(re.search(r"\b(?:writer|reporter|editor|correspondent|staff|desk|bureau|columnist)\b",
                          name.rsplit(",", 1)[-1], re.IGNORECASE))


def _is_byline(para: str, authors: list[str]) -> bool:
    if len(para) > 120 or not _BYLINE_LINE.match(para):
        return False
    return not authors or any(_key(a) in _key(para) for a in authors)


def _is_date_line(para: str) -> bool:
    """'Published 3 March 2021, 10:15 GMT' and the like: a date and nothing else worth keeping."""
    if len(para) > 80 or not _HAS_DATE.search(para):
        return False
    return len(re.findall(r"[^\W\d_]{2,}", _DATE_TOKEN.sub(" ", para))) == 0


def _clean_title(title: str | None, site: str | None) -> str | None:
    """A headline without the ' | Site name' suffix (or prefix) that <title>/og:title often carry."""
    title = clean_ws(title)
    if not title:
        return None
    for sep in _SITE_SEPARATORS:
        if sep not in title:
            continue
        head, _, tail = title.rpartition(sep)
        if site and same_name(tail, site) and head:
            return head.strip()
        first, _, rest = title.partition(sep)
        if site and same_name(first, site) and rest:
            return rest.strip()
    return title


def _plausible_author(name: str, site: str | None, url: str | None) -> bool:
    """An author is a person or desk, never the site itself, its domain, a URL or an e-mail address."""
    if same_name(name, site) or "@" in name or "://" in name or not re.search(r"[^\W\d_]", name):
        return False
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.split(".") if label not in ("www", "com", "org", "net", "co", "uk")]
    return not any(same_name(name, label) for label in labels) and not same_name(name, host)


def _title_element(tree: HtmlElement) -> str | None:
    title = tree.find(".//title")
    return _text(title) if title is not None else None


def _first_h1(tree: HtmlElement) -> str | None:
    for h1 in tree.iter("h1"):
        text = _text(h1)
        if text:
            return text
    return None


def _htmldate(tree: HtmlElement, today: date) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(deepcopy(tree), original_date=True, extensive_search=False, max_date=today.isoformat())
    except Exception:  # date guessing is best effort
        log.debug("htmldate failed", exc_info=True)
        return None
    return normalize_date(found, today=today) if found else None


def _removed(visible: list[str], kept: list[str], authors: list[str]) -> list[str]:
    """Visible lines of the page that went into no field, deduplicated, in page order."""
    kept_keys = [_key(k) for k in kept if k]
    keys = {*kept_keys, *(_key(f"by {a}") for a in authors)}
    keys.discard("")
    blob = "\n".join(kept_keys)
    out: list[str] = []
    seen: set[str] = set()
    for line in visible:
        k = _key(line)
        if k in seen:
            continue
        # a line _READ_MORE does not match is its own teaser, whose key is k
        if k in keys or (_READ_MORE.match(line) and _key(_teaser(line)) in keys) or (len(k) >= 30 and k in blob):
            continue
        seen.add(k)
        out.append(line)
    return out
