"""Markup that would stall the HTML parser, defused before any parsing.

libxml2 checks each new attribute of a start tag against all the earlier ones, so a tag with tens of
thousands of attributes costs minutes inside one C call, where no time limit can interrupt it
(50,000 attributes, 500 KB of HTML: about four minutes). Such a tag keeps its first attributes.
"""
from __future__ import annotations

import re
from itertools import islice

MAX_ATTRIBUTES = 2000  # ~0.05 s for libxml2; real tags have a few dozen at most
# A start tag long enough to hold that many attributes (a cheap prefilter: real tags are short).
_LONG_TAG = re.compile(r"<([a-zA-Z][\w:.-]*)(\s[^<>]{8000,})>")
_ATTRIBUTE = re.compile(r"""[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")


def _defuse(match: re.Match[str]) -> str:
    attrs = match.group(2)
    if len(attrs.split(None, MAX_ATTRIBUTES)) <= MAX_ATTRIBUTES:
        return match.group()
    kept = " ".join(m.group() for m in islice(_ATTRIBUTE.finditer(attrs), MAX_ATTRIBUTES))
    return f"<{match.group(1)} {kept}>"


def defuse_markup(html: str) -> str:
    """The page with start tags of more than MAX_ATTRIBUTES attributes cut to their first ones."""
    if len(html) < 8000:
        return html
    return _LONG_TAG.sub(_defuse, html)
