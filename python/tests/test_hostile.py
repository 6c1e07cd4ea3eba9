"""Hostile input at the Python boundary: values nested without end (or in a
cycle), files that are not UTF-8, replays that fail half-way, saves raced by
other threads or aimed at planted symbolic links, and the v1.1 limits of the
format (domain.md §9.1, §9.14) as seen from Python.

Depth is counted as in JSON text, in the object the core receives: a
programme, a campaign or a command is level 1, ``[]`` is one level, so the
``document`` of ``propose`` (carried by the command) starts at level 2 and a
document of ``Campaign(documents=...)`` at level 3."""

from __future__ import annotations

import datetime
import errno
import json
import os
import random
import subprocess
import sys
import textwrap
import threading
from decimal import Decimal
from pathlib import Path
from collections.abc import Mapping
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

import numconc
from conftest import INSTITUTION_ID, OTHER_ID, D, convention, document, institution

MAX_DEPTH = 128


def nested(levels: int) -> List[Any]:
    """A list nested ``levels`` deep: ``nested(1) == []``, ``nested(2) == [[]]``."""
    x: List[Any] = []
    for _ in range(levels - 1):
        x = [x]
    return x


def cyclic_list() -> List[Any]:
    x: List[Any] = []
    x.append(x)
    return x


def cyclic_dict() -> Dict[str, Any]:
    d: Dict[str, Any] = {}
    d["labels"] = d
    return d


def issue_codes(e: BaseException) -> List[str]:
    return [i.code for i in getattr(e, "issues", [])]


def names_code(e: BaseException, code: str) -> bool:
    """Whether an exception (or the event it names as cause) carries ``code``
    as its code or as the code of one of its issues."""
    seen: Optional[BaseException] = e
    while seen is not None:
        if getattr(seen, "code", None) == code or code in issue_codes(seen):
            return True
        seen = getattr(seen, "cause", None)
    return False


# ---- 1. nesting -----------------------------------------------------------------

# Each entry point that takes nested data, with how many levels enclose the
# value it is given (in the object the core receives), and how it is called.
Call = Callable[[numconc.Programme, numconc.Campaign, Any], Any]


def _campaign_with(programme: numconc.Programme, **lists: Any) -> numconc.Campaign:
    return numconc.Campaign(programme, id="deep", year=2026, ends_on=D(2027, 6, 30), **lists)


ENTRY_POINTS: Dict[str, Tuple[int, Call]] = {
    "Programme.from_dict": (1, lambda p, c, v: numconc.Programme.from_dict({"id": v})),
    "Campaign(documents)": (
        3,
        lambda p, c, v: _campaign_with(p, institutions=[institution()], documents=[document("D9", labels=v)]),
    ),
    "Campaign(institutions)": (3, lambda p, c, v: _campaign_with(p, institutions=[institution(membership_years=v)])),
    "Campaign(conventions)": (
        3,
        lambda p, c, v: _campaign_with(p, institutions=[institution()], conventions=[convention("C9", amendments=v)]),
    ),
    "Campaign.from_dict": (
        3,
        lambda p, c, v: numconc.Campaign.from_dict(
            p, {"id": "deep", "year": 2026, "ends_on": D(2027, 6, 30), "documents": [{"id": "D9", "labels": v}]}
        ),
    ),
    "Campaign.execute": (1, lambda p, c, v: c.execute({"type": "select", "doc": v, "date": D(2026, 4, 2)})),
    "Campaign.propose": (2, lambda p, c, v: c.propose(document("D9", labels=v), date=D(2026, 4, 2))),
    "Campaign.register_institution": (
        2,
        lambda p, c, v: c.register_institution(institution("FR-590000001", membership_years=v), date=D(2026, 4, 2)),
    ),
    "Campaign.register_convention": (
        2,
        lambda p, c, v: c.register_convention(convention("C9", amendments=v), date=D(2026, 4, 2)),
    ),
    "Campaign.amend_convention": (
        2,
        lambda p, c, v: c.amend_convention("C1", {"signed_on": D(2026, 4, 2), "ends_on": v}, date=D(2026, 4, 2)),
    ),
}


def _replay_with(c: numconc.Campaign, v: Any) -> None:
    c.replay(
        [
            {"type": "select", "doc": "D1", "date": D(2026, 4, 2)},
            {"type": "select", "doc": v, "date": D(2026, 4, 3)},
        ]
    )


