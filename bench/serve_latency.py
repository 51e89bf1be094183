#!/usr/bin/env python3
"""Edit-to-updated-HTML latency of `interdoc serve`.

Generates the synthetic corpus with ../shared/bench/gen_corpus.py (default:
--topics 2000, the 10,000-page site), starts `interdoc serve` on it, then edits
topics one at a time and measures how long each edit takes to reach the HTML
file on disk (and, separately, the served page). Prints each edit and the
median, 90th percentile and maximum.

    cargo build --release && python3 bench/serve_latency.py [--topics N] [--edits N]
    python3 bench/serve_latency.py --site .     # the repository's own site
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--topics", type=int, default=2000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    ap.add_argument("--site", help="measure this site (a copy is edited) instead of the corpus")
    ap.add_argument("--bin", default=os.path.join(ROOT, "target/release/interdoc"))
    args = ap.parse_args()

    if args.site:
        site = os.path.join(ROOT, "target/bench", "site-copy")
        shutil.rmtree(site, ignore_errors=True)
        for part in ("content", "samples", "site.toml", ".interdoc-cache"):
            src = os.path.join(args.site, part)
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(site, part), symlinks=True)
            elif os.path.isfile(src):
                shutil.copy(src, os.path.join(site, part))
    else:
        corpus = os.path.join(ROOT, "target/bench", f"c{args.topics}")
        gen = os.path.join(ROOT, "..", "shared", "bench", "gen_corpus.py")
        if not os.path.isdir(os.path.join(corpus, "ours")):
            subprocess.run([sys.executable, gen, "--topics", str(args.topics), "--out", corpus], check=True,
                           stdout=subprocess.DEVNULL)
        site = os.path.join(corpus, "ours")

    started = time.monotonic()
    server = subprocess.Popen([args.bin, "serve", "--skip-samples", "--port", "0", "--root", site],
                              stderr=subprocess.PIPE, text=True)
    log = []
    port = None
    ready = threading.Event()

    def read():
        nonlocal port
        for line in server.stderr:
            log.append(line)
            m = re.search(r" at http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(900):
        server.kill()
        sys.exit("the server did not start:\n" + "".join(log[-20:]))
    print(f"initial build and start: {time.monotonic() - started:.1f} s ({site})")

    topics = sorted(
        os.path.join(dp, f)
        for dp, _, fs in os.walk(os.path.join(site, "content", "en"))
        for f in fs if f.endswith(".md") and f != "index.md"
    )
    step = max(1, len(topics) // args.edits)
    disk, served = [], []
    try:
        for i in range(args.edits):
            src = topics[(i * step) % len(topics)]
            rel = os.path.relpath(src, os.path.join(site, "content"))
            out = os.path.join(site, "public", rel.lower()[:-3] + ".html")
            marker = f"latency-marker-{i}-{time.time_ns()}"
            with open(src, "a", encoding="utf-8") as f:
                f.write(f"\n\n{marker}\n")
            t0 = time.monotonic()
            while True:
                try:
                    with open(out, encoding="utf-8") as f:
                        if marker in f.read():
                            break
                except FileNotFoundError:
                    pass
                if time.monotonic() - t0 > 120:
                    sys.exit(f"{out} never changed:\n" + "".join(log[-20:]))
                time.sleep(0.002)
            t_disk = time.monotonic() - t0
            url = f"http://127.0.0.1:{port}/" + rel[:-3].lower() + ".html"
            while marker not in urllib.request.urlopen(url).read().decode():
                time.sleep(0.002)
            t_served = time.monotonic() - t0
            disk.append(t_disk * 1000)
            served.append(t_served * 1000)
            print(f"edit {i + 1:2}: {rel:48} on disk {t_disk * 1000:7.1f} ms, served {t_served * 1000:7.1f} ms")
            # A writer's pause between two saves.
            time.sleep(args.pause)
    finally:
        server.terminate()
        server.wait(60)

    def summary(name, xs):
        xs = sorted(xs)
        p90 = xs[min(len(xs) - 1, int(len(xs) * 0.9))]
        print(f"{name:8} median {statistics.median(xs):7.1f} ms   p90 {p90:7.1f} ms   max {xs[-1]:7.1f} ms")

    print(f"\n{len(disk)} edits of one topic each, 2-core machine ({os.cpu_count()} CPUs seen):")
    summary("on disk", disk)
    summary("served", served)
    rebuilt = [l.strip() for l in log if l.startswith("rebuilt in")]
    if rebuilt:
        # The first rebuild may still find the files of the initial build young.
        times = [int(re.search(r"rebuilt in (\d+) ms", l).group(1)) for l in rebuilt[1:]]
        if times:
            print(f"server: rebuild median {statistics.median(times):.0f} ms, from its start to "
                  "the files written (the 15 ms wait for the end of a save comes before)")
        print("server, last:", rebuilt[-1])
    searched = [l.strip() for l in log if l.startswith("search index updated")]
    print(f"search bundles rebuilt {len(searched)} time(s) (after 3 s without a change)")


if __name__ == "__main__":
    main()
