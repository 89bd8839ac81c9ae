#!/usr/bin/env python3
"""Instant rollback under load (issue 4 targets: 0 non-2xx, activate -> first response with the new content p99 <
100 ms). Starts ./slipway up, builds two deployments of one branch, then keeps wrk hammering the site while it
flips the branch between them N times through the API, timing each flip until the edge answers with the other
deployment's content.

Usage: bench/rollback/run.py [--flips 100] [--short]
"""
import argparse, os, shutil, subprocess, sys, tempfile, threading, time, uuid
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import STATIC_SITE_YML, Stack, await_job, git_commit, git_repo, http, percentile, median, wrk



def build(stack, app_id, commit):
    status, body = stack.call("POST", f"/api/v1/apps/{app_id}/branches/main/jobs",
                              {"jobType": "RELEASE", "commitId": commit})
    return await_job(stack, app_id, body["jobSummary"]["jobId"])["jobId"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flips", type=int, default=100)
    parser.add_argument("--short", action="store_true", help="CI mode: 10 flips (runs, does not judge)")
    args = parser.parse_args()
    if args.short:
        args.flips = 10
    work = tempfile.mkdtemp(prefix="slipway-rollback-bench-")
    stack = Stack(os.path.join(work, "data"), "bench-" + uuid.uuid4().hex)
    try:
        repo = os.path.join(work, "repo")
        git_repo(repo)
        markers = [f"deployment-{letter}-{uuid.uuid4().hex}" for letter in "AB"]
        commits = [git_commit(repo, {"amplify.yml": STATIC_SITE_YML, "index.html": f"<h1>{m}</h1>\n"}, m) for m in markers]
        app = stack.call("POST", "/api/v1/apps", {"name": "rollback", "repository": "file://" + repo})[1]["app"]
        app_id = app["appId"]
        stack.call("POST", f"/api/v1/apps/{app_id}/branches", {"branchName": "main"})
        for commit in commits:
            build(stack, app_id, commit)
        deployments = stack.call("GET", f"/api/v1/apps/{app_id}/branches/main/deployments")[1]["deployments"]
        by_commit = {d["commitId"]: d["deploymentId"] for d in deployments}
        targets = [(by_commit[c], m.encode()) for c, m in zip(commits, markers)]
        host = f"main.{app_id}.localhost"

        load_seconds = max(10, int(args.flips * 0.25) + 5)
        load = {}
        loader = threading.Thread(target=lambda: load.update(result=wrk(stack.edge + "/", host, 1, 16, load_seconds)))
        loader.start()
        time.sleep(1)
        flips = []
        for i in range(args.flips):
            deployment_id, marker = targets[i % 2]
            started = time.monotonic()
            status, _ = stack.call("POST", f"/api/v1/apps/{app_id}/branches/main/deployments/{deployment_id}/activate")
            if status != 200:
                sys.exit(f"activate answered {status}")
            while marker not in http("GET", stack.edge + "/", host=host)[1]:
                time.sleep(0.001)
            flips.append((time.monotonic() - started) * 1000)
            time.sleep(0.05)
        loader.join()
        rps, p50, p99, non2xx = load["result"]
        print(f"\nrollback under load: {args.flips} flips between 2 deployments while wrk -t1 -c16 ran {load_seconds} s")
        print(f"activate -> new content: p50 {median(flips):.1f} ms, p99 {percentile(flips, 99):.1f} ms, "
              f"max {max(flips):.1f} ms")
        print(f"load: {rps:.0f} req/s, p50 {p50:.2f} ms, p99 {p99:.2f} ms, non-2xx responses: {non2xx}")
    finally:
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
