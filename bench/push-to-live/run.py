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
Usage: bench/push-to-live/run.py [--runs 10] [--keep]
"""
import argparse, datetime, hashlib, hmac, json, os, re, shutil, signal, socket, statistics, subprocess
import sys, tempfile, time, urllib.request, uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
AMPLIFY_YML = """version: 1
frontend:
  phases:
    build:
      commands:
        - mkdir -p dist && cp index.html dist/
  artifacts:
    baseDirectory: dist
    files:
      - '**/*'
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None, host=None):
    req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Stack:
    def __init__(self, data_dir, api_port, edge_port, token):
        env = dict(os.environ, SLIPWAY_DATA_DIR=data_dir, SLIPWAY_API_PORT=str(api_port),
                   SLIPWAY_EDGE_PORT=str(edge_port), SLIPWAY_BOOTSTRAP_TOKEN=token, SLIPWAY_ALLOW_FILE_REPOS="true")
        started = time.monotonic()
        self.proc = subprocess.Popen([os.path.join(ROOT, "slipway"), "up"], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.proc.stdout:
            if line.startswith("[slipway] ready"):
                break
        else:
            sys.exit("slipway up did not start")
        self.up_seconds = time.monotonic() - started

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(60)


def git(repo, *args):
    subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True)


def parse_time(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="slipway-bench-")
    data, repo = os.path.join(work, "data"), os.path.join(work, "repo")
    token, api_port, edge_port = "bench-" + uuid.uuid4().hex, free_port(), free_port()
    api = f"http://127.0.0.1:{api_port}"
    auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    cold = Stack(data, api_port, edge_port, token)
    cold.stop()
    stack = Stack(data, api_port, edge_port, token)
    try:
        os.makedirs(repo)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "config", "user.email", "bench@example.test")
        git(repo, "config", "user.name", "bench")
        with open(os.path.join(repo, "amplify.yml"), "w") as f:
            f.write(AMPLIFY_YML)
        _, body = http("POST", api + "/api/v1/apps", json.dumps(
            {"name": "bench", "repository": "file://" + repo}).encode(), auth)
        app = json.loads(body)["app"]
        app_id, secret = app["appId"], app["webhookSecret"]
        http("POST", f"{api}/api/v1/apps/{app_id}/branches", json.dumps({"branchName": "main"}).encode(), auth)
        host = f"main.{app_id}.localhost"
        phases = {k: [] for k in ["webhook->lease", "clone", "container", "commands", "artifacts",
                                  "activate->edge", "total"]}
        for run in range(1, args.runs + 1):
            marker = f"run {run} {uuid.uuid4().hex}"
            with open(os.path.join(repo, "index.html"), "w") as f:
                f.write(f"<h1>{marker}</h1>\n")
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", f"bench {run}")
            sha = subprocess.run(["git", "-C", repo, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
            payload = json.dumps({"ref": "refs/heads/main", "after": sha, "deleted": False,
                                  "head_commit": {"id": sha, "message": f"bench {run}"}}).encode()
            sig = "sha256=" + hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()
            sent = time.time()
            status, body = http("POST", f"{api}/hooks/github/{app_id}", payload, {
                "Content-Type": "application/json", "X-GitHub-Event": "push",
                "X-GitHub-Delivery": str(uuid.uuid4()), "X-Hub-Signature-256": sig})
            if status != 202:
                sys.exit(f"webhook answered {status}: {body!r}")
            job_id = json.loads(body)["jobId"]
            job_url = f"{api}/api/v1/apps/{app_id}/branches/main/jobs/{job_id}"
            while True:
                summary = json.loads(http("GET", job_url, headers=auth)[1])["job"]["summary"]
                if summary["status"] in ("SUCCEED", "FAILED", "CANCELLED"):
                    break
                time.sleep(0.02)
            if summary["status"] != "SUCCEED":
                sys.exit(f"job {job_id} ended {summary['status']}: {summary.get('statusReason')}")
            while marker.encode() not in http("GET", f"http://127.0.0.1:{edge_port}/", host=host)[1]:
                time.sleep(0.005)
            visible = time.time()
            log = http("GET", job_url + "/logs", headers=auth)[1].decode()
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
            print(f"{name:<16}{statistics.median(values):>8.3f}{max(values):>8.3f}")
        print(f"\n./slipway up: clean data dir {cold.up_seconds:.1f} s, warm data dir {stack.up_seconds:.1f} s")
    finally:
        stack.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
