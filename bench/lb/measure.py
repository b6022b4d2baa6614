"""Drives bench/lb on a running three-host test bed; see run."""
import atexit
import json
import signal
import re
import statistics
import subprocess
import sys
import tempfile
import time
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import shoalapi  # noqa: E402

TB, SECONDS, ROUNDS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
HAPROXY_THREADS = 1
API = shoalapi.from_testbed(TB, "192.0.2.11")


def tb(*args):
    return subprocess.run([TB, *args], check=True, capture_output=True, text=True).stdout


def call(method, path, body=None, ctype="application/yaml"):
    return json.loads(API.call(method, path, body, ctype) or b"{}")


def pod(name, node):
    return f"""apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: lb, labels: {{app: web, pod: {name}}}}}
spec:
  nodeName: {node}
  terminationGracePeriodSeconds: 1
  containers:
  - name: httpd
    image: shoal-test/httpd:1
    args: ["8080"]
    ports: [{{name: http, containerPort: 8080}}]
    readinessProbe: {{tcpSocket: {{port: 8080}}, periodSeconds: 1}}
"""


MANIFESTS = "\n---\n".join([
    "apiVersion: v1\nkind: Namespace\nmetadata: {name: lb}",
    pod("web-1", "h1"), pod("web-2", "h2"), pod("web-3", "h3"),
    "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: lb}\n"
    "spec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]",
    "apiVersion: v1\nkind: Service\nmetadata: {name: web1, namespace: lb}\n"
    "spec:\n  selector: {pod: web-1}\n  ports: [{name: http, port: 80, targetPort: http}]"])


def wait(what, condition, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.5)
    raise SystemExit(f"lb: timed out waiting for {what}")