def _campaign(programme: numconc.Programme) -> numconc.Campaign:
    return numconc.Campaign(
        programme,
        id="hdf-2026",
        year=2026,
        ends_on=D(2027, 6, 30),
        institutions=[institution(), institution(OTHER_ID, size="small")],
        conventions=[convention("C1"), convention("C2", kind="national_library"), convention("C3", OTHER_ID)],
        documents=[document(f"D{i}") for i in range(1, 4)],
    )


def _is_too_deep(call: Callable[[], Any]) -> bool:
    """Whether ``call`` raises ``TOO_DEEP`` (a replay: as the cause of ``INVALID_EVENT``)."""
    try:
        call()
    except numconc.LoadError as e:
        return e.code == "INVALID_EVENT" and e.cause is not None and issue_codes(e.cause) == ["TOO_DEEP"]
    except numconc.ValidationError as e:
        return e.code == "INVALID_VALUE" and issue_codes(e) == ["TOO_DEEP"]
    return False


def deep_everywhere(kind: str) -> None:
    """Every entry point given a value nested ``kind`` levels deep (or a
    cycle, ``kind == "cycles"``) raises ``TOO_DEEP`` and changes nothing.
    Run in a subprocess by ``test_deep_values_never_crash_the_interpreter``."""
    programme = numconc.Programme.preset("hauts-de-france")
    campaign = _campaign(programme)
    before = campaign.dumps()
    values: List[Any] = [cyclic_list(), cyclic_dict()] if kind == "cycles" else [nested(int(kind))]
    for value in values:
        for name, (_, call) in sorted(ENTRY_POINTS.items()):
            assert _is_too_deep(lambda: call(programme, campaign, value)), name
        assert _is_too_deep(lambda: _replay_with(campaign, value)), "replay"
        # A whole event nested too deep.
        event = value if isinstance(value, dict) else {"x": value}
        assert _is_too_deep(lambda: campaign.replay([{"type": "select", "doc": "D1", "date": D(2026, 4, 2)}, event]))
    assert campaign.dumps() == before


@pytest.mark.parametrize("name", sorted(ENTRY_POINTS))
def test_nesting_past_the_limit_is_too_deep(name: str, programme: numconc.Programme) -> None:
    enclosing, call = ENTRY_POINTS[name]
    campaign = _campaign(programme)
    before = campaign.dumps()
    # At the limit, depth is not what fails (the shape does: WRONG_TYPE, …).
    with pytest.raises(numconc.ValidationError) as e:
        call(programme, campaign, nested(MAX_DEPTH - enclosing))
    assert "TOO_DEEP" not in issue_codes(e.value), e.value.issues
    # Past it: TOO_DEEP. (Far deeper and cycles: in a subprocess, below.)
    for value in (nested(MAX_DEPTH - enclosing + 1), nested(MAX_DEPTH + 50)):
        with pytest.raises(numconc.ValidationError) as e:
            call(programme, campaign, value)
        assert e.value.code == "INVALID_VALUE"
        assert issue_codes(e.value) == ["TOO_DEEP"]
        issue = e.value.issues[0]
        assert issue.path.endswith("[0]") or issue.path.endswith("…")
        assert len(issue.path) <= 301  # clipped by the core
    assert campaign.dumps() == before


def test_nesting_is_counted_from_the_object_the_core_receives(programme: numconc.Programme) -> None:
    # A dict counts as a level like a list; the programme itself is level 1.
    deep: Any = "x"
    for i in range(MAX_DEPTH - 1):
        deep = {"k": deep} if i % 2 else [deep]
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_dict({"id": deep})
    assert "TOO_DEEP" not in issue_codes(e.value)
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_dict({"id": [deep]})
    assert issue_codes(e.value) == ["TOO_DEEP"]
    assert e.value.issues[0].path.startswith("id[0]")
    # The same values as JSON text meet the same limit in the core.
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_json(json.dumps({"id": deep}))
    assert "TOO_DEEP" not in issue_codes(e.value)
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_json(json.dumps({"id": [deep]}))
    assert "TOO_DEEP" in issue_codes(e.value)


