"""Debian's chromium through Playwright (never a downloaded build), shared by the browser tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def sign_in(browser: Any, console_url: str, path: str, name: str, password: str, heading: str) -> Any:
    """A new page signed in to the console at ``path``, once its ``heading`` shows."""
    page = browser.new_context().new_page()
    page.goto(console_url + path)
    page.fill("#name", name)
    page.fill("#password", password)
    page.click("button:has-text('Sign in')")
    page.wait_for_selector(f"h1:has-text('{heading}')")
    return page
