"""The exceptions of numconc.

Every exception carries the core's stable ``code`` (``NOT_AT_PROVIDER``,
``INVALID_VALUE``, …) and its message in French and in English; ``str(e)``
shows ``CODE: message`` in the language chosen by
:func:`numconc.set_language` (English by default). Codes never change
meaning, so programs test ``e.code``, never the text.

Example:
    >>> import datetime, numconc
    >>> p = numconc.Programme.preset("hauts-de-france")
    >>> c = numconc.Campaign(p, id="c", year=2026, ends_on=datetime.date(2027, 6, 30))
    >>> try:
    ...     c.select("D404", date=datetime.date(2026, 4, 1))
    ... except numconc.NotFoundError as e:
    ...     print(e.code, "/", e.message_fr)
    UNKNOWN_DOCUMENT / document inconnu : D404
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from ._native import Issue, Reason, get_language

__all__ = [
    "NumconcError",
    "ValidationError",
    "IneligibleError",
    "TransitionError",
    "NotFoundError",
    "DuplicateIdError",
    "LoadError",
    "BudgetError",
    "SpreadsheetError",
    "StoreError",
    "InternalError",
]


class NumconcError(Exception):
    """The root of numconc's exceptions.

    Attributes:
        code: the stable code of the problem.
        message_fr: the message in French.
        message_en: the message in English.
    """

    code: str
    message_fr: str
    message_en: str

    def __init__(self, code: str, message_fr: str, message_en: str) -> None:
        super().__init__(code, message_fr, message_en)
        self.code = code
        self.message_fr = message_fr
        self.message_en = message_en

    def message(self, lang: Optional[str] = None) -> str:
        """The message in ``lang`` ("fr" or "en"; default: :func:`numconc.get_language`)."""
        chosen = (lang or get_language()).lower()
        if chosen == "fr":
            return self.message_fr
        if chosen == "en":
            return self.message_en
        raise ValueError(f'unknown language {lang!r}: expected "fr" or "en"')

    def __str__(self) -> str:
        return f"{self.code}: {self.message()}"


class ValidationError(NumconcError, ValueError):
    """Invalid data (code ``INVALID_VALUE``): every problem found, in ``issues``.

    Attributes:
        issues: the problems, each with its ``code``, field ``path``,
            ``detail`` and messages.
    """

    issues: List[Issue]

    def __init__(
        self, code: str, message_fr: str, message_en: str, issues: Sequence[Issue] = ()
    ) -> None:
        super().__init__(code, message_fr, message_en)
        self.issues = list(issues)


class IneligibleError(NumconcError):
    """A document selected while not eligible (code ``NOT_ELIGIBLE``).

    Attributes:
        document: the document.
        reasons: every reason, in the order of the rules.
    """

    document: Optional[str]
    reasons: List[Reason]

    def __init__(
        self,
        code: str,
        message_fr: str,
        message_en: str,
        document: Optional[str] = None,
        reasons: Sequence[Reason] = (),
    ) -> None:
        super().__init__(code, message_fr, message_en)
        self.document = document
        self.reasons = list(reasons)


class TransitionError(NumconcError):
    """A command the lifecycle refuses in the current state: ``INVALID_TRANSITION``,
    ``NOT_AT_PROVIDER``, ``QC_NOT_PASSED``, ``DATE_OUT_OF_ORDER``,
    ``CAMPAIGN_CLOSED``, … (see ``code``)."""


class NotFoundError(NumconcError, LookupError):
    """An unknown document, convention, institution or preset
    (``UNKNOWN_DOCUMENT``, ``UNKNOWN_CONVENTION``, ``UNKNOWN_INSTITUTION``,
    ``UNKNOWN_PRESET``)."""


class DuplicateIdError(NumconcError, ValueError):
    """An identifier already used (``DUPLICATE_ID``)."""


class LoadError(NumconcError, ValueError):
    """A saved campaign that cannot be loaded, or an event refused on replay.

    Attributes:
        event: the refused event, numbered from 1 (``INVALID_EVENT``), else ``None``.
        cause: why that event was refused, else ``None``.
    """

    event: Optional[int]
    cause: Optional[NumconcError]

    def __init__(
        self,
        code: str,
        message_fr: str,
        message_en: str,
        event: Optional[int] = None,
        cause: Optional[NumconcError] = None,
    ) -> None:
        super().__init__(code, message_fr, message_en)
        self.event = event
        self.cause = cause


class BudgetError(NumconcError, ArithmeticError):
    """A budget that cannot be computed (``AMOUNT_OVERFLOW``)."""


class SpreadsheetError(NumconcError, ValueError):
    """A spreadsheet that cannot be read as proposals at all (no header,
    not UTF-8, …); problems of single rows are reported per row instead."""


class StoreError(NumconcError, OSError):
    """A campaign store file that cannot be used as asked: held by another
    process (``STORE_LOCKED``), a full disk (``STORE_FULL``), an I/O error
    (``STORE_IO``), a damaged file or one that is not a store
    (``STORE_CORRUPT``), a newer schema (``STORE_SCHEMA_NEWER``), a file
    already there (``STORE_EXISTS``), none there (``STORE_NOT_FOUND``), an
    earlier failed write (``STORE_FAILED``) or a closed store
    (``STORE_CLOSED``). Nothing was written and the campaign is unchanged."""


class InternalError(NumconcError):
    """A bug of numconc (``INTERNAL_ERROR``), never the caller's fault."""
