#!/usr/bin/env python3
"""Webhook intake throughput with dedupe: starts ./slipway up on free ports and a fresh data dir, sends N signed
GitHub push deliveries to /hooks/github/{appId} from a few keep-alive connections (a share of them redeliveries of
earlier ones, same delivery id and bytes) and prints deliveries/s and the p50/p99 latency, then checks that every
unique delivery queued exactly one job (distinct job ids) and every redelivery none.

The app's repository does not exist, so the runner fails each job at once: the numbers are about intake
(verify HMAC, dedupe, insert delivery + job in one transaction, answer), not builds.
With --control-planes 1,2 it measures instead, for each count in turn, that many `./slipway control-plane`
processes on one external PostgreSQL server (Debian's, a fresh cluster each), the connections spread evenly over
them, as behind a load balancer: intake with one and with two control planes, same machine.
Usage: bench/webhook-intake/run.py [--deliveries 2000] [--duplicates 0.1] [--connections 8] [--keep]
       bench/webhook-intake/run.py --control-planes 1,2 [--deliveries 2000]
       bench/webhook-intake/run.py --api-port 8080 --token <admin token>   (against a stack already running)
"""
import argparse, base64, hashlib, hmac, http.client, json, os, random, shutil, signal, socket, statistics, subprocess
import sys, tempfile, threading, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import PostgresServer, Role, Stack, free_port  # noqa: E402


