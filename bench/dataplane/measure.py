"""Drives bench/dataplane on a running one-host test bed; see run."""
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import shoalapi  # noqa: E402

TB, SERVICES, ENDPOINTS, CHANGES = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
API = shoalapi.from_testbed(TB, "192.0.2.11")
BATCH = 200


def tb(*args):
    return subprocess.run([TB, *args], check=True, capture_output=True, text=True).stdout


def call(method, path, body=None, ctype="application/yaml", timeout=120):
    return json.loads(API.call(method, path, body, ctype, timeout=timeout) or b"{}")


def address(s, k):
    n = s * ENDPOINTS + k
    return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"


def endpoints(s, first=0):
    addrs = ", ".join(f"{{ip: {address(s, k + first)}}}" for k in range(ENDPOINTS))
    return (f"apiVersion: v1\nkind: Endpoints\nmetadata: {{name: s{s}, namespace: dp}}\n"
            f"subsets: [{{addresses: [{addrs}], ports: [{{port: 8080}}]}}]")


def service(s):
    return f"apiVersion: v1\nkind: Service\nmetadata: {{name: s{s}, namespace: dp}}\nspec: {{ports: [{{port: 80}}]}}"


log_file = tb("logs", "h1").split("\n")[0]


def log_lines():
    with open(log_file) as f:
        return f.read().splitlines()


def stamp(line):
    """Wall-clock time of a log line (HH:mm:ss.SSS today)."""
    t = datetime.datetime.strptime(line[:12], "%H:%M:%S.%f").time()
    return datetime.datetime.combine(datetime.date.today(), t).timestamp()


call("POST", "/apply", b"apiVersion: v1\nkind: Namespace\nmetadata: {name: dp}")
start = time.time()
for first in range(0, SERVICES, BATCH):
    docs = []
    for s in range(first, min(SERVICES, first + BATCH)):
        docs += [service(s), endpoints(s)]
    call("POST", "/apply", "\n---\n".join(docs).encode())
print(f"wrote {SERVICES} services and endpoints ({SERVICES * ENDPOINTS} addresses) in {time.time() - start:.1f} s")


def elements(name):
    out = tb("exec", "h1", "--", "sh", "-c", f"nft -j list map inet shoal {name} 2>/dev/null || true")
    try:
        m = json.loads(out)["nftables"][1]["map"]
        return len(m.get("elem", []))
    except (ValueError, KeyError, IndexError):
        return 0


deadline = time.time() + 600
while elements("service-ips") < SERVICES or elements("service-endpoints") < SERVICES * ENDPOINTS:
    if time.time() > deadline:
        raise SystemExit("dataplane: the kernel did not get every service within 10 minutes")
    time.sleep(2)
print(f"the kernel has all {SERVICES} services {time.time() - start:.1f} s after the first write")

# Full program from empty: delete the table; the agent sees it (nft monitor) and writes it anew in full.
mark = len(log_lines())
tb("exec", "h1", "--", "nft", "delete", "table", "inet", "shoal")
full_ms = None
deadline = time.time() + 600
while full_ms is None:
    if time.time() > deadline:
        raise SystemExit("dataplane: the table was not written again within 10 minutes")
    time.sleep(1)
    for line in log_lines()[mark:]:
        m = re.search(r"written in full \(repairing drift.*element\(s\) in (\d+) ms", line)
        if m:
            full_ms = int(m.group(1))
print(f"full program (plan, render, one nft -f) of {SERVICES} services: {full_ms} ms")

# Endpoint changes: one Endpoints object rewritten with one address replaced, one change at a time.
lags = []
for i in range(CHANGES):
    s = (i * 7919) % SERVICES
    mark = len(log_lines())
    sent = time.time()
    call("PUT", f"/api/v1/namespaces/dp/endpoints/s{s}", endpoints(s, first=SERVICES * ENDPOINTS + i).encode())
    applied = None
    deadline = time.time() + 30
    while applied is None and time.time() < deadline:
        time.sleep(0.02)
        for line in log_lines()[mark:]:
            if "dataplane: " in line and "applied in" in line:
                applied = stamp(line)
                break
    if applied is None:
        raise SystemExit(f"dataplane: change {i} was not applied within 30 s")
    lags.append((applied - sent) * 1000)
    time.sleep(0.3)
lags.sort()
p50 = statistics.median(lags)
p99 = lags[min(len(lags) - 1, int(round(0.99 * (len(lags) - 1))))]
print(f"endpoint change, store write to kernel: p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {lags[-1]:.0f} ms "
      f"over {len(lags)} changes (targets: full program < 1000 ms, p99 < 50 ms)")
print(f"RESULT dataplane {p99:.0f} ms ref={full_ms} ratio={p99 / full_ms:.3f}")
