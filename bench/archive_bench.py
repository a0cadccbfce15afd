"""Archive-scale extraction: local 1 worker, local 2 workers and Spark local[2] on one generated archive.

    python -m bench archive [--size-mb 200] [--format jsonl|parquet] [--workers 2] [--master local[2]]
                            [--keep DIR] [--skip-spark]

1. Generates an archive of ``--size-mb`` MB of article text (``bench/archive_gen.py``: shipped articles,
   perturbed) as one JSONL (or Parquet) file.
2. Spark's fixed cost: ``python -m extract`` with ``--engine spark`` on a 5-record archive (whole command, and
   the session start-up the run report records).
3. On the big archive, in this order and in one run: ``--engine local --workers 1``, ``--workers N``, and
   ``--engine spark --master local[N]``; each as a child process (``python -m extract ARCHIVE -o OUT``).
   Prints wall time, MB/s (MB of article text / wall seconds, start-up included), facts, and the peak RSS of
   each kind of process (sampled VmHWM of the process tree every 0.2 s: the CLI, its pool workers; Spark's
   JVM and its Python workers), and the CPU seconds of the whole process tree (utime + stime, sampled: a
   process's last 0.2 s may be missed). MB per CPU-second is the figure to plan cluster cores with: it does
   not depend on what else the machine is running, which wall-clock MB/s on a shared 2-core VM does.

Figures only; nothing is asserted. Record them in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


_TICK = os.sysconf("SC_CLK_TCK")


def _status(pid: int) -> tuple[str, int, float]:
    """(role, VmHWM in kB, CPU seconds so far) of a process."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
        with open(f"/proc/{pid}/status") as fh:
            hwm = next((int(line.split()[1]) for line in fh if line.startswith("VmHWM")), 0)
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / _TICK  # utime + stime of this process alone
    except (OSError, ValueError, IndexError):
        return "", 0, 0.0
    if "java" in cmd.split(" ")[0]:
        role = "spark JVM (driver + executor)"
    elif "pyspark.daemon" in cmd or "pyspark/daemon" in cmd or "pyspark.worker" in cmd:
        role = "spark Python worker"
    else:
        role = "python"
    return role, hwm, cpu


class TreeSampler:
    """Peak RSS (VmHWM) per process of a process tree, sampled until stopped."""

    def __init__(self, root: int, interval: float = 0.2):
        self.root, self.interval = root, interval
        self.peak: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            todo, seen = [self.root], set()
            while todo:
                pid = todo.pop()
                if pid in seen:
                    continue
                seen.add(pid)
                role, hwm, cpu = _status(pid)
                if role:
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu)
                    depth_role = role if pid != self.root else "CLI process (driver)"
                    old = self.peak.get(pid, ("", 0))[1]
                    self.peak[pid] = (depth_role, max(old, hwm))
                todo += _children(pid)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=5)

    def by_role(self) -> dict[str, tuple[int, int]]:
        """role -> (number of processes, max peak RSS in kB)."""
        out: dict[str, list[int]] = defaultdict(list)
        for role, hwm in self.peak.values():
            out[role].append(hwm)
        return {role: (len(v), max(v)) for role, v in out.items()}


def run_extract(archive: Path, out: Path, *args: str) -> dict:
    cmd = [sys.executable, "-m", "extract", str(archive), "-o", str(out), "--report", *args]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid) as sampler:
        _, err = proc.communicate()
    wall = time.perf_counter() - t0
    report_path = out / "run_report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else {}
    return {"wall": wall, "rc": proc.returncode, "report": report, "memory": sampler.by_role(),
            "cpu": sum(sampler.cpu.values()),
            "stderr_tail": err.strip().splitlines()[-1:] if err else []}


