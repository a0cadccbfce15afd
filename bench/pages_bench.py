"""First-load time of every app page in headless Chromium, next to a one-chart reference page (issue 5), and
the same when moving between pages in a browser that already has the app open (issue 16).

    python -m bench pages [--data DIR] [--runs 9] [--warm-runs 5] [--mode both|cold|warm] [--synthetic 50000]
                          [--reruns 20]

1. Serves the app (``streamlit run app.py``, ``DASHBOARD_DATA_DIR=--data``, default the shipped ``data/``)
   and ``bench/reference_app.py`` (one Plotly bar chart) on two local servers in the same run.
2. Warms both (every page once: imports, ``st.cache_data``), then for each page opens ``--runs`` fresh
   browser contexts (no cache, new session) and times navigation start -> the page's charts/tables drawn
   and Streamlit idle (``bench.harness.PAGE_READY_JS``). Pages and reference alternate round by round so
   drift hits all alike. Prints each page's median and its ratio to the reference's median
   (issue 5 goal: <= 1.3x).
2b. Warm navigation (``--mode warm`` or ``both``): one browser context that stays open, as a user's tab
   does: every page (and the reference) is opened once, then ``--warm-runs`` rounds navigate by URL from
   page to page (``page.goto``: the browser's cache is warm, the server starts a new session, as
   st.navigation does for a typed or pasted link), timing navigation start -> ready. Prints each page's
   median, its ratio to the reference's warm median and, next to it, the cold ratio (issue 16 goal: both
   <= 1.3x). An extra row, ``ref /chart``, is the reference page opened at a sub-path of a two-page
   navigation app (``bench/reference_nav.py``), as every app page but the overview is: informative, the
   fixed cost of Streamlit's frontend probing ``/<page>/_stcore/health`` before ``/_stcore/health``.
3. Repeats with a ``--synthetic``-fact dataset (``bench.synth.make_synthetic_dataset``) and prints each
   page's ratio to its shipped-data figure (goal: <= 1.5x).
4. Server-side rerun after a widget change: ``streamlit.testing.v1.AppTest`` per page, the first widget of
   the page flipped between two values, median of ``--reruns`` timed ``at.run()`` (goal: <= 100 ms with
   the shipped data). AppTest's own overhead (protobuf round trip in-process) is included.

5. ``--archive N|DIR`` (issue 15): the app over an extracted archive (``bench.archive_facts`` writes N facts,
   or an existing ``python -m extract`` output folder) next to the app over the shipped dataset, both served
   in the same run (``app.py -- --archive DIR``) and loaded alternately: each page's first-load median and its
   ratio archive / shipped (goal <= 1.5x); the archive server's resident and peak memory (goal < 1.5 GB);
   then the AppTest rerun figures for both (goal <= 300 ms on the archive), with the first change (which
   fills the caches, e.g. fetches a new indicator's slice) shown apart.

Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import (
    DIALOG_SELECTOR,
    ERROR_ALERT_SELECTOR,
    EXCEPTION_SELECTOR,
    NAV_LINKS_JS,
    PAGE_READY_JS,
    POLL_MS,
    REPO,
    VIEWPORT,
    WAIT_IDLE_JS,
    StreamlitServer,
    chromium_available,
    launch_kwargs,
    resolve_page_urls,
)

SHIPPED = REPO / "data"
FIXTURE = REPO / "tests" / "fixtures" / "dataset"
REFERENCE = "bench/reference_app.py"
REFERENCE_NAV = "bench/reference_nav.py"  # the same page at a sub-path of a navigation app (informative)
TIMEOUT_MS = 60_000


def pick_data_dir(arg: str | None) -> Path:
    if arg:
        return Path(arg).resolve()
    if (SHIPPED / "indicators.csv").exists():
        return SHIPPED
    print(f"note: {SHIPPED}/indicators.csv does not exist yet (run `make data`); using the fixture dataset "
          f"{FIXTURE.relative_to(REPO)} instead")
    return FIXTURE


def page_urls(browser, base: str) -> dict[str, str]:
    """page id -> URL, read from the navigation the app draws once its first run is over."""
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    page.goto(base + "/")
    page.wait_for_function(WAIT_IDLE_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
    page.wait_for_selector('[data-testid="stSidebarNavLink"]', timeout=TIMEOUT_MS)
    links = page.evaluate(NAV_LINKS_JS)
    ctx.close()
    return resolve_page_urls(base, links)


def load_once(browser, url: str) -> tuple[float, str]:
    """(seconds from navigation start to ready, problem or ''), in a fresh browser context."""
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    problem = ""
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        page.wait_for_function(PAGE_READY_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
        dt = time.perf_counter() - t0
        for sel in (EXCEPTION_SELECTOR, ERROR_ALERT_SELECTOR, DIALOG_SELECTOR):
            if page.locator(sel).count():
                problem = f"{sel} on page"
    except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
        dt, problem = float("nan"), f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    finally:
        ctx.close()
    return dt, problem


def measure(browser, targets: dict[str, str], runs: int) -> dict[str, list[float]]:
    for url in targets.values():  # warm: server imports, st.cache_data, the browser's own first start
        load_once(browser, url)
    times: dict[str, list[float]] = {k: [] for k in targets}
    for _ in range(runs):
        for name, url in targets.items():
            dt, problem = load_once(browser, url)
            if problem:
                print(f"  ! {name}: {problem}")
            times[name].append(dt)
    return times


def warm_navigation(browser, targets: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Seconds from a URL navigation to ready, per target, in one long-lived browser context (warm cache)."""
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    times: dict[str, list[float]] = {k: [] for k in targets}
    try:
        for rnd in range(runs + 1):  # round 0 warms the browser cache and the servers' caches
            for name, url in targets.items():
                try:
                    t0 = time.perf_counter()
                    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
                    page.wait_for_function(PAGE_READY_JS, timeout=TIMEOUT_MS, polling=POLL_MS)
                    dt = time.perf_counter() - t0
                    if page.locator(f"{EXCEPTION_SELECTOR}, {ERROR_ALERT_SELECTOR}").count():
                        print(f"  ! {name}: error element on page")
                except Exception as exc:  # noqa: BLE001 - a benchmark reports, it does not stop
                    dt = float("nan")
                    print(f"  ! {name}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
                if rnd:
                    times[name].append(dt)
    finally:
        ctx.close()
    return times


def print_warm_table(warm: dict[str, list[float]], cold: dict[str, float] | None, ref_key: str = "reference") -> None:
    ref = med(warm[ref_key])
    cold_ref = cold.get(ref_key) if cold else None
    head = f"  {'page':<12} {'warm':>8} {'min':>7} {'max':>7}  {'warm / ref':>10}"
    print(head + (f"  {'cold / ref':>10}" if cold else ""))
    for name, xs in warm.items():
        m = med(xs)
        line = f"  {name:<12} {m * 1000:6.0f}ms {min(xs) * 1000:5.0f}ms {max(xs) * 1000:5.0f}ms  {m / ref:9.2f}x"
        if cold and cold_ref:
            line += f"  {cold.get(name, float('nan')) / cold_ref:9.2f}x"
        print(line)


def med(xs: list[float]) -> float:
    ok = [x for x in xs if x == x]
    return statistics.median(ok) if ok else float("nan")


def print_table(times: dict[str, list[float]], ref_key: str, baseline: dict[str, float] | None = None) -> dict:
    ref = med(times[ref_key])
    out = {}
    head = f"  {'page':<12} {'median':>8} {'min':>7} {'max':>7}  {'/ reference':>11}"
    print(head + ("  / shipped data" if baseline else ""))
    for name, xs in times.items():
        m = med(xs)
        out[name] = m
        line = f"  {name:<12} {m * 1000:6.0f}ms {min(xs) * 1000:5.0f}ms {max(xs) * 1000:5.0f}ms  {m / ref:10.2f}x"
        if baseline and name in baseline:
            line += f"  {m / baseline[name]:10.2f}x"
        print(line)
    return out


# ---------------------------------------------------------------------------------------------------------
# server-side rerun time (AppTest)
def rerun_times(data_dir: Path, reruns: int, env_key: str = "DASHBOARD_DATA_DIR") -> dict[str, tuple]:
    """page id -> (median seconds of ``at.run()`` after a widget change, which widget)."""
    import logging

    from streamlit.testing.v1 import AppTest

    from dashboard.ui import PAGES

    # Bare-mode warnings would drown the figures (AppTest resets log levels, a filter stays).
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda rec: "missing ScriptRunContext" not in rec.getMessage())
    old_env = os.environ.get(env_key)
    os.environ[env_key] = str(data_dir)
    try:
        return _rerun_times(AppTest, PAGES, reruns)
    finally:
        if old_env is None:
            os.environ.pop(env_key, None)
        else:
            os.environ[env_key] = old_env


