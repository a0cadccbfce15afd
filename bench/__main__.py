"""``python -m bench`` runs every benchmark; ``python -m bench extract|pages|load|archive [options]`` runs one.

Options after the name go to that benchmark (``python -m bench pages --help``). Figures are printed; no
benchmark asserts a time. Record them in bench/RESULTS.md.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCHES = {"extract": "bench.extract_bench", "pages": "bench.pages_bench", "load": "bench.load_bench",
           "archive": "bench.archive_bench", "byo": "bench.byo_bench"}
# Arguments used when `python -m bench` runs everything (each benchmark's own defaults otherwise).
ALL_ARGS = {"extract": ["--workers", str(os.cpu_count() or 2)], "archive": ["--size-mb", "50"]}


def machine() -> str:
    mem = ""
    try:
        with open("/proc/meminfo") as fh:
            kb = int(next(line for line in fh if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                             timeout=10).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=REPO,
                                    capture_output=True, text=True, timeout=10).stdout.strip())
    except (OSError, subprocess.SubprocessError):
        rev, dirty = "?", False
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')} · {platform.node()} · {os.cpu_count()} CPUs{mem} · "
            f"load average {load} · Python {platform.python_version()} · HEAD {rev or '?'}"
            f"{' (+ uncommitted changes)' if dirty else ''}")


def main(argv: list[str]) -> int:
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    names = [argv[0]] if argv and argv[0] in BENCHES else list(BENCHES)
    rest = argv[1:] if argv and argv[0] in BENCHES else argv
    if argv and argv[0] not in BENCHES:
        print(f"unknown benchmark {argv[0]!r}: use `python -m bench [{'|'.join(BENCHES)}] [options]`",
              file=sys.stderr)
        return 2
    print(f"# bench: {machine()}")
    rc = 0
    for name in names:
        args = rest if len(names) == 1 else ALL_ARGS.get(name, [])
        print(f"\n# python -m bench {name} {' '.join(args)}".rstrip(), flush=True)
        mod = importlib.import_module(BENCHES[name])
        rc |= mod.main(args)
    return rc


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
