"""Helpers shared by the benchmark programs: ports, HTTP, wrk runs, the real stack, sites on disk."""
import hashlib, json, os, random, re, shutil, signal, socket, subprocess, sys, threading, time, urllib.error, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAVA_OPTS = ["--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC"]


_HANDED_OUT = set()


def free_port():
    """A port free now, below the kernel's ephemeral range: one the kernel hands out for bind(0) it may give the next
    outgoing connection too, which then holds it when the server binds it seconds later."""
    try:
        below = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
    except OSError:
        below = 32768
    for _ in range(1000):
        port = random.randrange(10000, below)
        if port in _HANDED_OUT:
            continue
        _HANDED_OUT.add(port)
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("", port))
                return port
            except OSError:
                continue
    sys.exit(f"no free port between 10000 and {below}")


def http(method, url, body=None, headers=None, host=None, timeout=30):
    req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    if host:
        req.add_header("Host", host)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def ensure_packages(*commands_to_packages):
    """Installs Debian packages for missing commands: ensure_packages(("wrk", "wrk"), ("nginx", "nginx-light"))."""
    missing = [pkg for cmd, pkg in commands_to_packages if shutil.which(cmd) is None]
    if missing:
        print(f"installing {' '.join(missing)} ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env, stdout=subprocess.DEVNULL)


def java():
    for home in (os.environ.get("JAVA_HOME"), "/usr/lib/jvm/temurin-25-jdk-amd64"):
        if home and os.path.exists(os.path.join(home, "bin", "java")):
            return os.path.join(home, "bin", "java")
    return "java"


def java_opts():
    """JAVA_OPTS plus what ./slipway adds for the JDK it runs: Unsafe buffer access for Netty on JDK 23+."""
    run = subprocess.run([java(), "-XshowSettings:properties", "-version"], capture_output=True, text=True)
    major = re.search(r"java\.specification\.version = (\d+)", run.stderr)
    return JAVA_OPTS + (["--sun-misc-unsafe-memory-access=allow"] if major and int(major.group(1)) >= 23 else [])


def jar(module):
    return os.path.join(ROOT, module, "target", f"slipway-{module}-0.1.0-SNAPSHOT.jar")


def wait_http(url, seconds=120, host=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if http("GET", url, host=host, timeout=2)[0] < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"{url} did not answer within {seconds} s")


WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


PACED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "paced.lua")


def wrk(url, host, threads, connections, seconds, cpus=None, script=None):
    """Runs wrk (on the given CPU list when set, with a Lua script when set, e.g. PACED) and returns (requests/s,
    p50 ms, p99 ms, non-2xx/3xx count)."""
    pin = ["taskset", "-c", cpus] if cpus else []
    run = subprocess.run([*pin, "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
                          *(["-s", script] if script else []), "-H", f"Host: {host}", url],
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"wrk against {url} failed ({run.returncode}): {run.stdout}{run.stderr}")
    out = run.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: float(v) * WRK_UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", out, re.M)}
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, lat.get("50", float("nan")), lat.get("99", float("nan")), int(bad.group(1)) if bad else 0


def run_nginx(work, server, http_extra="", workers=None, prefix=()):
    """nginx in the foreground (one worker per core unless `workers`; `prefix` e.g. taskset), with `server` (a
    server block) and `http_extra` in http {}."""
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes {workers or os.cpu_count()};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
daemon off;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-tmp; proxy_temp_path {work}/nginx-tmp; fastcgi_temp_path {work}/nginx-tmp;
  uwsgi_temp_path {work}/nginx-tmp; scgi_temp_path {work}/nginx-tmp;
  {http_extra}
  {server}
}}
""")
    return subprocess.Popen([*prefix, "nginx", "-c", conf, "-p", work], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT)


class BlobDir:
    """Writes files in the layout of FileSystemBlobStore (<root>/ab/cdef...) and deployment manifests."""

    def __init__(self, root):
        self.root = root

    def put(self, data):
        key = hashlib.sha256(data).hexdigest()
        path = os.path.join(self.root, key[:2], key[2:])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return key

    def manifest(self, files):
        """files: {path: (bytes, content type)} -> manifest blob key."""
        entries = {p: {"hash": self.put(b), "size": len(b), "contentType": t} for p, (b, t) in sorted(files.items())}
        return self.put(json.dumps({"version": 1, "files": entries}).encode())


STATIC_SITE_YML = """version: 1
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


