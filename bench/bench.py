#!/usr/bin/env python3
"""Side-by-side benchmark of vanban against the typst CLI (see BENCHMARKS.md).

Run from the repository root:  python3 bench/bench.py [--runs N] [--quick] [--same-build]

It builds vanban with the dist profile (as a release is built), installs typst-cli 0.15.1 into .bench/typst
when it is missing (a one-time build of several minutes), prepares its inputs
under .bench/work, and prints a Markdown table: median and spread of wall
time, median CPU time and peak memory (max RSS), for each case. If outputs were
deleted in the last minute, it first waits (see QUIET_AFTER_DELETE). Nothing is
timed in the tests.
"""

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".bench" / "work"
TYPST_ROOT = ROOT / ".bench" / "typst"
TYPST = TYPST_ROOT / "bin" / "typst"
# The same typst-cli built with vanban's dist settings (thin LTO, one
# codegen unit, as Typst's own releases), for --same-build.
TYPST_LTO_ROOT = ROOT / ".bench" / "typst-lto"
TYPST_LTO = TYPST_LTO_ROOT / "bin" / "typst"
VANBAN = ROOT / "target" / "dist" / "vanban"
DATA = ROOT / "data" / "du-an-8-2025"


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def install_typst(root, note, env=None):
    """typst-cli 0.15.1 from crates.io into `root`, unless it is there."""
    if (root / "bin" / "typst").exists():
        return
    print(f"installing typst-cli 0.15.1{note} into {root.relative_to(ROOT)} (one time, about ten minutes)…",
          file=sys.stderr)
    sh(["cargo", "install", "typst-cli", "--version", "0.15.1", "--locked", "--root", str(root)],
       env={**os.environ, **(env or {})})


class Run:
    """One run of a command: wall seconds, CPU seconds (user + system: not a
    target, but steadier than wall time on a shared virtual machine, whose
    other tenants take turns on its cores) and peak RSS in MiB."""

    def __init__(self, cmd):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        self.wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed: {' '.join(map(str, cmd))}")
        self.cpu = usage.ru_utime + usage.ru_stime
        self.rss = usage.ru_maxrss / 1024


class LoopSample:
    """The per-record loop, sampled: `sources` compiled one after another by
    the typst CLI, the wall time scaled to `total` records."""

    def __init__(self, compile_cmd, sources, total):
        start = time.perf_counter()
        for src in sources:
            Run(compile_cmd(src))
        self.wall = (time.perf_counter() - start) * total / len(sources)


class Sequence:
    """Commands run one after another, timed as one run: wall and CPU time
    summed, peak memory the largest of them."""

    def __init__(self, cmds):
        runs = [Run(c) for c in cmds]
        self.wall = sum(r.wall for r in runs)
        self.cpu = sum(r.cpu for r in runs)
        self.rss = max(r.rss for r in runs)


TRASH = WORK / "trash"
# When the trash was last emptied (seconds since the epoch).
EMPTIED = WORK / "trash-emptied"
# ext4 without a journal (this machine's disk) checks, for every file it makes,
# each inode freed in the last 60 seconds (longer while the inode table is not
# yet written back) and skips it. Files made soon after deleting thousands
# cost several times the system time, which would be timed as vanban's (it
# makes 481 files per run of the 480 batch, 513 per run of the whole example;
# typst makes one).
QUIET_AFTER_DELETE = 65


def clear(path):
    """Moves a previous run's output out of the way, to be deleted after the
    last run (deleting it here would slow the next run: see above)."""
    if path.exists():
        TRASH.mkdir(parents=True, exist_ok=True)
        path.rename(TRASH / f"{path.name}-{time.monotonic_ns()}")


def empty_trash():
    """Deletes the moved-aside outputs, writes the freed inodes back to disk and
    notes the time, so that the next benchmark can wait until the disk stops
    checking them."""
    if TRASH.exists():
        shutil.rmtree(TRASH)
        os.sync()
        EMPTIED.write_text(f"{time.time()}\n")


