"""The staff console in a real browser: sign in, filter, open a transcript, tag, change status, export."""

from __future__ import annotations

from typing import Dict

from bot.ops.stack import Stack
from tests.e2e.conftest import PASSWORD


def test_coordinator_works_the_queue_in_the_browser(chromium, stack: Stack, console: Dict[str, str]) -> None:
    context = chromium.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(stack.console_url + "/conversations")
    assert "/login" in page.url  # anonymous: sent to sign in
    page.fill("#name", "cora")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("h1:has-text('Conversations')")

    page.select_option("select[name=flag]", "fallback")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**flag=fallback**")
    page.click(f"a:has-text('{console['fallback'][:16]}')")
    page.wait_for_selector("text=blorp zzzt qwx")
    page.fill("input[name=tags]", "needs-training")
    page.check("input[name=reviewed]")
    page.click("button:has-text('Save review')")
    page.wait_for_selector("input[name=tags][value=needs-training]")

    page.click("nav >> text=Appointment requests")
    row = page.locator("tr", has_text=console["reference"])
    row.locator("select").select_option("scheduled")
    row.locator("button:has-text('Save')").click()
    page.wait_for_selector(f"tr:has-text('{console['reference']}') >> td.status:has-text('scheduled')")

    page.goto(stack.console_url + "/conversations?flag=appointment")
    with page.expect_download() as download:
        page.click("text=Export CSV")
    path = download.value.path()
    exported = open(path, encoding="utf-8").read()
    assert "[redacted]" in exported and "Rosa Delgado" not in exported
    context.close()
