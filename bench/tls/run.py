#!/usr/bin/env python3
"""TLS on Slipway's edge vs nginx with the same certificate (issue 7): full and resumed handshakes per second from
Python ssl clients sending SNI (openssl s_time cannot send SNI; the clients' own cost is the same for both servers),
the time an edge needs to apply a snapshot of 10,000 custom domains with certificates, and full handshakes per
second again once those 10,000 domains are loaded (SNI lookup cost must not grow with the count).

The edge gets its routes from a small in-process stand-in for the control plane's route feed (same long-poll
protocol), so the snapshot apply is timed from the moment the feed answers until /_slipway/health reports it.

Usage: bench/tls/run.py [--seconds 8] [--rounds 3] [--clients 2] [--domains 10000] [--short]
"""
import argparse, base64, json, multiprocessing, os, shutil, socket, ssl, subprocess, sys, tempfile, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from slipway_bench import (BlobDir, java_opts, ensure_packages, free_port, http, jar, java, median, run_nginx,
                           wait_http)

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

        class Handler(BaseHTTPRequestHandler):
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

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def publish(self, snapshot):
        body = json.dumps(snapshot).encode()
        with self.changed:
            self.snapshot, self.body = snapshot, body
            self.changed.notify_all()
        return len(body)


def snapshot(version, manifest, bundle, domains, prefix="www"):
    hosts = [HOST] + [f"{prefix}.shop{i:05d}.example.test" for i in range(domains)]
    site = {"appId": APP, "branchName": "main", "deploymentId": "vbench", "manifestHash": manifest}
    return {"version": version, "sites": [dict(site, host=h) for h in hosts],
            # one certificate entry per domain, as the control plane writes them (all share the bench bundle here)
            "certificates": [{"hosts": [h], "bundleHash": bundle} for h in hosts]}


def start_edge(work, feed, tls_key):
    http_port, https_port = free_port(), free_port()
    env = dict(os.environ, SLIPWAY_DATA_DIR=os.path.join(work, "edge-data"), SLIPWAY_EDGE_PORT=str(http_port),
               SLIPWAY_BLOB_STORE="file:" + os.path.join(work, "edge-data", "blobs"),
               SLIPWAY_EDGE_HTTPS_PORT=str(https_port), SLIPWAY_CONTROL_PLANE_URL=feed.url,
               SLIPWAY_EDGE_TOKEN="bench", SLIPWAY_TLS_KEY=base64.b64encode(tls_key).decode())
    proc = subprocess.Popen([java(), *java_opts(), "-Xmx768m", f"-Dreactor.netty.ioWorkerCount={os.cpu_count()}",
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
    proc = run_nginx(work, f"server {{ listen 127.0.0.1:{port} ssl http2; server_name {HOST}; root {root};\n"
                           f"    ssl_certificate {cert}; ssl_certificate_key {key}; ssl_protocols TLSv1.2 TLSv1.3; }}",
                     "ssl_session_cache shared:SSL:10m; ssl_session_tickets on;")
    await_tls(port)
    return proc, port


def await_tls(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            return presented_certificate(port)
        except OSError:
            time.sleep(0.2)
    sys.exit(f"no TLS handshake on port {port} within {seconds} s")


def client_context(tls12):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE   # the bench compares certificates itself
    if tls12:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    return context


def presented_certificate(port):
    """DER of the certificate the server presents for SNI HOST."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with client_context(False).wrap_socket(raw, server_hostname=HOST) as tls:
            return tls.getpeercert(binary_form=True)


def handshake_loop(args):
    """One client process: handshakes with SNI HOST for `seconds`; returns (count, resumed count)."""
    port, seconds, tls12, resume = args
    context, session, count, resumed = client_context(tls12), None, 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            with context.wrap_socket(raw, server_hostname=HOST, session=session if resume else None) as tls:
                count += 1
                resumed += tls.session_reused
                if resume:
                    session = tls.session
    return count, resumed


def handshakes(port, seconds, tls12, resume, clients):
    """Handshakes per second over `clients` client processes, and the share that was resumed."""
    with multiprocessing.Pool(clients) as pool:
        results = pool.map(handshake_loop, [(port, seconds, tls12, resume)] * clients)
    count = sum(r[0] for r in results)
    return count / seconds, (sum(r[1] for r in results) / count if count else 0.0)


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
    parser.add_argument("--clients", type=int, default=os.cpu_count(), help="client processes")
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
        expected = ssl.PEM_cert_to_DER_cert(open(cert).read())
        for server, port in (("edge", edge_https), ("nginx", nginx_port)):
            if await_tls(port) != expected:
                sys.exit(f"{server} did not present the bench certificate for {HOST}")
        cases = [("full TLS 1.3", False, False), ("full TLS 1.2", True, False), ("resumed TLS 1.2", True, True)]
        results = {}
        for server, port in (("edge", edge_https), ("nginx", nginx_port)):   # warm-up: JIT, session caches
            for _, tls12, resume in cases:
                handshakes(port, 1 if args.short else 3, tls12, resume, args.clients)
        for _ in range(args.rounds):
            for name, tls12, resume in cases:
                for server, port in (("edge", edge_https), ("nginx", nginx_port)):
                    results.setdefault((server, name), []).append(
                        handshakes(port, args.seconds, tls12, resume, args.clients))

        applies = []
        for version, prefix in ((2, "www"), (3, "shop")):   # the first one runs cold code in the edge's JVM
            size = feed.publish(snapshot(version, manifest, bundle, args.domains, prefix))
            applied = await_version(edge_http, version)
            applies.append(applied - (feed.served_at or applied))
        after = [handshakes(edge_https, args.seconds, False, False, args.clients)[0] for _ in range(args.rounds)]

        print(f"\nTLS handshakes/s with SNI, {args.clients} Python client process(es), {args.seconds} s,"
              f" {args.rounds} round(s), medians; same EC P-256 certificate; machine shared and noisy")
        print(f"{'handshake':<18}{'edge /s':>10}{'nginx /s':>10}{'ratio':>8}{'resumed e/n':>14}")
        for name, _, _ in cases:
            e, n = results[("edge", name)], results[("nginx", name)]
            e_rate, n_rate = median([r[0] for r in e]), median([r[0] for r in n])
            print(f"{name:<18}{e_rate:>10.0f}{n_rate:>10.0f}{(e_rate / n_rate if n_rate else float('nan')):>8.2f}"
                  f"{median([r[1] for r in e]):>8.0%}/{median([r[1] for r in n]):.0%}")
        print(f"\n{args.domains} custom domains + certificates: snapshot {size / 1e6:.1f} MB applied in "
              f"{applies[0] * 1000:.0f} ms first, {applies[1] * 1000:.0f} ms next (all hosts renamed)"
              f" (feed answer → /_slipway/health shows it)")
        print(f"full TLS 1.3 handshakes/s on the edge with 1 domain: "
              f"{median([r[0] for r in results[('edge', 'full TLS 1.3')]]):.0f},"
              f" with {args.domains + 1} domains loaded: {median(after):.0f}")
    finally:
        for proc in (edge, nginx):
            proc.terminate()
            proc.wait(30)
        feed.server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
