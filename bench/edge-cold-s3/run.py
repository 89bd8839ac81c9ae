#!/usr/bin/env python3
"""First byte of an uncached 1 MB file on a cold edge whose blob store is S3 (issue 17), against the same edge on a
local directory store and against a second (cached) request. The edge runs from a route snapshot on disk with no
control plane (as when it is down), its blobs in S3Mock; its disk cache is bounded below the deployment's size so
that the background prefetch leaves the files alone and each first request really goes to S3.
Prints, per mode, the median, p90 and max of the time from sending the request to the first body byte, over N files
each requested once (the very first S3 request, with the S3 client's warm-up, is reported on its own).
Usage: bench/edge-cold-s3/run.py [--files 20] [--short] [--keep]
"""
import argparse, json, os, random, subprocess, sys, tempfile, time
import http.client as httpclient

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import (BlobDir, S3Mock, clean_up, free_port, http, jar, java, java_opts, median, percentile,  # noqa: E402
                           wait_http)

HOST = "main.dbench000000000.localhost"
MB = 1024 * 1024


def start_edge(work, name, manifest, store_env, cache_size):
    data = os.path.join(work, name)
    os.makedirs(os.path.join(data, "edge"))
    with open(os.path.join(data, "edge", "routes.json"), "w") as f:
        json.dump({"version": 1, "sites": [{"host": HOST, "appId": "dbench000000000", "branchName": "main",
                                            "deploymentId": "vbench", "manifestHash": manifest}]}, f)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLIPWAY_")}
    env.update(store_env, SLIPWAY_DATA_DIR=data, SLIPWAY_EDGE_PORT=str(port), SLIPWAY_EDGE_HTTPS_PORT="-1",
               SLIPWAY_CONTROL_PLANE_URL=f"http://127.0.0.1:{free_port()}", SLIPWAY_EDGE_TOKEN="bench",
               SLIPWAY_EDGE_CACHE_SIZE=cache_size)
    proc = subprocess.Popen([java(), *java_opts(), "-Xmx512m", "-jar", jar("edge-router")], env=env,
                            stdout=open(data + ".log", "w"), stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/_slipway/health")
    return proc, port


def first_byte(port, path):
    """Seconds from sending the request to the first body byte, on a fresh connection; checks the whole body."""
    conn = httpclient.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Host": HOST})
    response = conn.getresponse()
    response.read(1)
    elapsed = time.perf_counter() - started
    rest = response.read()
    conn.close()
    if response.status != 200 or len(rest) + 1 != MB:
        sys.exit(f"GET {path} answered {response.status} with {len(rest) + 1} bytes")
    return elapsed


def row(name, seconds):
    ms = [s * 1000 for s in seconds]
    print(f"{name:<34}{median(ms):>9.1f}{percentile(ms, 90):>9.1f}{max(ms):>9.1f}{len(ms):>6}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--short", action="store_true", help="CI mode: 4 files (runs, does not judge)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.short:
        args.files = 4
    work = tempfile.mkdtemp(prefix="slipway-bench-cold-edge-")
    procs, s3 = [], None
    try:
        rng = random.Random(17)
        files = {f"{i:02d}.bin": (rng.randbytes(MB), "application/octet-stream") for i in range(args.files + 1)}
        blobs = BlobDir(os.path.join(work, "blobs"))
        manifest = blobs.manifest(files)
        s3 = S3Mock(os.path.join(work, "s3"), "bench")
        for folder, _, names in os.walk(blobs.root):
            for name in names:
                key = os.path.relpath(os.path.join(folder, name), blobs.root)
                with open(os.path.join(folder, name), "rb") as f:
                    status, _ = http("PUT", f"{s3.endpoint}/bench/edge/{key}", f.read())
                if status != 200:
                    sys.exit(f"uploading {key} to S3Mock answered {status}")
        # the bound holds one file but not the deployment: prefetch skips it, each first request goes to S3
        s3_edge, s3_port = start_edge(work, "edge-s3", manifest, s3.environment("edge"), f"{MB * 3 // 2}B")
        procs.append(s3_edge)
        file_edge, file_port = start_edge(work, "edge-file", manifest, {"SLIPWAY_BLOB_STORE": "file:" + blobs.root},
                                          "10GB")
        procs.append(file_edge)
        names = sorted(files)
        warm_up = first_byte(s3_port, "/" + names[0])
        cold = [first_byte(s3_port, "/" + name) for name in names[1:]]
        cached = [first_byte(s3_port, "/" + names[-1]) for _ in range(len(names) - 1)]
        local = [first_byte(file_port, "/" + name) for name in names[1:]]
        print(f"1 MB files, loopback, same machine; edge without control plane; S3 = S3Mock")
        print(f"{'first byte (ms)':<34}{'p50':>9}{'p90':>9}{'max':>9}{'n':>6}")
        row("cold edge, S3 (first S3 request)", [warm_up])
        row("cold edge, S3, uncached", cold)
        row("same edge, cached (second GET)", cached)
        row("edge on a local directory store", local)
    finally:
        clean_up(work, args.keep, *procs, s3)


if __name__ == "__main__":
    main()
