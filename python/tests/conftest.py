"""Shared fixtures: a small Hauts-de-France campaign built through the API."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Dict

import pytest

import numconc

REPO = Path(__file__).resolve().parents[2]
VECTORS = REPO / "tests" / "vectors"
EXAMPLES = REPO / "python" / "examples"

D = datetime.date

INSTITUTION_ID = "FR-801216101"
OTHER_ID = "FR-020016101"


def institution(id: str = INSTITUTION_ID, **extra: Any) -> Dict[str, Any]:
    data: Dict[str, Any] = {
        "id": id,
        "name": f"Établissement {id}",
        "kind": "municipal_library",
        "size": "large",
        "membership_years": [2025, 2026],
    }
    data.update(extra)
    return data


def convention(id: str, inst: str = INSTITUTION_ID, kind: str = "coordinator", **extra: Any) -> Dict[str, Any]:
    data: Dict[str, Any] = {
        "id": id,
        "institution": inst,
        "kind": kind,
        "signed_on": D(2025, 1, 15),
        "starts_on": D(2025, 1, 15),
        "ends_on": D(2028, 12, 31),
    }
    data.update(extra)
    return data


def document(id: str, inst: str = INSTITUTION_ID, **extra: Any) -> Dict[str, Any]:
    data: Dict[str, Any] = {
        "id": id,
        "institution": inst,
        "title": f"Titre {id}",
        "author": "Anonyme",
        "date": "1871",
        "typology": "press",
        "format": "A2",
        "views": 1200,
        "themes": ["regional_interest"],
        "rights": "public_domain",
        "targets": ["gallica", "armarium"],
        "insured_value": Decimal("3000.00"),
        "proposed_on": D(2026, 2, 10),
    }
    data.update(extra)
    return data


@pytest.fixture
def programme() -> numconc.Programme:
    return numconc.Programme.preset("hauts-de-france")


@pytest.fixture
def make_campaign(programme: numconc.Programme) -> Callable[..., numconc.Campaign]:
    """A campaign with two institutions (each with coordinator and BnF
    agreements) and documents D1 … Dn of the first one."""

    def make(n: int = 3, **kwargs: Any) -> numconc.Campaign:
        kwargs.setdefault("shared_costs", {"transport": Decimal("1200.00")})
        return numconc.Campaign(
            programme,
            id="hdf-2026",
            year=2026,
            ends_on=D(2027, 6, 30),
            institutions=[institution(), institution(OTHER_ID, size="small")],
            conventions=[
                convention("C1"),
                convention("C2", kind="national_library"),
                convention("C3", OTHER_ID),
            ],
            documents=[document(f"D{i}") for i in range(1, n + 1)],
            **kwargs,
        )

    return make


@pytest.fixture
def campaign(make_campaign: Callable[..., numconc.Campaign]) -> numconc.Campaign:
    return make_campaign()
