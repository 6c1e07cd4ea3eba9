"""Every conformance vector (tests/vectors/*.json) through the Python API.

Commands go through the keyword methods (`campaign.select(doc, date=...)`),
queries through the typed results (Decimal amounts, datetime.date days),
which are turned back into the vector's JSON shape here to be compared.
"""

from __future__ import annotations

import datetime
import inspect
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, List

import pytest

import numconc
from conftest import VECTORS

FILES = sorted(VECTORS.glob("*.json"))
METHODS = {"return": "return_"}


def test_the_public_vectors_are_there() -> None:
    assert len(FILES) >= 9


def money(d: Decimal) -> str:
    assert isinstance(d, Decimal)
    assert d.as_tuple().exponent == -2, d  # exactly 2 decimals, as in the vectors
    return str(d)


def iso(d: Any) -> Any:
    if isinstance(d, datetime.date):
        return d.isoformat()
    return d


def setup(vector: Dict[str, Any]) -> numconc.Campaign:
    ref = vector["programme"]
    if isinstance(ref, str):
        assert ref.startswith("preset:")
        programme = numconc.Programme.preset(ref[len("preset:"):])
    else:
        programme = numconc.Programme.from_dict(ref)
    return numconc.Campaign.from_dict(programme, vector["campaign"])


def run_command(campaign: numconc.Campaign, command: Dict[str, Any]) -> Dict[str, Any]:
    fields = dict(command)
    kind = fields.pop("type")
    method = getattr(campaign, METHODS.get(kind, kind))
    kwargs = {k: v for k, v in fields.items()}
    kwargs["date"] = datetime.date.fromisoformat(kwargs["date"])
    inspect.signature(method).bind(**kwargs)  # the vector's fields are the method's keywords
    try:
        method(**kwargs)
    except numconc.IneligibleError as e:
        return {"error": e.code, "reasons": [r.code for r in e.reasons]}
    except numconc.NumconcError as e:
        return {"error": e.code}
    return {"ok": True}


def budget_shape(b: numconc.Budget) -> Dict[str, Any]:
    lines: List[Dict[str, Any]] = []
    for line in b.lines:
        item: Dict[str, Any] = {"institution": line.institution, "kind": line.kind}
        if line.document is not None:
            item["document"] = line.document
        if line.label is not None:
            item["label"] = line.label
        item["cost"] = money(line.cost)
        item["shares"] = {k: money(v) for k, v in line.shares.items()}
        assert sum(line.shares.values()) == line.cost
        lines.append(item)
    return {
        "total": money(b.total),
        "lines": lines,
        "funders": {k: money(v) for k, v in b.funders.items()},
        "institutions": {
            k: {kk: money(vv) for kk, vv in v.items()} for k, v in b.institutions.items()
        },
        "warnings": b.warnings,
    }


def answer(campaign: numconc.Campaign, step: Dict[str, Any]) -> Any:
    if "eligibility" in step:
        day = datetime.date.fromisoformat(step["eligibility"]["as_of"])
        report = campaign.eligibility_all(as_of=day)
        return {
            doc: {
                "eligible": e.eligible,
                "reasons": [r.code for r in e.reasons],
                "warnings": [w.code for w in e.warnings],
            }
            for doc, e in report.items()
        }
    if "command" in step:
        return run_command(campaign, step["command"])
    if "budget" in step:
        body = step["budget"]
        if body["mode"] == "estimate":
            b = campaign.budget("estimate", as_of=datetime.date.fromisoformat(body["as_of"]))
        else:
            b = campaign.budget("actual")
        shape = budget_shape(b)
        assert shape == b.to_dict()  # the typed view and the interchange view agree
        return shape
    if "state" in step:
        try:
            state = campaign.state(step["state"]["doc"])
        except numconc.NotFoundError as e:
            return {"error": e.code}
        d = state.to_dict()
        d["since"] = iso(d["since"])
        d["incidents"] = [{k: iso(v) for k, v in i.items()} for i in d["incidents"]]
        return d
    if "custody" in step:
        day = datetime.date.fromisoformat(step["custody"]["as_of"])
        return [
            {
                "doc": r["document"],
                "shipment": r["shipment"],
                "provider": r["provider"],
                "since": iso(r["since"]),
                "days_out": r["days_out"],
                "overdue": r["overdue"],
            }
            for r in campaign.custody_report(as_of=day)
        ]
    raise AssertionError(f"unknown step kind: {sorted(step)}")


def matches(kind: str, expect: Any, got: Any) -> bool:
    if kind in ("command", "state") and isinstance(expect, dict) and isinstance(got, dict):
        return all(k in got and got[k] == v for k, v in expect.items())
    return bool(expect == got)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_vector(path: Path) -> None:
    vector = json.loads(path.read_text(encoding="utf-8"))
    campaign = setup(vector)
    mismatches = []
    for i, step in enumerate(vector["steps"], 1):
        kind = next(k for k in step if k != "expect")
        got = answer(campaign, step)
        if not matches(kind, step["expect"], got):
            mismatches.append(f"step {i} ({kind}): expected {step['expect']}, got {got}")
    assert not mismatches, "\n".join(mismatches)
    # The state is a function of the log: the saved file loads to the same
    # campaign, and replaying the log gives the same save.
    saved = campaign.dumps()
    assert numconc.Campaign.loads(saved).dumps() == saved
    assert campaign.replayed().dumps() == saved