def wait_for_quiet_disk():
    """Waits until QUIET_AFTER_DELETE seconds have passed since the trash was
    last emptied (by this or a previous benchmark)."""
    empty_trash()
    try:
        emptied = float(EMPTIED.read_text())
    except (FileNotFoundError, ValueError):
        return
    wait = emptied + QUIET_AFTER_DELETE - time.time()
    if wait > 0:
        print(f"waiting {wait:.0f} s: files deleted in the last minute slow the making of new ones on this disk…",
              file=sys.stderr)
        time.sleep(wait)


def side_by_side(cases, runs, most=None, rotate=False):
    """Runs each (cmd, prepare) of `cases` in turn, `runs` rounds: a machine
    whose speed drifts (a shared virtual machine) then weighs on every case
    alike. A cmd is a command line, or a function that measures and returns
    a Run-like result itself. `most`, if given, caps each case's runs (it
    then runs in the first rounds only). With `rotate`, each round starts
    one case further on, so that every case follows every other as often:
    what ran just before changes a run's time by a few per cent. Returns
    the list of Runs of each case."""
    most = most or [runs] * len(cases)
    results = [[] for _ in cases]
    for round_ in range(runs):
        start = round_ % len(cases) if rotate else 0
        for i in [*range(start, len(cases)), *range(start)]:
            (cmd, prepare), cap, done = cases[i], most[i], results[i]
            if round_ >= cap:
                continue
            if prepare:
                prepare()
            done.append(cmd() if callable(cmd) else Run(cmd))
    return results


def row(name, walls, note="", cpu=None, rss=None):
    return {
        "name": name,
        "median": statistics.median(walls),
        "spread": (min(walls), max(walls)),
        "cpu": cpu,
        "rss": rss,
        "note": note,
    }


def row_of(name, runs, note=""):
    """A row from measured Runs: median CPU time and peak memory too."""
    return row(name, [r.wall for r in runs], note, statistics.median(r.cpu for r in runs), max(r.rss for r in runs))


def fmt(r):
    lo, hi = r["spread"]
    cpu = f"{r['cpu']:.3f} s" if r["cpu"] is not None else "–"
    rss = f"{r['rss']:.0f} MiB" if r["rss"] is not None else "–"
    return f"| {r['name']} | {r['median']:.3f} s | {lo:.3f}–{hi:.3f} s | {cpu} | {rss} | {r['note']} |"


