"""Page metadata a publisher declares (JSON-LD, Open Graph, meta tags), and small normalisers for it.

Declared metadata beats any guess from the visible page: a site's JSON-LD headline and publication
time are what its CMS stored, while heuristics read dates out of sidebars and "updated" stamps.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from lxml.html import HtmlElement

# Ordered by preference: a specific news type beats a generic article beats a blog post.
ARTICLE_TYPES: tuple[str, ...] = (
    "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle",
    "OpinionNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting",
    "Article", "Report", "BlogPosting", "SocialMediaPosting",
)
_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished",
    "article.published", "pubdate", "publishdate", "publish-date", "publish_date", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date", "date", "og:pubdate",
)
_MODIFIED_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author", "byl", "twitter:creator")
_SECTION_KEYS = ("article:section", "parsely-section", "section", "article.section", "category")
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline", "title")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "twitter:site")
_LANGUAGE_KEYS = ("content-language", "og:locale", "dc.language", "language", "inlanguage")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NOT_NAME = re.compile(r"[\W_]+")  # what same_name ignores in a name, with case and a leading "the"
_STRICT_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


@dataclass(frozen=True)
class PageMeta:
    """What the page declares about itself; every field None when absent."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    description: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None


def clean_ws(text: str | None) -> str:
    """Collapse runs of whitespace (NBSP included) to one space and strip."""
    return " ".join(text.split()) if text else ""  # str.split() breaks on exactly what \s matches, faster


def normalize_date(value: str | None, *, today: date | None = None) -> str | None:
    """An ISO 8601 date or date-time for a declared date string; None if unparseable or in the future."""
    text = clean_ws(value)
    if not text:
        return None
    parsed: datetime | date | None = None
    iso = text.replace(" ", "T", 1) if re.match(r"\d{4}-\d{2}-\d{2} \d", text) else text
    try:
        parsed = datetime.fromisoformat(iso)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            match = _ISO_DATE.search(text)
            if match:
                try:
                    parsed = date(int(match[1]), int(match[2]), int(match[3]))
                except ValueError:
                    parsed = None
    if parsed is None:
        return None
    day = parsed.date() if isinstance(parsed, datetime) else parsed
    if not plausible_day(day, today=today):
        return None
    if _STRICT_ISO.match(text):
        return text  # already ISO 8601: keep the publisher's own form ('Z', precision)
    if isinstance(parsed, datetime) and ("T" in iso or ":" in text):
        return parsed.isoformat()
    return day.isoformat()


def plausible_day(day: date, *, today: date | None = None) -> bool:
    """False for dates after today (a day's grace for time zones) or before the web existed."""
    today = today or datetime.now(UTC).date()
    return date(1990, 1, 1) <= day <= today + timedelta(days=1)


def normalize_language(value: str | None) -> str | None:
    """ISO 639-1 code from a language tag or locale ('en-GB', 'pt_BR', 'deu'), else None."""
    text = clean_ws(value).lower().replace("_", "-")
    if not text:
        return None
    primary = text.split("-", 1)[0].split(",", 1)[0].strip()
    if re.fullmatch(r"[a-z]{2}", primary):
        return primary
    if re.fullmatch(r"[a-z]{3}", primary):
        try:
            import pycountry  # optional: maps ISO 639-2/3 codes to 639-1

            lang = pycountry.languages.get(alpha_3=primary) or pycountry.languages.get(bibliographic=primary)
        except (ImportError, KeyError, LookupError):
            return None
        return getattr(lang, "alpha_2", None) if lang else None
    return None


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two names are the same once case, punctuation and a leading 'the' are ignored."""
    key = _name_key(a)
    return bool(key) and key == _name_key(b)


def _name_key(name: str | None) -> str:
    return _NOT_NAME.sub(" ", (name or "").casefold()).strip().removeprefix("the ").replace(" ", "")


def _types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type") or []
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def _walk_jsonld(value: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(value, list):
        for item in value:
            _walk_jsonld(item, out, depth + 1)
    elif isinstance(value, dict):
        out.append(value)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if isinstance(value.get(key), (list, dict)):
                _walk_jsonld(value[key], out, depth + 1)


def _parse_json(text: str) -> Any:
    text = text.strip()
    text = re.sub(r"^\s*(?://\s*)?<!\[CDATA\[|//\s*\]\]>\s*$|\]\]>\s*$", "", text)
    try:
        return json.loads(text, strict=False)
    except RecursionError:  # nested past Python's stack: not metadata anyone meant
        return None
    except ValueError:
        # Common CMS slips: trailing commas, raw control characters.
        try:
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return None


def jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (flattening @graph and lists), in document order."""
    out: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" in kind and script.text:
            _walk_jsonld(_parse_json(script.text), out)
    return out


