"""Quotation marks: the stretches of text they enclose, in every common style, degrading locally when unbalanced.

Marks are paired within a line (a paragraph, or a line of a list). A mark left open at the end of its
line runs to that line's end and, when the next line opens with a mark again, continues there: the
convention for a quotation running over several paragraphs. A mark that opens again before the first
one closed ends the first one there, unless the second pair is nested inside the first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# opening mark → the marks that may close it (typography in the wild mixes styles)
CLOSERS = {"“": "”\"", "„": "“”", "«": "»", "‹": "›", "‘": "’", "‚": "’‘", '"': '"”', "'": "'", "”": "”"}
OPENING = frozenset(CLOSERS)
ALL_MARKS = frozenset("“”„«»‹›‘’‚\"'")
# where a line's scan for marks stops next: at an opening mark; within a quote, at a mark that closes or reopens it
OPENING_MARK = re.compile("[" + re.escape("".join(OPENING)) + "]")
CLOSING_OR_REOPENING = {opener: re.compile("[" + re.escape(closers + opener) + "]") for opener, closers in CLOSERS.items()}
WORD = re.compile(r"\w+")
LINE = re.compile(r"[^\n]+")
TURN = re.compile(r"[A-Z][A-Z.'’ -]{1,30}:\s")  # a speaker label opening a transcript paragraph


@dataclass(frozen=True)
class Marked:
    """Text inside one pair of marks: [start, end) excludes them; `closed` is False when the closing mark is missing."""

    start: int
    end: int
    closed: bool
    mark: str

    @property
    def open_at(self) -> int:
        """Where the opening mark starts."""
        return self.start - len(self.mark)

    @property
    def close_end(self) -> int:
        """Just after the closing mark (at `end` when there is none)."""
        return self.end + (len(self.mark) if self.mark == "''" else 1) if self.closed else self.end


@dataclass(frozen=True)
class Utterance:
    """One quotation: one marked stretch, or several when it runs over paragraphs. Its bounds are read again and again
    while a document's quotes are found: each is worked out once (cached_property writes past the frozen fields)."""

    parts: tuple[Marked, ...]

    @cached_property
    def start(self) -> int:
        return self.parts[0].start

    @cached_property
    def end(self) -> int:
        return self.parts[-1].end

    @cached_property
    def closed(self) -> bool:
        return self.parts[-1].closed

    @cached_property
    def open_at(self) -> int:
        return self.parts[0].open_at

    @cached_property
    def close_end(self) -> int:
        return self.parts[-1].close_end


def _is_opener(line: str, i: int) -> bool:
    ch = line[i]
    nxt = line[i + 1] if i + 1 < len(line) else " "
    prev = line[i - 1] if i > 0 else " "
    if nxt.isspace():
        return False
    if ch in "“„«‹‚":
        return True
    if ch in "‘'":
        # an apostrophe sits inside or at the end of a word ("it's", "the Jones'"); an opening mark starts one
        return not prev.isalnum() and (nxt.isalpha() or nxt in "“\"") and prev not in ".,"
    if ch == '"':
        return prev.isspace() or prev in "([{—–-/:“‘'" or i == 0
    if ch == "”":  # Scandinavian style ”…”, or a stray closing mark: only at the start of a word
        return (prev.isspace() or i == 0) and nxt.isalnum()
    return False


def _is_closer(line: str, j: int, opener: str) -> bool:
    ch = line[j]
    if ch not in CLOSERS[opener]:
        return False
    prev = line[j - 1] if j > 0 else " "
    nxt = line[j + 1] if j + 1 < len(line) else " "
    if ch in "’'" and nxt.isalpha():
        return False  # an apostrophe ("it’s"), not a closing mark
    if ch in "\"'”" and prev.isspace() and CLOSERS[opener] != ch and opener != ch:
        return False
    return not (ch in "\"'" and prev.isspace() and (nxt.isalnum() or nxt in "“‘"))


def _close(line: str, start: int, opener: str) -> tuple[int, bool]:
    """Where the mark opened just before `start` closes: (index, closed); unclosed ends at a reopening or the line end."""
    j = start
    n = len(line)
    while (next_mark := CLOSING_OR_REOPENING[opener].search(line, j)) is not None:
        j = next_mark.start()
        if _is_closer(line, j, opener):
            return j, True
        if line[j] == opener and opener not in CLOSERS[opener] and _is_opener(line, j):
            inner, closed = _close(line, j + 1, opener)
            if closed:
                k = inner + 1
                while k < n and not _is_closer(line, k, opener):
                    if line[k] == opener and _is_opener(line, k):
                        break
                    k += 1
                if k < n and _is_closer(line, k, opener):
                    return k, True  # “… “nested” …”: the inner pair sits inside the outer one
            end = j
            stop = max(line.rfind(". ", start, j), line.rfind("! ", start, j), line.rfind("? ", start, j))
            if stop >= start:
                end = stop + 1  # the unclosed quote most likely ended with the last sentence before the new mark
            while end > start and line[end - 1].isspace():
                end -= 1
            return end, False
        j += 1
    return n, False


def _double_apostrophes(line: str, i: int, offset: int) -> tuple[Marked | None, int]:
    """''…'' (two apostrophes a side, as some wires and archives write quotation marks): the stretch and where to go on."""
    prev = line[i - 1] if i > 0 else " "
    nxt = line[i + 2] if i + 2 < len(line) else " "
    if prev.isalnum() or nxt.isspace():
        return None, i + 2
    j = i + 2
    while True:
        j = line.find("''", j)
        if j < 0:
            return Marked(offset + i + 2, offset + len(line.rstrip()), False, "''"), len(line)
        if not line[j - 1].isspace():
            return Marked(offset + i + 2, offset + j, True, "''"), j + 2
        j += 2


def _line_marks(line: str, offset: int) -> list[Marked]:
    found = []
    i = 0
    while (next_mark := OPENING_MARK.search(line, i)) is not None:
        i = next_mark.start()
        if line.startswith("''", i):
            marked, i = _double_apostrophes(line, i, offset)
            if marked is not None:
                found.append(marked)
            continue
        if _is_opener(line, i):
            end, closed = _close(line, i + 1, line[i])
            if line[i] in "‘'" and len(line[i + 1 : end].strip()) < 3:
                i += 1  # "rock 'n' roll": an elision, not a quotation
                continue
            found.append(Marked(offset + i + 1, offset + end, closed, line[i]))
            i = end + 1 if closed else end
            continue
        i += 1
    return found


def utterances(text: str) -> list[Utterance]:
    """Every quotation in a text, with its parts; stretches without a word in them are dropped."""
    lines = [(m.start(), m.group()) for m in LINE.finditer(text)]
    per_line = [_line_marks(line, start) for start, line in lines]
    out: list[Utterance] = []
    carry: list[Marked] = []
    for n, marks in enumerate(per_line):
        start, line = lines[n]
        for k, m in enumerate(marks):
            continues = bool(carry) and k == 0 and m.open_at == start + len(line) - len(line.lstrip()) \
                and not TURN.match(line, m.start - start)  # '"WALLACE: …' opens the next speaker's turn
            if carry and not continues:
                out.append(Utterance(tuple(carry)))
                carry = []
            carry.append(m)
            open_at_end = not m.closed and m.end >= start + len(line.rstrip())
            if not open_at_end or k < len(marks) - 1:
                out.append(Utterance(tuple(carry)))
                carry = []
        if carry and not marks:
            out.append(Utterance(tuple(carry)))
            carry = []
    if carry:
        out.append(Utterance(tuple(carry)))
    return [u for u in out if any(WORD.search(text[p.start : p.end]) for p in u.parts)]
