"""Whole-pipeline benchmark: build a corpus by varying the examples, run `eventline run` on it,
print documents/s, CPU time and peak memory (the run's process tree, sampled from /proc).

    python bench/bench_pipeline.py --n 10000 [--workers 2] [--keep DIR] [--sample 1000] [--page-chars 2500]

Then, to explain the figures: the start-up of `eventline run` on the 27 example files, and a
per-stage breakdown in this one process (ms per document for decoding, every per-document stage,
and the main process's share: dedup, store writes, the merge pass) on an even sample of the
corpus, with its average characters per document.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def tree_rss_kib(pid: int) -> tuple[int, int]:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc): the sum of their
    RSS (pages shared copy-on-write by forked workers counted once per process) and of their PSS
    (shared pages divided among the processes that share them: what the tree really holds)."""
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                        break
            try:
                with open(f"/proc/{p}/smaps_rollup") as fh:
                    for line in fh:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1])
                            break
            except OSError:
                pass
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss, pss


def children_cpu() -> float:
    """CPU seconds (user + system) of the waited-for children and their descendants so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(cmd: list[str]) -> tuple[float, tuple[int, int], str]:
    """(seconds, (peak RSS sum, peak PSS sum) in KiB, stdout) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = (0, 0)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            rss, pss = tree_rss_kib(proc.pid)
            peak = (max(peak[0], rss), max(peak[1], pss))
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
    ap.add_argument("--page-chars", type=int, default=0,
                    help="full-size pages: grow each story to this many characters (see make_corpus.py)")
    ap.add_argument("--sample", type=int, default=1000, help="documents for the per-stage breakdown (0: skip it)")
    ap.add_argument("--stages-only", action="store_true",
                    help="skip the timed runs; print only the per-stage breakdown (of the corpus in --keep, made first if absent)")
    args = ap.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="eventline-bench-"))
    corpus, db = work / "corpus", work / "bench.db"
    if db.exists():
        db.unlink()
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(corpus), "--n", str(args.n),
                        "--page-chars", str(args.page_chars)], check=True,
                       stdout=subprocess.DEVNULL)
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    if args.stages_only:
        stage_breakdown(corpus, args.sample or 500)
        return
    eventline = [sys.executable, "-m", "eventline.cli"]
    env_workers = ["--workers", str(args.workers)] if args.workers else []

    cpu = children_cpu()
    seconds, (peak_kib, peak_pss), out = run_measured(eventline + ["run", str(corpus), "--db", str(db), "--quiet"] + env_workers)
    cpu, cpu_before = children_cpu() - cpu, children_cpu()
    print(out.strip())
    inputs = int(out.split()[0])
    print(f"first run : {inputs} inputs, {size / 1e6:.1f} MB in {seconds:.1f} s = "
          f"{inputs / seconds:.0f} documents/s; CPU {cpu:.1f} s (all processes); "
          f"peak memory (all processes) {peak_kib / 1024:.0f} MiB RSS, {peak_pss / 1024:.0f} MiB PSS")
    seconds2, (peak2, _), out2 = run_measured(eventline + ["run", str(corpus), "--db", str(db), "--quiet"] + env_workers)
    print(f"re-run    : {seconds2:.1f} s = {inputs / seconds2:.0f} inputs/s (nothing new); "
          f"CPU {children_cpu() - cpu_before:.1f} s; peak {peak2 / 1024:.0f} MiB")
    examples = HERE.parent / "examples"
    if examples.is_dir():
        small_db = work / "startup.db"
        for stale in work.glob("startup.db*"):
            stale.unlink()
        seconds3, _, out3 = run_measured(eventline + ["run", str(examples), "--db", str(small_db), "--quiet"] + env_workers)
        print(f"start-up  : {out3.split()[0]} example files in {seconds3:.1f} s (mostly fixed start-up cost)")
    if args.sample:
        stage_breakdown(corpus, args.sample)
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


def stage_breakdown(corpus: Path, sample: int) -> None:
    """ms per document of each part of the pipeline, run in this one process on an even sample."""
    from eventline.document import Skip
    from eventline.executor.work import Worker
    from eventline.pipeline.dedup import Deduplicator
    from eventline.pipeline.read import decode, iter_inputs
    from eventline.run import merge_store
    from eventline.settings import Settings
    from eventline.store.db import Store

    settings = Settings()
    started = time.perf_counter()
    worker = Worker(settings)  # builds and warms up the stages, as the parent of the workers does
    setup = time.perf_counter() - started
    raws = [r for r in iter_inputs([str(corpus)], settings=settings) if not isinstance(r, Skip)]
    step = max(1, len(raws) // sample)
    raws = raws[::step][:sample]
    spent: dict[str, float] = {"decode": 0.0}
    for stage in worker.pipeline.stages:
        spent[stage.name] = 0.0
    docs, raw_chars, text_chars = [], 0, 0
    for raw in raws:
        t = time.perf_counter()
        doc = decode(raw, settings)
        spent["decode"] += time.perf_counter() - t
        if isinstance(doc, Skip):
            continue
        for stage in worker.pipeline.stages:
            if doc.status in ("skipped", "duplicate"):
                break
            t = time.perf_counter()
            doc = stage(doc)
            spent[stage.name] += time.perf_counter() - t
        raw_chars += len(doc.raw)
        text_chars += len(doc.text)
        docs.append(doc)
    n = max(1, len(docs))
    with tempfile.TemporaryDirectory(prefix="eventline-stages-") as tmp:
        store = Store(Path(tmp) / "stages.db")
        run_id = store.start_run()
        dedup = Deduplicator(settings)
        main = {"dedup (main)": 0.0, "store (main)": 0.0}
        with store.grouped():
            for doc in docs:
                t = time.perf_counter()
                original = dedup.check(doc) if doc.fingerprint else None
                if original is None:
                    dedup.add(doc.id, doc.fingerprint)
                    doc.status = "processed"
                else:
                    doc.status, doc.duplicate_of, doc.reason = "duplicate", original, f"near-duplicate of {original}"
                main["dedup (main)"] += time.perf_counter() - t
                t = time.perf_counter()
                store.add_document(doc, doc.path, run_id)
                main["store (main)"] += time.perf_counter() - t
        t = time.perf_counter()
        merge_store(store)
        main["merge pass (main)"] = time.perf_counter() - t
        store.close()
    per_doc = sum(spent.values()) / n * 1000
    print(f"stages    : {len(docs)} documents sampled, {raw_chars / n:.0f} characters per document on average "
          f"({text_chars / n:.0f} after cleaning); stage set-up and warm-up {setup:.1f} s")
    for name, seconds in [*spent.items(), *main.items()]:
        print(f"  {name:<18} {seconds / n * 1000:7.3f} ms/doc")
    print(f"  {'per-document total':<18} {per_doc:7.3f} ms/doc (worker side) -> at most "
          f"{1000 / per_doc * (os.cpu_count() or 1):.0f} documents/s on {os.cpu_count()} cores before the main process")


if __name__ == "__main__":
    main()
