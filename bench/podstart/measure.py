"""Drives bench/podstart: posts pods one at a time, runs `docker run` one at a time, and times each
from the request to the engine's `start` event of the container."""
import json
import subprocess
import sys
import threading
import time
import os

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import children  # noqa: E402
import shoalapi  # noqa: E402

api, count = shoalapi.from_data_dir(sys.argv[1], sys.argv[3]), int(sys.argv[2])
IMAGE = "shoal-test/busybox:1"
started = {}  # key -> start time (ns, engine clock = this machine's clock)
cond = threading.Condition()


def follow_events(proc):
    for line in proc.stdout:
        event = json.loads(line)
        attrs = event.get("Actor", {}).get("Attributes", {})
        if attrs.get("dev.shoal.container") == "main":
            key = "pod/" + attrs.get("dev.shoal.pod.name", "")
        elif attrs.get("shoal-bench") == "podstart":
            key = "ref/" + attrs.get("name", "")
        else:
            continue
        with cond:
            started[key] = int(event["timeNano"])
            cond.notify_all()


def wait_for(key, timeout=60):
    deadline = time.time() + timeout
    with cond:
        while key not in started:
            left = deadline - time.time()
            if left <= 0:
                raise SystemExit(f"podstart: {key} did not start within {timeout}s")
            cond.wait(left)
        return started[key]


def request(method, path, body=None, ctype="application/json"):
    return api.call(method, path, body, ctype, timeout=60)


def pod(name):
    return json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "podstart"},
                       "spec": {"terminationGracePeriodSeconds": 0, "containers": [
                           {"name": "main", "image": IMAGE, "command": ["sleep", "3600"]}]}}).encode()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# `docker events` runs until ended: children ends it at exit (also on an error or a signal); left
# running it kept the output pipe open and `bench/run podstart` never returned.
events = children.popen(
    ["docker", "events", "--filter", "type=container", "--filter", "event=start", "--format", "{{json .}}"],
    stdout=subprocess.PIPE, text=True)
threading.Thread(target=follow_events, args=(events,), daemon=True).start()
time.sleep(0.5)
request("POST", "/api/v1/namespaces", json.dumps(
    {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "podstart"}}).encode())

# Warm-up: one of each, not counted (JIT, image cache, sandbox image build).
request("POST", "/api/v1/namespaces/podstart/pods", pod("warm"))
wait_for("pod/warm")
subprocess.run(["docker", "run", "-d", "--label", "shoal-bench=podstart", "--name", "ref-warm", IMAGE,
                "sleep", "3600"], check=True, stdout=subprocess.DEVNULL)
wait_for("ref/ref-warm")

shoal, ref = [], []
for i in range(count):
    t0 = time.time_ns()
    request("POST", "/api/v1/namespaces/podstart/pods", pod(f"p{i}"))
    shoal.append((wait_for(f"pod/p{i}") - t0) / 1e6)
for i in range(count):
    t0 = time.time_ns()
    subprocess.run(["docker", "run", "-d", "--label", "shoal-bench=podstart", "--name", f"ref-{i}", IMAGE,
                    "sleep", "3600"], check=True, stdout=subprocess.DEVNULL)
    ref.append((wait_for(f"ref/ref-{i}") - t0) / 1e6)

print(f"{'what':<34}{'n':>5}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}")
for label, values in (("shoal: POST pod -> container start", shoal), ("docker run -> container start", ref)):
    print(f"{label:<34}{len(values):>5}{percentile(values, 50):>10.1f}{percentile(values, 99):>10.1f}"
          f"{max(values):>10.1f}")
p50, r50 = percentile(shoal, 50), percentile(ref, 50)
children.end(events)
print(f"RESULT podstart {p50:.1f} ms ref={r50:.1f} ratio={p50 / r50:.2f}")