def certificate_folder(name, rows_wanted):
    """A folder with the example certificate batch and a list of `rows_wanted`
    trainees (the example list repeated), plus the schedule and the decision
    it reads."""
    folder = WORK / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    lines = (DATA / "hoc-vien.csv").read_text(encoding="utf-8-sig").splitlines()
    header, body = lines[0], lines[1:]
    out = [header]
    while len(out) - 1 < rows_wanted:
        out.extend(body[: rows_wanted - (len(out) - 1)])
    (folder / "hoc-vien.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    shutil.copy(DATA / "giay-chung-nhan.yaml", folder)
    shutil.copy(DATA / "phan-bo.yaml", folder)
    # The schedule only: no invitations in these runs.
    schedule = (DATA / "giay-moi.yaml").read_text(encoding="utf-8").replace("loai: giay-moi\n", "")
    (folder / "lich.yaml").write_text(schedule, encoding="utf-8")
    # The decision the certificates cite (its number and date), read but
    # not built either: no decision with its list in these runs.
    decision = (DATA / "quyet-dinh-cong-nhan.yaml").read_text(encoding="utf-8")
    decision = decision.replace("loai: quyet-dinh\n", "").replace("lich: giay-moi.yaml", "lich: lich.yaml")
    (folder / "quyet-dinh-cong-nhan.yaml").write_text(decision, encoding="utf-8")
    yaml = (folder / "giay-chung-nhan.yaml").read_text(encoding="utf-8")
    (folder / "giay-chung-nhan.yaml").write_text(yaml.replace("lich: giay-moi.yaml", "lich: lich.yaml"), encoding="utf-8")
    return folder


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--quick", action="store_true", help="skip the 10 000-certificate case")
    ap.add_argument(
        "--same-build",
        action="store_true",
        help="also compare with typst-cli built with vanban's dist settings (thin LTO, one codegen unit)",
    )
    args = ap.parse_args()

    print("building vanban (profile dist: thin LTO, one codegen unit)…", file=sys.stderr)
    sh(["cargo", "build", "--profile", "dist", "--quiet"], cwd=ROOT)
    install_typst(TYPST_ROOT, "")
    if args.same_build:
        install_typst(TYPST_LTO_ROOT, " with thin LTO",
                      {"CARGO_PROFILE_RELEASE_LTO": "thin", "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "1"})
    WORK.mkdir(parents=True, exist_ok=True)
    fonts = ["--ignore-system-fonts", "--font-path", str(ROOT / "fonts")]
    wait_for_quiet_disk()
    load = os.getloadavg()
    rows = []
    runs = args.runs

    # 1. The plan.
    plan_typ = WORK / "ke-hoach.typ"
    sh([VANBAN, "render", DATA / "ke-hoach.yaml", "--emit", "typst", "-o", plan_typ])
    cases = [
        ([VANBAN, "render", DATA / "ke-hoach.yaml", "-o", WORK / "kh-vanban.pdf"], None),
        ([TYPST, "compile", *fonts, plan_typ, WORK / "kh-typst.pdf"], None),
    ]
    results = side_by_side(cases, runs, rotate=True)
    plan_v = row_of("plan: vanban render", results[0])
    plan_t = row_of("plan: typst compile (emitted source)", results[1])
    rows += [plan_v, plan_t]

    # 2. 480 certificates, and the per-record loop: a sample of
    # single-certificate sources, extrapolated, in the same rounds. The
    # whole example folder (every document it declares, the 480
    # certificates among them: 513 files) runs in these rounds too, against
    # the same typst compile of the merged source.
    f480 = certificate_folder("c480", 480)
    merged_typ = WORK / "c480.typ"
    sh([VANBAN, "render", f480 / "giay-chung-nhan.yaml", "--emit", "typst", "-o", merged_typ])
    sample = 20
    singles = []
    lines = (DATA / "hoc-vien.csv").read_text(encoding="utf-8-sig").splitlines()
    for i in range(sample):
        f = certificate_folder(f"single-{i}", 1)
        (f / "hoc-vien.csv").write_text(lines[0] + "\n" + lines[1 + i * 24] + "\n", encoding="utf-8")
        src = WORK / f"single-{i}.typ"
        sh([VANBAN, "render", f / "giay-chung-nhan.yaml", "--emit", "typst", "-o", src])
        singles.append(src)
    # Every document of the example as typst would make it: the source
    # `vanban render --emit typst` writes for each (a batch's merged
    # document only: none of its per-record files), compiled one after
    # another. The same documents as the whole example's build, less its
    # 480 + 20 per-record files.
    documents = sorted(p for p in DATA.glob("*.yaml") if re.search(r"^loai:", p.read_text(encoding="utf-8"), re.M))
    every = []
    for doc in documents:
        src = WORK / f"doc-{doc.stem}.typ"
        sh([VANBAN, "render", doc, "--emit", "typst", "-o", src])
        every.append([TYPST, "compile", *fonts, src, WORK / f"doc-{doc.stem}.pdf"])
    out480 = WORK / "c480-out"
    out_whole = WORK / "whole-out"
    cases = [
        ([VANBAN, "build", f480, "--out", out480], lambda: clear(out480)),
        ([TYPST, "compile", *fonts, merged_typ, WORK / "c480-typst.pdf"], None),
        (lambda: LoopSample(lambda src: [TYPST, "compile", *fonts, src, WORK / "single.pdf"], singles, 480), None),
        ([VANBAN, "build", DATA, "--out", out_whole], lambda: clear(out_whole)),
        (lambda: Sequence(every), None),
    ]
    if args.same_build:
        cases.append(([TYPST_LTO, "compile", *fonts, merged_typ, WORK / "c480-typst-lto.pdf"], None))
    results = side_by_side(cases, runs, rotate=True)
    c_v = row_of("480 certificates: vanban build (480 files + merged)", results[0])
    c_t = row_of("480 certificates: typst compile (merged source only)", results[1])
    c_l = row("480 certificates: typst compile once per certificate", [r.wall for r in results[2]],
              f"{sample} runs timed, ×{480 // sample} (extrapolated)")
    whole = row_of("whole example: vanban build data/du-an-8-2025 (13 documents)", results[3],
                   f"{sum(1 for _ in out_whole.rglob('*.pdf'))} files")
    every_t = row_of(f"whole example: typst compile of each document's emitted source, one after another "
                     f"({len(every)} documents)", results[4], "merged batches only, no per-record files")
    c_same = None
    if args.same_build:
        c_same = row_of("480 certificates: typst compile (merged source only), built as vanban", results[5])
    rows += [c_v, c_t] + ([c_same] if c_same else []) + [c_l, whole, every_t]

    # 3. Scaling. The 480 batch runs again, in turn with the larger ones,
    # and once more after each 10 000 batch: the time per certificate at
    # 10 000 is compared with the 480 batches run just before and just after
    # it, in the same minutes (the machine's speed drifts, and a 480 batch,
    # short, is the noisier of the two).
    big = not args.quick
    scale = [480, 500, 2000] + ([10000] if big else [])
    big_runs = max(1, runs // 2)
    cases = []
    for n in scale:
        out = WORK / f"c{n}-out"
        cases.append(([VANBAN, "build", certificate_folder(f"c{n}", n), "--out", out], lambda out=out: clear(out)))
    most = [runs if n <= 2000 else big_runs for n in scale]
    if big:
        cases.append(cases[0])  # the 480 batch again, after the 10 000 one
        most.append(big_runs)
    results = side_by_side(cases, runs, most)
    for n, done in zip(scale, results):
        if n == 480 and big:
            done = done + results[-1]
        median = statistics.median(r.wall for r in done)
        rows.append(row_of(f"scaling: {n} certificates", done, f"{n / median:.0f} certificates/s"))
    if big:
        # Time per certificate: the 10 000 batches, and the 480 batches just
        # before them (the first rounds) and just after them.
        at_big = statistics.median(r.wall for r in results[scale.index(10000)]) / 10000
        around_big = statistics.median(r.wall for r in results[0][:big_runs] + results[-1]) / 480

    empty_trash()
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
          f"{runs} runs per case (10 000: {big_runs}); load average at the start "
          f"{load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} (other work on the machine weighs on every case).\n")
    print("| case | median wall | spread (min–max) | median CPU | peak RSS | note |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(fmt(r))
    print()
    print(f"plan: vanban / typst = {plan_v['median'] / plan_t['median']:.2f} (target ≤ 1.2)")
    print(f"480 certificates: vanban / typst merged = {c_v['median'] / c_t['median']:.2f} (target ≤ 1.0); "
          f"CPU time {c_v['cpu'] / c_t['cpu']:.2f}")
    if c_same:
        print(f"480 certificates: vanban / typst merged, built as vanban = {c_v['median'] / c_same['median']:.2f}; "
              f"CPU time {c_v['cpu'] / c_same['cpu']:.2f}")
    print(f"480 certificates: per-certificate loop / vanban = {c_l['median'] / c_v['median']:.1f}× (target ≥ 20)")
    print(f"whole example: vanban build / typst 480 merged = {whole['median'] / c_t['median']:.2f} × (target ≤ 1.0); "
          f"CPU time {whole['cpu'] / c_t['cpu']:.2f}")
    print(f"whole example: vanban build / typst compiling the same documents = "
          f"{whole['median'] / every_t['median']:.2f} × wall; CPU time {whole['cpu'] / every_t['cpu']:.2f}")
    if big:
        print(f"10 000: time per certificate {at_big * 1000:.2f} ms vs {around_big * 1000:.2f} ms at 480 "
              f"just before and after ({(at_big / around_big - 1) * 100:+.0f} %, target within ±15 %)")


if __name__ == "__main__":
    main()