def test_replay_of_a_deep_event_is_an_invalid_event_and_applies_nothing(programme: numconc.Programme) -> None:
    campaign = _campaign(programme)
    before = campaign.dumps()
    with pytest.raises(numconc.LoadError) as e:
        _replay_with(campaign, nested(MAX_DEPTH - 1))
    assert e.value.code == "INVALID_EVENT" and e.value.event == 2
    assert isinstance(e.value.cause, numconc.ValidationError)
    assert "TOO_DEEP" not in issue_codes(e.value.cause)
    for value in (nested(MAX_DEPTH), nested(MAX_DEPTH + 50)):
        with pytest.raises(numconc.LoadError) as e:
            _replay_with(campaign, value)
        assert e.value.code == "INVALID_EVENT" and e.value.event == 2
        assert isinstance(e.value.cause, numconc.ValidationError)
        assert issue_codes(e.value.cause) == ["TOO_DEEP"]
        assert campaign.dumps() == before
    with pytest.raises(TypeError):  # an event that is a list, not a dict
        campaign.replay(nested(MAX_DEPTH + 50))
    assert campaign.dumps() == before


DEEP_SCRIPT = textwrap.dedent(
    """
    import sys, threading
    sys.path.insert(0, sys.argv[1])
    import test_hostile

    kind = sys.argv[2]
    test_hostile.deep_everywhere(kind)
    print("ok")
    # Again on a thread with a small stack: the conversion never goes
    # deeper than the limit.
    threading.stack_size(1024 * 1024)
    failures = []
    def run():
        try:
            test_hostile.deep_everywhere(kind)
        except BaseException as e:
            failures.append(e)
    t = threading.Thread(target=run)
    t.start()
    t.join()
    assert not failures, failures
    print("ok")
    """
)


