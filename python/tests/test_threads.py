"""One Campaign used from several threads; long operations release the GIL."""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from typing import Any, Callable, List

import pytest

import numconc
from conftest import D, convention, document, institution

AS_OF = D(2026, 4, 1)


def run_threads(targets: List[Callable[[], None]], timeout: float = 60.0) -> None:
    errors: List[BaseException] = []

    def wrap(f: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                f()
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)

        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
        assert not t.is_alive(), "a thread did not finish: deadlock?"
    if errors:
        raise errors[0]


def test_commands_and_queries_from_many_threads(campaign: numconc.Campaign) -> None:
    writers, per_writer = 6, 40
    totals: List[List[Decimal]] = [[], []]

    def writer(w: int) -> Callable[[], None]:
        def run() -> None:
            for i in range(per_writer):
                doc = f"T{w}-{i}"
                campaign.propose(document(doc), date=D(2026, 4, 2))
                campaign.select(doc, date=D(2026, 4, 2))

        return run

    def reader(k: int) -> Callable[[], None]:
        def run() -> None:
            for _ in range(30):
                b = campaign.budget(as_of=AS_OF)
                assert b.total == sum(line.cost for line in b.lines)
                totals[k].append(b.total)
                report = campaign.eligibility_all(as_of=AS_OF)
                assert all(e.eligible for e in report.values())
                numconc.Campaign.loads(campaign.dumps())  # always a consistent snapshot

        return run

    run_threads([writer(w) for w in range(writers)] + [reader(0), reader(1)])
    events = campaign.events()
    assert len(events) == writers * per_writer * 2
    assert campaign.funnel()["selected"] == writers * per_writer
    # every proposal came before its selection, whatever the interleaving
    seen = set()
    for e in events:
        if e["type"] == "propose":
            seen.add(e["document"]["id"])
        else:
            assert e["doc"] in seen
    assert campaign.replayed().dumps() == campaign.dumps()
    for seen_by_one_reader in totals:  # documents are only ever added
        assert seen_by_one_reader == sorted(seen_by_one_reader)


def test_one_refused_command_per_race(campaign: numconc.Campaign) -> None:
    """Many threads race to ship the same document: exactly one wins."""
    campaign.select("D1", date=D(2026, 4, 2))
    campaign.record_condition("D1", "good", date=D(2026, 4, 3))
    campaign.prepare("D1", issues=2, date=D(2026, 4, 4))
    outcomes: List[str] = []
    lock = threading.Lock()

    def ship(i: int) -> Callable[[], None]:
        def run() -> None:
            try:
                campaign.ship(f"S{i}", "P", ["D1"], date=D(2026, 5, 1))
                result = "ok"
            except numconc.TransitionError as e:
                result = e.code
            with lock:
                outcomes.append(result)

        return run

    run_threads([ship(i) for i in range(8)])
    assert sorted(outcomes) == ["INVALID_TRANSITION"] * 7 + ["ok"]
    assert len(campaign.custody_report(as_of=D(2026, 5, 2))) == 1


@pytest.fixture(scope="module")
def big_campaign() -> numconc.Campaign:
    programme = numconc.Programme.preset("hauts-de-france")
    c = numconc.Campaign(
        programme,
        id="big",
        year=2026,
        ends_on=D(2027, 6, 30),
        institutions=[institution()],
        conventions=[convention("C1"), convention("C2", kind="national_library")],
        documents=[document(f"B{i:05}") for i in range(30000)],
        shared_costs={"transport": Decimal("10000")},
    )
    c.replay({"type": "select", "doc": f"B{i:05}", "date": D(2026, 4, 2)} for i in range(30000))
    return c


def max_gap_while(call: Callable[[], Any]) -> "tuple[float, float]":
    """Runs `call` while another Python thread ticks; returns the call's
    duration and the longest time the ticking thread was held up."""
    ticks: List[float] = []
    stop = threading.Event()

    def tick() -> None:
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    t.start()
    time.sleep(0.05)
    start = time.perf_counter()
    call()
    end = time.perf_counter()
    stop.set()
    t.join()
    inside = [x for x in ticks if start <= x <= end]
    points = [start] + inside + [end]
    gap = max(b - a for a, b in zip(points, points[1:]))
    return end - start, gap


@pytest.mark.parametrize("operation", ["loads", "replayed", "dumps", "budget+eligibility"])
def test_long_operations_release_the_gil(big_campaign: numconc.Campaign, operation: str) -> None:
    saved = big_campaign.dumps()
    calls = {
        "loads": lambda: [numconc.Campaign.loads(saved) for _ in range(3)],
        "replayed": lambda: [big_campaign.replayed() for _ in range(5)],
        "dumps": lambda: [big_campaign.dumps() for _ in range(5)],
        "budget+eligibility": lambda: [big_campaign.budget(as_of=AS_OF) for _ in range(20)],
    }
    duration, gap = max_gap_while(calls[operation])
    if duration < 0.05:
        pytest.skip(f"{operation} too fast to measure here ({duration:.3f} s)")
    # Holding the GIL would stall the other thread for the whole call.
    assert gap < duration / 2, f"{operation}: {duration:.3f} s, other thread stalled {gap:.3f} s"
