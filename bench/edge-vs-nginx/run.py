#!/usr/bin/env python3
"""Slipway's edge vs nginx on the same files, same machine, same wrk settings (issue 4 target: >= 1.0x nginx req/s
for 1 KB and 50 KB, p99 <= 1.2x). The edge serves a deployment from its on-disk snapshot (control plane not
running: the static-stability path); nginx (Debian nginx-light, 1 worker per core) serves the same files unpacked.
Rounds alternate the two servers so drift on this noisy machine hits both alike; the table shows medians.

A second table compares latency at the same load: every wrk connection waits 1 ms after each answer (PACED), which
both servers sustain, so the p99 there is the server's and not the scheduler's. At saturation on 2 cores the server's
event loops and wrk's threads all want the CPU all the time; the kernel here (HZ=250, no preemption) then switches
between them on 4 ms ticks, and the saturation p99 mostly measures how often wrk waited a tick or two for a core: the
faster server makes wrk the bottleneck and can show the longer tail.

With --pin, each server gets CPU 0 and one worker (edge: one Netty event loop; nginx: worker_processes 1) and wrk
gets CPU 1 with one thread: the server's own cost per request is compared without wrk and the server fighting over a
core, which is what makes the unpinned numbers swing on 2 cores.

With --firewall, the benchmarked app also has an edge firewall (issue 23): 100 CIDR rules (none matching the
loopback client, so every request walks the trie to its end) and a rate limit on every path that wrk never reaches
but that counts each request.

Usage: bench/edge-vs-nginx/run.py [--seconds 15] [--rounds 3] [--short] [--no-rules] [--pin] [--firewall]
"""
import argparse, collections, json, os, random, shutil, subprocess, sys, tempfile, time
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import (BlobDir, PACED, java_opts, ensure_packages, free_port, jar, java, median, run_nginx,
                           wait_http, wrk)

