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
   <= 1.3x).
3. Repeats with a ``--synthetic``-fact dataset (``bench.synth.make_synthetic_dataset``) and prints each
   page's ratio to its shipped-data figure (goal: <= 1.5x).
4. Server-side rerun after a widget change: ``streamlit.testing.v1.AppTest`` per page, the first widget of
   the page flipped between two values, median of ``--reruns`` timed ``at.run()`` (goal: <= 100 ms with
   the shipped data). AppTest's own overhead (protobuf round trip in-process) is included.

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
def rerun_times(data_dir: Path, reruns: int) -> dict[str, tuple[float, str]]:
    """page id -> (median seconds of ``at.run()`` after a widget change, which widget)."""
    import logging

    from streamlit.testing.v1 import AppTest

    from dashboard.ui import PAGES

    # Bare-mode warnings would drown the figures (AppTest resets log levels, a filter stays).
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda rec: "missing ScriptRunContext" not in rec.getMessage())
    old_env = os.environ.get("DASHBOARD_DATA_DIR")
    os.environ["DASHBOARD_DATA_DIR"] = str(data_dir)
    try:
        return _rerun_times(AppTest, PAGES, reruns)
    finally:
        if old_env is None:
            os.environ.pop("DASHBOARD_DATA_DIR", None)
        else:
            os.environ["DASHBOARD_DATA_DIR"] = old_env


def _rerun_times(AppTest, PAGES, reruns: int) -> dict[str, tuple[float, str]]:  # noqa: N803
    out: dict[str, tuple[float, str]] = {}
    for pid, spec in PAGES.items():
        path = REPO / spec[0]
        if not path.exists():
            continue
        try:
            at = AppTest.from_file(str(path), default_timeout=60)
            at.run()
            flip = _flipper(at)
            if flip is None:
                out[pid] = (float("nan"), "no widget to change")
                continue
            label, do = flip
            times = []
            for i in range(reruns + 1):
                do(at, i % 2 == 0)
                t0 = time.perf_counter()
                at.run()
                dt = time.perf_counter() - t0
                if at.exception:
                    out[pid] = (float("nan"), f"exception: {at.exception[0].message[:80]}")
                    break
                if i:  # the first change may fill a cache; keep the steady state
                    times.append(dt)
            else:
                out[pid] = (statistics.median(times), label)
        except Exception as exc:  # noqa: BLE001
            out[pid] = (float("nan"), f"{type(exc).__name__}: {str(exc)[:80]}")
    return out


def _flipper(at):
    """A (label, function(at, first)) that switches the page's first main-area widget between two values."""
    for sb in at.selectbox:
        if len(sb.options) >= 2:
            key = sb.key

            def do(at, first, key=key):
                at.selectbox(key=key).select_index(1 if first else 0)

            return f"selectbox {key}", do
    for ms in at.multiselect:
        if len(ms.options) >= 1:
            key = ms.key

            def do(at, first, key=key):
                w = at.multiselect(key=key)
                w.set_value([w.options[0]] if first else [])

            return f"multiselect {key}", do
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
    args = ap.parse_args(argv)
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
            print(f"\n== warm navigation: one browser context, page to page by URL, {args.warm_runs} rounds, median ==")
            print_warm_table(warm_navigation(browser, targets, args.warm_runs), shipped or None)

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