# the caches that hold the opened dataset itself: a process keeps them for as long as it runs
DATASET_CACHES = ("_load_cached", "_open_cached", "_filtered_cached")
FIRST_CHOICES = (1, 2, 0)  # option indexes of the first changes: none of them seen since the caches were cleared


def clear_query_caches() -> int | None:
    """Forget every cached query, slice, figure and table (``st.cache_data`` / ``st.cache_resource``) but the
    opened dataset: what a server process that has the dataset open, and has not drawn this page's values
    yet, holds. Returns how many caches were cleared (None if Streamlit's cache registry is not where it
    was in 1.67: then the 'first' figures may come from warm caches, and the table says so)."""
    try:
        from streamlit.runtime.caching import cache_data_api, cache_resource_api

        managers = (cache_data_api._data_caches, cache_resource_api._resource_caches)
        n = 0
        for mgr in managers:
            for caches in list(mgr._function_caches.values()):
                for cache in list(caches.values()):
                    if not str(cache.display_name).endswith(DATASET_CACHES):
                        cache.clear()
                        n += 1
        return n
    except (ImportError, AttributeError):
        return None


def _rerun_times(AppTest, PAGES, reruns: int) -> dict[str, tuple]:  # noqa: N803
    """page id -> (median steady rerun, widget, max of the first changes, [each first change], max CPU seconds
    of the process during a first change — all threads: a figure less bent by other processes on the machine).

    For each page: find its first widget, clear every cache but the opened dataset, load the page with that
    widget on its last option (through the URL, as a link opens it), then change the widget to three other
    options in turn (``FIRST_CHOICES``), none of them drawn since the clear: the first changes, timed one by
    one (for the overview, compare and indicator pages these are the three largest indicators, for the
    region page the nation and two provinces). Then ``reruns`` changes between two options already drawn:
    the steady state."""
    out: dict[str, tuple] = {}
    for pid, spec in PAGES.items():
        path = REPO / spec[0]
        if not path.exists():
            continue
        try:
            at = AppTest.from_file(str(path), default_timeout=60)
            at.run()
            flip = _flipper(at)
            if flip is None:
                out[pid] = (float("nan"), "no widget to change", float("nan"), [], float("nan"))
                continue
            label, key, options, do = flip
            cleared = clear_query_caches()
            at = AppTest.from_file(str(path), default_timeout=60)
            start = len(options) - 1 if len(options) > len(FIRST_CHOICES) else None
            if start is not None:
                at.query_params[key] = str(options[start])
            at.run()
            now = _current(at, key)
            choices = [i for i in FIRST_CHOICES if i < len(options) and i != now and i != start]
            firsts, times, cpus, problem = [], [], [], ""
            steady = [choices[i % min(2, len(choices))] for i in range(reruns)] if choices else []
            for n, idx in enumerate([*choices, *steady]):
                do(at, idx)
                t0, c0 = time.perf_counter(), time.process_time()
                at.run()
                dt, cpu = time.perf_counter() - t0, time.process_time() - c0
                if at.exception:
                    problem = f"exception: {at.exception[0].message[:80]}"
                    break
                (firsts if n < len(choices) else times).append(dt)
                if n < len(choices):
                    cpus.append(cpu)
            if problem:
                out[pid] = (float("nan"), problem, float("nan"), firsts, float("nan"))
            else:
                note = "" if cleared is not None else " (caches NOT cleared: 'first' may be warm)"
                out[pid] = (statistics.median(times) if times else float("nan"), label + note,
                            max(firsts) if firsts else float("nan"), firsts, max(cpus) if cpus else float("nan"))
        except Exception as exc:  # noqa: BLE001
            out[pid] = (float("nan"), f"{type(exc).__name__}: {str(exc)[:80]}", float("nan"), [], float("nan"))
    return out