HOST = "main.dbench000000000.localhost"
FILES = {"1kb.html": 1024, "50kb.js": 50 * 1024, "1mb.bin": 1024 * 1024}
PACED_FILES = ("1kb.html", "50kb.js")   # 1 MB at the paced rate would be ~40 GB/s: no server keeps up
TYPES = {"html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "bin": "application/octet-stream"}


def site_files():
    rng = random.Random(42)
    files = {"index.html": (b"<!doctype html><h1>bench</h1>\n", TYPES["html"])}
    for name, size in FILES.items():
        files[name] = (bytes(rng.getrandbits(8) for _ in range(size)), TYPES[name.rsplit(".", 1)[1]])
    return files


SERVER_CPU, CLIENT_CPU = "0", "1"


def firewall_rules():
    """100 blocks, IPv4 and IPv6, none of them loopback; a limit high enough never to refuse wrk."""
    blocks = [f"10.{i}.0.0/16" for i in range(60)] + [f"198.51.{i}.0/24" for i in range(20)]
    blocks += [f"2001:db8:{i:x}::/48" for i in range(20)]
    return {"defaultAction": "ALLOW", "ipRules": [{"cidr": c, "action": "DENY"} for c in blocks],
            "countryRules": [], "rateLimits": [{"pathPrefix": "/", "requestsPerSecond": 1_000_000_000}]}


def start_edge(work, files, rules, pin, firewall=None):
    data = os.path.join(work, "edge-data")
    blobs = BlobDir(os.path.join(data, "blobs"))
    manifest = blobs.manifest(files)
    os.makedirs(os.path.join(data, "edge"))
    snapshot = {"version": 1, "sites": [{"host": HOST, "appId": "dbench000000000", "branchName": "main",
                                         "deploymentId": "vbench", "manifestHash": manifest}]}
    if rules is not None or firewall is not None:
        app = {"appId": "dbench000000000", "customRules": rules or []}
        if firewall is not None:
            app["firewall"] = firewall
        snapshot["apps"] = [app]
    with open(os.path.join(data, "edge", "routes.json"), "w") as f:
        json.dump(snapshot, f)
    port = free_port()
    env = dict(os.environ, SLIPWAY_DATA_DIR=data, SLIPWAY_EDGE_PORT=str(port), SLIPWAY_EDGE_HTTPS_PORT="-1",
               SLIPWAY_BLOB_STORE="file:" + os.path.join(data, "blobs"),
               SLIPWAY_CONTROL_PLANE_URL=f"http://127.0.0.1:{free_port()}", SLIPWAY_EDGE_TOKEN="bench")
    workers = 1 if pin else os.cpu_count()
    prefix = ["taskset", "-c", SERVER_CPU] if pin else []
    proc = subprocess.Popen([*prefix, java(), *java_opts(), "-Xmx768m", f"-Dreactor.netty.ioWorkerCount={workers}",
                             "-jar", jar("edge-router")], env=env, stdout=open(os.path.join(work, "edge.log"), "w"),
                            stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/_slipway/health")
    return proc, port


def start_nginx(work, files, pin):
    root = os.path.join(work, "nginx-root")
    os.makedirs(root)
    for name, (data, _) in files.items():
        with open(os.path.join(root, name), "wb") as f:
            f.write(data)
    port = free_port()
    proc = run_nginx(work, f"server {{ listen 127.0.0.1:{port}; server_name {HOST}; root {root}; etag on; }}",
                     "types { text/html html; text/javascript js; application/octet-stream bin; }\n"
                     "  sendfile on; tcp_nopush on; tcp_nodelay on;\n  keepalive_requests 1000000;",
                     workers=1 if pin else None, prefix=["taskset", "-c", SERVER_CPU] if pin else [])
    wait_http(f"http://127.0.0.1:{port}/index.html", host=HOST)
    return proc, port


def table(results, names, kind):
    print(f"{'file':<10}{'edge req/s':>12}{'nginx req/s':>13}{'ratio':>8}{'edge p50/p99 ms':>18}"
          f"{'nginx p50/p99 ms':>19}{'p99 ratio':>11}{'non-2xx e/n':>13}")
    for name in names:
        e, n = results[("edge", name, kind)], results[("nginx", name, kind)]
        e_rps, n_rps = median([r[0] for r in e]), median([r[0] for r in n])
        e_p99, n_p99 = median([r[2] for r in e]), median([r[2] for r in n])
        print(f"{name:<10}{e_rps:>12.0f}{n_rps:>13.0f}{e_rps / n_rps:>8.2f}"
              f"{median([r[1] for r in e]):>9.2f}/{e_p99:<8.2f}{median([r[1] for r in n]):>10.2f}/{n_p99:<8.2f}"
              f"{e_p99 / n_p99:>11.2f}{sum(r[3] for r in e):>7}/{sum(r[3] for r in n)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--short", action="store_true", help="CI mode: 2 s, 1 round (runs, does not judge)")
    parser.add_argument("--no-rules", action="store_true", help="serve without the 2,086 redirect rules")
    parser.add_argument("--pin", action="store_true", help="server on CPU 0 with one worker, wrk on CPU 1")
    parser.add_argument("--firewall", action="store_true", help="100 CIDR rules and a rate limit for the app")
    args = parser.parse_args()
    if args.short:
        args.seconds, args.rounds = 2, 1
    ensure_packages(("wrk", "wrk"), ("nginx", "nginx-light"))
    rules_file = os.path.join(os.environ.get("SLIPWAY_SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..",
                              "..", "shared")), "fixtures", "redirects", "aws-amplify__docs__redirects.json")
    rules = json.load(open(rules_file)) if os.path.exists(rules_file) and not args.no_rules else None
    work = tempfile.mkdtemp(prefix="slipway-edge-bench-")
    os.chmod(work, 0o755)  # nginx workers run as www-data and must read the files
    files = site_files()
    firewall = firewall_rules() if args.firewall else None
    edge, edge_port = start_edge(work, files, rules, args.pin, firewall)
    nginx, nginx_port = start_nginx(work, files, args.pin)
    threads, client_cpus = (1, CLIENT_CPU) if args.pin else (2, None)
    try:
        results = collections.defaultdict(list)
        for server, port in (("edge", edge_port), ("nginx", nginx_port)):   # warm-up: JIT, caches
            for name in FILES:
                wrk(f"http://127.0.0.1:{port}/{name}", HOST, threads, 16, 2 if not args.short else 1, client_cpus)
        for _ in range(args.rounds):
            for name in FILES:
                connections = 16 if name == "1mb.bin" else 64
                for server, port in (("edge", edge_port), ("nginx", nginx_port)):
                    results[(server, name, "")].append(wrk(f"http://127.0.0.1:{port}/{name}", HOST, threads,
                                                       connections, args.seconds, client_cpus))
            for name in PACED_FILES:
                for server, port in (("edge", edge_port), ("nginx", nginx_port)):
                    results[(server, name, "paced")].append(wrk(f"http://127.0.0.1:{port}/{name}", HOST, threads, 64,
                                                                args.seconds, client_cpus, PACED))
        pinned = ' pinned: server CPU 0 one worker, wrk CPU 1;' if args.pin else ''
        print(f"\nedge vs nginx, wrk -t{threads} -c64 (1 MB: -c16) -d{args.seconds}s, {args.rounds} round(s), medians;"
              f"{pinned} {len(rules) if rules else 0} redirect rules loaded in the edge"
              + (f"; firewall: {len(firewall['ipRules'])} CIDR rules and a rate limit" if firewall else ""))
        table(results, FILES, "")
        print(f"\nsame load: wrk -t{threads} -c64 -d{args.seconds}s, each connection waits 1 ms between requests;"
              f"{pinned} medians")
        table(results, PACED_FILES, "paced")
    finally:
        for proc in (edge, nginx):
            proc.terminate()
            proc.wait(30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
