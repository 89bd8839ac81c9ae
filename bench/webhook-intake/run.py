#!/usr/bin/env python3
"""Webhook intake throughput with dedupe: starts ./slipway up on free ports and a fresh data dir, sends N signed
GitHub push deliveries to /hooks/github/{appId} from a few keep-alive connections (a share of them redeliveries of
earlier ones, same delivery id and bytes) and prints deliveries/s and the p50/p99 latency, then checks that every
unique delivery queued exactly one job (distinct job ids) and every redelivery none.

The app's repository does not exist, so the runner fails each job at once: the numbers are about intake
(verify HMAC, dedupe, insert delivery + job in one transaction, answer), not builds.
Usage: bench/webhook-intake/run.py [--deliveries 2000] [--duplicates 0.1] [--connections 8] [--keep]
       bench/webhook-intake/run.py --api-port 8080 --token <admin token>   (against a stack already running)
"""
import argparse, hashlib, hmac, http.client, json, os, random, shutil, signal, socket, statistics, subprocess
import sys, tempfile, threading, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import Stack  # noqa: E402


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--duplicates", type=float, default=0.1, help="share of redeliveries")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument("--api-port", type=int, help="use the stack already listening here instead of starting one")
    parser.add_argument("--token", help="admin API token of that stack")
    parser.add_argument("--short", action="store_true", help="CI mode: 200 deliveries (runs, does not judge)")
    args = parser.parse_args()
    if args.short:
        args.deliveries = 200
    work = tempfile.mkdtemp(prefix="slipway-bench-intake-")
    token = args.token or "bench-" + uuid.uuid4().hex
    stack = None if args.api_port else Stack(os.path.join(work, "data"), token, {"SLIPWAY_EXECUTOR": "local"})
    api_port = args.api_port or stack.api_port
    auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    secret = "bench-secret-" + uuid.uuid4().hex
    try:
        api = http.client.HTTPConnection("127.0.0.1", api_port, timeout=30)
        status, body = request(api, "POST", "/api/v1/apps", json.dumps({
            "name": "bench", "repository": "file:///nonexistent/slipway-bench-repo", "webhookSecret": secret}), auth)
        app_id = json.loads(body)["app"]["appId"]
        request(api, "POST", f"/api/v1/apps/{app_id}/branches", json.dumps({"branchName": "main"}), auth)
        work_items, unique = deliveries(args.deliveries, args.duplicates, secret)
        # warm-up: JIT, connection pools (not counted)
        for headers, body in deliveries(50, 0, secret)[0]:
            request(api, "POST", f"/hooks/github/{app_id}", body, dict(headers))

        latencies, results, job_ids, lock = [], {}, [], threading.Lock()
        queue = list(enumerate(work_items))

        def worker():
            conn = http.client.HTTPConnection("127.0.0.1", api_port, timeout=30)
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
        threads = [threading.Thread(target=worker) for _ in range(args.connections)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        latencies.sort()
        p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
        # a fresh connection: the warm-up one sat idle during the run and the server may have closed it
        api = http.client.HTTPConnection("127.0.0.1", api_port, timeout=30)
        status, body = request(api, "GET", f"/api/v1/apps/{app_id}/branches/main", headers=auth)
        # job numbers are taken before the delivery's transaction, so a redelivery racing its original skips one
        numbers_taken = int(json.loads(body)["branch"]["totalNumberOfJobs"]) - 50
        jobs = len(set(job_ids))
        print(f"deliveries     {len(latencies)} ({unique} unique, {len(latencies) - unique} redeliveries), "
              f"{args.connections} connections")
        print(f"throughput     {len(latencies) / wall:.0f} deliveries/s")
        print(f"latency        p50 {p(0.50):.1f} ms   p99 {p(0.99):.1f} ms   max {latencies[-1] * 1000:.1f} ms")
        print(f"results        {dict(sorted(results.items()))}")
        print(f"jobs queued    {jobs} distinct job ids (expected {unique}) -> {'OK' if jobs == unique else 'MISMATCH'}"
              f"; {numbers_taken - jobs} job numbers skipped by racing redeliveries")
        if jobs != unique or results.get("QUEUED", 0) != unique:
            sys.exit(1)
    finally:
        if stack:
            stack.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
