#!/usr/bin/env python3
"""Build overhead with and without a warm build cache, for a real Vite React app.

Creates `npm create vite@latest app -- --template react` as a git repository (at run time), starts ./slipway up on
free ports and a fresh data dir, then builds the branch through the API:
  - N builds started with {"clearCache": true}: no cache restored (cold node_modules: `npm install` fetches it);
  - one warm-up build that saves the cache, then N builds that restore node_modules/**/* from it.
Per build it reads the runner's timing line and prints the p50 (and max) of:
  overhead   job start on the runner (right after the lease) -> first user command (clone, cache restore,
             container create + copy-in + start)
  cache      restoring + saving the cache
  commands   the amplify.yml commands (npm install + vite build)
  job        job startTime -> endTime as the API reports it
Usage: bench/build-overhead/run.py [--runs 10] [--keep]
"""
import argparse, datetime, json, os, re, shutil, statistics, subprocess, sys, tempfile, threading, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import slipway_bench as ptl  # noqa: E402  (shared helpers: http, Stack, ports)


def _git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True)


def _parse_time(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()

AMPLIFY_YML = """version: 1
frontend:
  phases:
    preBuild:
      commands:
        - npm install --no-audit --no-fund
    build:
      commands:
        - npm run build
  artifacts:
    baseDirectory: dist
    files:
      - '**/*'
  cache:
    paths:
      - node_modules/**/*
"""


def create_repo(repo):
    parent = os.path.dirname(repo)
    subprocess.run(["npm", "create", "--yes", "vite@latest", os.path.basename(repo), "--", "--template", "react"],
                   cwd=parent, check=True, stdin=subprocess.DEVNULL, capture_output=True)
    with open(os.path.join(repo, "amplify.yml"), "w") as f:
        f.write(AMPLIFY_YML)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "bench@example.test")
    _git(repo, "config", "user.name", "bench")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "npm create vite@latest (react)")


def build(api, auth, app_id, clear_cache):
    jobs = f"{api}/api/v1/apps/{app_id}/branches/main/jobs"
    status, body = ptl.http("POST", jobs, json.dumps({"jobType": "RELEASE", "clearCache": clear_cache}).encode(), auth)
    if status != 201:
        sys.exit(f"start job answered {status}: {body!r}")
    job_url = f"{jobs}/{json.loads(body)['jobSummary']['jobId']}"
    while True:
        summary = json.loads(ptl.http("GET", job_url, headers=auth)[1])["job"]["summary"]
        if summary["status"] in ("SUCCEED", "FAILED", "CANCELLED"):
            break
        time.sleep(0.05)
    log = ptl.http("GET", job_url + "/logs", headers=auth)[1].decode()
    if summary["status"] != "SUCCEED":
        sys.exit(f"job ended {summary['status']}: {summary.get('statusReason')}\n{log[-3000:]}")
    timings = {k: int(v) / 1000 for k, v in
               re.findall(r"(\w+)=(-?\d+)", re.search(r"\[slipway\] timings: (.*)", log).group(1))}
    timings["job"] = _parse_time(summary["endTime"]) - _parse_time(summary["startTime"])
    timings["restored"] = "Restored the build cache" in log
    timings["cache_lines"] = [line for line in log.splitlines() if "cache" in line.lower() and "slipway" in line]
    return timings


def report(title, runs):
    print(f"\n{title} ({len(runs)} builds, seconds)")
    print(f"{'phase':<12}{'p50':>8}{'max':>8}")
    for name in ("overhead", "clone", "container", "cache", "commands", "job"):
        values = [r[name] for r in runs]
        print(f"{name:<12}{statistics.median(values):>8.3f}{max(values):>8.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--short", action="store_true", help="CI mode: 2 runs each (runs, does not judge)")
    args = parser.parse_args()
    if args.short:
        args.runs = 2
    work = tempfile.mkdtemp(prefix="slipway-bench-overhead-")
    repo = os.path.join(work, "app")
    create_repo(repo)
    token = "bench-" + uuid.uuid4().hex
    stack = ptl.Stack(os.path.join(work, "data"), token)
    api = stack.api
    auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    try:
        _, body = ptl.http("POST", api + "/api/v1/apps", json.dumps(
            {"name": "vite-bench", "repository": "file://" + repo}).encode(), auth)
        app_id = json.loads(body)["app"]["appId"]
        ptl.http("POST", f"{api}/api/v1/apps/{app_id}/branches", json.dumps({"branchName": "main"}).encode(), auth)
        cold = []
        for run in range(1, args.runs + 1):
            cold.append(build(api, auth, app_id, True))
            print(f"cold {run}: overhead {cold[-1]['overhead']:.2f} s, job {cold[-1]['job']:.2f} s", flush=True)
        warm_up = build(api, auth, app_id, False)  # saves the cache (the last cold build saved one too)
        print("warm-up: " + "; ".join(warm_up["cache_lines"]), flush=True)
        warm = []
        for run in range(1, args.runs + 1):
            warm.append(build(api, auth, app_id, False))
            if not warm[-1]["restored"]:
                sys.exit("a warm build did not restore the cache:\n" + "\n".join(warm[-1]["cache_lines"]))
            print(f"warm {run}: overhead {warm[-1]['overhead']:.2f} s, job {warm[-1]['job']:.2f} s", flush=True)
        report("without cache (clearCache)", cold)
        report("with a warm node_modules cache", warm)
    except BaseException:
        print(f"stack output: {stack_log.name} (kept)", file=sys.stderr)
        args.keep = True
        raise
    finally:
        stack.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
