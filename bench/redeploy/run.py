#!/usr/bin/env python3
"""Redeploy of a large site with one changed file (issue 17): what travels from the runner, and how long it takes,
against the site's first deploy. Runs the roles as separate processes, as on several machines: S3Mock as the blob
store, `./slipway control-plane` (embedded PostgreSQL) and `./slipway runner` with their own data directories, so the
runner moves blobs only over HTTP (presigned S3 URLs). Builds through the API:
  first     the site's first deploy (every file uploaded)
  redeploy  the same site with one file changed (only what is missing in the store should travel)
and prints per build: files deployed, what the runner says it uploaded, bytes the store grew by, the runner's
artifacts phase (collect + hash + upload + manifest) and the whole job.
Usage: bench/redeploy/run.py [--files 10000] [--file-size 2048] [--short] [--keep]
"""
import argparse, json, os, random, re, sys, tempfile, time, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import Role, S3Mock, clean_up, free_port, git_commit, git_repo, http  # noqa: E402

AMPLIFY_YML = """version: 1
frontend:
  phases:
    build:
      commands:
        - mkdir -p dist && cp -r site/. dist/
  artifacts:
    baseDirectory: dist
    files:
      - '**/*'
"""


def site(files, size, seed):
    rng = random.Random(seed)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 \n"
    out = {"amplify.yml": AMPLIFY_YML, "site/index.html": "<!doctype html><h1>bench</h1>\n"}
    for i in range(files - 1):
        out[f"site/pages/{i // 1000:02d}/page-{i:05d}.html"] = "".join(rng.choice(alphabet) for _ in range(size))
    return out


def build(api, auth, app_id, s3):
    jobs = f"{api}/api/v1/apps/{app_id}/branches/main/jobs"
    before = s3.stored_bytes()
    started = time.monotonic()
    status, body = http("POST", jobs, json.dumps({"jobType": "RELEASE"}).encode(), auth)
    if status != 201:
        sys.exit(f"start job answered {status}: {body!r}")
    job_url = f"{jobs}/{json.loads(body)['jobSummary']['jobId']}"
    while True:
        summary = json.loads(http("GET", job_url, headers=auth)[1])["job"]["summary"]
        if summary["status"] in ("SUCCEED", "FAILED", "CANCELLED"):
            break
        time.sleep(0.05)
    wall = time.monotonic() - started
    log = http("GET", job_url + "/logs", headers=auth)[1].decode()
    if summary["status"] != "SUCCEED":
        sys.exit(f"job ended {summary['status']}: {summary.get('statusReason')}\n{log[-3000:]}")
    timings = dict(re.findall(r"(\w+)=(-?\d+)", re.search(r"\[slipway\] timings: (.*)", log).group(1)))
    uploaded = [line for line in log.splitlines() if re.search(r"upload", line, re.I) and "[slipway]" in line]
    return {"wall": wall, "artifacts": int(timings.get("artifacts", -1)) / 1000, "grew": s3.stored_bytes() - before,
            "uploaded": uploaded[-1].strip() if uploaded else "(no upload line in the log)"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--file-size", type=int, default=2048)
    parser.add_argument("--short", action="store_true", help="CI mode: 500 files (runs, does not judge)")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if args.short:
        args.files = 500
    work = tempfile.mkdtemp(prefix="slipway-bench-redeploy-")
    token, runner_token = "bench-" + uuid.uuid4().hex, "bench-runner-" + uuid.uuid4().hex
    roles, s3 = [], None
    try:
        s3 = S3Mock(os.path.join(work, "s3"), "bench")
        api_port, compute_port = free_port(), free_port()
        roles.append(Role("control-plane", os.path.join(work, "control-plane"), dict(
            s3.environment(), SLIPWAY_API_PORT=str(api_port), SLIPWAY_BOOTSTRAP_TOKEN=token,
            SLIPWAY_RUNNER_TOKEN=runner_token, SLIPWAY_ALLOW_FILE_REPOS="true"),
            f"http://127.0.0.1:{api_port}/actuator/health"))
        api = f"http://127.0.0.1:{api_port}"
        # the runner gets no blob-store settings: it goes through the control plane, as on another machine
        roles.append(Role("runner", os.path.join(work, "runner"), dict(
            SLIPWAY_CONTROL_PLANE_URL=api, SLIPWAY_RUNNER_TOKEN=runner_token, SLIPWAY_ALLOW_FILE_REPOS="true",
            SLIPWAY_COMPUTE_PORT=str(compute_port)), f"http://127.0.0.1:{compute_port}/_slipway/compute/health"))
        repo = os.path.join(work, "repo")
        git_repo(repo)
        files = site(args.files, args.file_size, 42)
        git_commit(repo, files, "a large site")
        auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
        status, body = http("POST", f"{api}/api/v1/apps", json.dumps({"name": "redeploy-bench",
                                                                      "repository": "file://" + repo}).encode(), auth)
        if status != 201:
            sys.exit(f"creating the app answered {status}: {body[:300]!r}")
        app_id = json.loads(body)["app"]["appId"]
        http("POST", f"{api}/api/v1/apps/{app_id}/branches", json.dumps({"branchName": "main"}).encode(), auth)

        first = build(api, auth, app_id, s3)
        changed = "site/pages/00/page-00007.html"
        git_commit(repo, {changed: files[changed] + "\nchanged\n"}, "one file changed")
        again = build(api, auth, app_id, s3)
        print(f"site           {args.files} files of {args.file_size} bytes "
              f"({args.files * args.file_size / 1e6:.1f} MB); S3 (S3Mock) behind presigned URLs; same machine")
        print(f"{'':10} {'job s':>7} {'artifacts s':>12} {'store grew':>12}   runner's upload line")
        for name, run in (("first", first), ("redeploy", again)):
            print(f"{name:10} {run['wall']:7.1f} {run['artifacts']:12.2f} {run['grew']:12,d}   {run['uploaded']}")
        print(f"redeploy/first: store growth {again['grew'] / max(first['grew'], 1):.4f}, "
              f"artifacts phase {again['artifacts'] / max(first['artifacts'], 1e-9):.2f}x", flush=True)
    finally:
        clean_up(work, args.keep, *reversed(roles), s3)


if __name__ == "__main__":
    main()
