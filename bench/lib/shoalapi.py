"""How bench scripts call a Shoal API: TLS verified against the cluster's CA, and a bearer token.

    api = shoalapi.from_testbed(TB, "192.0.2.11")     # a test bed host (admin token, the bed's CA)
    api = shoalapi.from_data_dir("https://127.0.0.1:17071", work)   # a local agent's data dir
    api.call("POST", "/apply", body, "application/yaml")  -> response bytes
"""
import os
import ssl
import subprocess
import urllib.request


class Api:
    def __init__(self, base, token, ca_file):
        self.base = base
        self.headers = {"Authorization": "Bearer " + token}
        self.context = ssl.create_default_context(cafile=ca_file)

    def call(self, method, path, body=None, ctype="application/json", timeout=10):
        req = urllib.request.Request(self.base + path, data=body, method=method,
                                     headers={**self.headers, "Content-Type": ctype})
        with urllib.request.urlopen(req, timeout=timeout, context=self.context) as resp:
            return resp.read()


def from_testbed(tb, ip, port=7070):
    token = subprocess.run([tb, "token"], check=True, capture_output=True, text=True).stdout.strip()
    ca = subprocess.run([tb, "ca"], check=True, capture_output=True, text=True).stdout.strip()
    return Api(f"https://{ip}:{port}", token, ca)


def from_data_dir(base, data_dir):
    with open(os.path.join(data_dir, "admin.token")) as f:
        token = f.read().strip()
    return Api(base, token, os.path.join(data_dir, "ca.crt"))