@pytest.mark.parametrize("kind", ["20000", "1000000", "cycles"])
def test_deep_values_never_crash_the_interpreter(kind: str) -> None:
    # In a subprocess: a stack overflow kills it (return code -11, or 139
    # from a shell) instead of pytest; a hang times out.
    done = subprocess.run(
        [sys.executable, "-c", DEEP_SCRIPT, str(Path(__file__).parent), kind],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.split() == ["ok", "ok"]


# ---- 2. loading files that are not UTF-8 ------------------------------------------


def test_load_of_a_file_that_is_not_utf8_is_invalid_json(campaign: numconc.Campaign, tmp_path: Path) -> None:
    f = tmp_path / "campagne.json"
    good = campaign.dumps().encode("utf-8")
    for bad in (b"\xff", b"\xff\xfe" + campaign.dumps().encode("utf-16-le"), good[:40] + b"\xc3\x28" + good[42:]):
        f.write_bytes(bad)
        with pytest.raises(numconc.LoadError) as e:
            numconc.Campaign.load(f)
        assert e.value.code == "INVALID_JSON"
        assert e.value.event is None


def test_load_of_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    missing = tmp_path / "absent.json"
    with pytest.raises(FileNotFoundError) as e:
        numconc.Campaign.load(missing)
    assert e.value.errno == errno.ENOENT
    assert e.value.filename == str(missing)
    with pytest.raises(IsADirectoryError):
        numconc.Campaign.load(tmp_path)


def test_load_of_a_file_with_a_byte_order_mark(campaign: numconc.Campaign, tmp_path: Path) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    f = tmp_path / "campagne.json"
    f.write_bytes(b"\xef\xbb\xbf" + campaign.dumps().encode("utf-8"))
    assert numconc.Campaign.load(f).dumps() == campaign.dumps()


# ---- 3. replay: all or nothing ----------------------------------------------------


def _some_events(make_campaign: Callable[..., numconc.Campaign]) -> List[Dict[str, Any]]:
    a = make_campaign()
    a.select("D1", date=D(2026, 4, 2))
    a.record_condition("D1", "fair", date=D(2026, 4, 3))
    a.prepare("D1", issues=3, date=D(2026, 4, 3))
    return a.events().to_records()


@pytest.mark.parametrize(
    "bad, cause",
    [
        # invalid: a field no command has
        ({"type": "reject", "doc": "D2", "reason": "x", "colour": "red", "date": D(2026, 4, 4)}, "INVALID_VALUE"),
        # invalid: a required field missing
        ({"type": "select", "date": D(2026, 4, 4)}, "INVALID_VALUE"),
        # refused by the lifecycle: an unknown document
        ({"type": "select", "doc": "D404", "date": D(2026, 4, 4)}, "UNKNOWN_DOCUMENT"),
        # refused by the lifecycle: a transition the state does not allow
        ({"type": "deliver", "doc": "D1", "views": 5, "date": D(2026, 4, 4)}, "NOT_AT_PROVIDER"),
    ],
)
def test_replay_is_all_or_nothing(
    make_campaign: Callable[..., numconc.Campaign], bad: Dict[str, Any], cause: str
) -> None:
    events = _some_events(make_campaign)
    c = make_campaign()
    c.reject("D3", "hors périmètre", date=D(2026, 4, 1))
    before = c.dumps()
    with pytest.raises(numconc.LoadError) as e:
        c.replay(events + [bad] + events[:1])
    assert e.value.code == "INVALID_EVENT"
    assert e.value.event == len(events) + 1  # numbered from 1
    assert e.value.cause is not None and e.value.cause.code == cause
    assert c.dumps() == before
    assert len(c.events()) == 1
    # Still usable, and the good events then replay in full.
    c.replay(events)
    assert len(c.events()) == 1 + len(events)


def test_replay_with_a_wrong_python_type_applies_nothing(
    make_campaign: Callable[..., numconc.Campaign],
) -> None:
    events = _some_events(make_campaign)
    c = make_campaign()
    before = c.dumps()
    with pytest.raises(TypeError):
        c.replay(events + [{"type": "deliver", "doc": "D1", "views": 1.5, "date": D(2026, 4, 4)}])
    not_a_dict: List[Any] = [*events, "select D1"]
    with pytest.raises(TypeError):
        c.replay(not_a_dict)
    assert c.dumps() == before


def test_replay_on_a_closed_campaign_applies_nothing(programme: numconc.Programme) -> None:
    c = numconc.Campaign(programme, id="c", year=2026, ends_on=D(2027, 6, 30))
    c.close_campaign(date=D(2026, 4, 1))
    before = c.dumps()
    with pytest.raises(numconc.LoadError) as e:
        c.replay([{"type": "close_campaign", "date": D(2026, 4, 2)}])
    assert e.value.event == 1 and e.value.cause is not None and e.value.cause.code == "CAMPAIGN_CLOSED"
    assert c.dumps() == before


# ---- 4. saving ----------------------------------------------------------------------


def _leftovers(directory: Path, keep: List[str]) -> List[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


def test_save_never_follows_a_planted_link(campaign: numconc.Campaign, tmp_path: Path) -> None:
    victims = tmp_path / "elsewhere"
    victims.mkdir()
    victim = victims / "precious.txt"
    victim.write_text("precious")
    absent = victims / "not-there"
    work = tmp_path / "work"
    work.mkdir()
    target = work / "campagne.json"
    name, pid = target.name, os.getpid()
    # Every name beside the target that can be predicted.
    predictable = [f"{name}.tmp", f".{name}.tmp", f"{name}~", f"{name}.{pid}.tmp", f"{name}.{pid}"]
    predictable += [f"{name}.{pid}.{n}.tmp" for n in range(200)]
    predictable += [f"{name}.{pid}.{n}" for n in range(200)]
    for i, planted in enumerate(predictable):
        # Half point at a file that exists, half dangle (a file would be created).
        os.symlink(victim if i % 2 == 0 else absent, work / planted)
    for round_ in range(3):
        campaign.save(target)
        assert victim.read_text() == "precious"
        assert not absent.exists()
        assert not target.is_symlink()
        assert numconc.Campaign.load(target).dumps() == campaign.dumps()
        campaign.select(f"D{round_ + 1}", date=D(2026, 4, 2))
    # The planted links are left as they were; nothing else is left behind.
    assert _leftovers(work, [name]) == sorted(predictable)
    assert all((work / p).is_symlink() for p in predictable)
    assert sorted(p.name for p in victims.iterdir()) == ["precious.txt"]


def test_save_to_a_link_replaces_the_link_not_its_target(campaign: numconc.Campaign, tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("precious")
    link = tmp_path / "campagne.json"
    os.symlink(victim, link)
    campaign.save(link)
    assert victim.read_text() == "precious"
    assert not link.is_symlink()
    assert numconc.Campaign.load(link).dumps() == campaign.dumps()
    assert _leftovers(tmp_path, ["campagne.json", "precious.txt"]) == []


def test_concurrent_saves_to_one_path(make_campaign: Callable[..., numconc.Campaign], tmp_path: Path) -> None:
    # Files large enough for the writes to overlap.
    a = make_campaign(400)
    b = make_campaign(400)
    b.select("D1", date=D(2026, 4, 2))
    texts = {a.dumps(), b.dumps()}
    assert len(texts) == 2
    target = tmp_path / "campagne.json"
    a.save(target)
    failures: List[BaseException] = []
    barrier = threading.Barrier(3)

    def saver(c: numconc.Campaign) -> None:
        try:
            barrier.wait()
            for _ in range(50):
                c.save(target)
        except BaseException as e:  # noqa: BLE001 - reported below
            failures.append(e)

    def reader() -> None:
        # A reader never sees half a file: each rename is atomic.
        try:
            barrier.wait()
            for _ in range(50):
                assert numconc.Campaign.load(target).dumps() in texts
        except BaseException as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=saver, args=(c,)) for c in (a, b)] + [threading.Thread(target=reader)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    assert numconc.Campaign.load(target).dumps() in texts
    assert target.read_text("utf-8") in texts
    assert _leftovers(tmp_path, ["campagne.json"]) == []


def test_save_into_a_missing_directory(campaign: numconc.Campaign, tmp_path: Path) -> None:
    target = tmp_path / "absent" / "campagne.json"
    with pytest.raises(FileNotFoundError) as e:
        campaign.save(target)
    assert e.value.filename == str(target)
    assert str(target) in str(e.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes into read-only directories")
def test_save_into_a_read_only_directory(make_campaign: Callable[..., numconc.Campaign], tmp_path: Path) -> None:
    old, new = make_campaign(), make_campaign()
    new.select("D1", date=D(2026, 4, 2))
    target = tmp_path / "campagne.json"
    old.save(target)
    before = target.read_bytes()
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(PermissionError) as e:
            new.save(target)
        assert e.value.filename == str(target)
        assert target.read_bytes() == before
        assert _leftovers(tmp_path, ["campagne.json"]) == []
    finally:
        tmp_path.chmod(0o755)


def test_save_over_a_directory_fails_and_leaves_nothing(campaign: numconc.Campaign, tmp_path: Path) -> None:
    target = tmp_path / "campagne.json"
    target.mkdir()
    (target / "inside").write_text("kept")
    with pytest.raises(OSError) as e:
        campaign.save(target)
    assert e.value.filename == str(target)
    assert (target / "inside").read_text() == "kept"
    assert _leftovers(tmp_path, ["campagne.json"]) == []


FULL_DISK_SCRIPT = textwrap.dedent(
    """
    import datetime, errno, os, resource, signal, sys
    import numconc

    target = sys.argv[1]
    p = numconc.Programme.preset("hauts-de-france")
    docs = [{"id": f"D{i}", "institution": "FR-801216101", "typology": "press", "rights": "public_domain",
             "proposed_on": datetime.date(2026, 2, 10), "title": "t" * 200} for i in range(20)]
    inst = {"id": "FR-801216101", "name": "x", "kind": "municipal_library", "size": "large"}
    small = numconc.Campaign(p, id="c", year=2026, ends_on=datetime.date(2027, 6, 30), institutions=[inst])
    big = numconc.Campaign(p, id="c", year=2026, ends_on=datetime.date(2027, 6, 30), institutions=[inst],
                           documents=docs)
    small.save(target)
    before = open(target, "rb").read()
    # Files may not grow past the old one: the new save fails while writing.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (len(before) + 10, resource.RLIM_INFINITY))
    try:
        big.save(target)
    except OSError as e:
        assert e.errno == errno.EFBIG, e
        assert e.filename == target, e.filename
    else:
        raise AssertionError("saved past the limit")
    assert open(target, "rb").read() == before
    print(sorted(os.listdir(os.path.dirname(target))))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_save_that_fails_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    # A full disk, simulated with a file size limit (works as root too).
    target = tmp_path / "campagne.json"
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK_SCRIPT, str(target)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip() == "['campagne.json']"


def test_save_leaves_no_temporary_file(campaign: numconc.Campaign, tmp_path: Path) -> None:
    target = tmp_path / "campagne.json"
    for _ in range(3):
        campaign.save(target)
        assert _leftovers(tmp_path, ["campagne.json"]) == []
    # A relative path saves in the current directory.
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        campaign.save("relative.json")
    finally:
        os.chdir(cwd)
    assert numconc.Campaign.load(tmp_path / "relative.json").dumps() == campaign.dumps()
    assert _leftovers(tmp_path, ["campagne.json", "relative.json"]) == []


# ---- 5. the v1.1 limits and strict JSON (core) --------------------------------------


def test_duplicate_keys_in_a_saved_file_are_refused(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    text = campaign.dumps().rstrip()
    assert text.endswith("}")
    doubled = text[:-1] + ',\n"events": []}'
    with pytest.raises((numconc.LoadError, numconc.ValidationError)) as e:
        numconc.Campaign.loads(doubled)
    assert names_code(e.value, "DUPLICATE_KEY"), e.value
    # At any depth: a key twice in one event (one event a line).
    event = next(line for line in text.split("\n") if '"select"' in line).rstrip(",")
    assert event.endswith("}") and text.count(event) == 1
    inner = text.replace(event, event[:-1] + ',"doc":"D2"}')
    with pytest.raises((numconc.LoadError, numconc.ValidationError)) as e:
        numconc.Campaign.loads(inner)
    assert names_code(e.value, "DUPLICATE_KEY"), e.value


def test_duplicate_keys_in_json_text_are_refused(programme: numconc.Programme, campaign: numconc.Campaign) -> None:
    data = json.loads(campaign.dumps())["campaign"]
    text = json.dumps(data)
    assert text.startswith("{")
    doubled = '{"year": 2027, ' + text[1:]
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Campaign.from_json(programme, doubled)
    assert "DUPLICATE_KEY" in issue_codes(e.value), e.value
    p = programme.to_json()
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_json('{"id": "other", ' + p[1:])
    assert "DUPLICATE_KEY" in issue_codes(e.value), e.value
    # The same text without the second key is accepted.
    assert numconc.Campaign.from_json(programme, text).dumps() == campaign.dumps()


def test_views_past_the_limit_are_out_of_range(campaign: numconc.Campaign) -> None:
    with pytest.raises(numconc.ValidationError) as e:
        campaign.propose(document("D9", views=1_000_000_001), date=D(2026, 4, 2))
    assert "OUT_OF_RANGE" in issue_codes(e.value)
    assert not any(d["id"] == "D9" for d in campaign.documents())
    campaign.propose(document("D9", views=1_000_000_000), date=D(2026, 4, 2))


def test_an_id_past_256_characters_is_too_long(campaign: numconc.Campaign) -> None:
    with pytest.raises(numconc.ValidationError) as e:
        campaign.propose(document("D" * 257), date=D(2026, 4, 2))
    assert "TOO_LONG" in issue_codes(e.value)
    # The message quotes the value clipped, never whole.
    assert len(str(e.value)) < 1000
    campaign.propose(document("D" * 256), date=D(2026, 4, 2))


def test_a_command_outside_the_date_window_does_not_lock_the_log(campaign: numconc.Campaign) -> None:
    # The window: 1 January of year - 1 to ends_on + 12 months (2025-01-01 … 2028-06-30).
    for day in (D(9999, 12, 31), datetime.date.max, D(2028, 7, 1), D(2024, 12, 31), datetime.date.min):
        before = campaign.dumps()
        with pytest.raises(numconc.ValidationError) as e:
            campaign.select("D1", date=day)
        assert e.value.code == "INVALID_VALUE"
        assert campaign.dumps() == before
    campaign.record_membership(INSTITUTION_ID, 2026, date=D(2025, 1, 1))
    campaign.select("D1", date=D(2026, 4, 15))
    with pytest.raises(numconc.ValidationError):
        campaign.select("D2", date=D(9999, 12, 31))
    campaign.select("D2", date=D(2026, 4, 16))
    campaign.reject("D3", "x", date=D(2028, 6, 30))
    assert numconc.Campaign.loads(campaign.dumps()).dumps() == campaign.dumps()


def _at_provider(campaign: numconc.Campaign) -> None:
    campaign.select("D1", date=D(2026, 4, 2))
    campaign.record_condition("D1", "good", date=D(2026, 4, 2))
    campaign.prepare("D1", issues=2, date=D(2026, 4, 2))
    campaign.ship("S1", "P", ["D1"], date=D(2026, 4, 3))


def test_deliver_of_huge_views_raises_cleanly(campaign: numconc.Campaign) -> None:
    _at_provider(campaign)
    before = campaign.dumps()
    for views in (2**64 - 1, 2**63, 1_000_000_001):
        with pytest.raises((numconc.ValidationError, OverflowError, ValueError)) as e:
            campaign.deliver("D1", views, date=D(2026, 4, 4))
        assert "views" in str(e.value)
        assert campaign.dumps() == before
    with pytest.raises(ValueError) as e:  # past u64: refused by the conversion
        campaign.deliver("D1", 2**64, date=D(2026, 4, 4))
    assert "views" in str(e.value)
    campaign.deliver("D1", 1_000_000_000, date=D(2026, 4, 4))


def test_negative_amounts_are_refused(programme: numconc.Programme) -> None:
    for amount in (Decimal("-1"), Decimal("-0.01"), Decimal("-0"), -5):
        with pytest.raises(numconc.ValidationError):
            numconc.Campaign(programme, id="c", year=2026, ends_on=D(2027, 6, 30), shared_costs={"x": amount})
    with pytest.raises(numconc.ValidationError):
        numconc.Campaign(
            programme,
            id="c",
            year=2026,
            ends_on=D(2027, 6, 30),
            institutions=[institution()],
            documents=[document("D1", insured_value=Decimal("-3000.00"))],
        )


def _amounts(budget: numconc.Budget) -> List[Decimal]:
    out = [budget.total, budget.partner_total]
    out += list(budget.funders.values())
    for parts in budget.institutions.values():
        out += list(parts.values())
    for line in budget.lines:
        out += [line.cost, line.partner, *line.shares.values()]
    return out


def _no_negative_amount(budget: numconc.Budget, round_: int) -> None:
    amounts = _amounts(budget)
    assert all(isinstance(a, Decimal) for a in amounts)
    assert all(a >= 0 for a in amounts), (round_, budget.to_dict())
    assert not any(a.is_signed() for a in amounts), (round_, budget.to_dict())  # not even -0.00


def test_a_budget_never_has_a_negative_amount(programme: numconc.Programme) -> None:
    rng = random.Random(20260415)
    delivered = 0
    for round_ in range(30):
        docs = []
        for i in range(rng.randint(1, 12)):
            inst = rng.choice([INSTITUTION_ID, OTHER_ID])
            docs.append(
                document(
                    f"D{i}",
                    inst,
                    views=rng.choice([1, 2, 3, 7, 999, 1200, 99_999, 1_000_000]),
                    typology=rng.choice(["press", "printed_books", "maps_plans", "archives"]),
                    format=rng.choice(["A4", "A2", "A0", "oversize"]),
                    fragile=rng.random() < 0.4,
                    ocr=rng.random() < 0.5,
                    date=rng.choice(["1871", "1960", "18XX"]),
                    rights=rng.choice(["public_domain", "cleared"]),
                    targets=rng.choice([["gallica"], ["armarium"], ["gallica", "armarium"], []]),
                )
            )
        shared = {f"c{k}": Decimal(rng.choice(["0.01", "0.03", "1.00", "1200.00", "99999.99"])) for k in range(3)}
        c = numconc.Campaign(
            programme,
            id=f"c{round_}",
            year=2026,
            ends_on=D(2027, 6, 30),
            institutions=[institution(), institution(OTHER_ID, size="small")],
            conventions=[
                convention("C1"),
                convention("C2", kind="national_library"),
                convention("C3", OTHER_ID),
                convention("C4", OTHER_ID, kind="national_library"),
            ],
            documents=docs,
            shared_costs=shared,
        )
        _no_negative_amount(c.budget(as_of=D(2026, 4, 1)), round_)
        shipped = [d["id"] for d in docs if c.eligibility(d["id"], as_of=D(2026, 4, 2)).eligible]
        shipped = shipped[: len(shipped) // 2 + 1]
        for doc_id in shipped:
            c.select(doc_id, date=D(2026, 4, 2))
            c.record_condition(doc_id, "good", date=D(2026, 4, 2))
            c.prepare(doc_id, issues=1, date=D(2026, 4, 2))
        if shipped:
            c.ship("S1", "P", shipped, date=D(2026, 4, 3))
            for doc_id in shipped:
                c.deliver(doc_id, rng.randint(1, 2000), date=D(2026, 4, 4))
            delivered += len(shipped)
        _no_negative_amount(c.budget(as_of=D(2026, 4, 5)), round_)
        _no_negative_amount(c.budget("actual"), round_)
    assert delivered > 30  # the actual budgets had lines


def test_programme_file_not_utf8_is_a_validation_error(tmp_path: Any) -> None:
    """A programme file that is not UTF-8 is INVALID_JSON with a code (like
    Campaign.load), not a bare OSError; a byte-order mark is skipped."""
    good = numconc.Programme.preset("hauts-de-france").to_dict()
    path = tmp_path / "programme.json"
    path.write_bytes("\ufeff".encode() + json.dumps(good).encode())
    assert numconc.Programme.from_file(path).id == "hauts-de-france"
    path.write_bytes(b'{"id": "p\xff"}')
    with pytest.raises(numconc.ValidationError) as e:
        numconc.Programme.from_file(path)
    assert [i.code for i in e.value.issues] == ["INVALID_JSON"]
    with pytest.raises(FileNotFoundError):
        numconc.Programme.from_file(tmp_path / "missing.json")


class _Pairs(Mapping):  # type: ignore[type-arg]
    """A mapping whose ``items()`` yields the pairs it was given, a key
    twice if so given (a ``dict`` never does: a hostile ``Mapping`` can)."""

    def __init__(self, pairs: List[Tuple[Any, Any]]) -> None:
        self._pairs = pairs

    def __getitem__(self, key: Any) -> Any:
        for k, v in self._pairs:
            if k == key:
                return v
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return iter([k for k, _ in self._pairs])

    def __len__(self) -> int:
        return len(self._pairs)

    def items(self) -> Any:  # type: ignore[override]
        return list(self._pairs)


class _Broken(Exception):
    pass


class _Exploding(Mapping):  # type: ignore[type-arg]
    """A mapping whose ``items()`` raises."""

    def __getitem__(self, key: Any) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[Any]:
        return iter([])

    def __len__(self) -> int:
        return 0

    def items(self) -> Any:  # type: ignore[override]
        raise _Broken("items() failed")


def test_a_mapping_that_names_a_key_twice_is_duplicate_key(campaign: numconc.Campaign) -> None:
    """A dict reaches the core through serde, and the core's strict rules
    hold for it as for JSON text: a key named twice is ``DUPLICATE_KEY`` at
    its path, whether in the command or in the object it carries."""
    before = campaign.dumps()
    cmd = _Pairs([("type", "select"), ("doc", "D1"), ("doc", "D2"), ("date", D(2026, 4, 2))])
    with pytest.raises(numconc.ValidationError) as e:
        campaign.execute(cmd)
    assert [(i.code, i.path) for i in e.value.issues] == [("DUPLICATE_KEY", "doc")]
    inst = _Pairs(list(institution("FR-999999999").items()) + [("name", "again")])
    with pytest.raises(numconc.ValidationError) as e:
        campaign.register_institution(inst, date=D(2026, 4, 2))
    assert [(i.code, i.path) for i in e.value.issues] == [("DUPLICATE_KEY", "institution.name")]
    assert campaign.dumps() == before


def test_an_exception_raised_by_a_mapping_reaches_the_caller(
    programme: numconc.Programme, campaign: numconc.Campaign
) -> None:
    """A mapping whose ``items()`` raises: that exception, as it is, and
    nothing changes (the core never sees half a value)."""
    before = campaign.dumps()
    with pytest.raises(_Broken):
        campaign.register_institution(_Exploding(), date=D(2026, 4, 2))
    with pytest.raises(_Broken):
        campaign.execute({"type": "propose", "date": D(2026, 4, 2), "document": _Exploding()})
    with pytest.raises(_Broken):
        campaign.replay([{"type": "select", "doc": "D1", "date": D(2026, 4, 2)}, _Exploding()])
    with pytest.raises(_Broken):
        numconc.Programme.from_dict(_Exploding())
    with pytest.raises(_Broken):
        numconc.Campaign.from_dict(programme, _Exploding())
    assert campaign.dumps() == before


def test_a_command_given_as_a_dict_is_the_command_given_as_text(campaign: numconc.Campaign) -> None:
    """The same command through the dict reader and the JSON text reader of
    a saved file: the same event, byte for byte."""
    saved = json.loads(campaign.dumps())
    as_dict = numconc.Campaign.loads(campaign.dumps())
    as_dict.execute({"type": "select", "doc": "D1", "date": D(2026, 4, 2), "note": "é\u0001\""})
    saved["events"].append({"type": "select", "doc": "D1", "date": "2026-04-02", "note": "é\u0001\""})
    as_text = numconc.Campaign.loads(json.dumps(saved))
    assert as_dict.dumps() == as_text.dumps()
    assert as_dict.dumps() != campaign.dumps()
