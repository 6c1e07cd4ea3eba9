"""Campaigns kept in a store file: ``Campaign.create`` / ``Campaign.open``
give the same class with the same methods, every command on disk before it
returns; a context manager closes the store; ``events_since``; the lock;
the events table as plain rows (sqlite3). Proof by faults through Python:
a Python child killed with SIGKILL at 50 seeded random moments, a full disk
(RLIMIT_FSIZE) and damaged files give typed errors, never a half-applied
change."""

from __future__ import annotations

import datetime
import json
import random
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, Dict

import pytest

import numconc

D = datetime.date
INST = "FR-801216101"


def data() -> Dict[str, Any]:
    return {
        "id": "hdf-2026",
        "programme": "hauts-de-france",
        "year": 2026,
        "ends_on": "2027-06-30",
        "institutions": [
            {"id": INST, "name": "BM d'Amiens", "kind": "municipal_library",
             "size": "medium", "membership_years": [2026]}
        ],
        "conventions": [
            {"id": "C1", "institution": INST, "kind": "coordinator",
             "signed_on": "2025-01-15", "starts_on": "2025-01-15", "ends_on": "2027-12-31"}
        ],
        "documents": [
            {"id": "D1", "institution": INST, "title": "Le Progrès de la Somme",
             "author": "Collectif", "date": "1871", "typology": "press", "format": "A2",
             "views": 1200, "themes": ["regional_interest"], "rights": "public_domain",
             "targets": ["armarium"], "ocr": True, "proposed_on": "2026-02-10"}
        ],
        "shared_costs": [],
    }


def programme() -> numconc.Programme:
    return numconc.Programme.preset("hauts-de-france")


def test_commands_are_durable_and_the_class_is_the_same(tmp_path: Path) -> None:
    path = tmp_path / "hdf.numconc"
    with numconc.Campaign.create(path, programme(), data()) as c:
        assert isinstance(c, numconc.Campaign)
        assert c.path == str(path)
        c.select("D1", date=D(2026, 4, 15))
        c.record_condition("D1", "fair", date=D(2026, 4, 16))
        with pytest.raises(numconc.TransitionError) as refused:
            c.deliver("D1", 10, date=D(2026, 4, 17))
        assert refused.value.code == "NOT_AT_PROVIDER"
        c.execute({"type": "prepare", "doc": "D1", "issues": 3, "date": "2026-04-18"})
        saved = c.dumps()
        assert c.snapshot() == 3
    # Closed: queries answer, commands are refused.
    assert c.closed is False and c.dumps() == saved
    with pytest.raises(numconc.StoreError) as closed:
        c.preserve("D1", date=D(2026, 4, 19))
    assert closed.value.code == "STORE_CLOSED"
    with numconc.Campaign.open(path) as again:
        assert again.dumps() == saved
        assert numconc.Campaign.loads(saved).dumps() == saved
        assert [e["type"] for e in again.events_since(1).to_records()] == [
            "record_condition", "prepare"]
        assert len(again.events_since(0)) == 3 and len(again.events_since(3)) == 0
    memory = numconc.Campaign.loads(saved)
    assert memory.path is None
    assert len(memory.events_since(2)) == 1


def test_a_second_opener_is_told_the_store_is_locked(tmp_path: Path) -> None:
    path = tmp_path / "locked.numconc"
    c = numconc.Campaign.create(path, programme(), data())
    with pytest.raises(numconc.StoreError) as e:
        numconc.Campaign.open(path)
    assert e.value.code == "STORE_LOCKED"
    with pytest.raises(numconc.StoreError) as e:
        numconc.Campaign.create(path, programme(), data())
    assert e.value.code == "STORE_EXISTS"
    c.close()
    c.close()
    numconc.Campaign.open(path).close()
    with pytest.raises(numconc.StoreError) as e:
        numconc.Campaign.open(tmp_path / "missing.numconc")
    assert e.value.code == "STORE_NOT_FOUND"
    with pytest.raises(numconc.ValidationError):
        numconc.Campaign.create(tmp_path / "bad.numconc", programme(), {"id": "x"})
    assert not (tmp_path / "bad.numconc").exists()


def test_the_events_table_reads_as_plain_rows(tmp_path: Path) -> None:
    path = tmp_path / "rows.numconc"
    with numconc.Campaign.create(path, programme(), data(), synchronous="normal") as c:
        c.select("D1", date=D(2026, 4, 15), actor="régie")
    db = sqlite3.connect(path)
    rows = db.execute("SELECT seq, date, type, command FROM events ORDER BY seq").fetchall()
    db.close()
    assert rows == [(1, "2026-04-15", "select",
                     '{"actor":"régie","date":"2026-04-15","doc":"D1","type":"select"}')]


