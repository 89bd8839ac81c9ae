#!/usr/bin/env python3
"""TLS on Slipway's edge vs nginx with the same certificate (issue 7): full and resumed handshakes per second with
`openssl s_time` (one client process, so these are per-connection latency-bound rates on a shared 2-core machine),
the time an edge needs to apply a snapshot of 10,000 custom domains with certificates, and full handshakes per
second again once those 10,000 domains are loaded (SNI lookup cost must not grow with the count).

The edge gets its routes from a small in-process stand-in for the control plane's route feed (same long-poll
protocol), so the snapshot apply is timed from the moment the feed answers until /_slipway/health reports it.

Usage: bench/tls/run.py [--seconds 8] [--rounds 3] [--domains 10000] [--short]
"""
import argparse, base64, http.server, json, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.parse
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import BlobDir, JAVA_OPTS, ensure_packages, free_port, http, jar, java, median, wait_http

HOST = "bench.example.test"
APP = "dbenchtls000000"


def ensure_cryptography():
    try:
        import cryptography  # noqa: F401
    except ImportError:
        print("installing python3-cryptography ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "install", "-y", "-qq", "python3-cryptography"], check=True, env=env,
                       stdout=subprocess.DEVNULL)


def make_certificate(work):
    """An EC P-256 self-signed certificate for HOST (PKCS#8 key), as an owner would upload it."""
    cert, key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", f"/CN={HOST}",
                    "-addext", f"subjectAltName=DNS:{HOST}"], check=True, capture_output=True)
    return cert, key


