"""A program using the API as a user would; mypy --strict must accept it."""

import datetime
import pathlib
from decimal import Decimal

import numconc


def main() -> Decimal:
    programme = numconc.Programme.preset("hauts-de-france")
    campaign = numconc.Campaign(
        programme, id="c", year=2026, ends_on=datetime.date(2027, 6, 30),
        shared_costs={"transport": Decimal("1200.00")},
    )
    day = datetime.date(2026, 4, 1)
    report: numconc.EligibilityReport = campaign.eligibility_all(as_of=day)
    reasons: list[str] = [r.message_fr for e in report.values() for r in e.reasons]
    budget = campaign.budget("estimate", as_of=day)
    total: Decimal = budget.total + sum(line.partner for line in budget.lines)
    state: numconc.DocumentState | None = None
    try:
        state = campaign.state("D1")
    except numconc.NotFoundError as e:
        code: str = e.code
        print(code, reasons)
    since: datetime.date | None = state.since if state else None
    print(since, campaign.custody_report(as_of=day).to_records())
    imported = numconc.import_proposals("typologie;droits\n", institution="BM", proposed_on=day)
    for row in imported.rows:
        print(row.line, row.status, [e.code for e in row.errors])
    schema: pathlib.Path = numconc.schema_path("command")
    rules: pathlib.Path = numconc.spec_path()
    print(schema.read_text(encoding="utf-8")[:10], rules)
    return total
