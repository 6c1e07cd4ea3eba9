#!/usr/bin/env python3
"""Writes the JSON Schemas (draft 2020-12) of the v1.1 format into
docs/schemas/: programme, campaign, command and the saved file.

The schemas follow the strict readers of the core (core/src/programme,
core/src/campaign_data, core/src/convention.rs, core/src/lifecycle/command.rs,
core/src/format/saved_file.rs) and domain.md §3, §7 and §9.1. They are
generated, not edited: change this script and run

    python3 scripts/gen-schemas.py          # rewrite docs/schemas/ and python/numconc/schemas/
    python3 scripts/gen-schemas.py --check  # exit 1 when they differ

What a schema cannot say is checked by the core only: the SIREN checksum,
uniqueness of ids, cross-references (a document's institution exists,
`campaign.programme` equals the programme's id), an agreement that ends
before it starts, the order of the two ends of an EDTF interval, one grade
per returned document, and everything that depends on the campaign's state.
tests/tests/docs.rs holds the vocabularies, the command types and the
limits of these files to the core's; python/tests/test_schemas.py validates
every object of the conformance vectors against them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "schemas"
# The same files, as package data of the wheel (numconc.schema_path()).
PYTHON_OUT = ROOT / "python" / "numconc" / "schemas"
BASE = "https://numconc.invalid/schemas/v1/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# The limits of domain.md §9.1 (core/src/limits.rs).
MAX_ID_CHARS = 256
MAX_TEXT_CHARS = 10_000
MAX_COUNT = 1_000_000_000

# The closed vocabularies (core/src/values/vocabulary.rs), in their order.
VOCABULARIES = {
    "institution_kind": [
        "municipal_library", "intercommunal_library", "departmental_library",
        "university_library", "research_library", "private_library",
        "departmental_archives", "municipal_archives", "writers_house",
        "museum", "learned_society",
    ],
    "size": ["small", "medium", "large"],
    "typology": [
        "press", "journals", "printed_books", "theses", "manuscripts",
        "archives", "maps_plans", "postcards", "photographs",
    ],
    "format": ["A4", "A3", "A2", "A1", "A0", "oversize"],
    "theme": ["regional_interest", "rare_precious"],
    "rights": ["public_domain", "cleared", "protected"],
    "convention_kind": ["coordinator", "national_library", "departmental", "funding"],
    "grade": ["good", "fair", "poor", "unfit"],
    "line_kind": ["document", "shared"],
    "shared_cost_key": ["views", "cost", "equal"],
}

# --- calendar days as regular expressions ----------------------------------
_MONTH_31 = "(?:0[13578]|1[02])"
_MONTH = "(?:0[1-9]|1[0-2])"
_LEAP_CENTURY = "(?:[02468][048]|[13579][26])"
_LEAP_YY = "(?:0[48]|[2468][048]|[13579][26])"


def _day_of(year: str, leap_year: str) -> str:
    """YYYY-MM-DD with the calendar checked (leap years included)."""
    return (
        f"(?:{year}-(?:{_MONTH}-(?:0[1-9]|1[0-9]|2[0-8])"
        f"|(?:0[13-9]|1[0-2])-(?:29|30)"
        f"|{_MONTH_31}-31)"
        f"|{leap_year}-02-29)"
    )


# ISO days of the format: years 0001-9999 (core/src/format/json.rs parse_day).
_YEAR_1_9999 = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_LEAP_1_9999 = f"(?:[0-9]{{2}}{_LEAP_YY}|(?:0[48]|[2468][048]|[13579][26])00)"
DAY_PATTERN = "^" + _day_of(_YEAR_1_9999, _LEAP_1_9999) + "$"

# EDTF subset (domain.md §3, §9.4; core/src/values/edtf.rs): year 0000 exists.
_YEAR_ANY = "[0-9]{4}"
_LEAP_ANY = f"(?:[0-9]{{2}}{_LEAP_YY}|{_LEAP_CENTURY}00)"
_EDTF_ONE = (
    "(?:(?:[0-9]{4}|[0-9]{3}X|[0-9]{2}XX)"
    f"|{_YEAR_ANY}-{_MONTH}"
    f"|{_day_of(_YEAR_ANY, _LEAP_ANY)})[?~%]?"
)
EDTF_PATTERN = f"^{_EDTF_ONE}(?:/{_EDTF_ONE})?$"

# Money: at most 2 decimals, at most 1 000 000 000 000.00; unit prices: at
# most 4 decimals, at most 10 000; rates: at most 4 decimals, at most 1.
# Leading zeros are accepted, as by the core (core/src/values/money.rs).
MONEY_PATTERN = r"^0*(?:[0-9]{1,12}(?:\.[0-9]{1,2})?|1000000000000(?:\.0{1,2})?)$"
UNIT_PRICE_PATTERN = r"^0*(?:[0-9]{1,4}(?:\.[0-9]{1,4})?|10000(?:\.0{1,4})?)$"
RATE_PATTERN = r"^0*(?:0(?:\.[0-9]{1,4})?|1(?:\.0{1,4})?)$"


def nullable(schema: dict) -> dict:
    """An optional member: absent and null mean the same to the core."""
    return {"anyOf": [schema, {"type": "null"}]}


def ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def obj(description: str, required: dict, optional: dict, **extra) -> dict:
    """A closed object: the readers refuse unknown members; a required member
    is never null (null is MISSING_FIELD), an optional one may be."""
    properties = dict(required)
    properties.update({k: nullable(v) for k, v in optional.items()})
    out = {"description": description, "type": "object"}
    out.update(extra)
    out["properties"] = properties
    if required:
        out["required"] = list(required)
    out["additionalProperties"] = False
    return out


def array(items: dict, **extra) -> dict:
    return {"type": "array", "items": items, **extra}


PRIMITIVES = {
    "id": {
        "description": "An identifier: not blank, at most 256 characters (§9.1).",
        "type": "string", "minLength": 1, "maxLength": MAX_ID_CHARS, "pattern": r"\S",
    },
    "institution_id": {
        "description": "An institution id: an identifier; one that starts `FR-` is an ISIL, `FR-` + 9 ASCII letters or digits (§3, §9.5).",
        "allOf": [ref("id")],
        "if": {"type": "string", "pattern": "^FR-"},
        "then": {"pattern": "^FR-[A-Za-z0-9]{9}$"},
    },
    "text": {
        "description": "A text, at most 10 000 characters (§9.1).",
        "type": "string", "maxLength": MAX_TEXT_CHARS,
    },
    "day": {
        "description": "An ISO day YYYY-MM-DD (years 1 to 9999, the calendar checked).",
        "type": "string", "format": "date", "pattern": DAY_PATTERN,
    },
    "edtf": {
        "description": "A document date in the EDTF subset of §3 and §9.4: YYYY, YYYY-MM, YYYY-MM-DD, optionally followed by ?, ~ or %; 18XX, 185X; intervals A/B (the start not after the end, which only the core checks).",
        "type": "string", "pattern": EDTF_PATTERN,
    },
    "count": {
        "description": "An integer that counts: 0 to 1 000 000 000 (§9.1).",
        "type": "integer", "minimum": 0, "maximum": MAX_COUNT,
    },
    "year": {
        "description": "A year, 1 to 9999 (§9.1).",
        "type": "integer", "minimum": 1, "maximum": 9999,
    },
    "money": {
        "description": "Money as a string: no sign, no exponent, at most 2 decimals, at most 1000000000000.00 (§3, §9.1). A JSON number is refused.",
        "type": "string", "pattern": MONEY_PATTERN,
    },
    "unit_price": {
        "description": "A price per view as a string: at most 4 decimals, at most 10000 (§9.1).",
        "type": "string", "pattern": UNIT_PRICE_PATTERN,
    },
    "rate": {
        "description": "A rate as a string in [0, 1], at most 4 decimals (§3, §9.1).",
        "type": "string", "pattern": RATE_PATTERN,
    },
}

VOCABULARY_DEFS = {
    name: {"description": f"The closed vocabulary `{name}` (domain.md §3).", "enum": values}
    for name, values in VOCABULARIES.items()
}


def ids(item: str = "id") -> dict:
    return array(ref(item))


PROGRAMME_DEFS = {
    "eligibility": obj(
        "Who and what may enter; absent = no rule, empty lists = any (§3, §9.2).",
        {},
        {
            "institution_kinds": array(ref("institution_kind")),
            "membership_required": {"type": "boolean"},
            "coordinator_convention_required": {"type": "boolean"},
            "typologies": array(ref("typology")),
            "themes_any_of": array(ref("theme")),
            "max_views_per_document": ref("count"),
            "proposal_deadline": ref("day"),
        },
    ),
    "price_entry": obj(
        "One entry of the price grid; `format` absent = any format of the typology.",
        {"typology": ref("typology"), "price": ref("unit_price")},
        {"format": ref("format")},
    ),
    "prices": obj(
        "The price grid (§3, §6).",
        {"default_per_view": ref("unit_price")},
        {
            "per_view": array(ref("price_entry")),
            "ocr_per_view": ref("unit_price"),
            "fragile_surcharge_rate": ref("rate"),
            "per_document_fee": ref("money"),
        },
    ),
    "when": obj(
        "A condition: all present keys hold; an empty list never holds (§3, §9.10).",
        {},
        {
            "typologies": array(ref("typology")),
            "targets_any": array(ref("text")),
            "rights": array(ref("rights")),
            "date_before": ref("year"),
            "institution_kinds": array(ref("institution_kind")),
            "sizes": array(ref("size")),
            "labels_any": array(ref("text")),
        },
    ),
    "by_size": obj(
        "Rates by size tier, overriding `rate`.",
        {},
        {"small": ref("rate"), "medium": ref("rate"), "large": ref("rate")},
    ),
    "rate_rule": obj(
        "A funding rate with its condition; the first whose `when` holds applies.",
        {"rate": ref("rate")},
        {"when": ref("when"), "by_size": ref("by_size")},
    ),
    "funder": obj(
        "A funder; the id `partner` is reserved, ids are unique (checked by the core).",
        {
            "id": {"allOf": [ref("id")], "not": {"const": "partner"}},
            "name": ref("text"),
            "rates": array(ref("rate_rule")),
        },
        {
            "public": {"type": "boolean"},
            "envelope": ref("money"),
            "per_institution_min": ref("money"),
            "per_institution_max": ref("money"),
            "lines": array(ref("line_kind"), minItems=1, uniqueItems=True),
        },
    ),
    "qc": obj(
        "Quality-control rules (all five keys required).",
        {
            "sample_rate": ref("rate"),
            "min_sample": ref("count"),
            "max_major": ref("count"),
            "max_minor_rate": ref("rate"),
            "max_rounds": ref("count"),
        },
        {},
    ),
}

PROGRAMME = obj(
    "The rulebook of a concerted digitisation programme (domain.md §3, §9.2).",
    {
        "id": ref("id"),
        "name": ref("text"),
        "currency": ref("id"),
        "prices": ref("prices"),
        "funders": array(ref("funder")),
        "shared_cost_key": ref("shared_cost_key"),
        "termination_notice_months": ref("count"),
        "qc": ref("qc"),
        "max_days_at_provider": ref("count"),
    },
    {
        "eligibility": ref("eligibility"),
        "max_public_rate": ref("rate"),
        "min_partner_rate": ref("rate"),
    },
)

CAMPAIGN_DEFS = {
    "institution": obj(
        "A partner institution (§3, §9.2). The SIREN's Luhn checksum is checked by the core only.",
        {
            "id": ref("institution_id"),
            "name": ref("text"),
            "kind": ref("institution_kind"),
            "size": ref("size"),
        },
        {
            "membership_years": array(ref("year")),
            "siren": {"type": "string", "pattern": "^[0-9]{9}$"},
        },
    ),
    "amendment": obj(
        "An amendment of an agreement.",
        {"signed_on": ref("day")},
        {"ends_on": ref("day")},
    ),
    "termination": obj(
        "A termination notice.",
        {"notice_received_on": ref("day")},
        {},
    ),
    "convention": obj(
        "An agreement (§3, §4); it may not end before it starts (checked by the core).",
        {
            "id": ref("id"),
            "institution": ref("id"),
            "kind": ref("convention_kind"),
            "signed_on": ref("day"),
            "starts_on": ref("day"),
            "ends_on": ref("day"),
        },
        {
            "amendments": array(ref("amendment")),
            "termination": ref("termination"),
        },
    ),
    "document": obj(
        "A proposal (note informative); title, author, date, format and views may be missing or null (§3, §9.2).",
        {
            "id": ref("id"),
            "institution": ref("id"),
            "typology": ref("typology"),
            "rights": ref("rights"),
            "proposed_on": ref("day"),
        },
        {
            "title": ref("text"),
            "author": ref("text"),
            "date": ref("edtf"),
            "format": ref("format"),
            "views": ref("count"),
            "themes": array(ref("theme")),
            "targets": ids(),
            "fragile": {"type": "boolean"},
            "ocr": {"type": "boolean"},
            "insured_value": ref("money"),
            "existing_digitization": ref("text"),
            "shelfmark": ref("text"),
            "labels": array(ref("text")),
        },
    ),
    "shared_cost": obj(
        "A shared cost of the campaign.",
        {"label": ref("id"), "amount": ref("money")},
        {},
    ),
}

CAMPAIGN = obj(
    "The data of a yearly campaign (domain.md §3); `programme` must equal the programme's id, ids are unique within their kind (checked by the core).",
    {
        "id": ref("id"),
        "programme": ref("id"),
        "year": ref("year"),
        "ends_on": ref("day"),
    },
    {
        "institutions": array(ref("institution")),
        "conventions": array(ref("convention")),
        "documents": array(ref("document")),
        "shared_costs": array(ref("shared_cost")),
    },
)

DOC_LIST = {
    "description": "Documents: at least one, none listed twice.",
    "type": "array", "items": ref("id"), "minItems": 1, "uniqueItems": True,
}

# The members of each command besides type, date, actor and note
# (core/src/lifecycle/command.rs `fields_of`), required then optional.
COMMANDS = {
    "register_institution": ({"institution": ref("institution")}, {}),
    "register_convention": ({"convention": ref("convention")}, {}),
    "propose": ({"document": ref("document")}, {}),
    "amend_convention": ({"convention": ref("id"), "amendment": ref("amendment")}, {}),
    "notify_termination": ({"convention": ref("id")}, {}),
    "record_membership": ({"institution": ref("id"), "year": ref("year")}, {}),
    "select": ({"doc": ref("id")}, {}),
    "reject": ({"doc": ref("id"), "reason": ref("text")}, {}),
    "withdraw": ({"doc": ref("id"), "reason": ref("text")}, {}),
    "record_condition": ({"doc": ref("id"), "grade": ref("grade")}, {}),
    "prepare": ({"doc": ref("id")}, {"issues": ref("count")}),
    "ship": ({"shipment": ref("id"), "provider": ref("id"), "docs": ref("doc_list")}, {}),
    "deliver": ({"doc": ref("id"), "views": {"type": "integer", "minimum": 1, "maximum": MAX_COUNT}}, {}),
    "qc": ({"doc": ref("id"), "sample": ref("count"), "major": ref("count"), "minor": ref("count")}, {}),
    "return": (
        {"docs": ref("doc_list"), "grades": {"description": "One grade per document, in the order of `docs` (the count is checked by the core).", **array(ref("grade"))}},
        {"early": {"type": "boolean"}},
    ),
    "publish": ({"doc": ref("id"), "target": ref("id"), "identifier": ref("id")}, {}),
    "preserve": ({"doc": ref("id")}, {}),
    "close_campaign": ({}, {}),
}


def command_def(kind: str) -> dict:
    required, optional = COMMANDS[kind]
    req = {"type": {"const": kind}, "date": ref("day")}
    req.update(required)
    opt = {"actor": ref("text"), "note": ref("text")}
    opt.update(optional)
    return obj(f"The command `{kind}` (domain.md §7).", req, opt)


COMMAND_DEFS = {f"command_{k}": command_def(k) for k in COMMANDS}
COMMAND_DEFS["doc_list"] = DOC_LIST

COMMAND = {
    "description": "A dated command (domain.md §7, vectors.md): `type`, `date`, optional `actor` and `note`, and the members of its type.",
    "type": "object",
    "required": ["type", "date"],
    "properties": {"type": {"enum": list(COMMANDS)}},
    "oneOf": [ref(f"command_{k}") for k in COMMANDS],
}

SAVED = obj(
    "A saved campaign (Campaign.save_json / dumps): the programme, the initial campaign data and the event log, replayed on load.",
    {
        "schema_version": {"const": 1},
        "programme": ref("programme"),
        "campaign": ref("campaign"),
        "events": array(ref("command")),
    },
    {},
)


def schema(name: str, title: str, root: dict, defs: dict) -> dict:
    out = {
        "$schema": DRAFT,
        "$id": f"{BASE}{name}.schema.json",
        "title": title,
    }
    out.update(root)
    out["$defs"] = dict(sorted(defs.items()))
    return out


def all_schemas() -> dict[str, dict]:
    base = {**PRIMITIVES, **VOCABULARY_DEFS}
    programme_defs = {**base, **PROGRAMME_DEFS}
    campaign_defs = {**base, **CAMPAIGN_DEFS}
    command_defs = {**campaign_defs, **COMMAND_DEFS}
    saved_defs = {
        **programme_defs,
        **command_defs,
        "programme": PROGRAMME,
        "campaign": CAMPAIGN,
        "command": COMMAND,
    }
    return {
        "programme": schema("programme", "numconc Programme (v1.1)", PROGRAMME, programme_defs),
        "campaign": schema("campaign", "numconc Campaign (v1.1)", CAMPAIGN, campaign_defs),
        "command": schema("command", "numconc Command (v1.1)", COMMAND, command_defs),
        "saved": schema("saved", "numconc saved campaign (schema_version 1)", SAVED, saved_defs),
    }


def render(s: dict) -> str:
    return json.dumps(s, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for name, s in all_schemas().items():
        text = render(s)
        for out in (OUT, PYTHON_OUT):
            path = out / f"{name}.schema.json"
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(str(path.relative_to(ROOT)))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run python3 scripts/gen-schemas.py):", *stale, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
