"""numconc — concerted digitisation programmes for written heritage.

Eligibility of institutions and documents on a given day, exact costs and
cost-sharing between funders, and the lifecycle of every document from
proposal to return, with an event log that replays to the same state.

Money is :class:`decimal.Decimal` in and out (a ``float`` is refused), days
are :class:`datetime.date`, and every error carries a stable ``code`` with
its message in French and in English (see :mod:`numconc.errors`).

Example:
    >>> import datetime
    >>> from decimal import Decimal
    >>> import numconc
    >>> programme = numconc.Programme.preset("hauts-de-france")
    >>> campaign = numconc.Campaign(
    ...     programme, id="hdf-2026", year=2026, ends_on=datetime.date(2027, 6, 30),
    ...     shared_costs={"transport": Decimal("1200.00")})
    >>> day = datetime.date(2026, 1, 15)
    >>> campaign.register_institution(
    ...     {"id": "FR-801216101", "name": "Bibliothèques d'Amiens Métropole",
    ...      "kind": "municipal_library", "size": "large", "membership_years": [2026]},
    ...     date=day)
    >>> campaign.register_convention(
    ...     {"id": "C-AMIENS", "institution": "FR-801216101", "kind": "coordinator",
    ...      "signed_on": day, "starts_on": day, "ends_on": datetime.date(2028, 12, 31)},
    ...     date=day)
    >>> campaign.propose(
    ...     {"id": "AMI-1", "institution": "FR-801216101", "title": "Le Progrès de la Somme",
    ...      "author": "Anonyme", "date": "1871", "typology": "press", "format": "A2",
    ...      "views": 1180, "themes": ["regional_interest"], "rights": "public_domain",
    ...      "targets": ["armarium"], "proposed_on": day},
    ...     date=day)
    >>> campaign.eligibility("AMI-1", as_of=datetime.date(2026, 4, 1)).eligible
    True
    >>> campaign.budget("estimate", as_of=datetime.date(2026, 4, 1)).total
    Decimal('1736.00')
"""

from ._native import (
    Budget,
    BudgetLine,
    Campaign,
    DocumentState,
    Eligibility,
    EligibilityReport,
    ImportIssue,
    ImportNote,
    ImportReport,
    Issue,
    Programme,
    Reason,
    RowReport,
    Table,
    __version__,
    get_language,
    import_proposals,
    import_proposals_file,
    set_language,
)
from . import oai
from .errors import (
    BudgetError,
    DuplicateIdError,
    IneligibleError,
    InternalError,
    LoadError,
    NotFoundError,
    NumconcError,
    SpreadsheetError,
    StoreError,
    TransitionError,
    ValidationError,
)
from .resources import schema_path, spec_path

__all__ = [
    "__version__",
    # the programme and the campaign
    "Programme",
    "Campaign",
    # results
    "Budget",
    "BudgetLine",
    "DocumentState",
    "Eligibility",
    "EligibilityReport",
    "Issue",
    "Reason",
    "Table",
    # import of proposals from a spreadsheet
    "import_proposals",
    "import_proposals_file",
    "ImportReport",
    "RowReport",
    "ImportNote",
    "ImportIssue",
    # language of the messages shown
    "set_language",
    "get_language",
    # the JSON Schemas and the rules shipped in the package
    "schema_path",
    "spec_path",
    # exceptions (as numconc.errors lists them; spelt out again because
    # mypy.stubtest does not follow `__all__ += errors.__all__`)
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