def archive_text_size(archive: Path, fmt: str) -> tuple[int, int]:
    """(records, bytes of article text as UTF-8) of an archive written by bench.archive_gen."""
    if fmt == "jsonl":
        n = size = 0
        with archive.open(encoding="utf-8") as f:
            for line in f:
                n += 1
                size += len(json.loads(line)["text"].encode("utf-8"))
        return n, size
    import pyarrow.parquet as pq

    texts = pq.read_table(archive, columns=["text"]).column("text").to_pylist()
    return len(texts), sum(len(t.encode("utf-8")) for t in texts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench archive", description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=float, default=200.0, help="MB of article text (default 200)")
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    ap.add_argument("--workers", type=int, default=2, help="local workers and Spark local[N] (default 2)")
    ap.add_argument("--keep", type=Path, help="keep the archive and outputs in this folder")
    ap.add_argument("--skip-spark", action="store_true")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: use the archive already there (same size asked) instead of generating it")
    args = ap.parse_args(argv)
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bench.archive_gen import write_archive

    tmp_ctx = tempfile.TemporaryDirectory(prefix="bench-archive-") if args.keep is None else None
    root = Path(tmp_ctx.name) if tmp_ctx else args.keep
    root.mkdir(parents=True, exist_ok=True)
    try:
        suffix = "jsonl" if args.format == "jsonl" else "parquet"
        archive = root / f"archive.{suffix}"
        t0 = time.perf_counter()
        if args.reuse and args.keep is not None and archive.exists():
            n, text_bytes = archive_text_size(archive, args.format)
            how = "reused"
        else:
            n, text_bytes = write_archive(archive, args.size_mb, args.format)
            how = f"generated in {time.perf_counter() - t0:.1f} s"
        mb = text_bytes / 1e6
        print(f"== archive: {n:,} records, {mb:.1f} MB of article text, {archive.stat().st_size / 1e6:.1f} MB "
              f"{args.format} on disk ({how})", flush=True)

        runs = [("local, 1 worker", ["--engine", "local", "--workers", "1"]),
                (f"local, {args.workers} workers", ["--engine", "local", "--workers", str(args.workers)])]
        if not args.skip_spark:
            tiny = root / f"tiny.{suffix}"
            write_archive(tiny, 0.000001, args.format)  # one record
            r = run_extract(tiny, root / "out-tiny", "--engine", "spark", "--master", f"local[{args.workers}]")
            start = r["report"].get("session_start_seconds")
            print(f"== Spark fixed cost (1-record archive, local[{args.workers}]): whole command {r['wall']:.1f} s, "
                  f"of which session start {start} s; {r['cpu']:.1f} CPU s (exit {r['rc']})", flush=True)
            runs.append((f"spark local[{args.workers}]",
                         ["--engine", "spark", "--master", f"local[{args.workers}]"]))
        base = None
        print(f"{'engine':24} {'wall s':>8} {'MB/s':>7} {'speed-up':>8} {'CPU s':>8} {'MB/CPU-s':>8} "
              f"{'facts':>10} {'failed':>6}  peak RSS")
        for label, extra in runs:
            out = root / ("out-" + label.replace(" ", "").replace(",", "-").replace("[", "").replace("]", ""))
            r = run_extract(archive, out, *extra)
            base = base or r["wall"]
            rep = r["report"]
            mem = "; ".join(f"{role} x{k}: {kb / 1024:.0f} MB" for role, (k, kb) in sorted(r["memory"].items()))
            status = "" if r["rc"] in (0, 1) else f"  (exit {r['rc']}: {r['stderr_tail']})"
            print(f"{label:24} {r['wall']:8.1f} {mb / r['wall']:7.2f} {base / r['wall']:7.2f}x "
                  f"{r['cpu']:8.1f} {mb / max(r['cpu'], 1e-9):8.2f} "
                  f"{rep.get('facts_written', 0):>10,} {rep.get('articles_failed', '?'):>6}  {mem}{status}",
                  flush=True)
    finally:
        if tmp_ctx:
            tmp_ctx.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
