"""The conversation list (filters, pages, export) and one conversation's transcript, review and erasure."""

from __future__ import annotations

from datetime import date
from typing import Optional
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from bot.console import export
from bot.console.auth import allow
from bot.console.conversations import FLAGS, Filters, conversations, erase, load_events, reviews, set_review, transcript
from bot.console.pages.common import audit, db_url, render, sees_personal_data

PAGE_SIZE = 25


def filters_from(request: Request) -> Filters:
    """Conversation filters from the query string (bad values are ignored)."""
    args = request.query_params

    def day(key: str) -> Optional[date]:
        try:
            return date.fromisoformat(args.get(key, ""))
        except ValueError:
            return None

    try:
        max_conf = float(args["max_confidence"]) if args.get("max_confidence") else None
    except ValueError:
        max_conf = None
    return Filters(since=day("since"), until=day("until"), flag=args.get("flag", "") if args.get("flag") in FLAGS
                   else "", intent=args.get("intent", "")[:80], max_confidence=max_conf,
                   query=args.get("q", "")[:200])


@allow()
async def conversation_list(request: Request) -> Response:
    """Conversations passing the filters, newest first, a page at a time."""
    items = conversations(filters_from(request), db_url(request))
    try:
        number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        number = 1
    pages = max(1, -(-len(items) // PAGE_SIZE))
    shown = items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
    query = {k: v for k, v in request.query_params.items() if k != "page"}
    audit(request, "list_conversations", detail=urlencode(query))
    return render(request, "conversations.html", items=shown, total=len(items), page=number,
                  pages=pages, query=urlencode(query), args=request.query_params, flags=FLAGS)


@allow()
async def conversation(request: Request) -> Response:
    """One conversation's transcript (masked for reviewers) and its review form."""
    sender, url = request.path_params["sender"], db_url(request)
    events = load_events(url, sender).get(sender)
    if not events:
        return PlainTextResponse("No such conversation.", status_code=404)
    masked = not sees_personal_data(request)
    audit(request, "view_transcript", sender, "masked" if masked else "full")
    return render(request, "transcript.html", sender=sender, rows=transcript(events, masked),
                  review=reviews(url).get(sender), masked=masked)


@allow()
async def review(request: Request) -> Response:
    """Save review status, tags and note."""
    sender = request.path_params["sender"]
    form = await request.form()
    set_review(sender, request.user.name, reviewed=form.get("reviewed") == "1",
               tags=str(form.get("tags", "")), note=str(form.get("note", "")), url=db_url(request))
    audit(request, "review", sender, f"reviewed={form.get('reviewed') == '1'} tags={form.get('tags', '')}")
    return RedirectResponse(f"/conversations/{sender}", 303)


@allow("admin")
async def erase_conversation(request: Request) -> Response:
    """Delete a conversation's events and review."""
    sender = request.path_params["sender"]
    count = erase(sender, db_url(request))
    audit(request, "erase_conversation", sender, f"{count} events")
    return RedirectResponse("/conversations", 303)


@allow()
async def export_conversations(request: Request) -> Response:
    """The filtered conversations as CSV or JSON lines, capped, redacted for reviewers."""
    fmt, url = request.path_params["fmt"], db_url(request)
    if fmt not in export.MEDIA_TYPES:
        return PlainTextResponse("Export as .csv or .jsonl.", status_code=404)
    full = sees_personal_data(request)
    items, cap = conversations(filters_from(request), url), export.limit()
    chosen, truncated = items[:cap], len(items) > cap
    audit(request, "export", fmt, f"{len(chosen)} of {len(items)} conversations (limit {cap}"
                                  f"{', truncated' if truncated else ''}), {'full' if full else 'redacted'}")
    headers = {"content-disposition": f"attachment; filename=conversations.{fmt}",
               "x-export-conversations": str(len(chosen)), "x-export-limit": str(cap),
               "x-export-truncated": "true" if truncated else "false"}
    return StreamingResponse(export.chunks(chosen, fmt, full, url), media_type=export.MEDIA_TYPES[fmt],
                             headers=headers)


routes = [
    Route("/conversations", conversation_list),
    Route("/conversations/{sender:path}/review", review, methods=["POST"]),
    Route("/conversations/{sender:path}/erase", erase_conversation, methods=["POST"]),
    Route("/conversations/{sender:path}", conversation),
    Route("/export.{fmt:str}", export_conversations),
]
