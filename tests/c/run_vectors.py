#!/usr/bin/env python3
"""Runs conformance vectors through the C ABI of numconc only.

Loads libnumconc.so with ctypes (not the Python bindings) and answers every
step with C calls: JSON-returning calls for the comparison, and the typed
accessors of budgets, eligibility and custody reports cross-checked against
them.

    run_vectors.py --lib target/debug/libnumconc.so tests/vectors/*.json

Prints one line per mismatch, then `N passed, M failed` (steps); exits 1 on
any mismatch.
"""

import argparse
import ctypes as C
import json
import sys
from decimal import Decimal

OK = 0


class Date(C.Structure):
    _fields_ = [("year", C.c_int32), ("month", C.c_uint32), ("day", C.c_uint32)]


class BudgetTotals(C.Structure):
    _fields_ = [
        ("total_cents", C.c_int64),
        ("funded_cents", C.c_int64),
        ("partner_cents", C.c_int64),
        ("funder_count", C.c_size_t),
        ("line_count", C.c_size_t),
        ("institution_count", C.c_size_t),
        ("warning_count", C.c_size_t),
    ]


class BudgetLine(C.Structure):
    _fields_ = [
        ("institution", C.c_char_p),
        ("institution_len", C.c_size_t),
        ("kind", C.c_uint32),
        ("document", C.c_char_p),
        ("document_len", C.c_size_t),
        ("label", C.c_char_p),
        ("label_len", C.c_size_t),
        ("has_views", C.c_bool),
        ("views", C.c_uint64),
        ("cost_cents", C.c_int64),
        ("partner_cents", C.c_int64),
    ]


class EligibilityEntry(C.Structure):
    _fields_ = [
        ("doc", C.c_char_p),
        ("doc_len", C.c_size_t),
        ("eligible", C.c_bool),
        ("reason_count", C.c_size_t),
        ("warning_count", C.c_size_t),
    ]


class Reason(C.Structure):
    _fields_ = [("code", C.c_char_p), ("message", C.c_char_p)]


class CustodyEntry(C.Structure):
    _fields_ = [
        ("doc", C.c_char_p),
        ("doc_len", C.c_size_t),
        ("shipment", C.c_char_p),
        ("shipment_len", C.c_size_t),
        ("provider", C.c_char_p),
        ("provider_len", C.c_size_t),
        ("since", Date),
        ("days_out", C.c_int64),
        ("overdue", C.c_bool),
    ]


P = C.c_void_p
STR = C.c_char_p
SIZE = C.c_size_t
STATUS = C.c_uint32


def bind(lib):
    """Declares the signatures of the C functions used here."""
    sigs = {
        "numconc_last_error_code": (STR, []),
        "numconc_last_error_message": (STR, [C.c_uint32]),
        "numconc_last_error_reason_count": (SIZE, []),
        "numconc_last_error_reason_code": (STR, [SIZE]),
        "numconc_string_free": (None, [P]),
        "numconc_programme_preset": (STATUS, [STR, SIZE, C.POINTER(P)]),
        "numconc_programme_from_json": (STATUS, [STR, SIZE, C.POINTER(P)]),
        "numconc_programme_free": (None, [P]),
        "numconc_campaign_new": (STATUS, [P, STR, SIZE, C.POINTER(P)]),
        "numconc_campaign_free": (None, [P]),
        "numconc_campaign_execute_json": (STATUS, [P, STR, SIZE]),
        "numconc_campaign_document_state_json": (STATUS, [P, STR, SIZE, C.POINTER(P), C.POINTER(SIZE)]),
        "numconc_campaign_eligibility_all": (STATUS, [P, Date, C.POINTER(P)]),
        "numconc_eligibility_count": (STATUS, [P, C.POINTER(SIZE)]),
        "numconc_eligibility_get_entry": (STATUS, [P, SIZE, C.POINTER(EligibilityEntry)]),
        "numconc_eligibility_get_reason": (STATUS, [P, SIZE, SIZE, C.c_uint32, C.POINTER(Reason)]),
        "numconc_eligibility_to_json": (STATUS, [P, C.POINTER(P), C.POINTER(SIZE)]),
        "numconc_eligibility_free": (None, [P]),
        "numconc_campaign_budget": (STATUS, [P, C.c_uint32, Date, C.POINTER(P)]),
        "numconc_budget_get_totals": (STATUS, [P, C.POINTER(BudgetTotals)]),
        "numconc_budget_get_line": (STATUS, [P, SIZE, C.POINTER(BudgetLine)]),
        "numconc_budget_to_json": (STATUS, [P, C.POINTER(P), C.POINTER(SIZE)]),
        "numconc_budget_free": (None, [P]),
        "numconc_campaign_custody_report": (STATUS, [P, Date, C.POINTER(P)]),
        "numconc_custody_report_count": (STATUS, [P, C.POINTER(SIZE)]),
        "numconc_custody_report_get_entry": (STATUS, [P, SIZE, C.POINTER(CustodyEntry)]),
        "numconc_custody_report_to_json": (STATUS, [P, C.POINTER(P), C.POINTER(SIZE)]),
        "numconc_custody_report_free": (None, [P]),
    }
    for name, (res, args) in sigs.items():
        f = getattr(lib, name)
        f.restype = res
        f.argtypes = args
    return lib


