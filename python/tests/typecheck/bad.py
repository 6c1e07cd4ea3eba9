"""Misuses that the stubs let mypy catch (each line is expected to fail)."""

import datetime
from decimal import Decimal

import numconc

campaign = numconc.Campaign.loads("{}")
campaign.select(1, date=datetime.date(2026, 4, 1))  # E: doc is a str
campaign.select("D1", date="2026-04-01")  # E: date is a datetime.date
total: float = campaign.budget(as_of=datetime.date(2026, 4, 1)).total  # E: money is Decimal
campaign.budget(as_of=datetime.date(2026, 4, 1)).total + 1.5  # E: no float arithmetic on money
campaign.deliver("D1", views="12", date=datetime.date(2026, 4, 1))  # E: views is an int
numconc.Campaign(numconc.Programme.preset("x"), id="c", year=2026, ends_on=datetime.date(2027, 1, 1), shared_costs={"t": 1.5})  # E: money
print(Decimal)
