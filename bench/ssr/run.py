#!/usr/bin/env python3
"""SSR through the edge vs straight to the Node server (issue 8 target: overhead <= 10 %), and cold starts.

Makes a Next.js App Router app with create-next-app (plus a dynamic route handler), lets ./slipway up build and
deploy it (baseDirectory .next, no deploy manifest), then runs wrk with the same settings against
  edge     http://<edge>/api/time with the branch Host: static fast path declines, Gateway -> Node (at the address
           the compute host gave the edge once)
  direct   the Node server's own published port (docker), no Slipway hop at all
after an unmeasured warm-up of both paths (a fresh JVM runs interpreted code for its first seconds, and a long-running
edge does not), alternating rounds, medians printed. Then the cold start: after the idle timeout the compute host stops the
container; the time of the next request through the edge is measured, p50 over the runs.

Usage: bench/ssr/run.py [--seconds 10] [--rounds 3] [--cold 5] [--short]
"""
import argparse, os, re, subprocess, sys, tempfile, time, uuid
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import Stack, await_job, ensure_packages, git_commit, git_repo, http, median, wrk

NEXT = "16.4.3"
# longer than a wrk round: requests straight to the container bypass the compute host, which would otherwise count
# the container idle and stop it mid-round
IDLE_SECONDS = 25
FILES = {
    "amplify.yml": """version: 1
frontend:
  phases:
    preBuild:
      commands:
        - npm install --no-audit --no-fund
    build:
      commands:
        - npm run build
  artifacts:
    baseDirectory: .next
    files:
      - '**/*'
""",
    "next.config.ts": "const nextConfig = {};\n\nexport default nextConfig;\n",
    # the template's layout fetches Google Fonts at build time, unreachable here
    "app/layout.tsx": """export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (<html lang="en"><body>{children}</body></html>);
}
""",
    "app/api/time/route.ts": """export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return Response.json({ now: Date.now(), host: request.headers.get("host") });
}
""",
}


def next_app(work):
    subprocess.run(["npx", "--yes", f"create-next-app@{NEXT}", "app", "--ts", "--app", "--no-tailwind", "--no-eslint",
                    "--no-src-dir", "--no-react-compiler", "--import-alias", "@/*", "--use-npm", "--skip-install",
                    "--disable-git", "--no-agents-md", "--yes"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    repo = os.path.join(work, "app")
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "bench@example.test"],
                 ["config", "user.name", "bench"]):
        subprocess.run(["git", "-C", repo, *args], check=True)
    git_commit(repo, FILES, "Next.js app")
    return repo


def containers(deployment=None):
    label = "slipway.compute.deployment" + ("=" + deployment if deployment else "")
    out = subprocess.run(["docker", "ps", "--filter", "label=" + label, "--format", "{{.Ports}}"],
                         capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if line.strip()]


def direct_port(deployment):
    for ports in containers(deployment):
        found = re.search(r"127\.0\.0\.1:(\d+)->3000/tcp", ports)
        if found:
            return int(found.group(1))
    sys.exit(f"no running compute container of {deployment}: {containers()}")


def cpu_seconds(pattern):
    """CPU time (user + system, seconds) of the processes whose command line contains `pattern`."""
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if pattern not in f.read().decode(errors="replace"):
                    continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except OSError:
            pass
    return total


WHO = {"edge": "slipway-edge-router", "compute host": "slipway-build-runner"}


