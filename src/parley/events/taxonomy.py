"""CAMEO event taxonomy: codes, names, Goldstein scores, quad classes and their PLOVER types.

The table is package data (``events/data/cameo.tsv``), transcribed from
``../shared/data/events/cameo_codes.tsv``; it is read once per process.
"""
from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

#: GDELT's quad-class convention by CAMEO root (1 verbal coop … 4 material conflict).
QUAD_CLASS_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with the scores and PLOVER type an Event record carries."""

    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # PLOVER v0.8 event type; None for roots 01/02, which PLOVER drops
    plover_mode: str | None

    @property
    def level(self) -> int:
        """1 for a root (2 digits), 2 for a 3-digit code, 3 for a 4-digit code."""
        return len(self.code) - 1

    @property
    def parent(self) -> str | None:
        """The code one level up (4-digit → 3-digit → root), or None for a root."""
        if len(self.code) == 2:
            return None
        return self.code[:3] if len(self.code) == 4 else self.code[:2]


def _read_rows(text: str) -> list[dict[str, str]]:
    """TSV rows after dropping '#' comment lines and blank lines."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"))


def read_data_file(name: str) -> str:
    """Text of a file in ``parley/events/data`` (works from a wheel or a checkout)."""
    return resources.files("parley.events").joinpath("data", name).read_text(encoding="utf-8")


@functools.cache
def load_taxonomy() -> dict[str, CameoCode]:
    """All CAMEO codes keyed by code string (leading zero kept), loaded once per process."""
    table: dict[str, CameoCode] = {}
    for row in _read_rows(read_data_file("cameo.tsv")):
        code = row["code"].strip()
        if code in table:
            raise ValueError(f"cameo.tsv: duplicate code {code!r}")
        table[code] = CameoCode(
            code=code,
            root=row["root"].strip(),
            name=row["name"].strip(),
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=row["plover"].strip() or None,
            plover_mode=(row.get("plover_mode") or "").strip() or None,
        )
    return table


def lookup(code: str) -> CameoCode:
    """The entry for ``code``, else its nearest listed ancestor (3-digit, then root).

    Coders sometimes emit codes finer than the table (e.g. a 4-digit code not in CAMEO);
    falling back keeps the Goldstein score and quad class of the family. Raises KeyError
    only when not even the root is known.
    """
    table = load_taxonomy()
    code = str(code).strip()
    for candidate in (code, code[:3], code[:2]):
        if len(candidate) >= 2 and candidate in table:
            return table[candidate]
    raise KeyError(f"unknown CAMEO code {code!r} (roots are 01-20)")


def is_code(code: str) -> bool:
    """True when ``code`` is exactly a CAMEO code in the table (no fallback)."""
    return code in load_taxonomy()


def root_quad_class(root: str) -> int:
    """GDELT quad class for a root: 01-05 → 1, 06-09 → 2, 10-14 → 3, 15-20 → 4."""
    n = int(root)
    if not 1 <= n <= 20:
        raise KeyError(f"unknown CAMEO root {root!r}")
    return 1 if n <= 5 else 2 if n <= 9 else 3 if n <= 14 else 4