def await_job(stack, app_id, job_id, branch="main", timeout=300):
    """Polls a job until it ends; exits the benchmark unless it succeeded. Returns the job summary."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        summary = stack.call("GET", f"/api/v1/apps/{app_id}/branches/{branch}/jobs/{job_id}")[1]["job"]["summary"]
        if summary["status"] in ("SUCCEED", "FAILED", "CANCELLED"):
            if summary["status"] != "SUCCEED":
                sys.exit(f"job {job_id} ended {summary['status']}: {summary.get('statusReason')}")
            return summary
        time.sleep(0.02)
    sys.exit(f"job {job_id} did not end within {timeout} s")


class Stack:
    """./slipway up on free ports and a given data dir; stop() sends SIGTERM like Ctrl-C."""

    def __init__(self, data_dir, token, extra_env=None):
        self.api_port, self.edge_port, self.token = free_port(), free_port(), token
        env = dict(os.environ, SLIPWAY_DATA_DIR=data_dir, SLIPWAY_API_PORT=str(self.api_port),
                   SLIPWAY_EDGE_PORT=str(self.edge_port), SLIPWAY_BOOTSTRAP_TOKEN=token,
                   SLIPWAY_ALLOW_FILE_REPOS="true", SLIPWAY_EDGE_HTTPS_PORT=str(free_port()),
                   SLIPWAY_COMPUTE_PORT=str(free_port()), **(extra_env or {}))
        started = time.monotonic()
        self.proc = subprocess.Popen([os.path.join(ROOT, "slipway"), "up"], cwd=ROOT, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                     start_new_session=True)
        seen = []
        for line in self.proc.stdout:
            seen.append(line)
            if line.startswith("[slipway] ready"):
                break
        else:
            sys.exit("slipway up did not start:\n" + "".join(seen[-40:]))
        self.up_seconds = time.monotonic() - started
        # keep draining the launcher's output so it never blocks on a full pipe
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        self.api = f"http://127.0.0.1:{self.api_port}"
        self.edge = f"http://127.0.0.1:{self.edge_port}"

    def call(self, method, path, body=None):
        status, data = http(method, self.api + path, None if body is None else json.dumps(body).encode(),
                            {"Authorization": "Bearer " + self.token, "Content-Type": "application/json"})
        try:
            return status, json.loads(data)
        except ValueError:  # text answers, such as build logs
            return status, data

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


def git_repo(path):
    os.makedirs(path)
    for args in (["init", "-q", "-b", "main"], ["config", "user.email", "bench@example.test"],
                 ["config", "user.name", "bench"]):
        subprocess.run(["git", "-C", path, *args], check=True)


def git_commit(path, files, message):
    for name, content in files.items():
        full = os.path.join(path, name)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(content)
    subprocess.run(["git", "-C", path, "add", "-A"], check=True)
    subprocess.run(["git", "-C", path, "commit", "-q", "-m", message], check=True)
    return subprocess.run(["git", "-C", path, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else float("nan")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


class PostgresServer:
    """Debian's PostgreSQL server (apt-get install postgresql) in its own cluster under `work`, on a free port, for the
    benchmarks of several control planes on one database. As root, initdb and postgres run in a user namespace
    (`unshare -U`): PostgreSQL refuses to run as root."""

    USER, PASSWORD, DATABASE = "slipway", "slipway-bench", "slipway"

    def __init__(self, work):
        versions = sorted((int(v) for v in os.listdir("/usr/lib/postgresql") if v.isdigit()), reverse=True) \
            if os.path.isdir("/usr/lib/postgresql") else []
        if not versions or versions[0] < 15:
            ensure_packages(("/usr/lib/postgresql/15/bin/initdb", "postgresql"))
            versions = [15]
        bin_dir = f"/usr/lib/postgresql/{versions[0]}/bin"
        prefix = ["unshare", "-U"] if os.geteuid() == 0 else []
        self.data, self.port = os.path.join(work, "pgdata"), free_port()
        os.makedirs(work, exist_ok=True)
        password_file = os.path.join(work, "pgpass")
        with open(password_file, "w") as f:
            f.write(self.PASSWORD + "\n")
        log = open(os.path.join(work, "postgres.log"), "w")
        subprocess.run([*prefix, f"{bin_dir}/initdb", "-D", self.data, "-U", self.USER, f"--pwfile={password_file}",
                        "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"],
                       check=True, stdout=log, stderr=subprocess.STDOUT)
        self.proc = subprocess.Popen([*prefix, f"{bin_dir}/postgres", "-D", self.data, "-p", str(self.port),
                                      "-k", work, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
                                     stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while subprocess.run([f"{bin_dir}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.USER,
                              "-d", "postgres", "-c", f"CREATE DATABASE {self.DATABASE}"],
                             env=dict(os.environ, PGPASSWORD=self.PASSWORD), capture_output=True).returncode != 0:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                sys.exit("PostgreSQL did not start: " + open(os.path.join(work, "postgres.log")).read()[-2000:])
            time.sleep(0.2)
        self.jdbc_url = f"jdbc:postgresql://127.0.0.1:{self.port}/{self.DATABASE}"

    def environment(self):
        return {"SLIPWAY_DATABASE_URL": self.jdbc_url, "SLIPWAY_DATABASE_USER": self.USER,
                "SLIPWAY_DATABASE_PASSWORD": self.PASSWORD}

    def stop(self):
        self.proc.send_signal(signal.SIGINT)  # fast shutdown
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Role:
    """One `./slipway <role>` process (control-plane, runner, edge) with environment variables only, ready once
    `health_url` answers; stop() sends SIGTERM."""

    def __init__(self, role, data_dir, env, health_url):
        clean = {k: v for k, v in os.environ.items() if not k.startswith("SLIPWAY_")}
        self.log_path = data_dir + ".log"
        os.makedirs(data_dir, exist_ok=True)
        self.proc = subprocess.Popen([os.path.join(ROOT, "slipway"), role], cwd=ROOT,
                                     env=dict(clean, SLIPWAY_DATA_DIR=data_dir, **env),
                                     stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 180
        while True:
            try:
                if http("GET", health_url, timeout=2)[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"./slipway {role} did not get ready: " + open(self.log_path).read()[-3000:])
            time.sleep(0.2)

    def stop(self):
        terminate(self.proc, 60)


class S3Mock:
    """S3Mock's executable jar (the same S3-compatible server the tests use, fetched by Maven into protocol/target) on a
    free port with one bucket; its objects live under `root`."""

    def __init__(self, root, bucket):
        jar_path = os.path.join(ROOT, "protocol", "target", "s3mock", "s3mock-exec.jar")
        if not os.path.exists(jar_path):
            subprocess.run(["mvn", "-B", "-q", "-pl", "protocol", "dependency:copy@s3mock"], cwd=ROOT, check=True)
        self.root, self.bucket, self.port = root, bucket, free_port()
        os.makedirs(root, exist_ok=True)
        self.proc = subprocess.Popen([java(), "-Xmx512m", "-jar", jar_path, "--server.port=0",
                                      f"--com.adobe.testing.s3mock.http-port={self.port}",
                                      f"--com.adobe.testing.s3mock.store.root={root}",
                                      f"--com.adobe.testing.s3mock.store.initial-buckets={bucket}",
                                      "--spring.main.banner-mode=off"],
                                     stdout=open(root + ".log", "w"), stderr=subprocess.STDOUT)
        self.endpoint = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 180
        while True:
            try:
                if http("HEAD", f"{self.endpoint}/{bucket}", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("S3Mock did not start: " + open(root + ".log").read()[-2000:])
            time.sleep(0.25)

    def environment(self, prefix="slipway"):
        """What a Slipway process needs to use this bucket as its blob store."""
        return {"SLIPWAY_BLOB_STORE": f"s3://{self.bucket}/{prefix}", "SLIPWAY_S3_ENDPOINT": self.endpoint,
                "SLIPWAY_S3_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench-secret"}

    def stored_bytes(self):
        total = 0
        for folder, _, names in os.walk(self.root):
            total += sum(os.path.getsize(os.path.join(folder, n)) for n in names)
        return total

    def stop(self):
        terminate(self.proc)


def terminate(proc, seconds=30):
    """SIGTERM, then SIGKILL if the process has not exited within `seconds`."""
    proc.terminate()
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        proc.kill()


def clean_up(work, keep, *running):
    """Stops what a benchmark started (objects with stop(), or Popen processes), then removes its work directory."""
    for thing in running:
        if thing is not None:
            thing.stop() if hasattr(thing, "stop") else terminate(thing)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
