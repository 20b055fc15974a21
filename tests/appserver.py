"""Runs the real app as `make run` does (daphne with the embedded worker) in a subprocess, for browser tests."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    def __init__(self, workdir, **env):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "storyteller.settings",
            "DATABASE_URL": f"sqlite:///{self.workdir / 'db.sqlite3'}",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "SECRET_KEY": "browser-tests",
            **env,
        }
        self.process = None

    def start(self):
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=self.env, check=True)
        self.log = open(self.workdir / "server.log", "wb")
        self.process = subprocess.Popen(
            # As `make run` starts it.
            [sys.executable, "-m", "storyteller.server", "-b", "127.0.0.1", "-p", str(self.port)]
            + ["storyteller.asgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        raise RuntimeError(f"the app did not start: {self.logs()}")

    def logs(self):
        return (self.workdir / "server.log").read_text(errors="replace")

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True, capture_output=True, text=True
        ).stdout

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
