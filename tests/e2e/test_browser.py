"""A real browser (Debian's Chromium driven by Playwright) on the patient page and its widget."""

from __future__ import annotations

import json
import re
from typing import Any, Iterator

import pytest

from bot.ops.stack import Stack
from bot.settings import PROJECT_ROOT

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def browser(stack: Stack, chromium: Any) -> Iterator:
    stack.start_web()
    yield chromium
    stack.stop_process("web")


@pytest.fixture()
def page(browser, stack: Stack) -> Iterator:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(stack.web_url + "/")
    yield page
    context.close()


def ask(page, text: str) -> None:
    page.fill("#hfs-input", text)
    page.keyboard.press("Enter")


def wait_for_bot(page, pattern: str, timeout: float = 30_000) -> None:
    page.wait_for_function(
        "([rx]) => Array.from(document.querySelectorAll('.hfs-bot'))"
        ".some(m => new RegExp(rx, 'i').test(m.textContent))",
        arg=[pattern], timeout=timeout,
    )


def test_page_shows_the_clinic_content_and_sends_security_headers(page, stack: Stack) -> None:
    assert "Microvascular decompression (MVD)" in page.content()
    response = page.request.get(stack.web_url + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_ask_click_reload_and_keep_the_conversation(page) -> None:
    page.click(".hfs-launcher")
    assert page.get_attribute(".hfs-launcher", "aria-expanded") == "true"
    ask(page, "What does an EMG measure?")
    wait_for_bot(page, "electrical activity")
    ask(page, "what treatments are there?")
    page.wait_for_selector(".hfs-quick:not([disabled]) >> text=Botox injections")
    page.click(".hfs-quick:not([disabled]) >> text=Botox injections")
    wait_for_bot(page, "block nerve signals")
    page.reload()
    page.wait_for_selector(".hfs-bot >> text=/block nerve signals/")
    assert page.locator(".hfs-user", has_text="What does an EMG measure?").count() == 1
    ask(page, "how often do I need it?")  # answered from the same server-side conversation
    wait_for_bot(page, "every few months")


def test_complete_the_appointment_form_in_the_browser(page) -> None:
    page.click(".hfs-launcher")
    page.evaluate("sessionStorage.clear()")
    page.reload()
    page.click(".hfs-launcher")
    ask(page, "I'd like to book an appointment")
    wait_for_bot(page, "full name")
    for answer, expect in [("Maria Lopez", "date of birth"), ("14 March 1965", "reach you"),
                           ("555-123-4567", "reason")]:
        ask(page, answer)
        wait_for_bot(page, expect)
    page.click(".hfs-quick:not([disabled]) >> text=Botox treatment")
    wait_for_bot(page, "new or returning")
    page.click(".hfs-quick:not([disabled]) >> text=New patient")
    wait_for_bot(page, "days and times")
    ask(page, "weekday mornings")
    page.click(".hfs-quick:not([disabled]) >> text=Yes, I agree")
    wait_for_bot(page, "check your appointment request")
    page.click(".hfs-quick:not([disabled]) >> text=Yes, send it")
    wait_for_bot(page, r"HFS-[A-Z0-9]{6}")


def test_keyboard_use_and_live_region(page) -> None:
    page.focus(".hfs-launcher")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hfs-input"
    assert page.get_attribute(".hfs-log", "role") == "log"
    assert page.get_attribute(".hfs-log", "aria-live") == "polite"
    page.keyboard.press("Escape")
    assert page.is_hidden("#hfs-panel")


def test_no_serious_accessibility_violations(page) -> None:
    page.click(".hfs-launcher")
    ask(page, "what tests are there?")
    wait_for_bot(page, "mri")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [], json.dumps([(v["id"], v["help"]) for v in serious], indent=1)


def test_bot_text_is_never_rendered_as_html(page) -> None:
    page.click(".hfs-launcher")
    ask(page, "<img src=x onerror=alert(1)> what is MVD?")
    wait_for_bot(page, "microvascular decompression")
    assert page.locator(".hfs-log img").count() == 0
    assert re.search("&lt;img", page.inner_html(".hfs-log"))


def test_nothing_kept_in_local_storage_and_end_and_clear_forgets(page) -> None:
    page.click(".hfs-launcher")
    ask(page, "What is MVD?")
    wait_for_bot(page, "microvascular decompression")
    assert page.evaluate("window.localStorage.length") == 0
    assert "decompression" in page.evaluate("window.sessionStorage.getItem('hfs-chat-v1')").lower()
    page.click(".hfs-clear")
    assert page.locator(".hfs-msg").count() == 0
    assert "decompression" not in (page.evaluate("window.sessionStorage.getItem('hfs-chat-v1')") or "").lower()
    page.reload()
    page.wait_for_selector(".hfs-launcher")
    assert page.locator(".hfs-msg", has_text="decompression").count() == 0
