"""Load test: the Gradio app under 32 concurrent clients, 500 questions in all.

    .venv/bin/python bench/load.py                    # prints a table, writes bench/results/load.json
    .venv/bin/python bench/load.py --clients 8 --requests 100 --env OMP_WAIT_POLICY=PASSIVE
    .venv/bin/python bench/load.py --concurrency 2      # the app with demo.queue(default_concurrency_limit=2)

Starts `python app.py --port <free port>` in a subprocess, waits until it serves, then drives its
/ask API endpoint (api_name="ask", one question string in, markdown out) from N threads, each with
its own gradio_client.Client (or, with --client http, its own plain HTTP client), cycling through
the gold questions. Reports errors (a client
exception, or the app's generic "出错了" reply that means ask() raised), latency p50/p95/max as each
client sees it (queueing included), throughput, and the server's peak RSS (VmHWM of the server
process and its children, sampled; psutil). Stops only the server it started.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench import RESULTS, gold_questions, pct  # noqa: E402

GENERIC_ERROR_MARK = "⚠️ 出错了"       # app.py's reply when ask() raised something unexpected
STARTUP_TIMEOUT_S = 300


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    """VmHWM (the kernel's own peak RSS) summed over the process and its children."""
    import psutil
    total = 0.0
    try:
        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
    except psutil.NoSuchProcess:
        return 0.0
    for p in procs:
        try:
            with open(f"/proc/{p.pid}/status", encoding="ascii") as f:
                hwm = next((line for line in f if line.startswith("VmHWM:")), None)
            total += int(hwm.split()[1]) / 1024 if hwm else p.memory_info().rss / 2**20
        except (OSError, psutil.NoSuchProcess):
            continue
    return total


def cpu_seconds(pid: int) -> float:
    import psutil
    t = psutil.Process(pid).cpu_times()
    return t.user + t.system


def start_server(port: int, env_extra: dict[str, str], log_path: Path, concurrency: int | None) -> subprocess.Popen:
    env = dict(os.environ, HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", **env_extra)
    log = open(log_path, "w", encoding="utf-8")
    argv = ["--host", "127.0.0.1", "--port", str(port)]
    if concurrency is None:                         # the app exactly as shipped
        cmd = [sys.executable, "app.py", *argv]
    else:                                           # the same app with another queue setting, to compare
        cmd = [sys.executable, "-c", f"from rag.interfaces import app; app.demo.queue(default_concurrency_limit={concurrency}); "
                                     f"app.main({argv!r})"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_serving(url: str, server: subprocess.Popen, log_path: Path) -> float:
    import httpx
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < STARTUP_TIMEOUT_S:
        if server.poll() is not None:
            raise RuntimeError(f"app.py exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            if httpx.get(url + "config", timeout=2).status_code == 200:
                return time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"app.py did not serve {url} within {STARTUP_TIMEOUT_S}s:\n{log_path.read_text()[-3000:]}")


def find_endpoint(url: str) -> str:
    from gradio_client import Client
    api = Client(url, verbose=False).view_api(print_info=False, return_format="dict")
    names = list(api.get("named_endpoints", {}))
    for want in ("/ask",):
        if want in names:
            return want
    raise RuntimeError(f"app has no /ask API endpoint (api_name='ask'); it has {names}")


class HttpClient:
    """Gradio's plain HTTP API: POST /gradio_api/call/<name> gives an event id, GET …/<event id> streams
    server-sent events until `complete` (or `error`). Far lighter than gradio_client, whose threads
    would otherwise take much of a 2-core machine away from the server being measured."""

    def __init__(self, url: str):
        import httpx
        self._http = httpx.Client(base_url=url, timeout=300)

    def predict(self, question: str, api_name: str):
        name = api_name.lstrip("/")
        r = self._http.post(f"gradio_api/call/{name}", json={"data": [question]})
        r.raise_for_status()
        event_id = r.json()["event_id"]
        event = None
        with self._http.stream("GET", f"gradio_api/call/{name}/{event_id}") as stream:
            stream.raise_for_status()
            for line in stream.iter_lines():
                if line.startswith("event:"):
                    event = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and event in ("complete", "error"):
                    data = json.loads(line.split(":", 1)[1])
                    if event == "error":
                        raise RuntimeError(f"server error event: {data}")
                    return data[0] if isinstance(data, list) and data else data
        raise RuntimeError(f"stream ended without a result (last event {event!r})")


def make_client(kind: str, url: str):
    if kind == "http":
        return HttpClient(url)
    from gradio_client import Client
    return Client(url, verbose=False)


def run_load(url: str, endpoint: str, clients: int, requests: int, kind: str = "gradio") -> dict:
    questions = gold_questions()
    todo = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[dict] = []
    invalid = 0
    start = threading.Barrier(clients + 1)

    def client_loop():
        nonlocal invalid
        try:
            client = make_client(kind, url)
        except Exception as e:                       # a client that cannot even connect counts as an error
            with lock:
                errors.append({"question": None, "error": f"connect: {type(e).__name__}: {e}"})
            start.wait()
            return
        start.wait()
        while True:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            q = questions[i % len(questions)]
            t = time.perf_counter()
            try:
                reply = client.predict(q, api_name=endpoint)
                problem = "generic error reply" if str(reply).startswith(GENERIC_ERROR_MARK) else None
                if not str(reply).strip():
                    problem = "empty reply"
            except Exception as e:
                problem = f"{type(e).__name__}: {str(e)[:200]}"
                reply = None
            ms = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(ms)
                if problem:
                    errors.append({"question": q, "error": problem})
                elif str(reply).startswith("⚠️"):
                    invalid += 1

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(clients)]
    for th in threads:
        th.start()
    start.wait()
    t0 = time.perf_counter()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    return {"requests": len(latencies), "errors": len(errors), "error_samples": errors[:10],
            "invalid_question_replies": invalid, "wall_s": wall, "throughput_qps": len(latencies) / wall,
            "p50_ms": statistics.median(latencies) if latencies else None,
            "p95_ms": pct(latencies, 95) if latencies else None, "max_ms": max(latencies, default=None)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--requests", type=int, default=500)
    p.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                   help="extra environment for the server, e.g. OMP_WAIT_POLICY=PASSIVE (repeatable)")
    p.add_argument("--client", choices=("gradio", "http"), default="gradio",
                   help="gradio_client.Client per thread (default) or plain HTTP (httpx) per thread")
    p.add_argument("--concurrency", type=int, help="override app.py's demo.queue(default_concurrency_limit=...)")
    p.add_argument("--label", default="", help="name for this run in load.json (default: from --env/--concurrency)")
    args = p.parse_args(argv)
    env_extra = dict(item.split("=", 1) for item in args.env)
    label = args.label or " ".join([*args.env, *([f"limit={args.concurrency}"] if args.concurrency else [])]) \
        or "as shipped"
    label += f" [{args.client} clients]"
    RESULTS.mkdir(parents=True, exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log_path = RESULTS / f"load-server-{port}.log"
    server = start_server(port, env_extra, log_path, args.concurrency)
    sampler_stop = threading.Event()
    rss_samples: list[float] = []

    def sample_rss():
        while not sampler_stop.is_set():
            rss_samples.append(peak_rss_mb(server.pid))
            sampler_stop.wait(0.25)

    try:
        startup_s = wait_until_serving(url, server, log_path)
        endpoint = find_endpoint(url)
        threading.Thread(target=sample_rss, daemon=True).start()
        rss_before = peak_rss_mb(server.pid)
        load_before = os.getloadavg()
        cpu_before = (cpu_seconds(server.pid), cpu_seconds(os.getpid()))
        result = run_load(url, endpoint, args.clients, args.requests, args.client)
        # on a 2-core machine the clients compete with the server: say how the CPU was shared
        result.update(server_cpu_s=cpu_seconds(server.pid) - cpu_before[0],
                      client_cpu_s=cpu_seconds(os.getpid()) - cpu_before[1])
        result.update(label=label, env=env_extra, clients=args.clients, client_kind=args.client, endpoint=endpoint,
                      concurrency_limit=args.concurrency or "app.py default",
                      server_startup_s=startup_s, server_rss_before_mb=rss_before,
                      server_peak_rss_mb=max([peak_rss_mb(server.pid), *rss_samples]),
                      loadavg_before=[round(x, 2) for x in load_before],
                      loadavg_after=[round(x, 2) for x in os.getloadavg()])
    finally:
        sampler_stop.set()
        server.terminate()                            # only the server this script started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    out = RESULTS / "load.json"
    runs = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    runs = runs if isinstance(runs, dict) else {}
    runs[label] = result
    out.write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{'run':<44}{'clients':>8}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}"
          f"{'q/s':>7}{'peak RSS':>10}{'CPU s server/clients':>22}")
    for name, r in runs.items():
        cpu = f"{r.get('server_cpu_s', 0):.0f} / {r.get('client_cpu_s', 0):.0f}"
        print(f"{name:<44}{r['clients']:>8}{r['requests']:>9}{r['errors']:>7}{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}"
              f"{r['max_ms']:>9.0f}{r['throughput_qps']:>7.1f}{r['server_peak_rss_mb']:>8.0f}MB{cpu:>22}")
    if result["errors"]:
        print("errors, first few:", json.dumps(result["error_samples"][:3], ensure_ascii=False))
    print(f"load average {result['loadavg_before']} → {result['loadavg_after']}; wrote {out.relative_to(ROOT)}")
    if not result["errors"]:
        log_path.unlink(missing_ok=True)           # kept only when it may explain an error
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