class CError(Exception):
    """A C call that did not return NUMCONC_OK."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code


class Numconc:
    BUDGET_ESTIMATE = 0
    BUDGET_ACTUAL = 1

    def __init__(self, path):
        self.lib = bind(C.CDLL(path))

    def check(self, status):
        if status != OK:
            code = self.lib.numconc_last_error_code()
            msg = self.lib.numconc_last_error_message(0)
            raise CError(code.decode() if code else f"status {status}", msg.decode() if msg else "")

    def take_string(self, call, *args):
        out, n = P(), SIZE()
        self.check(call(*args, C.byref(out), C.byref(n)))
        try:
            return C.string_at(out.value, n.value).decode()
        finally:
            self.lib.numconc_string_free(out)

    def programme(self, ref):
        out = P()
        if isinstance(ref, str) and ref.startswith("preset:"):
            b = ref[len("preset:"):].encode()
            self.check(self.lib.numconc_programme_preset(b, len(b), C.byref(out)))
        else:
            b = json.dumps(ref).encode()
            self.check(self.lib.numconc_programme_from_json(b, len(b), C.byref(out)))
        return out

    def campaign(self, programme_ref, campaign_value):
        programme = self.programme(programme_ref)
        try:
            out = P()
            b = json.dumps(campaign_value).encode()
            self.check(self.lib.numconc_campaign_new(programme, b, len(b), C.byref(out)))
            return out
        finally:
            self.lib.numconc_programme_free(programme)


def date(text):
    y, m, d = (int(x) for x in text.split("-"))
    return Date(y, m, d)


def text(p, n):
    return C.string_at(p, n).decode() if p else None


def answer(nc, campaign, kind, body):
    lib = nc.lib
    if kind == "command":
        b = json.dumps(body).encode()
        if lib.numconc_campaign_execute_json(campaign, b, len(b)) == OK:
            return {"ok": True}
        out = {"error": lib.numconc_last_error_code().decode()}
        n = lib.numconc_last_error_reason_count()
        if n:
            out["reasons"] = [lib.numconc_last_error_reason_code(i).decode() for i in range(n)]
        return out
    if kind == "state":
        b = body.get("doc", "").encode()
        try:
            return json.loads(nc.take_string(lib.numconc_campaign_document_state_json, campaign, b, len(b)))
        except CError as e:
            return {"error": e.code}
    if kind == "eligibility":
        e = P()
        nc.check(lib.numconc_campaign_eligibility_all(campaign, date(body["as_of"]), C.byref(e)))
        try:
            value = json.loads(nc.take_string(lib.numconc_eligibility_to_json, e))
            typed = {}
            n = SIZE()
            nc.check(lib.numconc_eligibility_count(e, C.byref(n)))
            for i in range(n.value):
                entry = EligibilityEntry()
                nc.check(lib.numconc_eligibility_get_entry(e, i, C.byref(entry)))
                reasons = []
                for r in range(entry.reason_count):
                    reason = Reason()
                    nc.check(lib.numconc_eligibility_get_reason(e, i, r, 0, C.byref(reason)))
                    reasons.append(reason.code.decode())
                typed[text(entry.doc, entry.doc_len)] = (entry.eligible, reasons)
            mirror = {k: (v["eligible"], v["reasons"]) for k, v in value.items()}
            if typed != mirror:
                return {"typed_accessors_disagree": [repr(typed), repr(mirror)]}
            return value
        finally:
            lib.numconc_eligibility_free(e)
    if kind == "budget":
        mode = body.get("mode")
        as_of = date(body["as_of"]) if mode == "estimate" else Date(1970, 1, 1)
        b = P()
        try:
            nc.check(lib.numconc_campaign_budget(
                campaign, nc.BUDGET_ACTUAL if mode == "actual" else nc.BUDGET_ESTIMATE, as_of, C.byref(b)))
        except CError as e:
            return {"error": e.code}
        try:
            value = json.loads(nc.take_string(lib.numconc_budget_to_json, b))
            t = BudgetTotals()
            nc.check(lib.numconc_budget_get_totals(b, C.byref(t)))
            cents = f"{t.total_cents // 100}.{t.total_cents % 100:02d}"
            costs = []
            for i in range(t.line_count):
                line = BudgetLine()
                nc.check(lib.numconc_budget_get_line(b, i, C.byref(line)))
                costs.append((text(line.document, line.document_len), line.cost_cents))
            mirror = [(l.get("document"), int(Decimal(l["cost"]) * 100)) for l in value["lines"]]
            if cents != value["total"] or costs != mirror:
                return {"typed_accessors_disagree": [cents, value["total"], repr(costs), repr(mirror)]}
            return value
        finally:
            lib.numconc_budget_free(b)
    if kind == "custody":
        r = P()
        nc.check(lib.numconc_campaign_custody_report(campaign, date(body["as_of"]), C.byref(r)))
        try:
            value = json.loads(nc.take_string(lib.numconc_custody_report_to_json, r))
            n = SIZE()
            nc.check(lib.numconc_custody_report_count(r, C.byref(n)))
            typed = []
            for i in range(n.value):
                e = CustodyEntry()
                nc.check(lib.numconc_custody_report_get_entry(r, i, C.byref(e)))
                typed.append((text(e.doc, e.doc_len), e.days_out, bool(e.overdue)))
            if typed != [(x["doc"], x["days_out"], x["overdue"]) for x in value]:
                return {"typed_accessors_disagree": [repr(typed), repr(value)]}
            return value
        finally:
            lib.numconc_custody_report_free(r)
    return {"unsupported": kind}


KINDS = ("eligibility", "command", "budget", "state", "custody")


def matches(kind, expect, got):
    if kind in ("command", "state") and isinstance(expect, dict) and isinstance(got, dict):
        return all(k in got and got[k] == v for k, v in expect.items())
    return expect == got


def run(nc, path):
    """Checks one vector file; returns (passed, failures)."""
    with open(path, encoding="utf-8") as f:
        vector = json.load(f)
    try:
        campaign = nc.campaign(vector.get("programme"), vector.get("campaign"))
    except CError as e:
        return 0, [f"{path}: setup: {e}"]
    passed, failures = 0, []
    try:
        for i, step in enumerate(vector.get("steps", []), 1):
            kind = next((k for k in KINDS if k in step), None)
            got = answer(nc, campaign, kind, step[kind]) if kind else {"unsupported": list(step)}
            if matches(kind, step.get("expect"), got):
                passed += 1
            else:
                failures.append(f"{path}: step {i} ({kind}): expected {json.dumps(step.get('expect'))}, "
                                f"got {json.dumps(got)}")
    finally:
        nc.lib.numconc_campaign_free(campaign)
    return passed, failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lib", required=True, help="path to libnumconc.so")
    parser.add_argument("vectors", nargs="+")
    args = parser.parse_args()
    nc = Numconc(args.lib)
    passed = failed = 0
    for path in args.vectors:
        p, failures = run(nc, path)
        passed += p
        failed += len(failures)
        for line in failures:
            print(line)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