CHILD = textwrap.dedent(
    """
    import datetime, resource, signal, sys
    import numconc
    mode, path = sys.argv[1], sys.argv[2]
    c = numconc.Campaign.open(path)
    i = len(c.events_since(0))
    print("open", i, flush=True)
    if mode == "full":
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        import os
        size = max(os.path.getsize(path), os.path.getsize(path + "-wal"))
        resource.setrlimit(resource.RLIMIT_FSIZE, (size + 12345, resource.RLIM_INFINITY))
    while True:
        i += 1
        before = c.dumps()
        try:
            c.record_membership("FR-801216101", 2026, date=datetime.date(2026, 3, 1),
                                note=f"n{i}")
        except numconc.StoreError as e:
            print("refused", e.code, c.dumps() == before, flush=True)
            sys.exit(0)
        print("ack", i, flush=True)
        if i % 7 == 0:
            c.snapshot()
    """
)


def spawn(mode: str, path: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, mode, str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )


def complete_lines(text: str) -> list[str]:
    """The lines a killed child finished writing (a kill can cut the last
    one, which then acknowledges nothing)."""
    lines = text.split("\n")
    return lines[:-1]


def acknowledged(lines: list[str], start: int) -> int:
    last = start
    for line in lines:
        if line.startswith("ack "):
            n = int(line.split()[1])
            assert n == last + 1
            last = n
    return last


def check_reopened(path: Path, acked: int) -> int:
    with numconc.Campaign.open(path) as c:
        events = json.loads(c.dumps())["events"]
        assert acked <= len(events) <= acked + 1
        assert [e["note"] for e in events] == [f"n{i}" for i in range(1, len(events) + 1)]
        assert c.replayed().dumps() == c.dumps()
        return len(events)


def test_a_python_child_killed_at_random_moments_loses_no_acknowledged_command(
    tmp_path: Path,
) -> None:
    path = tmp_path / "kill.numconc"
    numconc.Campaign.create(path, programme(), data()).close()
    rng = random.Random(11)
    on_disk = 0
    for _ in range(50):
        child = spawn("kill", path)
        try:
            assert child.stdout is not None
            first = child.stdout.readline()
            assert first.split() == ["open", str(on_disk)], first
            if on_disk == 0:
                # Another process holds the store: a typed refusal.
                with pytest.raises(numconc.StoreError) as held:
                    numconc.Campaign.open(path)
                assert held.value.code == "STORE_LOCKED"
            time.sleep(rng.uniform(0, 0.03))
            child.kill()  # SIGKILL
            child.wait()
            rest = complete_lines(child.stdout.read())
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        on_disk = check_reopened(path, acknowledged(rest, on_disk))
    assert on_disk > 50


def test_a_full_disk_refuses_the_command_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "full.numconc"
    numconc.Campaign.create(path, programme(), data()).close()
    child = spawn("full", path)
    out, _ = child.communicate(timeout=120)
    lines = out.splitlines()
    acked = acknowledged(lines, 0)
    refused = [line.split() for line in lines if line.startswith("refused ")]
    assert refused and refused[0][1] in ("STORE_FULL", "STORE_IO") and refused[0][2] == "True"
    assert acked > 0
    assert check_reopened(path, acked) == acked


def test_damaged_files_are_store_errors(tmp_path: Path) -> None:
    path = tmp_path / "source.numconc"
    with numconc.Campaign.create(path, programme(), data()) as c:
        for i in range(40):
            c.record_membership(INST, 2026, date=D(2026, 3, 1), note=f"n{i}")
            if i == 30:
                c.snapshot()
        saved = json.loads(c.dumps())
    raw = path.read_bytes()
    damaged = tmp_path / "damaged.numconc"
    rng = random.Random(5)
    errors = 0
    cuts = [0, 100, 4096] + [rng.randrange(len(raw)) for _ in range(20)]
    flips = []
    for _ in range(100):
        copy = bytearray(raw)
        at = rng.randrange(len(copy))
        copy[at] ^= 1 << rng.randrange(8)
        flips.append(bytes(copy))
    for content in [raw[:cut] for cut in cuts] + flips:
        damaged.write_bytes(content)
        try:
            with numconc.Campaign.open(damaged) as c:
                events = json.loads(c.dumps())["events"]
                assert events == saved["events"][: len(events)]
                assert c.replayed().dumps() == c.dumps()
        except numconc.StoreError as e:
            assert e.code.startswith("STORE_")
            errors += 1
    assert errors > 30