def seal(tls_key, text):
    """The edge's AesGcm format: v1:<base64(iv | ciphertext | tag)>."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    iv = os.urandom(12)
    return "v1:" + base64.b64encode(iv + AESGCM(tls_key).encrypt(iv, text.encode(), None)).decode()


class RouteFeed:
    """Answers GET /edge/v1/routes?since=&waitMillis= like the control plane: 200 + snapshot when newer, else 304."""

    def __init__(self):
        self.snapshot, self.body, self.served_at = None, b"", None
        self.changed = threading.Condition()
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
                since, wait = int(query.get("since", ["0"])[0]), int(query.get("waitMillis", ["0"])[0]) / 1000
                with feed.changed:
                    feed.changed.wait_for(lambda: feed.snapshot and feed.snapshot["version"] > since, timeout=wait)
                    newer = feed.snapshot and feed.snapshot["version"] > since
                    body = feed.body
                if not newer:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                feed.served_at = time.monotonic()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def publish(self, snapshot):
        body = json.dumps(snapshot).encode()
        with self.changed:
            self.snapshot, self.body = snapshot, body
            self.changed.notify_all()
        return len(body)


def snapshot(version, manifest, bundle, domains):
    hosts = [HOST] + [f"www.shop{i:05d}.example.test" for i in range(domains)]
    site = {"appId": APP, "branchName": "main", "deploymentId": "vbench", "manifestHash": manifest}
    return {"version": version, "sites": [dict(site, host=h) for h in hosts],
            # one certificate entry per domain, as the control plane writes them (all share the bench bundle here)
            "certificates": [{"hosts": [h], "bundleHash": bundle} for h in hosts]}


def start_edge(work, feed, tls_key):
    http_port, https_port = free_port(), free_port()
    env = dict(os.environ, SLIPWAY_DATA_DIR=os.path.join(work, "edge-data"), SLIPWAY_EDGE_PORT=str(http_port),
               SLIPWAY_EDGE_HTTPS_PORT=str(https_port), SLIPWAY_CONTROL_PLANE_URL=feed.url,
               SLIPWAY_EDGE_TOKEN="bench", SLIPWAY_TLS_KEY=base64.b64encode(tls_key).decode())
    proc = subprocess.Popen([java(), *JAVA_OPTS, "-Xmx768m", f"-Dreactor.netty.ioWorkerCount={os.cpu_count()}",
                             "-jar", jar("edge-router")], env=env, stdout=open(os.path.join(work, "edge.log"), "w"),
                            stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{http_port}/_slipway/health")
    return proc, http_port, https_port


def start_nginx(work, cert, key):
    root = os.path.join(work, "nginx-root")
    os.makedirs(root)
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write("<h1>bench</h1>\n")
    port = free_port()
    conf = os.path.join(work, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes {os.cpu_count()};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log;
daemon off;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-tmp; proxy_temp_path {work}/nginx-tmp; fastcgi_temp_path {work}/nginx-tmp;
  uwsgi_temp_path {work}/nginx-tmp; scgi_temp_path {work}/nginx-tmp;
  ssl_session_cache shared:SSL:10m; ssl_session_tickets on;
  server {{ listen 127.0.0.1:{port} ssl http2; server_name {HOST}; root {root};
           ssl_certificate {cert}; ssl_certificate_key {key}; ssl_protocols TLSv1.2 TLSv1.3; }}
}}
""")
    proc = subprocess.Popen(["nginx", "-c", conf, "-p", work], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    await_tls(port)
    return proc, port


def await_tls(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if s_time(port, "-new", 1, "-tls1_3")[0] > 0:
            return
        time.sleep(0.2)
    sys.exit(f"no TLS handshake on port {port} within {seconds} s")


def s_time(port, mode, seconds, protocol):
    """openssl s_time: (handshakes per second, connections); mode -new = full handshakes, -reuse = resumed."""
    out = subprocess.run(["openssl", "s_time", "-connect", f"127.0.0.1:{port}", mode, "-time", str(seconds),
                          protocol, "-servername", HOST], capture_output=True, text=True).stdout
    found = re.findall(r"(\d+) connections in ([\d.]+) real seconds", out)
    if not found:
        return 0.0, 0
    count, real = found[-1]
    return (int(count) / float(real) if float(real) > 0 else 0.0), int(count)


def await_version(port, version, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = http("GET", f"http://127.0.0.1:{port}/_slipway/health")
        if status == 200 and json.loads(body).get("routeVersion", 0) >= version:
            return time.monotonic()
        time.sleep(0.005)
    sys.exit(f"edge did not apply route version {version} within {timeout} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--domains", type=int, default=10_000)
    parser.add_argument("--short", action="store_true", help="CI mode: 1 s, 1 round (runs, does not judge)")
    args = parser.parse_args()
    if args.short:
        args.seconds, args.rounds = 1, 1
    ensure_packages(("nginx", "nginx-light"), ("openssl", "openssl"))
    ensure_cryptography()
    work = tempfile.mkdtemp(prefix="slipway-tls-bench-")
    os.chmod(work, 0o755)  # nginx workers run as www-data
    cert, key = make_certificate(work)
    tls_key = os.urandom(32)
    blobs = BlobDir(os.path.join(work, "edge-data", "blobs"))
    manifest = blobs.manifest({"index.html": (b"<h1>bench</h1>\n", "text/html; charset=utf-8")})
    bundle = blobs.put(json.dumps({"chainPem": open(cert).read(),
                                   "sealedKeyPem": seal(tls_key, open(key).read())}).encode())
    feed = RouteFeed()
    feed.publish(snapshot(1, manifest, bundle, 0))
    edge, edge_http, edge_https = start_edge(work, feed, tls_key)
    nginx, nginx_port = start_nginx(work, cert, key)
    try:
        await_version(edge_http, 1)
        await_tls(edge_https)
        cases = [("full TLS 1.3", "-new", "-tls1_3"), ("full TLS 1.2", "-new", "-tls1_2"),
                 ("resumed TLS 1.2", "-reuse", "-tls1_2")]
        results = {}
        for server, port in (("edge", edge_https), ("nginx", nginx_port)):   # warm-up: JIT, session caches
            for _, mode, protocol in cases:
                s_time(port, mode, 1 if args.short else 2, protocol)
        for _ in range(args.rounds):
            for name, mode, protocol in cases:
                for server, port in (("edge", edge_https), ("nginx", nginx_port)):
                    results.setdefault((server, name), []).append(s_time(port, mode, args.seconds, protocol)[0])

        size = feed.publish(snapshot(2, manifest, bundle, args.domains))
        applied = await_version(edge_http, 2)
        apply_seconds = applied - (feed.served_at or applied)
        after = [s_time(edge_https, "-new", args.seconds, "-tls1_3")[0] for _ in range(args.rounds)]

        print(f"\nTLS handshakes/s, openssl s_time (1 client process) -time {args.seconds}, {args.rounds} round(s),"
              f" medians; same EC P-256 certificate; machine shared and noisy")
        print(f"{'handshake':<18}{'edge /s':>10}{'nginx /s':>10}{'ratio':>8}")
        for name, _, _ in cases:
            e, n = median(results[("edge", name)]), median(results[("nginx", name)])
            print(f"{name:<18}{e:>10.0f}{n:>10.0f}{(e / n if n else float('nan')):>8.2f}")
        print(f"\n{args.domains} custom domains + certificates: snapshot {size / 1e6:.1f} MB applied in "
              f"{apply_seconds * 1000:.0f} ms (feed answer → /_slipway/health shows it)")
        print(f"full TLS 1.3 handshakes/s on the edge with 1 domain: {median(results[('edge', 'full TLS 1.3')]):.0f},"
              f" with {args.domains + 1} domains loaded: {median(after):.0f}")
    finally:
        for proc in (edge, nginx):
            proc.terminate()
            proc.wait(30)
        feed.server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
