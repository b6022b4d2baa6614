"""Drives bench/failover on a running three-host test bed; see run."""
import json
import statistics
import subprocess
import sys
import time
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import shoalapi  # noqa: E402

TB, ROUNDS = sys.argv[1], int(sys.argv[2])
API = {h: shoalapi.from_testbed(TB, ip) for h, ip in (("h1", "192.0.2.11"), ("h2", "192.0.2.12"), ("h3", "192.0.2.13"))}
IMAGE = "shoal-test/busybox:1"


def tb(*args, check=True):
    return subprocess.run([TB, *args], check=check, capture_output=True, text=True).stdout


def docker(host, *args, check=True):
    return tb("docker", host, "--", *args, check=check)


def call(host, method, path, body=None, ctype="application/json"):
    return json.loads(API[host].call(method, path, body, ctype) or b"{}")


def wait(what, condition, timeout=180, step=0.05):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if condition():
                return time.time()
        except Exception:  # an API or engine that is still coming back
            pass
        time.sleep(step)
    raise SystemExit(f"failover: timed out waiting for {what}")


# ---- Shoal
def shoal_running(host, namespace, exclude):
    pods = call(host, "GET", f"/api/v1/namespaces/{namespace}/pods?labelSelector=app%3Dfailover")["items"]
    ok = [p for p in pods if not p["metadata"].get("deletionTimestamp")
          and p["spec"].get("nodeName") not in (None, exclude)
          and p.get("status", {}).get("phase") == "Running"
          and any(c["type"] == "Ready" and c["status"] == "True" for c in p["status"].get("conditions", []))]
    return len(ok)


def shoal_round(n):
    ns = f"failover{n}"
    call("h2", "POST", "/api/v1/namespaces", json.dumps({"apiVersion": "v1", "kind": "Namespace",
                                                         "metadata": {"name": ns}}).encode())
    rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": {"name": "failover", "namespace": ns},
          "spec": {"replicas": 6, "selector": {"matchLabels": {"app": "failover"}},
                   "template": {"metadata": {"labels": {"app": "failover"}},
                                "spec": {"terminationGracePeriodSeconds": 1, "containers": [
                                    {"name": "main", "image": IMAGE, "command": ["sleep", "3600"]}]}}}}
    call("h2", "POST", f"/apis/apps/v1/namespaces/{ns}/replicasets", json.dumps(rs).encode())
    wait("6 Shoal replicas", lambda: shoal_running("h1", ns, None) == 6)
    t0 = time.time()
    tb("crash", "h3")
    t1 = wait("Shoal replicas back on h1/h2", lambda: shoal_running("h1", ns, "h3") == 6)
    tb("restart", "h3")
    call("h1", "DELETE", f"/api/v1/namespaces/{ns}")
    return t1 - t0


# ---- Docker Swarm mode
def swarm_running(exclude_node):
    ids = docker("h1", "service", "ps", "-q", "--filter", "desired-state=running", "failover").split()
    if not ids:
        return 0
    tasks = json.loads(docker("h1", "inspect", *ids))
    return sum(1 for t in tasks if t["Status"]["State"] == "running" and t["NodeID"] != exclude_node)


def swarm_round():
    docker("h1", "service", "create", "--detach", "--name", "failover", "--replicas", "6",
           "--stop-grace-period", "1s", IMAGE, "sleep", "3600")
    wait("6 Swarm replicas", lambda: swarm_running(None) == 6)
    h3 = docker("h3", "info", "--format", "{{.Swarm.NodeID}}").strip()
    t0 = time.time()
    tb("crash", "h3")
    t1 = wait("Swarm replicas back on h1/h2", lambda: swarm_running(h3) == 6, step=0.1)
    docker("h1", "service", "rm", "failover")
    tb("restart", "h3")
    wait("h3's engine", lambda: docker("h3", "info", "--format", "{{.Swarm.LocalNodeState}}").strip() == "active")
    wait("h3 ready in the swarm", lambda: "Down" not in docker("h1", "node", "ls", "--format", "{{.Status}}"))
    return t1 - t0


def swarm_setup():
    docker("h1", "swarm", "init", "--advertise-addr", "192.0.2.11")
    token = docker("h1", "swarm", "join-token", "-q", "worker").strip()
    for host, ip in (("h2", "192.0.2.12"), ("h3", "192.0.2.13")):
        docker(host, "swarm", "join", "--advertise-addr", ip, "--token", token, "192.0.2.11:2377")
    wait("3 swarm nodes", lambda: docker("h1", "node", "ls", "--format", "{{.Status}}").split().count("Ready") == 3)


shoal = [shoal_round(n) for n in range(ROUNDS)]
swarm_setup()
swarm = [swarm_round() for _ in range(ROUNDS)]

print(f"{'what (6 replicas, h3 crashes)':<40}{'runs':>5}{'median s':>10}{'min s':>8}{'max s':>8}")
for label, values in (("shoal: crash -> 6 running on h1/h2", shoal), ("swarm: crash -> 6 running on h1/h2", swarm)):
    print(f"{label:<40}{len(values):>5}{statistics.median(values):>10.2f}{min(values):>8.2f}{max(values):>8.2f}")
s, r = statistics.median(shoal), statistics.median(swarm)
print(f"RESULT failover {s:.2f} s ref={r:.2f} ratio={s / r:.2f}")
