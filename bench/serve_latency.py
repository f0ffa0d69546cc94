#!/usr/bin/env python3
"""Edit → preview latency of `vanban serve` (issue 16, item 6).

Starts the server on a copy of the example folder, then sends N edits of
the example plan as the page sends them (POST /api/xem-truoc with the
hashes of the pages it shows) and times each from the request written to
the whole answer read. Each edit types one more character of a sentence
at the end of the plan's first paragraph, as a clerk typing would (the
sentence typed out, it starts again). Reports the
median and p95 latency, the pages re-sent per edit, the server's resident
memory before, every 100 edits and after, and a cold `vanban render` of the
same file for comparison: a fresh process each time, run between the edits
(one after every N / renders edits, while the server waits), so that it is
timed in the same minutes as they are on a machine whose speed drifts.

    python3 bench/serve_latency.py [--bin target/debug/vanban] [--edits 1000] [--renders 10]

Without --bin it builds vanban with the dist profile first, as
bench/bench.py does, and measures that. Targets (issue 16): median ≤ 150 ms, p95 ≤ 300 ms,
memory flat over 1000 edits.

Only 127.0.0.1 is spoken to; the server is stopped at the end.
"""

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLAN = "ke-hoach.yaml"
TYPED = " Các đơn vị phối hợp chặt chẽ, báo cáo kết quả đúng thời hạn."


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def percentile(values, p):
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def dist_binary():
    """vanban built with the dist profile, as bench/bench.py and a release
    build it (nothing is rebuilt when it is up to date)."""
    print("building vanban (profile dist: thin LTO, one codegen unit)…", file=sys.stderr)
    subprocess.run(["cargo", "build", "--profile", "dist", "--quiet"], cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "dist", "vanban")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bin", default=None, help="the vanban binary (default: built with the dist profile)")
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--renders", type=int, default=10, help="cold renders to time, spread over the edits")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    binary = os.path.abspath(args.bin or dist_binary())

    load = os.getloadavg()
    work = tempfile.mkdtemp(prefix="vanban-serve-bench-")
    folder = os.path.join(work, "du-an-8-2025")
    shutil.copytree(os.path.join(ROOT, "data", "du-an-8-2025"), folder)
    server = subprocess.Popen(
        [binary, "serve", folder, "--port", "0"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        first = server.stdout.readline()
        port = int(first.split("http://127.0.0.1:")[1].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        text = open(os.path.join(folder, PLAN), encoding="utf-8").read()
        # The first paragraph ends with "như sau:'"; the clerk types after it.
        anchor = "như sau:'"
        assert anchor in text, "the plan's first paragraph changed"

        def preview(yaml, shown):
            body = json.dumps({"tep": PLAN, "yaml": yaml, "trang_co": shown})
            started = time.perf_counter()
            connection.request("POST", "/api/xem-truoc", body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - started
            if response.status != 200:
                raise SystemExit(f"preview failed: {response.status} {data[:300]!r}")
            return json.loads(data), elapsed, len(data)

        def cold_render():
            started = time.perf_counter()
            subprocess.run(
                [binary, "render", os.path.join(folder, PLAN), "-o", os.path.join(work, "ke-hoach.pdf")],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            renders.append((time.perf_counter() - started) * 1000)

        # The page opens the document: its first preview, all pages sent.
        reply, opened, _ = preview(text, [])
        shown = [p["hash"] for p in reply["trang"]]
        rss_before = rss_kib(server.pid)
        latencies, resent, sizes, rss_series, renders = [], [], [], [], []
        every = max(1, args.edits // max(1, args.renders))
        for i in range(args.edits):
            if args.renders and i % every == every // 2 and len(renders) < args.renders:
                cold_render()
            # The sentence typed one character at a time, then again.
            typed = TYPED[: i % len(TYPED) + 1]
            edited = text.replace(anchor, anchor[:-1] + typed + "'", 1)
            reply, elapsed, size = preview(edited, shown)
            latencies.append(elapsed * 1000)
            resent.append(sum(1 for p in reply["trang"] if p["svg"] is not None))
            sizes.append(size)
            shown = [p["hash"] for p in reply["trang"]]
            if (i + 1) % 100 == 0:
                rss_series.append(round(rss_kib(server.pid) / 1024, 1))
        rss_after = rss_kib(server.pid)
        connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)

    shutil.rmtree(work, ignore_errors=True)

    figures = {
        "binary": os.path.relpath(binary, ROOT),
        "load_average_at_start": [round(x, 2) for x in load],
        "edits": args.edits,
        "first_preview_ms": round(opened * 1000, 1),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "max_ms": round(max(latencies), 1),
        "pages_resent_median": statistics.median(resent),
        "answer_kib_median": round(statistics.median(sizes) / 1024, 1),
        "rss_before_mib": round(rss_before / 1024, 1),
        "rss_after_mib": round(rss_after / 1024, 1),
        "rss_every_100_edits_mib": rss_series,
        "cold_render_median_ms": round(statistics.median(renders), 1) if renders else None,
        "cold_render_spread_ms": [round(min(renders), 1), round(max(renders), 1)] if renders else None,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"vanban serve, {args.edits} edits of {PLAN} ({figures['binary']}); "
          f"load average at the start {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f}")
    print(f"  first preview (all pages):  {figures['first_preview_ms']} ms")
    print(f"  edit → preview, median:     {figures['median_ms']} ms")
    print(f"  edit → preview, p95:        {figures['p95_ms']} ms (max {figures['max_ms']} ms)")
    print(f"  pages re-sent per edit:     {figures['pages_resent_median']} (median), answer {figures['answer_kib_median']} KiB")
    print(f"  server memory (RSS):        {figures['rss_before_mib']} MiB before, {figures['rss_after_mib']} MiB after")
    print(f"  RSS every 100 edits (MiB):  {' '.join(map(str, rss_series))}")
    if renders:
        lo, hi = figures["cold_render_spread_ms"]
        print(f"  cold `vanban render`:       {figures['cold_render_median_ms']} ms "
              f"(median of {len(renders)}, {lo}–{hi} ms; between the edits)")
        print(f"  edit → preview / cold render, medians: "
              f"{figures['median_ms'] / figures['cold_render_median_ms']:.2f}")
    print(f"median {figures['median_ms']} ms (target ≤ 150), p95 {figures['p95_ms']} ms (target ≤ 300)")
    if len(rss_series) >= 2:
        print(f"memory from edit 100 to edit {len(rss_series) * 100}: {rss_series[0]} → {rss_series[-1]} MiB "
              f"({rss_series[-1] - rss_series[0]:+.1f} MiB; target: flat)")


if __name__ == "__main__":
    main()
