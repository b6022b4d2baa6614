"""Drives bench/lb on a running three-host test bed; see run."""
import json
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
API = shoalapi.from_testbed(TB, "192.0.2.11")


def tb(*args):
    return subprocess.run([TB, *args], check=True, capture_output=True, text=True).stdout


def call(method, path, body=None, ctype="application/yaml"):
    return json.loads(API.call(method, path, body, ctype) or b"{}")


def pod(name, node):
    return f"""apiVersion: v1
kind: Pod
metadata: {{name: {name}, namespace: lb, labels: {{app: web}}}}
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
    "spec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]"])


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
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100.0


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
vip = call("GET", "/api/v1/namespaces/lb/services/web")["spec"]["clusterIP"]
wait("the ClusterIP answering on h2", lambda: "hello from" in tb(
    "exec", "h2", "--", "sh", "-c", f"printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 2 {vip} 80; true"))

cfg = tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False)
cfg.write("global\n  nbthread 1\n  maxconn 4000\ndefaults\n  mode tcp\n  timeout connect 2s\n"
          "  timeout client 30s\n  timeout server 30s\nfrontend web\n  bind 127.0.0.1:18080\n"
          "  default_backend pods\nbackend pods\n  balance roundrobin\n"
          + "".join(f"  server s{i} {ip}:8080\n" for i, ip in enumerate(ips)))
cfg.close()
haproxy = subprocess.Popen([TB, "exec", "h2", "--", "haproxy", "-db", "-f", cfg.name],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(1)
haproxy_pid = int(subprocess.run(["pgrep", "-f", f"haproxy -db -f {cfg.name}"], capture_output=True,
                                 text=True).stdout.split()[-1])
agent_pid = int(subprocess.run(["pgrep", "-f", "java.*--node-name h2 "], capture_output=True,
                               text=True).stdout.split()[0])

targets = {"direct": (f"http://{ips[0]}:8080/", None), "shoal": (f"http://{vip}:80/", agent_pid),
           "haproxy": ("http://127.0.0.1:18080/", haproxy_pid)}
results = {}
for keepalive in (True, False):
    for name, (url, pid) in targets.items():
        runs = []
        for _ in range(ROUNDS):
            before = cpu_seconds(pid) if pid else 0
            rps, p99, total, errors = wrk(url, keepalive)
            cpu_us = (cpu_seconds(pid) - before) * 1e6 / max(total, 1) if pid else 0.0
            runs.append((rps, p99, cpu_us, errors))
            if not keepalive:
                time.sleep(5)  # let TIME_WAIT sockets drain
        results[(keepalive, name)] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                                      statistics.median(r[2] for r in runs), runs[-1][3])
haproxy.terminate()

print(f"{'connections':<12}{'target':<10}{'req/s':>10}{'p99 ms':>9}{'proxy CPU us/req':>18}  errors")
for (keepalive, name), (rps, p99, cpu, errors) in results.items():
    print(f"{'keep-alive' if keepalive else 'new each':<12}{name:<10}{rps:>10.0f}{p99:>9.2f}"
          f"{(f'{cpu:.1f}' if name != 'direct' else '-'):>18}  {errors}")
shoal_ka, ref_ka = results[(True, "shoal")][0], results[(True, "haproxy")][0]
shoal_nc, ref_nc = results[(False, "shoal")][0], results[(False, "haproxy")][0]
print(f"new-connection ratio {shoal_nc / ref_nc:.2f}, p99 keep-alive ratio "
      f"{results[(True, 'shoal')][1] / results[(True, 'haproxy')][1]:.2f}")
print(f"RESULT lb {shoal_ka:.0f} req/s ref={ref_ka:.0f} ratio={shoal_ka / ref_ka:.2f}")
