#!/usr/bin/env python3
"""interdoc against Hugo on the synthetic five-locale corpus, side by side.

Generates the corpora with ../shared/bench/gen_corpus.py (--topics 200 and
--topics 2000 by default), then times, in one run on this machine:

  interdoc cold   `interdoc build` with no output folder and no cache
  interdoc warm   the same build again, nothing changed
  one edit        the same build after one line is added to one topic
  hugo cold       `hugo` on the same corpus (when hugo is installed), no
                  output folder and no resources cache
  repo site       the repository's own site with its samples cached (built
                  once first): highlighting and search caches cold, then warm
  serve edit      bench/serve_latency.py on the largest corpus (--serve)

Each figure is the median of --runs runs: wall time, CPU time (user + system)
and peak RSS of the process and its children, from wait4(). Then the ratios
the performance goals are stated in.

    cargo build --release && python3 bench/run.py [--topics 200,2000] [--runs 3] [--serve]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "target", "bench")
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")


def timed(cmd, cwd=None):
    """Runs cmd; returns (wall s, cpu s, peak RSS MiB). Fails on a non-zero exit."""
    log = tempfile.TemporaryFile()
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=log)
    # wait4 gives this child's resources (its own children included once reaped).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - started
    proc.returncode = 0  # reaped by wait4
    log.seek(0)
    stderr = log.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} exited with {code}:\n{stderr[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median_run(runs, prepare, cmd, cwd=None):
    samples = []
    for _ in range(runs):
        prepare()
        samples.append(timed(cmd, cwd))
    samples.sort(key=lambda s: s[0])
    return samples[len(samples) // 2]


TRASH = os.path.join(BENCH, "trash")


def remove(*paths):
    """Moves paths out of the way; they are deleted once every figure is taken.
    Deleting tens of thousands of files just before a timed build would time
    the file system instead: ext4 then searches past recently freed inodes for
    each file it creates (seen as a fifth of a build's CPU time)."""
    os.makedirs(TRASH, exist_ok=True)
    for p in paths:
        if os.path.lexists(p):
            os.rename(p, os.path.join(TRASH, f"{len(os.listdir(TRASH))}-{os.path.basename(p)}"))


def corpus(topics):
    out = os.path.join(BENCH, f"c{topics}")
    if not os.path.isdir(os.path.join(out, "ours")):
        subprocess.run([sys.executable, GEN, "--topics", str(topics), "--out", out, "--force"],
                       check=True, stdout=subprocess.DEVNULL)
    return out


def repo_copy():
    """The repository's site in a folder of its own, so its caches are the bench's."""
    site = os.path.join(BENCH, "repo-site")
    for part in ("content", "samples", "locales", "templates", "static", "site.toml"):
        src, dst = os.path.join(ROOT, part), os.path.join(site, part)
        if os.path.isdir(dst):
            shutil.rmtree(dst)
        if os.path.isdir(src):
            shutil.copytree(src, dst, symlinks=True, ignore=shutil.ignore_patterns("target"))
        elif os.path.isfile(src):
            os.makedirs(site, exist_ok=True)
            shutil.copy(src, dst)
    return site


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", default="200,2000", help="comma-separated corpus sizes")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve", action="store_true", help="also measure serve's edit latency")
    ap.add_argument("--no-repo", action="store_true", help="skip the repository's own site")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "interdoc"))
    args = ap.parse_args()
    sizes = [int(t) for t in args.topics.split(",")]
    hugo = shutil.which("hugo")
    rows = {}

    for topics in sizes:
        c = corpus(topics)
        ours = os.path.join(c, "ours")
        build = [args.bin, "build", "--root", ours, "--quiet"]
        cold = lambda: remove(os.path.join(ours, "public"), os.path.join(ours, ".interdoc-cache"))
        rows[("interdoc cold", topics)] = median_run(args.runs, cold, build)
        rows[("interdoc warm", topics)] = median_run(args.runs, lambda: None, build)
        # Not a goal, for the record: the build after one topic is edited, which
        # reuses the caches but cannot skip the build (see src/fresh.rs).
        edited = os.path.join(ours, "content", "en", sorted(os.listdir(os.path.join(ours, "content", "en")))[0])
        edited = os.path.join(edited, sorted(f for f in os.listdir(edited) if f.endswith(".md"))[0])
        edit = lambda: open(edited, "a").write("\nOne more line.\n")
        rows[("interdoc one edit", topics)] = median_run(args.runs, edit, build)
        if hugo:
            site = os.path.join(c, "hugo")
            clean = lambda: remove(os.path.join(site, "public"), os.path.join(site, "resources"))
            rows[("hugo cold", topics)] = median_run(
                args.runs, clean, [hugo, "--quiet", "--source", site])

    if not args.no_repo:
        site = repo_copy()
        build = [args.bin, "build", "--root", site, "--quiet"]
        timed(build)  # builds and runs the samples once: the cache the figures assume
        cache = os.path.join(site, ".interdoc-cache")
        # `fresh` too: with it, an unchanged site is not built at all.
        cold = lambda: remove(os.path.join(cache, "highlight.json"), os.path.join(cache, "search"),
                              os.path.join(cache, "fresh"))
        rows[("repo, samples cached", "cold")] = median_run(args.runs, cold, build)
        rows[("repo, samples cached", "warm")] = median_run(args.runs, lambda: None, build)

    cpus = os.cpu_count()
    print(f"\n{cpus} CPUs, median of {args.runs} run(s); interdoc {args.bin}"
          + (f"; {subprocess.run([hugo, 'version'], capture_output=True, text=True).stdout.split()[1]}"
             if hugo else "; hugo not installed"))
    print(f"{'build':<24}{'topics':>8}{'wall s':>10}{'cpu s':>10}{'peak MiB':>10}")
    for (name, topics), (wall, cpu, rss) in rows.items():
        print(f"{name:<24}{topics:>8}{wall:>10.2f}{cpu:>10.2f}{rss:>10.0f}")

    print("\nratios (goal in brackets)")
    for topics in sizes:
        ours, theirs = rows.get(("interdoc cold", topics)), rows.get(("hugo cold", topics))
        if ours and theirs:
            print(f"  {topics:>5} topics: wall vs hugo {ours[0] / theirs[0]:.2f} [<= 0.25], "
                  f"peak RSS vs hugo {ours[2] / theirs[2]:.2f} [<= 0.5]")
        warm = rows[("interdoc warm", topics)]
        print(f"  {topics:>5} topics: warm vs cold {warm[0] / ours[0]:.2f} [<= 0.1]")
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        ratio = rows[("interdoc cold", large)][0] / rows[("interdoc cold", small)][0]
        print(f"  scaling {small} -> {large} topics ({large / small:.0f}x): {ratio:.2f}x time "
              f"[<= {large / small * 1.05:.1f}x]")
    if ("repo, samples cached", "cold") in rows:
        print(f"  repository's site, samples cached: {rows[('repo, samples cached', 'cold')][0]:.2f} s "
              f"with cold highlight/search caches, {rows[('repo, samples cached', 'warm')][0]:.2f} s warm "
              "[<= 1 s]")
    sys.stdout.flush()

    shutil.rmtree(TRASH, ignore_errors=True)
    if args.serve:
        print("\nserve: edit-to-HTML latency [median <= 50 ms]")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "serve_latency.py"),
                        "--topics", str(max(sizes)), "--bin", args.bin], check=True)


if __name__ == "__main__":
    main()