def _current(at, key: str) -> int | None:
    with contextlib.suppress(Exception):
        return at.selectbox(key=key).index
    return None


def _flipper(at):
    """(label, key, option labels, function(at, i)) that sets the page's first main-area widget to its option i
    (a multiselect: to that one option)."""
    for sb in at.selectbox:
        if len(sb.options) >= 2:
            key = sb.key

            def do(at, i, key=key):
                at.selectbox(key=key).select_index(i)

            return f"selectbox {key}", key, list(sb.options), do
    for ms in at.multiselect:
        if len(ms.options) >= 2:
            key = ms.key

            def do(at, i, key=key):
                w = at.multiselect(key=key)
                w.set_value([w.options[i]])

            return f"multiselect {key}", key, list(ms.options), do
    return None


# ---------------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench pages", description=__doc__.splitlines()[0])
    ap.add_argument("--data", help="dataset dir for the app (default: data/, else the fixture dataset)")
    # 9, not 5: on a 2-CPU machine a median of 5 loads moved by up to 0.1x between runs of the same code.
    ap.add_argument("--runs", type=int, default=9, help="fresh browser contexts per page (default 9)")
    ap.add_argument("--warm-runs", type=int, default=5, help="rounds of warm navigation between pages (default 5)")
    ap.add_argument("--mode", choices=("both", "cold", "warm"), default="both",
                    help="first loads in fresh contexts (cold), navigation in one warm browser (warm), or both")
    ap.add_argument("--synthetic", type=int, default=50_000, help="facts in the synthetic dataset (0 = skip)")
    ap.add_argument("--reruns", type=int, default=20, help="timed AppTest reruns per page (0 = skip)")
    ap.add_argument("--archive", help="N facts to generate (bench.archive_facts) or an archive folder: compare the "
                                      "app over it with the shipped dataset (issue 15); skips the other parts")
    args = ap.parse_args(argv)
    if args.archive:
        return archive_main(args)
    if not chromium_available():
        print("pages: skipped, /usr/bin/chromium is missing (make system-deps)")
        return 0
    from playwright.sync_api import sync_playwright

    data = pick_data_dir(args.data)
    print("== first load in headless Chromium: navigation start -> charts/tables drawn, Streamlit idle ==")
    print(f"app data: {data}  ·  {args.runs} fresh browser contexts per page, median")
    shipped: dict[str, float] = {}
    with contextlib.ExitStack() as stack:
        pw = stack.enter_context(sync_playwright())
        browser = pw.chromium.launch(**launch_kwargs())
        stack.callback(browser.close)
        ref = stack.enter_context(StreamlitServer(REFERENCE))
        app = stack.enter_context(StreamlitServer("app.py", data_dir=data))
        targets = {"reference": ref.url + "/", **page_urls(browser, app.url)}
        if args.mode in ("both", "cold"):
            times = measure(browser, targets, args.runs)
            shipped = print_table(times, "reference")
        if args.mode in ("both", "warm"):
            # Also the reference page at a sub-path (/chart of a two-page navigation app), last in each round:
            # every app page but the default one is opened at a sub-path, and Streamlit's frontend then probes
            # /<page>/_stcore/health first (404, 100 ms back-off). Its ratio is that fixed cost; informative only.
            ref_nav = stack.enter_context(StreamlitServer(REFERENCE_NAV))
            print(f"\n== warm navigation: one browser context, page to page by URL, {args.warm_runs} rounds, median ==")
            warm = warm_navigation(browser, {**targets, "ref /chart": ref_nav.url + "/chart"}, args.warm_runs)
            print_warm_table(warm, shipped or None)
            print("  (ref /chart: the reference page opened at a sub-path of a navigation app, as every app page but "
                  "the overview is; informative, not a page of the app)")

        if args.synthetic and args.mode != "warm":
            from bench.synth import make_synthetic_dataset

            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-synth-"))
            t0 = time.perf_counter()
            synth = make_synthetic_dataset(args.synthetic, Path(tmp) / "synth")
            print(f"\n== the same with {args.synthetic:,} synthetic facts (built in {time.perf_counter() - t0:.1f} s) ==")
            app2 = stack.enter_context(StreamlitServer("app.py", data_dir=synth))
            targets2 = {"reference": ref.url + "/", **page_urls(browser, app2.url)}
            times2 = measure(browser, targets2, args.runs)
            print_table(times2, "reference", baseline=shipped)

    if args.reruns:
        print(f"\n== server-side rerun after a widget change (AppTest at.run(), median of {args.reruns}) ==")
        sets = [("shipped", data)]
        if args.synthetic:
            with tempfile.TemporaryDirectory(prefix="bench-synth-") as tmp:
                from bench.synth import make_synthetic_dataset

                synth = make_synthetic_dataset(args.synthetic, Path(tmp) / "synth")
                res = {name: rerun_times(d, args.reruns) for name, d in sets + [("synthetic", synth)]}
        else:
            res = {name: rerun_times(d, args.reruns) for name, d in sets}
        names = list(res)
        print(f"  {'page':<12} " + " ".join(f"{n:>10}" for n in names) + "  widget")
        for pid in res[names[0]]:
            cells = " ".join(f"{res[n].get(pid, (float('nan'), ''))[0] * 1000:8.0f}ms" for n in names)
            print(f"  {pid:<12} {cells}  {res[names[0]][pid][1]}")
    return 0


