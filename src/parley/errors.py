"""The ParleyError family: every message names what went wrong and what the user can do."""
from __future__ import annotations


class ParleyError(Exception):
    """Base class; str() is a one-line message a user can act on."""


class InputError(ParleyError):
    """An input file or record could not be read or decoded."""

    def __init__(self, path: str | None, reason: str, record: int | None = None, hint: str = "") -> None:
        self.path = path
        self.record = record
        self.reason = reason
        self.hint = hint
        where = path or "<stdin>"
        if record is not None:
            where += f" record {record}"
        super().__init__(f"{where}: {reason}" + (f" ({hint})" if hint else ""))


class StoreError(ParleyError):
    """The store could not be opened, read or written."""
