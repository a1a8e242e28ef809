"""`tacitus serve`: --get answers in-process; the real server listens on loopback and answers over HTTP."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time

import pytest

from tacitus.cli import app
from tacitus.errors import ServeError
from tacitus.web.server import bind, is_loopback


def test_get_prints_the_json_answer(runner, web_db):
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--get", "/api/events?source=GAM&limit=2"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["count"] == 2 and all(e["source_code"] == "GAM" for e in body["events"])


def test_get_of_a_bad_request_prints_the_error_and_exits_2(runner, web_db):
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--get", "/api/events?dyad=nope"])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"] == "T030"


def test_get_renders_a_page(runner, web_db):
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--get", "/dyad/ALP-BET"])
    assert result.exit_code == 0
    assert "<svg" in result.stdout and "ALP – BET" in result.stdout


def test_a_missing_store_is_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb"), "--get", "/api/stats"])
    assert result.exit_code == 2 and "T040" in result.output


def test_a_port_in_use_is_a_serve_error():
    taken = bind("127.0.0.1", 0)
    taken.listen()
    try:
        port = taken.getsockname()[1]
        with pytest.raises(ServeError, match=r"\[T070\] cannot listen on 127.0.0.1:"):
            bind("127.0.0.1", port)
    finally:
        taken.close()


def test_loopback_addresses():
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_importing_the_web_package_loads_no_web_framework():
    probe = (
        "import sys, tacitus.web, tacitus.cli.serve\n"
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.network
@pytest.mark.slow
def test_the_server_answers_on_loopback(web_db):
    httpx = pytest.importorskip("httpx")
    process = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(web_db), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        said, found, deadline = "", None, time.monotonic() + 60
        while found is None and time.monotonic() < deadline and process.poll() is None:
            said += process.stderr.readline() if process.stderr else ""
            found = re.search(r"http://127\.0\.0\.1:(\d+)", said)
        assert found, said
        url = found.group(0)
        for _ in range(50):
            try:
                answer = httpx.get(f"{url}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer.status_code == 200 and answer.json()["events"] > 0
        assert httpx.get(f"{url}/dyad/ALP-BET", timeout=10).status_code == 200
        # bound to loopback only: the port is not open on another address of this machine
        other = socket.gethostbyname(socket.gethostname())
        if other != "127.0.0.1" and not other.startswith("127."):
            with socket.socket() as probe, pytest.raises(OSError):
                probe.settimeout(1)
                probe.connect((other, int(found.group(1))))
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


def test_without_the_web_extra_the_message_says_what_to_install(runner, web_db, monkeypatch):
    import importlib

    real = importlib.import_module

    def without_fastapi(name: str, *args: object) -> object:
        if name.split(".")[0] in ("fastapi", "uvicorn"):
            raise ImportError(f"No module named '{name}'")
        return real(name, *args)

    monkeypatch.setattr("tacitus.extras.importlib.import_module", without_fastapi)
    result = runner.invoke(app, ["serve", "--db", str(web_db), "--get", "/api/stats"])
    assert result.exit_code == 2
    said = " ".join(result.output.split())  # the console wraps at its width
    assert "[T009]" in said and "pip install 'tacitus[web]'" in said
    assert "Traceback" not in result.output
