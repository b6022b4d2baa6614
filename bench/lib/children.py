"""Processes a benchmark driver starts, ended whenever the driver ends: normally, on an exception, on
Ctrl-C (SIGINT) or on SIGTERM/SIGHUP (turned into SystemExit so that cleanup runs). A child left
running would hold the driver's output pipe open, and `bench/run` would wait for it forever.

    import children
    events = children.popen(["docker", "events", ...], stdout=subprocess.PIPE, text=True)
    ...
    children.end(events)        # or let the exit end it
"""
import atexit
import signal
import subprocess

_running = []


def popen(args, **kwargs):
    """subprocess.Popen, remembered so that it is ended at exit at the latest."""
    process = subprocess.Popen(args, **kwargs)
    _running.append(process)
    return process


def end(process, grace=5.0):
    """SIGTERM, then SIGKILL after `grace` seconds; waits for the exit either way."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process in _running:
        _running.remove(process)


def end_all():
    for process in list(_running):
        end(process)


def _exit_on_signal(signum, _frame):
    raise SystemExit(128 + signum)


atexit.register(end_all)
for _sig in (signal.SIGTERM, signal.SIGHUP):
    signal.signal(_sig, _exit_on_signal)
