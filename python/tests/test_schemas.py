"""The JSON Schemas of docs/schemas/ (issue 14) against what the core accepts.

- every programme, campaign and command of the conformance vectors
  validates, and so do the presets and a saved file of ``Campaign.dumps()``
  replaying a whole lifecycle;
- every object the core refuses as ``INVALID_VALUE`` in
  ``09_validation_registration.json`` fails, except the few a schema cannot
  express (listed below with why);
- the files of ``numconc.schema_path()`` / ``numconc.spec_path()`` are
  those of ``docs/`` and the generator has nothing to change.
"""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import numconc
from conftest import REPO, VECTORS, convention, document, institution

DOCS = REPO / "docs"
NAMES = ("programme", "campaign", "command", "saved")

# Objects the core refuses as INVALID_VALUE that no JSON Schema can refuse,
# by (vector file, step index), with why.
NOT_EXPRESSIBLE: Dict[Tuple[str, int], str] = {
    ("09_validation_registration.json", 1): "SIREN 215901868: 9 digits, but its Luhn checksum is wrong (arithmetic)",
    ("10_precedence_limits_withdraw.json", 1): "date 2024-12-31 before 1 January of the campaign's year - 1 (depends on the campaign)",
    ("10_precedence_limits_withdraw.json", 2): "date 2028-07-01 after the campaign's ends_on + 12 months (depends on the campaign)",
}


