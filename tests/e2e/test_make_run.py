"""`make run`'s own start script: loopback only, private files, no secret on a command line, Ctrl-C stops all."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from bot.ops.stack import PROJECT_ROOT, free_port
from tests.e2e.test_action_server_security import listening_addresses

LOOPBACK = {"0100007F", "00000000000000000000000001000000"}


def test_run_script_binds_loopback_keeps_files_private_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    ports = {"RASA_PORT": free_port(), "ACTIONS_PORT": free_port(), "WEB_PORT": free_port()}
    env = dict(os.environ, HFS_VAR_DIR=str(tmp_path / "var"), **{k: str(v) for k, v in ports.items()})
    for name in ("RASA_TOKEN", "HFS_ACTION_TOKEN", "DATABASE_URL", "HFS_HOST", "HFS_DATA_KEYS"):
        env.pop(name, None)
    log = open(tmp_path / "run.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(["bash", "scripts/run.sh"], cwd=PROJECT_ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.time() + 300
        while "Press Ctrl-C" not in (tmp_path / "run.log").read_text(errors="ignore"):
            assert proc.poll() is None and time.time() < deadline, (tmp_path / "run.log").read_text()
            time.sleep(1)
        assert proc.poll() is None, (tmp_path / "run.log").read_text()
        for port in ports.values():
            addresses = listening_addresses(port)
            assert addresses and addresses <= LOOPBACK, (port, addresses)
        var = tmp_path / "var"
        assert var.stat().st_mode & 0o777 == 0o700
        for name in ("rasa_token", "action_token", "hfs.db", "rasa.log", "actions.log", "credentials.yml"):
            assert (var / name).stat().st_mode & 0o777 == 0o600, name
        secrets = [(var / n).read_text().strip() for n in ("rasa_token", "action_token")]
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                text = cmdline.read_bytes().decode(errors="ignore")
            except OSError:
                continue
            assert not any(secret in text for secret in secrets), cmdline
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=60)
        log.close()
    time.sleep(2)
    assert all(not listening_addresses(port) for port in ports.values())
    assert "Stopped." in (tmp_path / "run.log").read_text()
