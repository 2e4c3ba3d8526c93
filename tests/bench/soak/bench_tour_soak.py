#!/usr/bin/env python3
"""bench_tour_soak: does a touring wall keep its memory? Issue 12's goal: RSS growth over a long tour < 1 %.
Runs the real program (`vigil`, normal mode, no users: no login) on an Xvfb screen with a 2x2 wall whose four
tiles tour nine cameras (three each) at the shortest dwell, 3 s, so every tile switches camera every 3 s,
each next camera pre-connected in the background (a second RTSP session per tile) and the old one closed: the
players, decoders, frame buffers and textures are made and dropped thousands of times. The cameras are
served by vigil-demo-server in a separate process (its memory is not vigil's). After a warm-up (the first
switches fill the caches, the allocator's arenas grow), vigil's RSS is sampled every 10 s; the figures are
the RSS after the warm-up and at the end, the growth between them in %, the medians of the first and the last
fifth of the samples (single samples swing with the frames in flight), and the slope of a least-squares line
through the samples of the second half (MB per hour), beside the number of camera switches the tiles
made. Never passes or fails (figures, not a test).
Usage (from the source tree, a build in build/):
  tests/support/with-xvfb.sh python3 tests/bench/soak/bench_tour_soak.py --build build --minutes 40
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "village"))
from bench_village import (Reader, add_program_args, resolve_programs, rss_mb,  # noqa: E402
                           start_server, url)


def write_config(folder, port, dwell):
    os.makedirs(folder, exist_ok=True)
    ids = [f"soak{i + 1:02d}" for i in range(9)]
    cameras = [{"id": ids[i], "name": f"Soak {i + 1}",
                "streams": [{"role": "main", "url": url(port, i, "main")},
                            {"role": "sub", "url": url(port, i, "sub")}]} for i in range(9)]
    with open(os.path.join(folder, "cameras.json"), "w") as f:
        json.dump({"version": 1, "cameras": cameras}, f)
    tours = [{"tile": t, "cameras": ids[t::4] if len(ids[t::4]) > 1 else ids[t::4] + [ids[0]],
              "dwell": dwell, "current": 0, "paused": False} for t in range(4)]
    with open(os.path.join(folder, "wall.json"), "w") as f:
        json.dump({"version": 1, "layout": "4", "tiles": [tour["cameras"][0] for tour in tours],
                   "maximizedTile": -1, "tours": tours}, f)
    with open(os.path.join(folder, "settings.json"), "w") as f:
        json.dump({"version": 1}, f)


def count_first_frames(lines):
    """Pictures changed in vigil's log: a tile's own connection ("playing") or a switch to a tour's
    pre-connected camera ("switched to pre-connected")."""
    return sum(1 for l in list(lines) if l and ("playing rtsp://" in l or "switched to pre-connected rtsp://" in l))


def slope_mb_per_hour(points):
    """Least-squares slope of (seconds, MB) points, in MB per hour."""
    n = len(points)
    if n < 2:
        return 0.0
    mt = statistics.fmean(p[0] for p in points)
    mr = statistics.fmean(p[1] for p in points)
    den = sum((p[0] - mt) ** 2 for p in points)
    return 3600.0 * sum((p[0] - mt) * (p[1] - mr) for p in points) / den if den > 0 else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_program_args(parser)
    parser.add_argument("--minutes", type=float, default=60, help="how long the tour runs after the warm-up")
    parser.add_argument("--warmup", type=int, default=120, help="seconds of touring before the first sample")
    parser.add_argument("--dwell", type=int, default=3, help="seconds per camera (3 = the shortest)")
    args = parser.parse_args()
    resolve_programs(args, "bench_tour_soak")

    work = tempfile.mkdtemp(prefix="bench-tour-soak-")
    server, port = start_server(args, os.path.join(work, "server-cache"))
    vigil = None
    try:
        config = os.path.join(work, "config")
        write_config(config, port, args.dwell)
        env = dict(os.environ, VIGIL_CONFIG_DIR=config, VIGIL_CACHE_DIR=os.path.join(work, "cache"),
                   VIGIL_RECORDINGS_DIR=os.path.join(work, "recordings"), VIGIL_CREDENTIAL_STORE="file")
        vigil = subprocess.Popen([args.vigil], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        reader = Reader(vigil.stdout, "  vigil| " if args.verbose else None)
        reader.start()
        if not reader.wait_for(r"\bplaying rtsp://", 120):
            sys.exit("bench_tour_soak: no tile played within 120 s. vigil's last lines:\n"
                     + "\n".join(l for l in reader.lines[-30:] if l))
        time.sleep(args.warmup)  # the warm-up period itself, not a wait for an event
        first_frames_before = count_first_frames(reader.lines)
        t0 = time.monotonic()
        samples = [(0.0, rss_mb(vigil.pid))]
        end = t0 + args.minutes * 60
        while time.monotonic() < end and vigil.poll() is None:
            time.sleep(10)  # the sampling period
            samples.append((time.monotonic() - t0, rss_mb(vigil.pid)))
        if vigil.poll() is not None:
            sys.exit("bench_tour_soak: vigil exited during the run (code %s)" % vigil.returncode)
        switches = count_first_frames(reader.lines) - first_frames_before
        start_mb, end_mb = samples[0][1], samples[-1][1]
        second_half = [p for p in samples if p[0] >= samples[-1][0] / 2]
        print("bench_tour_soak: vigil, 2x2 wall, 4 tiles touring 9 cameras (1280x720 main streams at this size), "
              f"dwell {args.dwell} s, next camera pre-connected")
        print(f"  warm-up {args.warmup} s, then {samples[-1][0] / 60:.1f} min sampled every 10 s "
              f"({len(samples)} samples)")
        print(f"  camera switches on the tiles during the run: {switches}")
        print(f"  RSS after warm-up {start_mb:.1f} MB, at the end {end_mb:.1f} MB, "
              f"min {min(p[1] for p in samples):.1f}, max {max(p[1] for p in samples):.1f}")
        fifth = max(1, len(samples) // 5)
        first_med = statistics.median(p[1] for p in samples[:fifth])
        last_med = statistics.median(p[1] for p in samples[-fifth:])
        print(f"  median of the first fifth {first_med:.1f} MB, of the last fifth {last_med:.1f} MB: "
              f"{100.0 * (last_med - first_med) / first_med:+.2f} % (single samples swing with the frames in flight)")
        print(f"  growth {100.0 * (end_mb - start_mb) / start_mb:+.2f} % (goal: < 1 %); "
              f"slope over the second half {slope_mb_per_hour(second_half):+.2f} MB/h")
    finally:
        if vigil and vigil.poll() is None:
            vigil.send_signal(signal.SIGTERM)
            try:
                vigil.wait(15)
            except subprocess.TimeoutExpired:
                vigil.kill()
        server.kill()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