def measured(url, host, seconds):
    """wrk plus the cores each process used meanwhile (where an edge round's CPU goes on this machine)."""
    before = {name: cpu_seconds(pattern) for name, pattern in WHO.items()}
    result = wrk(url, host, 2, 32, seconds)
    return result, {name: (cpu_seconds(pattern) - before[name]) / seconds for name, pattern in WHO.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="per wrk round; keep it under the idle timeout")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=20, help="seconds of unmeasured load on each path first")
    parser.add_argument("--cold", type=int, default=3, help="cold starts to time (each waits out the idle timeout)")
    parser.add_argument("--short", action="store_true", help="CI mode: 2 s, 1 round, 1 cold start")
    args = parser.parse_args()
    if args.short:
        args.seconds, args.rounds, args.cold, args.warmup = 2, 1, 1, 2
    ensure_packages(("wrk", "wrk"))
    work = tempfile.mkdtemp(prefix="slipway-bench-ssr-")
    repo = next_app(work)
    token = "bench-" + uuid.uuid4().hex
    stack = Stack(os.path.join(work, "data"), token, {"SLIPWAY_COMPUTE_IDLE_TIMEOUT": f"{IDLE_SECONDS}s"})
    try:
        app = stack.call("POST", "/api/v1/apps", {"name": "ssr-bench", "repository": "file://" + repo,
                                                  "environmentVariables": {"NEXT_TELEMETRY_DISABLED": "1"}})[1]["app"]
        app_id = app["appId"]
        stack.call("POST", f"/api/v1/apps/{app_id}/branches", {"branchName": "main"})
        job = stack.call("POST", f"/api/v1/apps/{app_id}/branches/main/jobs", {"jobType": "RELEASE"})[1]
        started = time.monotonic()
        await_job(stack, app_id, job["jobSummary"]["jobId"], timeout=900)
        print(f"build of the Next.js app (npm install + next build + deploy): {time.monotonic() - started:.0f} s")
        deployment = stack.call("GET", f"/api/v1/apps/{app_id}/branches/main/deployments")[1]["deployments"][0][
            "deploymentId"]
        host = f"main.{app_id}.localhost"
        edge_url = f"{stack.edge}/api/time"
        # the edge learns the deployment from its next route snapshot; the first answer also includes a cold start
        live = time.monotonic()
        while True:
            status, body = http("GET", edge_url, host=host, timeout=120)
            if status == 200 or time.monotonic() - live > 60:
                break
            time.sleep(0.05)
        if status != 200:
            sys.exit(f"the SSR route answered {status}: {body[:300]!r}")
        print(f"job SUCCEED -> first dynamic answer through the edge (route feed + cold start): "
              f"{time.monotonic() - live:.2f} s")
        direct_url = f"http://127.0.0.1:{direct_port(deployment)}/api/time"
        for url in (direct_url, edge_url):
            wrk(url, host, 2, 32, args.warmup)
        results = {"edge": [], "direct": []}
        cores = {}
        for _ in range(args.rounds):
            for name, url in (("direct", direct_url), ("edge", edge_url)):
                result, cores[name] = measured(url, host, args.seconds)
                results[name].append(result)
        print(f"\ndynamic Next.js route handler, wrk -t2 -c32 -d{args.seconds}s, {args.rounds} round(s) after "
              f"{args.warmup} s of warm-up on each path, medians")
        print(f"{'path':8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
        row = {}
        for name in ("direct", "edge"):
            runs = results[name]
            row[name] = (median([r[0] for r in runs]), median([r[1] for r in runs]), median([r[2] for r in runs]),
                         sum(r[3] for r in runs))
            print(f"{name:8} {row[name][0]:9.0f} {row[name][1]:8.2f} {row[name][2]:8.2f} {row[name][3]:8d}")
        print(f"edge overhead: req/s {100 * (1 - row['edge'][0] / row['direct'][0]):.1f} %, "
              f"p99 {row['edge'][2] / row['direct'][2]:.2f}x")
        for name in ("direct", "edge"):
            print(f"cores used in the last {name} round: "
                  + ", ".join(f"{who} {used:.2f}" for who, used in cores[name].items()))
        colds = []
        for _ in range(args.cold):
            deadline = time.monotonic() + IDLE_SECONDS + 60
            while containers(deployment) and time.monotonic() < deadline:
                time.sleep(0.25)
            if containers(deployment):
                sys.exit("the compute container was not stopped after the idle timeout")
            t0 = time.monotonic()
            status, _ = http("GET", edge_url, host=host, timeout=120)
            colds.append((time.monotonic() - t0) * 1000)
            if status != 200:
                sys.exit(f"cold request answered {status}")
        print(f"cold start through the edge (container start + Next.js boot + request), {len(colds)} runs: "
              f"p50 {median(colds):.0f} ms, max {max(colds):.0f} ms")
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