def cpu_seconds(pid):
    """User and system CPU seconds of a process so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / 100.0, int(fields[12]) / 100.0


def wrk(url, keepalive):
    args = ["wrk", "-t1", "-c50", f"-d{SECONDS}s", "--latency"]
    if not keepalive:
        args += ["-H", "Connection: close"]
    out = tb("exec", "h2", "--", *args, url)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return rps, float(p99.group(1)) * scale, total, errors.group(0) if errors else ""


call("POST", "/apply", MANIFESTS.encode())
pods = wait("3 ready httpd pods", lambda: (lambda items: items if len(items) == 3 else None)(
    [p for p in call("GET", "/api/v1/namespaces/lb/pods")["items"]
     if any(c["type"] == "Ready" and c["status"] == "True" for c in p.get("status", {}).get("conditions", []))]))
ips = sorted(p["status"]["podIP"] for p in pods)
web1_ip = next(p["status"]["podIP"] for p in pods if p["metadata"]["name"] == "web-1")
vip = call("GET", "/api/v1/namespaces/lb/services/web")["spec"]["clusterIP"]
vip1 = call("GET", "/api/v1/namespaces/lb/services/web1")["spec"]["clusterIP"]
for ip in (vip, vip1):
    wait(f"the ClusterIP {ip} answering on h2", lambda: "hello from" in tb(
        "exec", "h2", "--", "sh", "-c", f"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 2 {ip} 80; true"))


def start_haproxy(bind, threads):
    """HAProxy 2.6 in TCP mode, round-robin over the pod IPs; returns (process, pid)."""
    cfg = tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False)
    cfg.write(f"global\n  nbthread {threads}\n  maxconn 4000\ndefaults\n  mode tcp\n  timeout connect 2s\n"
              f"  timeout client 30s\n  timeout server 30s\nfrontend web\n  bind {bind}\n"
              "  default_backend pods\nbackend pods\n  balance roundrobin\n"
              + "".join(f"  server s{i} {ip}:8080\n" for i, ip in enumerate(ips)))
    cfg.close()
    process = subprocess.Popen([TB, "exec", "h2", "--", "haproxy", "-db", "-f", cfg.name],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    pid = int(subprocess.run(["pgrep", "-f", f"haproxy -db -f {cfg.name}"], capture_output=True,
                             text=True).stdout.split()[-1])
    return process, pid


# HAProxy on h2's own address (a ClusterIP's other ports are refused by Shoal's table) with one thread, and
# on 127.0.0.1; the better of the two goes in the table's summary beside Shoal.
haproxy_vip, haproxy_vip_pid = start_haproxy("192.0.2.12:18080", HAPROXY_THREADS)
haproxy_lo, haproxy_lo_pid = start_haproxy("127.0.0.1:18081", 1)


def stop_haproxy():
    """Ends both HAProxy processes: at the end, and also when the bench fails or is stopped half-way."""
    for process, pid in ((haproxy_vip, haproxy_vip_pid), (haproxy_lo, haproxy_lo_pid)):
        process.terminate()
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


atexit.register(stop_haproxy)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
agent_pid = int(subprocess.run(["pgrep", "-f", "java.*--node-name h2 "], capture_output=True,
                               text=True).stdout.split()[0])

# Shoal's service traffic is translated in the kernel: no process carries it, so there is no proxy CPU column
# for Shoal. The agent's own CPU during the Shoal runs is printed to show it stays out of the data path.
idle_before = cpu_seconds(agent_pid)
time.sleep(5)
agent_idle = sum(cpu_seconds(agent_pid)) - sum(idle_before)

# "direct" and "shoal" reach the same pod (web-1 on h1, across the overlay): the ClusterIP of a one-pod
# Service against the pod IP is the cost of the translation alone. "shoal-3" spreads over all three pods.
targets = {"direct": (f"http://{web1_ip}:8080/", None), "shoal": (f"http://{vip1}:80/", agent_pid),
           "shoal-3": (f"http://{vip}:80/", agent_pid),
           "haproxy": ("http://192.0.2.12:18080/", haproxy_vip_pid),
           "haproxy-lo": ("http://127.0.0.1:18081/", haproxy_lo_pid)}
results = {}
for keepalive in (True, False):
    # One unmeasured run per target first (the JVM compiles the proxy's paths, caches fill), then the
    # rounds, each target in turn so that load from outside the bench falls on all of them alike.
    for url, _ in targets.values():
        wrk(url, keepalive)
        if not keepalive:
            time.sleep(5)
    runs = {name: [] for name in targets}
    for _ in range(ROUNDS):
        for name, (url, pid) in targets.items():
            before = cpu_seconds(pid) if pid else (0, 0)
            rps, p99, total, errors = wrk(url, keepalive)
            after = cpu_seconds(pid) if pid else (0, 0)
            user_us, sys_us = ((a - b) * 1e6 / max(total, 1) for a, b in zip(after, before))
            runs[name].append((rps, p99, user_us + sys_us, user_us, sys_us, errors))
            if not keepalive:
                time.sleep(5)  # let TIME_WAIT sockets drain
    for name, rs in runs.items():
        results[(keepalive, name)] = tuple(statistics.median(r[i] for r in rs) for i in range(5)) + (rs[-1][5],)
stop_haproxy()

print(f"{'connections':<12}{'target':<12}{'req/s':>10}{'p99 ms':>9}{'proxy CPU us/req':>18}{'user/sys':>14}  errors")
for (keepalive, name), (rps, p99, cpu, user, system, errors) in results.items():
    proxied = name.startswith("haproxy")
    agent = name.startswith("shoal")
    cpu_text = f"{cpu:.1f}" if proxied else (f"(agent {cpu:.1f})" if agent else "-")
    print(f"{'keep-alive' if keepalive else 'new each':<12}{name:<12}{rps:>10.0f}{p99:>9.2f}"
          f"{cpu_text:>18}{(f'{user:.1f}/{system:.1f}' if proxied or agent else '-'):>14}  {errors}")


def ratio(keepalive, column, name="shoal"):
    return results[(keepalive, name)][column] / results[(keepalive, "direct")][column]


print("Shoal's ClusterIP against direct to the same pod:")
print(f"keep-alive {ratio(True, 0):.2f}, new connections {ratio(False, 0):.2f}, p99 keep-alive {ratio(True, 1):.2f} "
      f"new connections {ratio(False, 1):.2f} (targets: >= 0.9, >= 0.9, <= 1.1, <= 1.1)")
best_ha = max(results[(True, n)][0] for n in ("haproxy", "haproxy-lo"))
print(f"HAProxy (better of two) keep-alive against direct: {best_ha / results[(True, 'direct')][0]:.2f}")
print(f"agent CPU at idle: {agent_idle * 1000 / 5:.0f} ms/s")
shoal_ka, direct_ka = results[(True, "shoal")][0], results[(True, "direct")][0]
print(f"RESULT lb {shoal_ka:.0f} req/s ref={direct_ka:.0f} ratio={shoal_ka / direct_ka:.2f}")
