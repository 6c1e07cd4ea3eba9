#!/usr/bin/env python3
"""National-scale benchmark of numconc through Python, side by side with the
pandas peer of ../shared/bench, in one run. Prints figures; asserts nothing
about time.

    python python/benchmarks/bench_national.py [--docs 100000 1000000] \
        [--bench-dir ../shared/bench] [--peer-python PYTHON] [--rounds 3] [--work DIR]

For each size: the national file is generated once (gen_national.py), then
  1. numconc's phases, each timed in a fresh process: Campaign.load(saved
     file) -> eligibility_all -> EligibilityReport.to_json / .to_arrow ->
     budget("estimate") -> Budget.to_json / .to_arrow / .to_pandas (when
     pyarrow / pandas are installed) -> Campaign.save, and the peak memory of
     that process (load + replay of a long log: numconc-bench, in Rust);
  2. end to end, A B C A B C …: numconc (the peer's own driver nc_job.py,
     from the saved file, --load saved, and from the campaign's JSON text,
     --load text: Campaign.from_json) and the pandas peer (pandas_peer.py, with --peer-python, a Python
     that has pandas and numpy), with each one's peak memory; medians and the
     ratios; and compare.py on the two answer files (VERDICT: AGREE).
"""
import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def child(saved: str, as_of: str) -> None:
    """The phases of numconc in this process; one JSON line on stdout."""
    import numconc

    day = datetime.date.fromisoformat(as_of)
    t = {}
    s = time.perf_counter()
    c = numconc.Campaign.load(saved)
    t["load (saved file)"] = time.perf_counter() - s
    s = time.perf_counter()
    report = c.eligibility_all(as_of=day)
    t["eligibility of all"] = time.perf_counter() - s
    s = time.perf_counter()
    text = report.to_json()
    t["eligibility to_json"] = time.perf_counter() - s
    del text
    try:
        import pyarrow  # noqa: F401

        s = time.perf_counter()
        table = report.to_arrow()
        t["eligibility to_arrow"] = time.perf_counter() - s
        del table
    except ImportError:
        pass
    s = time.perf_counter()
    budget = c.budget("estimate", as_of=day)
    t["estimate budget"] = time.perf_counter() - s
    s = time.perf_counter()
    text = budget.to_json()
    t["budget to_json"] = time.perf_counter() - s
    del text
    try:
        import pyarrow  # noqa: F401,F811

        s = time.perf_counter()
        table = budget.to_arrow()
        t["budget to_arrow"] = time.perf_counter() - s
        del table
    except ImportError:
        pass
    try:
        import pandas  # noqa: F401

        s = time.perf_counter()
        frame = budget.to_pandas()
        t["budget to_pandas"] = time.perf_counter() - s
        del frame
    except ImportError:
        pass
    out = saved + ".bench-save.json"
    s = time.perf_counter()
    c.save(out)
    t["save"] = time.perf_counter() - s
    os.remove(out)
    t["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(t))
    sys.stdout.flush()
    os._exit(0)


def timed(cmd):
    """Runs cmd; its wall time and peak memory (MB), from /usr/bin/time."""
    s = time.perf_counter()
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    wall = time.perf_counter() - s
    if r.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{r.stderr[-2000:]}")
    peak_kb = int(r.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--bench-dir", default=os.path.join(REPO, "..", "shared", "bench"))
    ap.add_argument("--peer-python", default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(REPO, "target", "bench-national"))
    ap.add_argument("--child", nargs=2, metavar=("SAVED", "AS_OF"))
    a = ap.parse_args()
    if a.child:
        child(*a.child)
    os.makedirs(a.work, exist_ok=True)
    bench = os.path.abspath(a.bench_dir)
    py = sys.executable
    print(f"numconc national benchmark (Python {sys.version.split()[0]}, {os.cpu_count()} cores)")
    for n in a.docs:
        inst = max(10, min(10_000, n // 100))
        vec = os.path.join(a.work, f"national-{n}.json")
        if not os.path.exists(vec):
            subprocess.run([py, os.path.join(bench, "gen_national.py"), "--docs", str(n),
                            "--institutions", str(inst), "--seed", "1", "--out", vec], check=True)
        saved = vec + ".saved.json"
        nc_out, peer_out = vec + ".nc.json", vec + ".peer.json"
        job = [py, os.path.join(bench, "nc_job.py"), vec, "--out", nc_out, "--load", "saved"]
        if not os.path.exists(saved):
            subprocess.run(job, check=True, capture_output=True)  # makes the saved file
        print(f"\n{n} documents, {inst} institutions ({os.path.getsize(vec) / 2**20:.0f} MiB)")
        r = subprocess.run([py, __file__, "--child", saved, "2026-04-15"], capture_output=True,
                           text=True, check=True)
        for k, v in json.loads(r.stdout.strip().splitlines()[-1]).items():
            print(f"  {k:24s} {v:9.3f}" + ("" if "MB" in k else " s"))
        if not a.peer_python:
            print("  (no --peer-python: end to end against the pandas peer skipped)")
            continue
        peer = [a.peer_python, os.path.join(bench, "pandas_peer.py"), vec, "--out", peer_out]
        text_out = vec + ".nc-text.json"
        job_text = [py, os.path.join(bench, "nc_job.py"), vec, "--out", text_out, "--load", "text"]
        nc_runs, text_runs, peer_runs = [], [], []
        for _ in range(a.rounds):
            nc_runs.append(timed(job))
            text_runs.append(timed(job_text))
            peer_runs.append(timed(peer))

        def med(runs):
            return statistics.median(w for w, _ in runs), statistics.median(m for _, m in runs)

        peer_t, peer_m = med(peer_runs)

        def verdict(out):
            return subprocess.run([py, os.path.join(bench, "compare.py"), peer_out, out],
                                  capture_output=True, text=True).stdout.strip().splitlines()[-1]

        print(f"  end to end, median of {a.rounds} (A B C A B C):")
        print(f"    pandas peer                       {peer_t:7.2f} s  {peer_m:7.0f} MB")
        for label, runs, out in [("Campaign.load (saved file)", nc_runs, nc_out),
                                 ("Campaign.from_json (text)", text_runs, text_out)]:
            t, m = med(runs)
            print(f"    numconc, {label:26s} {t:7.2f} s  {m:7.0f} MB: {peer_t / t:.2f}x faster, "
                  f"in {m / peer_m:.2f} of the peer's memory; {verdict(out)}")


if __name__ == "__main__":
    main()
