#!/usr/bin/env python3
"""Push-to-live timing: starts ./slipway up on a fresh data dir, pushes N commits through signed GitHub
webhooks and prints, per phase, the p50 (and max) over the runs:

  webhook->lease   webhook accepted -> job leased by the runner (job startTime)
  clone            JGit fetch of the commit            (runner's timing line)
  container        container create + copy-in + start   (runner's timing line)
  commands         the user's amplify.yml commands      (runner's timing line)
  artifacts        collect + store blobs + manifest     (runner's timing line)
  activate->edge   job end (deployment live in the DB) -> first edge response with the new content
  total            webhook sent -> new content served

Also prints the time of `./slipway up` from a clean data dir and from a warm one.
Usage: bench/push-to-live/run.py [--runs 10] [--short]
"""
import argparse, datetime, hashlib, hmac, json, os, re, shutil, sys, tempfile, time, uuid
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import STATIC_SITE_YML, Stack, await_job, git_commit, git_repo, http, median

PHASES = ["webhook->lease", "clone", "container", "commands", "artifacts", "activate->edge", "total"]


def parse_time(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def push(stack, app_id, secret, commit, run):
    payload = json.dumps({"ref": "refs/heads/main", "after": commit, "deleted": False,
                          "head_commit": {"id": commit, "message": f"bench {run}"}}).encode()
    signature = "sha256=" + hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
    status, body = http("POST", f"{stack.api}/hooks/github/{app_id}", payload, {
        "Content-Type": "application/json", "X-GitHub-Event": "push", "X-GitHub-Delivery": str(uuid.uuid4()),
        "X-Hub-Signature-256": signature})
    if status != 202:
        sys.exit(f"webhook answered {status}: {body!r}")
    return json.loads(body)["jobId"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--short", action="store_true", help="CI mode: 3 runs (runs, does not judge)")
    args = parser.parse_args()
    if args.short:
        args.runs = 3
    work = tempfile.mkdtemp(prefix="slipway-bench-")
    data, repo, token = os.path.join(work, "data"), os.path.join(work, "repo"), "bench-" + uuid.uuid4().hex
    cold = Stack(data, token)
    cold.stop()
    stack = Stack(data, token)
    try:
        git_repo(repo)
        app = stack.call("POST", "/api/v1/apps", {"name": "bench", "repository": "file://" + repo})[1]["app"]
        app_id, secret = app["appId"], app["webhookSecret"]
        stack.call("POST", f"/api/v1/apps/{app_id}/branches", {"branchName": "main"})
        host = f"main.{app_id}.localhost"
        phases = {name: [] for name in PHASES}
        for run in range(1, args.runs + 1):
            marker = f"run {run} {uuid.uuid4().hex}"
            commit = git_commit(repo, {"amplify.yml": STATIC_SITE_YML, "index.html": f"<h1>{marker}</h1>\n"}, f"bench {run}")
            sent = time.time()
            job_id = push(stack, app_id, secret, commit, run)
            summary = await_job(stack, app_id, job_id)
            while marker.encode() not in http("GET", stack.edge + "/", host=host)[1]:
                time.sleep(0.005)
            visible = time.time()
            log = stack.call("GET", f"/api/v1/apps/{app_id}/branches/main/jobs/{job_id}/logs")[1].decode()
            timings = dict(re.findall(r"(\w+)=(\d+)", re.search(r"\[slipway\] timings: (.*)", log).group(1)))
            phases["webhook->lease"].append(parse_time(summary["startTime"]) - sent)
            for name in ("clone", "container", "commands", "artifacts"):
                phases[name].append(int(timings[name]) / 1000)
            phases["activate->edge"].append(visible - parse_time(summary["endTime"]))
            phases["total"].append(visible - sent)
            print(f"run {run}: total {visible - sent:.2f} s", flush=True)
        print(f"\npush -> live over {args.runs} runs (seconds)")
        print(f"{'phase':<16}{'p50':>8}{'max':>8}")
        for name, values in phases.items():
            print(f"{name:<16}{median(values):>8.3f}{max(values):>8.3f}")
        print(f"\n./slipway up: clean data dir {cold.up_seconds:.1f} s, warm data dir {stack.up_seconds:.1f} s")
    finally:
        stack.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