def load(name: str) -> Dict[str, Any]:
    return json.loads((DOCS / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validators() -> Dict[str, Draft202012Validator]:
    out = {}
    for name in NAMES:
        schema = load(name)
        Draft202012Validator.check_schema(schema)
        out[name] = Draft202012Validator(schema, format_checker=FormatChecker())
    return out


def errors(v: Draft202012Validator, instance: Any) -> List[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(instance)]


def jsonable(x: Any) -> Any:
    """A dict of the Python API (dates, Decimals) in its JSON form."""
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items()}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    if isinstance(x, datetime.date):
        return x.isoformat()
    if isinstance(x, Decimal):
        return str(x)
    return x


def vectors() -> Iterator[Tuple[str, Dict[str, Any]]]:
    for path in sorted(VECTORS.glob("*.json")):
        yield path.name, json.loads(path.read_text(encoding="utf-8"))


def commands() -> Iterator[Tuple[str, int, Dict[str, Any], Dict[str, Any]]]:
    for name, vector in vectors():
        for i, step in enumerate(vector["steps"]):
            if "command" in step:
                yield name, i, step["command"], step["expect"]


def test_the_schemas_are_draft_2020_12_with_an_id() -> None:
    for name in NAMES:
        schema = load(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].endswith(f"/{name}.schema.json")


def test_every_programme_and_campaign_of_the_vectors_validates(validators: Dict[str, Draft202012Validator]) -> None:
    programmes = 0
    for name, vector in vectors():
        if isinstance(vector["programme"], dict):
            assert errors(validators["programme"], vector["programme"]) == [], name
            programmes += 1
        assert errors(validators["campaign"], vector["campaign"]) == [], name
    assert programmes >= 5


def test_every_command_the_core_reads_validates_and_every_invalid_one_fails(
    validators: Dict[str, Draft202012Validator],
) -> None:
    seen_types = set()
    refused = 0
    for name, i, command, expect in commands():
        found = errors(validators["command"], command)
        if expect.get("error") == "INVALID_VALUE":
            if (name, i) in NOT_EXPRESSIBLE:
                assert found == [], f"{name} step {i} is refused now: drop it from NOT_EXPRESSIBLE"
            else:
                assert found, f"{name} step {i}: the schema accepts {command}"
                refused += 1
        else:
            # Any other answer (ok, DUPLICATE_ID, UNKNOWN_*, NOT_ELIGIBLE, …)
            # means the core read the command: its form is valid.
            assert found == [], f"{name} step {i}: {found}"
            seen_types.add(command["type"])
    assert refused >= 20
    assert len(seen_types) >= 16


def test_the_invalid_objects_of_09_fail_on_their_own(validators: Dict[str, Draft202012Validator]) -> None:
    vector = json.loads((VECTORS / "09_validation_registration.json").read_text(encoding="utf-8"))
    failing = {}
    for i, step in enumerate(vector["steps"]):
        if step.get("expect", {}).get("error") == "INVALID_VALUE" and ("09_validation_registration.json", i) not in NOT_EXPRESSIBLE:
            failing[i] = step["command"]
    assert len(failing) >= 19
    for i, command in failing.items():
        # The object it carries fails on its own against the campaign schema.
        key = next(k for k in ("institution", "document", "convention") if k in command)
        plural = {"institution": "institutions", "document": "documents", "convention": "conventions"}[key]
        campaign = {"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30", plural: [command[key]]}
        assert errors(validators["campaign"], campaign), f"step {i}: {command[key]}"


def test_the_presets_validate(validators: Dict[str, Draft202012Validator]) -> None:
    ids = numconc.Programme.presets()
    assert len(ids) >= 3
    for id in ids:
        assert errors(validators["programme"], json.loads(numconc.Programme.preset(id).to_json())) == [], id


def test_a_saved_file_validates(validators: Dict[str, Draft202012Validator]) -> None:
    vector = json.loads((VECTORS / "07_lifecycle_full.json").read_text(encoding="utf-8"))
    programme = vector["programme"]
    p = numconc.Programme.from_dict(programme) if isinstance(programme, dict) else numconc.Programme.preset(programme[len("preset:"):])
    campaign = numconc.Campaign.from_json(p, json.dumps(vector["campaign"]))
    ran = 0
    for step in vector["steps"]:
        if "command" in step and step["expect"].get("ok"):
            campaign.execute(step["command"])
            ran += 1
    assert ran >= 20
    saved = json.loads(campaign.dumps())
    assert len(saved["events"]) == ran
    assert errors(validators["saved"], saved) == []
    # A saved file is refused by its schema when it is not one.
    assert errors(validators["saved"], {**saved, "schema_version": 2})
    assert errors(validators["saved"], {k: v for k, v in saved.items() if k != "events"})


def test_what_the_schemas_check_beyond_the_vectors(validators: Dict[str, Draft202012Validator]) -> None:
    v = validators["campaign"]
    base = {"id": "c", "programme": "p", "year": 2026, "ends_on": "2027-06-30"}

    def ok(**members: Any) -> bool:
        return errors(v, jsonable({**base, **members})) == []

    assert ok(institutions=[institution()], conventions=[convention("C1")], documents=[document("D1")])
    assert ok(documents=[document("D1", date="1880-02-29?/1890-12"), document("D2", date="18XX")])
    assert ok(documents=[document("D1", title=None, views=None, format=None)])  # null = missing
    assert not ok(documents=[document("D1", date="1900-02-29")])  # not a leap year
    assert ok(documents=[document("D1", date="2000-02-29")])
    assert not ok(documents=[document("D1", date="1XXX")])
    assert not ok(documents=[document("D1", insured_value="1000000000000.01")])
    assert ok(documents=[document("D1", insured_value="1000000000000.00")])
    assert not ok(documents=[document("D1", typology=None)])  # a required member is never null
    assert not ok(institutions=[institution(id="FR-1234567890")])
    assert ok(institutions=[institution(id="BM-AMIENS")])
    assert not ok(institutions=[institution(id="   ")])
    assert not ok(year=10000)
    assert not ok(ends_on="2027-02-29")
    c = validators["command"]
    assert errors(c, {"type": "ship", "shipment": "S1", "provider": "P", "docs": ["D1", "D1"], "date": "2026-05-02"})
    assert errors(c, {"type": "deliver", "doc": "D1", "views": 0, "date": "2026-05-02"})
    assert errors(c, {"type": "fly", "date": "2026-05-02"})
    assert errors(c, {"type": "close_campaign", "date": "2026-05-02", "doc": "D1"})
    assert errors(c, {"type": "select", "doc": "D1"})
    assert errors(validators["programme"], {**json.loads(numconc.Programme.preset("hauts-de-france").to_json()), "max_public_rate": "1.0001"})


def test_schema_path_gives_the_files_of_docs() -> None:
    directory = numconc.schema_path()
    assert directory.is_dir()
    for name in NAMES:
        path = numconc.schema_path(name)
        assert path == directory / f"{name}.schema.json"
        assert path.read_bytes() == (DOCS / "schemas" / f"{name}.schema.json").read_bytes(), name
    assert sorted(p.name for p in directory.iterdir()) == sorted(f"{n}.schema.json" for n in NAMES)
    with pytest.raises(ValueError, match="not one of programme, campaign, command, saved"):
        numconc.schema_path("budget")


def test_spec_path_gives_the_rules_of_docs() -> None:
    for name in ("domain", "import", "vectors"):
        path = numconc.spec_path(name)
        assert path.read_bytes() == (DOCS / "spec" / f"{name}.md").read_bytes(), name
    assert numconc.spec_path().is_dir()
    with pytest.raises(ValueError, match="not one of domain, import, vectors"):
        numconc.spec_path("codes")


def test_the_schemas_are_what_the_generator_writes() -> None:
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "gen-schemas.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_vocabulary_error_lists_the_accepted_values() -> None:
    c = numconc.Campaign(numconc.Programme.preset("hauts-de-france"), id="c", year=2026, ends_on=datetime.date(2027, 6, 30))
    with pytest.raises(numconc.ValidationError) as e:
        c.register_institution(institution(kind="libary"), date=datetime.date(2026, 1, 15))
    issue = next(i for i in e.value.issues if i.code == "NOT_IN_VOCABULARY")
    assert issue.detail.startswith('"libary" ∉ {municipal_library, intercommunal_library, ')
    assert issue.detail.endswith(", museum, learned_society}")
    assert 'valeur hors vocabulaire ("libary" ∉ {municipal_library, ' in issue.message_fr
    assert Path(numconc.schema_path("campaign")).is_file()
