"""Render the clinic's plain-text page as HTML (every piece of text escaped)."""

from __future__ import annotations

import html
from typing import List

SKIP = {"Advertisement", "Request an appointment", "Overview"}


def _item_html(item: str) -> str:
    label, sep, rest = item.partition(": ")
    if sep and len(label.split()) <= 5:
        return f"<strong>{html.escape(label)}:</strong> {html.escape(rest)}"
    return f"<strong>{html.escape(item)}</strong>"


def render_page(text: str) -> str:
    """HTML for the page body: headings, paragraphs and nested bullet lists (sub-lists inside <li>)."""
    out: List[str] = []
    depth = 0  # open <ul> levels; each level has one open <li>

    def close_to(level: int) -> None:
        nonlocal depth
        while depth > level:
            out.append("</li></ul>")
            depth -= 1

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("•"):
            indent = len(raw) - len(raw.lstrip())
            level = 1 if indent <= 2 else 2
            if level > depth:
                out.extend(["<ul>"] * (level - depth))
                depth = level
            else:
                close_to(level)
                out.append("</li>")
            out.append(f"<li>{_item_html(line.lstrip('• ').strip())}")
            continue
        close_to(0)
        if line in SKIP:
            continue
        if not line.endswith((".", ":", "?")) and len(line.split()) <= 4:
            out.append(f"<h2>{html.escape(line)}</h2>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
    close_to(0)
    return "\n".join(out)