if __name__ == "__main__":
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    raise SystemExit(main())


# ---------------------------------------------------------------------------------------------------------
# --archive: the app over an extracted archive vs the shipped dataset (issue 15)
def proc_memory_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) MB of a process and its children (Linux /proc; VmHWM is the peak)."""
    rss = hwm = 0.0
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    hwm += int(line.split()[1]) / 1024
    return rss, hwm


# Adding an article is off on an archive (a message, no chart or table): PAGE_READY_JS would wait its full timeout
NOT_TIMED_ON_ARCHIVE = ("add",)


def archive_main(args) -> int:
    from playwright.sync_api import sync_playwright

    data = pick_data_dir(args.data)
    with contextlib.ExitStack() as stack:
        if args.archive.isdigit():
            from bench.archive_facts import make_archive_facts

            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-archive-"))
            t0 = time.perf_counter()
            archive = make_archive_facts(int(args.archive), Path(tmp) / "archive")
            print(f"generated archive: {int(args.archive):,} facts in {time.perf_counter() - t0:.1f} s")
        else:
            archive = Path(args.archive).resolve()
        files = list((archive / "facts").rglob("*.parquet"))
        print(f"archive: {archive}  ({len(files)} Parquet files, {sum(f.stat().st_size for f in files) / 1e6:.0f} MB)")
        print(f"shipped: {data}")
        if chromium_available() and args.mode != "warm" and args.runs:
            print(f"\n== first load in headless Chromium, archive vs shipped served side by side, {args.runs} fresh "
                  "contexts per page, alternating ==")
            pw = stack.enter_context(sync_playwright())
            browser = pw.chromium.launch(**launch_kwargs())
            stack.callback(browser.close)
            shipped_app = stack.enter_context(StreamlitServer("app.py", data_dir=data))
            t0 = time.perf_counter()
            arch_app = stack.enter_context(StreamlitServer("app.py", data_dir=data,
                                                           extra_args=["--", "--archive", str(archive)]))
            shipped_urls = page_urls(browser, shipped_app.url)
            arch_urls = page_urls(browser, arch_app.url)  # the first session opens the archive
            print(f"archive server: up and first page drawn in {time.perf_counter() - t0:.1f} s "
                  f"(reads the archive into DuckDB once per process)")
            targets = {}
            for pid in shipped_urls:
                if pid in NOT_TIMED_ON_ARCHIVE:
                    print(f"  {pid}: not timed (on an archive the page is a message, no chart or table to wait for; "
                          "tests/test_archive.py runs it)")
                    continue
                targets[pid] = shipped_urls[pid]
                targets["A:" + pid] = arch_urls[pid]
            times = measure(browser, targets, args.runs)
            print(f"  {'page':<12} {'shipped':>9} {'archive':>9} {'ratio':>7}   (goal <= 1.5x)")
            for pid in shipped_urls:
                if pid in NOT_TIMED_ON_ARCHIVE:
                    continue
                s, a = med(times[pid]), med(times["A:" + pid])
                print(f"  {pid:<12} {s * 1000:7.0f}ms {a * 1000:7.0f}ms {a / s:6.2f}x")
            rss, hwm = proc_memory_mb(arch_app.proc.pid)
            srss, shwm = proc_memory_mb(shipped_app.proc.pid)
            print(f"\n== server memory after every page, {args.runs + 1} loads each (goal < 1.5 GB) ==")
            print(f"  archive server: resident {rss:.0f} MB, peak {hwm:.0f} MB")
            print(f"  shipped server: resident {srss:.0f} MB, peak {shwm:.0f} MB")
        if args.reruns:
            print(f"\n== server-side rerun after a widget change (AppTest at.run()): 'steady' = median of {args.reruns} "
                  "changes between values already shown; 'first' = the slowest of the first changes to "
                  f"{len(FIRST_CHOICES)} values not shown since every cache but the opened dataset was cleared "
                  "(each listed) ==")
            res = {"shipped": rerun_times(data, args.reruns),
                   "archive": rerun_times(archive, args.reruns, env_key="DASHBOARD_ARCHIVE")}
            print("  (steady and first: wall time; cpu: the process's CPU time in its slowest first change)")
            print(f"  {'':<12} {'-- shipped --':^19} {'-- archive --':^29}")
            print(f"  {'page':<12} {'steady':>9} {'first':>9} {'steady':>9} {'first':>9} {'cpu':>9}  "
                  "archive firsts (ms), widget")
            nan = (float("nan"), "", float("nan"), [], float("nan"))
            for pid, sm in res["shipped"].items():
                am = res["archive"].get(pid, nan)
                each = "/".join(f"{x * 1000:.0f}" for x in am[3]) or "–"
                print(f"  {pid:<12} {sm[0] * 1000:7.0f}ms {sm[2] * 1000:7.0f}ms {am[0] * 1000:7.0f}ms "
                      f"{am[2] * 1000:7.0f}ms {am[4] * 1000:7.0f}ms  {each}, {am[1] or sm[1]}")
    return 0