def request(conn, method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read()


def deliveries(count, duplicate_share, secret):
    """(headers, body) per delivery; redeliveries repeat an earlier delivery exactly."""
    unique, out = [], []
    for i in range(count):
        if unique and random.random() < duplicate_share:
            out.append(random.choice(unique))
            continue
        sha = hashlib.sha1(f"bench-{i}-{uuid.uuid4()}".encode()).hexdigest()
        body = json.dumps({"ref": "refs/heads/main", "after": sha, "deleted": False,
                           "head_commit": {"id": sha, "message": f"bench {i}",
                                           "timestamp": "2026-01-01T00:00:00Z"}}).encode()
        headers = {"Content-Type": "application/json", "X-GitHub-Event": "push",
                   "X-GitHub-Delivery": str(uuid.uuid4()),
                   "X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()}
        unique.append((headers, body))
        out.append(unique[-1])
    return out, len(unique)


def control_planes(work, count, token):
    """`count` control planes on one fresh PostgreSQL server; returns (their API ports, a stop function)."""
    postgres = PostgresServer(os.path.join(work, f"postgres-{count}"))
    shared = dict(postgres.environment(), SLIPWAY_BOOTSTRAP_TOKEN=token, SLIPWAY_ALLOW_FILE_REPOS="true",
                  SLIPWAY_MASTER_KEY=base64.b64encode(os.urandom(32)).decode(),
                  SLIPWAY_RUNNER_TOKEN="bench-runner-" + uuid.uuid4().hex,
                  SLIPWAY_EDGE_TOKEN="bench-edge-" + uuid.uuid4().hex)
    roles, ports = [], []
    try:
        for i in range(count):
            port = free_port()
            roles.append(Role("control-plane", os.path.join(work, f"cp-{count}-{i}"),
                              dict(shared, SLIPWAY_API_PORT=str(port)), f"http://127.0.0.1:{port}/actuator/health"))
            ports.append(port)
    except BaseException:
        for role in roles:
            role.stop()
        postgres.stop()
        raise

    def stop():
        for role in roles:
            role.stop()
        postgres.stop()
    return ports, stop


def measure(api_ports, token, args, label):
    """Creates an app, sends the deliveries over connections spread across api_ports, prints and checks the result."""
    auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    secret = "bench-secret-" + uuid.uuid4().hex
    api = http.client.HTTPConnection("127.0.0.1", api_ports[0], timeout=30)
    status, body = request(api, "POST", "/api/v1/apps", json.dumps({
        "name": "bench", "repository": "file:///nonexistent/slipway-bench-repo", "webhookSecret": secret}), auth)
    if status != 201:
        sys.exit(f"creating the app answered {status}: {body[:500]!r}")
    app_id = json.loads(body)["app"]["appId"]
    request(api, "POST", f"/api/v1/apps/{app_id}/branches", json.dumps({"branchName": "main"}), auth)
    work_items, unique = deliveries(args.deliveries, args.duplicates, secret)
    # warm-up of every control plane: JIT, connection pools (not counted)
    warm_up = deliveries(50, 0, secret)[0]
    for i, (headers, body) in enumerate(warm_up):
        port = api_ports[i % len(api_ports)]
        request(http.client.HTTPConnection("127.0.0.1", port, timeout=30), "POST", f"/hooks/github/{app_id}", body,
                dict(headers))

    latencies, results, job_ids, lock = [], {}, [], threading.Lock()
    queue = list(enumerate(work_items))

    def worker(port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not queue:
                    return
                _, (headers, body) = queue.pop(0)
            started = time.perf_counter()
            status, answer = request(conn, "POST", f"/hooks/github/{app_id}", body, dict(headers))
            elapsed = time.perf_counter() - started
            answer = json.loads(answer) if answer else {}
            result = answer.get("result", str(status))
            with lock:
                latencies.append(elapsed)
                results[result] = results.get(result, 0) + 1
                if "jobId" in answer:
                    job_ids.append(answer["jobId"])

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(api_ports[i % len(api_ports)],)) for i in range(args.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
    # a fresh connection: the warm-up one sat idle during the run and the server may have closed it
    api = http.client.HTTPConnection("127.0.0.1", api_ports[-1], timeout=30)
    status, body = request(api, "GET", f"/api/v1/apps/{app_id}/branches/main", headers=auth)
    # job numbers are taken before the delivery's transaction, so a redelivery racing its original skips one
    numbers_taken = int(json.loads(body)["branch"]["totalNumberOfJobs"]) - len(warm_up)
    jobs = len(set(job_ids))
    print(f"[{label}]")
    print(f"deliveries     {len(latencies)} ({unique} unique, {len(latencies) - unique} redeliveries), "
          f"{args.connections} connections")
    print(f"throughput     {len(latencies) / wall:.0f} deliveries/s")
    print(f"latency        p50 {p(0.50):.1f} ms   p99 {p(0.99):.1f} ms   max {latencies[-1] * 1000:.1f} ms")
    print(f"results        {dict(sorted(results.items()))}")
    print(f"jobs queued    {jobs} distinct job ids (expected {unique}) -> {'OK' if jobs == unique else 'MISMATCH'}"
          f"; {numbers_taken - jobs} job numbers skipped by racing redeliveries", flush=True)
    return jobs == unique and results.get("QUEUED", 0) == unique


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--duplicates", type=float, default=0.1, help="share of redeliveries")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument("--api-port", type=int, help="use the stack already listening here instead of starting one")
    parser.add_argument("--token", help="admin API token of that stack")
    parser.add_argument("--control-planes", help="e.g. 1,2: that many control planes on one external PostgreSQL")
    parser.add_argument("--short", action="store_true", help="CI mode: 200 deliveries (runs, does not judge)")
    args = parser.parse_args()
    if args.short:
        args.deliveries = 200
    work = tempfile.mkdtemp(prefix="slipway-bench-intake-")
    token = args.token or "bench-" + uuid.uuid4().hex
    ok = True
    try:
        if args.control_planes:
            for count in (int(c) for c in args.control_planes.split(",")):
                ports, stop = control_planes(work, count, token)
                try:
                    ok &= measure(ports, token, args, f"{count} control plane{'s' if count > 1 else ''}, "
                                                      "external PostgreSQL")
                finally:
                    stop()
        elif args.api_port:
            ok = measure([args.api_port], token, args, f"stack on :{args.api_port}")
        else:
            stack = Stack(os.path.join(work, "data"), token, {"SLIPWAY_EXECUTOR": "local"})
            try:
                ok = measure([stack.api_port], token, args, "./slipway up (embedded PostgreSQL)")
            finally:
                stack.stop()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
