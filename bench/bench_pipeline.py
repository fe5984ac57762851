"""Whole-pipeline benchmark: build a corpus by varying the examples, run `eventline run` on it,
print documents/s and peak memory (the run's process tree, sampled from /proc).

    python bench/bench_pipeline.py --n 10000 [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, str]:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(proc.pid))
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    done.set()
    t.join()
    if proc.returncode != 0:
        sys.exit(f"run failed ({proc.returncode}):\n{err[-2000:]}")
    return time.perf_counter() - start, peak, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="documents to generate")
    ap.add_argument("--workers", type=int, default=0, help="worker processes (0 = one per core)")
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpus and store in this folder")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="eventline-bench-"))
    corpus, db = work / "corpus", work / "bench.db"
    if db.exists():
        db.unlink()
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--n", str(args.n)], check=True,
                       stdout=subprocess.DEVNULL)
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    eventline = [sys.executable, "-m", "eventline.cli"]
    env_workers = ["--workers", str(args.workers)] if args.workers else []

    seconds, peak_kib, out = run_measured(eventline + ["run", str(corpus), "--db", str(db), "--quiet"] + env_workers)
    print(out.strip())
    inputs = int(out.split()[0])
    print(f"first run : {inputs} inputs, {size / 1e6:.1f} MB in {seconds:.1f} s = "
          f"{inputs / seconds:.0f} documents/s; peak memory (all processes) {peak_kib / 1024:.0f} MiB")
    seconds2, peak2, out2 = run_measured(eventline + ["run", str(corpus), "--db", str(db), "--quiet"] + env_workers)
    print(f"re-run    : {seconds2:.1f} s = {inputs / seconds2:.0f} inputs/s (nothing new); "
          f"peak {peak2 / 1024:.0f} MiB")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
