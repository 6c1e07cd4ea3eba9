"""Type stubs of the native module numconc._native (checked by mypy.stubtest)."""

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal, TypeAlias, final



__all__ = [
    "__version__",
    "Programme",
    "Campaign",
    "Reason",
    "Issue",
    "Eligibility",
    "EligibilityReport",
    "DocumentState",
    "BudgetLine",
    "Budget",
    "Table",
    "ImportNote",
    "ImportIssue",
    "RowReport",
    "ImportReport",
    "import_proposals",
    "import_proposals_file",
    "oai_respond",
    "_panic_inside_guard",
    "_exception_classes",
    "set_language",
    "get_language",
]

__version__: str

_Record: TypeAlias = dict[str, Any]
"""One row of a table: a dict of plain Python values."""

def set_language(lang: str) -> None:
    """Sets the language of messages shown by default: "fr" or "en"."""

def get_language() -> str:
    """The language of messages shown by default: "fr" or "en" (the default)."""

@final
class Reason:
    """A stable code with its message in French and English (a reason of
    ineligibility, or a warning)."""

    @property
    def code(self) -> str: ...
    @property
    def message_fr(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    def message(self, lang: str | None = None) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Issue:
    """One problem in input data, at a field path (``documents[3].date``)."""

    @property
    def code(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def message_fr(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    def message(self, lang: str | None = None) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Programme:
    """The rulebook of a concerted digitisation programme."""

    @staticmethod
    def preset(id: str) -> Programme: ...
    @staticmethod
    def presets() -> list[str]: ...
    @staticmethod
    def from_json(text: str) -> Programme: ...
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Programme: ...
    @staticmethod
    def from_file(path: str | os.PathLike[str]) -> Programme: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def currency(self) -> str: ...
    @property
    def funder_ids(self) -> list[str]: ...
    @property
    def funders(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_json(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@final
class Eligibility:
    """The eligibility of one document on one day."""

    @property
    def document(self) -> str: ...
    @property
    def as_of(self) -> datetime.date: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def reasons(self) -> list[Reason]: ...
    @property
    def warnings(self) -> list[Reason]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class EligibilityReport:
    """The eligibility of every document on one day, by document id."""

    @property
    def as_of(self) -> datetime.date: ...
    def __len__(self) -> int: ...
    def __getitem__(self, key: str, /) -> Eligibility: ...
    def __contains__(self, key: str, /) -> bool: ...
    def __iter__(self) -> Iterator[str]: ...
    def keys(self) -> list[str]: ...
    def values(self) -> list[Eligibility]: ...
    def items(self) -> list[tuple[str, Eligibility]]: ...
    def eligible(self) -> list[str]: ...
    def to_records(self) -> list[_Record]: ...
    def to_arrow(self) -> Any:
        """The report as a pyarrow.Table (document, eligible, reasons, warnings); needs pyarrow."""
    def to_pandas(self) -> Any: ...  # a pandas.DataFrame (pandas is optional and untyped)
    def to_json(self) -> str:
        """The report as JSON text in the vector shape, written in Rust."""
    def _repr_html_(self) -> str: ...

@final
class DocumentState:
    """The state of one document (its independent parts)."""

    @property
    def document(self) -> str: ...
    @property
    def admin(self) -> Literal["proposed", "selected", "rejected", "withdrawn"]: ...
    @property
    def preparation(self) -> Literal["none", "condition_checked", "prepared"]: ...
    @property
    def custody(self) -> Literal["holder", "provider"]: ...
    @property
    def digital(self) -> Literal["none", "delivered", "qc_failed", "qc_passed"]: ...
    @property
    def round(self) -> int: ...
    @property
    def views(self) -> int | None: ...
    @property
    def published(self) -> list[str]: ...
    @property
    def publications(self) -> dict[str, str]: ...
    @property
    def preserved(self) -> bool: ...
    @property
    def departure_grade(self) -> str | None: ...
    @property
    def return_grade(self) -> str | None: ...
    @property
    def shipment(self) -> str | None: ...
    @property
    def provider(self) -> str | None: ...
    @property
    def since(self) -> datetime.date | None: ...
    @property
    def shipped(self) -> int: ...
    @property
    def incidents(self) -> list[dict[str, Any]]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class BudgetLine:
    """One line of a budget: a document, or an institution's part of a shared cost."""

    @property
    def institution(self) -> str: ...
    @property
    def kind(self) -> Literal["document", "shared"]: ...
    @property
    def document(self) -> str | None: ...
    @property
    def label(self) -> str | None: ...
    @property
    def views(self) -> int | None: ...
    @property
    def cost(self) -> Decimal: ...
    @property
    def shares(self) -> dict[str, Decimal]: ...
    @property
    def partner(self) -> Decimal: ...

@final
class Budget:
    """A computed budget: lines, totals per funder and institution, warnings."""

    @property
    def mode(self) -> Literal["estimate", "actual"]: ...
    @property
    def as_of(self) -> datetime.date | None: ...
    @property
    def currency(self) -> str: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def partner_total(self) -> Decimal: ...
    @property
    def funders(self) -> dict[str, Decimal]: ...
    @property
    def funder_names(self) -> dict[str, str]: ...
    @property
    def institutions(self) -> dict[str, dict[str, Decimal]]: ...
    @property
    def lines(self) -> list[BudgetLine]: ...
    @property
    def warnings(self) -> list[dict[str, str]]: ...
    def funder_total(self, funder: str) -> Decimal: ...
    def to_records(self) -> list[_Record]: ...
    def to_arrow(self) -> Any:
        """The lines as a pyarrow.Table (money as decimal128(18, 2)); needs pyarrow."""
    def to_pandas(self, *, money: Literal["decimal", "float"] = "decimal") -> Any: ...  # a pandas.DataFrame
    def to_csv(self) -> str: ...
    def to_json(self) -> str:
        """The budget as JSON text in the interchange (vector) shape, written in Rust."""
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

@final
class Table:
    """A table of records (one dict per row) with named columns."""

    @property
    def title(self) -> str: ...
    @property
    def columns(self) -> list[str]: ...
    def __len__(self) -> int: ...
    def __getitem__(self, key: int, /) -> _Record: ...
    def __iter__(self) -> Iterator[_Record]: ...
    def to_records(self) -> list[_Record]: ...
    def to_pandas(self) -> Any: ...  # a pandas.DataFrame (pandas is optional and untyped)
    def _repr_html_(self) -> str: ...

@final
class Campaign:
    """A yearly campaign: programme, institutions, agreements, proposals, the
    state of every document and the event log."""

    def __new__(
        cls,
        programme: Programme,
        *,
        id: str,
        year: int,
        ends_on: datetime.date,
        institutions: Sequence[Mapping[str, Any]] | None = None,
        conventions: Sequence[Mapping[str, Any]] | None = None,
        documents: Sequence[Mapping[str, Any]] | None = None,
        shared_costs: Mapping[str, Decimal | int] | None = None,
    ) -> Campaign: ...
    @staticmethod
    def from_dict(programme: Programme, data: Mapping[str, Any]) -> Campaign: ...
    @staticmethod
    def from_json(programme: Programme, text: str) -> Campaign: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Campaign: ...
    @staticmethod
    def loads(text: str) -> Campaign: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...
    def dumps(self) -> str: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def copy(self) -> Campaign: ...
    # a campaign kept in a store file
    @staticmethod
    def create(
        path: str | os.PathLike[str],
        programme: Programme,
        data: Mapping[str, Any],
        *,
        synchronous: Literal["full", "normal"] = "full",
    ) -> Campaign: ...
    @staticmethod
    def open(
        path: str | os.PathLike[str],
        *,
        synchronous: Literal["full", "normal"] = "full",
        timeout: float = 0.0,
    ) -> Campaign: ...
    @property
    def path(self) -> str | None: ...
    def snapshot(self) -> int: ...
    def close(self) -> None: ...
    def __enter__(self) -> Campaign: ...
    def __exit__(self, exc_type: object, exc_value: object, traceback: object) -> bool: ...
    # properties
    @property
    def id(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def ends_on(self) -> datetime.date: ...
    @property
    def programme(self) -> Programme: ...
    @property
    def closed(self) -> bool: ...
    @property
    def last_date(self) -> datetime.date | None: ...
    def institutions(self) -> list[dict[str, Any]]: ...
    def conventions(self) -> list[dict[str, Any]]: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def shipments(self) -> list[dict[str, Any]]: ...
    # commands
    def execute(self, command: Mapping[str, Any]) -> None: ...
    def register_institution(
        self,
        institution: Mapping[str, Any],
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def register_convention(
        self,
        convention: Mapping[str, Any],
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def propose(
        self,
        document: Mapping[str, Any],
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def amend_convention(
        self,
        convention: str,
        amendment: Mapping[str, Any],
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def notify_termination(
        self,
        convention: str,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def record_membership(
        self,
        institution: str,
        year: int,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def select(
        self, doc: str, *, date: datetime.date, actor: str | None = None, note: str | None = None
    ) -> None: ...
    def reject(
        self,
        doc: str,
        reason: str,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def withdraw(
        self,
        doc: str,
        reason: str,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def record_condition(
        self,
        doc: str,
        grade: Literal["good", "fair", "poor", "unfit"],
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def prepare(
        self,
        doc: str,
        *,
        date: datetime.date,
        issues: int | None = None,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def ship(
        self,
        shipment: str,
        provider: str,
        docs: Sequence[str],
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def deliver(
        self,
        doc: str,
        views: int,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def qc(
        self,
        doc: str,
        sample: int,
        major: int,
        minor: int,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def return_(
        self,
        docs: Sequence[str],
        grades: Sequence[str],
        *,
        date: datetime.date,
        early: bool = False,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def publish(
        self,
        doc: str,
        target: str,
        identifier: str,
        *,
        date: datetime.date,
        actor: str | None = None,
        note: str | None = None,
    ) -> None: ...
    def preserve(
        self, doc: str, *, date: datetime.date, actor: str | None = None, note: str | None = None
    ) -> None: ...
    def close_campaign(
        self, *, date: datetime.date, actor: str | None = None, note: str | None = None
    ) -> None: ...
    # queries
    def eligibility(self, doc: str, *, as_of: datetime.date) -> Eligibility: ...
    def eligibility_all(self, *, as_of: datetime.date) -> EligibilityReport: ...
    def budget(
        self,
        mode: Literal["estimate", "actual"] = "estimate",
        *,
        as_of: datetime.date | None = None,
    ) -> Budget: ...
    def dublin_core(self, doc: str) -> str | None: ...
    def state(self, doc: str) -> DocumentState: ...
    def states(self) -> Table: ...
    def funnel(self) -> dict[str, int]: ...
    def custody_report(self, *, as_of: datetime.date) -> Table: ...
    def events(self) -> Table: ...
    def events_since(self, seq: int) -> Table: ...
    def replay(self, events: Iterable[Mapping[str, Any]]) -> None: ...
    def replayed(self) -> Campaign: ...
    def _repr_html_(self) -> str: ...

@final
class ImportNote:
    """A value converted on import (a French date form to EDTF, …)."""

    @property
    def field(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def converted(self) -> str: ...
    @property
    def message_fr(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    def message(self, lang: str | None = None) -> str: ...

@final
class ImportIssue:
    """Why a row was refused: field, value, stable code and messages."""

    @property
    def field(self) -> str: ...
    @property
    def value(self) -> str: ...
    @property
    def code(self) -> str: ...
    @property
    def message_fr(self) -> str: ...
    @property
    def message_en(self) -> str: ...
    def message(self, lang: str | None = None) -> str: ...

@final
class RowReport:
    """The report on one non-blank data row of the sheet."""

    @property
    def line(self) -> int: ...
    @property
    def id(self) -> str | None: ...
    @property
    def status(self) -> Literal["ok", "ok_with_notes", "error"]: ...
    @property
    def notes(self) -> list[ImportNote]: ...
    @property
    def errors(self) -> list[ImportIssue]: ...
    def to_dict(self) -> dict[str, Any]: ...

@final
class ImportReport:
    """The proposals of a spreadsheet and one report per row."""

    @property
    def documents(self) -> list[dict[str, Any]]: ...
    @property
    def rows(self) -> list[RowReport]: ...
    @property
    def empty_lines(self) -> int: ...
    @property
    def ignored_columns(self) -> list[str]: ...
    @property
    def ok(self) -> bool: ...
    def __len__(self) -> int: ...
    def to_records(self) -> list[_Record]: ...
    def to_pandas(self) -> Any: ...  # a pandas.DataFrame (pandas is optional and untyped)
    def to_dict(self) -> dict[str, Any]: ...
    def _repr_html_(self) -> str: ...

def import_proposals(
    source: str | bytes, *, institution: str, proposed_on: datetime.date
) -> ImportReport:
    """Imports proposals from a spreadsheet exported to CSV (text or bytes)."""

def import_proposals_file(
    path: str | os.PathLike[str], *, institution: str, proposed_on: datetime.date
) -> ImportReport:
    """Imports proposals from a CSV file."""

def oai_respond(
    campaigns: list[Campaign],
    query: str,
    *,
    base_url: str,
    now: datetime.datetime,
    repository_name: str | None = None,
    repository_id: str | None = None,
    admin_emails: Sequence[str] | None = None,
    page_size: int = 100,
) -> str:
    """The response of an OAI-PMH 2.0 repository over campaigns (see numconc.oai.respond)."""

def _exception_classes() -> list[tuple[str, str, str]]:
    """Private: every code that can reach Python as an exception, as
    (kind, code, class name), for the test that none falls back to a default class."""

def _panic_inside_guard() -> None:
    """Private: panics inside the guard of every call into the core (a test
    that a panic reaches Python as InternalError)."""