# Declared names sit a level or two deep ({"author": [{"name": …}]}); a hostile page can nest far deeper.
_MAX_DEPTH = 8


def _name(value: Any, depth: int = 0) -> str | None:
    if isinstance(value, str):
        return clean_ws(value) or None
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return _name(value.get("name"), depth + 1) or _name(value.get("alternateName"), depth + 1)
    if isinstance(value, list):
        for item in value:
            name = _name(item, depth + 1)
            if name:
                return name
    return None


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _name(item)
        if name and not name.startswith(("http://", "https://")):
            names.append(name)
    return names


def _first_str(value: Any, depth: int = 0) -> str | None:
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, list):
        for item in value:
            found = _first_str(item, depth + 1)
            if found:
                return found
        return None
    if isinstance(value, dict):
        return _first_str(value.get("@id") or value.get("url") or value.get("name"), depth + 1)
    return clean_ws(value) or None if isinstance(value, str) else None


def _article_object(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    best, best_rank = None, len(ARTICLE_TYPES)
    for obj in objects:
        for kind in _types(obj):
            if kind in ARTICLE_TYPES and ARTICLE_TYPES.index(kind) < best_rank:
                best, best_rank = obj, ARTICLE_TYPES.index(kind)
    return best


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """The page's <meta> values by lower-cased property/name/itemprop/http-equiv (first one wins)."""
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key and key not in found:
                found[key] = clean_ws(content)
    for time in tree.iter("time"):  # <time itemprop="datePublished" datetime=...> or <time pubdate>
        stamp = time.get("datetime")
        if stamp and (time.get("itemprop", "").lower() == "datepublished" or time.get("pubdate") is not None):
            found.setdefault("datepublished", stamp)
    return found


def _pick(tags: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if tags.get(key):
            return tags[key]
    return None


def page_meta(tree: HtmlElement, *, today: date | None = None) -> PageMeta:
    """Declared metadata: JSON-LD article fields first, then Open Graph / article:* / other meta tags."""
    objects = jsonld_objects(tree)
    article = _article_object(objects) or {}
    tags = meta_tags(tree)

    published = None
    for candidate in (_first_str(article.get("datePublished")), _first_str(article.get("dateCreated")),
                      *(tags.get(k) for k in _PUBLISHED_KEYS)):
        published = normalize_date(candidate, today=today)
        if published:
            break
    modified = normalize_date(_first_str(article.get("dateModified")) or _pick(tags, _MODIFIED_KEYS), today=today)

    site_name = _name(article.get("publisher"))
    if not site_name:
        for obj in objects:
            if {"WebSite", "Organization", "NewsMediaOrganization"} & set(_types(obj)):
                site_name = _name(obj.get("name"))
                if site_name:
                    break
    site_name = site_name or _pick(tags, _SITE_KEYS)
    if site_name and site_name.startswith("@"):
        site_name = None

    authors = _names(article.get("author")) or _names(article.get("creator"))
    if not authors:
        meta_author = _pick(tags, _AUTHOR_KEYS)
        if meta_author and not meta_author.startswith(("http://", "https://", "@")):
            authors = [clean_ws(a) for a in re.split(r"\s*(?:;|\||,|\band\b)\s*", meta_author) if clean_ws(a)]
    authors = [a for a in dict.fromkeys(authors) if not same_name(a, site_name)]

    section_value = article.get("articleSection")
    section = _name(section_value) if section_value else None
    section = section or _pick(tags, _SECTION_KEYS)

    language = article.get("inLanguage")
    lang = normalize_language(_name(language) if isinstance(language, (dict, list)) else language)
    html_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or normalize_language(html_lang) or normalize_language(_pick(tags, _LANGUAGE_KEYS))

    return PageMeta(
        title=_name(article.get("headline")) or _name(article.get("name")) or _pick(tags, _TITLE_KEYS),
        published=published,
        modified=modified,
        authors=tuple(authors),
        section=section,
        description=_name(article.get("description")) or _pick(tags, _DESCRIPTION_KEYS),
        site_name=site_name,
        url=_first_str(article.get("url")) or tags.get("og:url"),
        language=lang,
    )


# --- captions -------------------------------------------------------------------------------------

_AGENCIES = (
    r"AP(?:\s+Photo)?|AFP|Reuters|Getty(?:\s+Images)?|EPA(?:-EFE)?|EFE|Shutterstock|Alamy|TASS|Sputnik|"
    r"RIA\s+Novosti|Xinhua|Anadolu(?:\s+Agency)?|Bloomberg|PA(?:\s+(?:Images|Wire|Media))?|AAP|ANSA|dpa|"
    r"Kyodo|Yonhap|NurPhoto|SOPA\s+Images|ZUMA(?:\s+Press)?|Wikimedia(?:\s+Commons)?|iStock(?:photo)?|"
    r"Associated\s+Press|Handout|Pool|UPI|Imago|Abaca|Sipa|LightRocket|Corbis|WENN|Rex(?:\s+Features)?"
)
_MARKER = r"(?:photo(?:graph)?s?|images?|pictures?|pic|credits?|source|foto|fotos|illustration|video)"
_CREDIT_PATTERNS = (
    # "(Getty Images)", "[Photo: AFP]", "(c) Reuters" in brackets at the end
    re.compile(rf"^(?P<text>.*?)\s*[(\[]\s*(?P<credit>(?:©|\(c\)|copyright\b|{_MARKER}\s*(?:by\b|:))"
               rf"[^()\[\]]{{1,100}}|(?:{_AGENCIES})\b[^()\[\]]{{0,60}})[)\]]\s*$", re.IGNORECASE),
    # "… © Reuters", "… | © 2024 AFP", "… Copyright AP"
    re.compile(r"^(?P<text>.*?)\s*[|•·/–—-]?\s*(?P<credit>(?:©|\(c\)|copyright\b)\s*.{1,100})$", re.IGNORECASE),
    # "… Photo: AFP", "… Photograph: Jane Doe/Reuters", "… Photo by Jane Doe via Getty Images"
    re.compile(rf"^(?P<text>(?:.*?[.!?…\"”’)]\s+|.*?\s*[|•·–—-]\s*)?)(?P<credit>(?:{_MARKER}\s*(?:by\b|:|/)|"
               rf"image\s+source\s*,)\s*.{{1,100}})$",
               re.IGNORECASE),
    # "… Reuters", "… AFP via Getty Images", "… | Jane Doe/AP" after a sentence end or a separator
    re.compile(rf"^(?P<text>.*?(?:[.!?…\"”’]\s+|\s+[|•·–—-]\s+|\s*\|\s*))(?P<credit>(?:[\w.\- ]{{1,40}}/)?"
               rf"(?:{_AGENCIES})\b[\w.,/ \-]{{0,60}})$", re.IGNORECASE),
    # "… | Jane Doe" : a short tail after a pipe is a credit by convention
    re.compile(r"^(?P<text>.+?)\s+\|\s+(?P<credit>[^|.!?]{2,60})$"),
)
_CREDIT_PREFIX = re.compile(rf"^(?:©|\(c\)|copyright\b|image\s+source\s*,|{_MARKER}\s*(?:by\b|:|/)?)\s*(?:\d{{4}}\s+)?",
                            re.IGNORECASE)


def clean_credit(credit: str) -> str:
    """A credit without its '©' / 'Photo:' / 'Photo by' label and trailing punctuation."""
    credit = clean_ws(credit)
    previous = None
    while previous != credit:
        previous = credit
        credit = _CREDIT_PREFIX.sub("", credit, count=1).strip()
    return credit.strip(" .,;:|()[]–—-")


def split_credit(caption: str) -> tuple[str, str | None]:
    """Split a trailing photo credit off a caption: 'Smoke rises. © Reuters' -> ('Smoke rises.', 'Reuters')."""
    text = clean_ws(caption)
    for pattern in _CREDIT_PATTERNS:
        match = pattern.match(text)
        if match:
            credit = clean_credit(match.group("credit"))
            if credit and len(credit.split()) <= 12:
                rest = match.group("text").strip().rstrip("|•·/–—-").strip()
                return rest, credit
    return text, None
