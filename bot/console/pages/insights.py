"""Figures and charts over every conversation."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.console.auth import allow
from bot.console.conversations import mask
from bot.console.insights import bar_chart, compute
from bot.console.pages.common import audit, db_url, render, sees_personal_data


@allow()
async def insights(request: Request) -> Response:
    """Counts, messages per day, top topics and the latest unanswered questions (masked for reviewers)."""
    figures = compute(db_url(request))
    audit(request, "view_insights")
    masked = not sees_personal_data(request)
    unanswered = [dict(u, text=mask(str(u["text"]), u["secrets"]) if masked else u["text"])
                  for u in figures.unanswered]
    return render(request, "insights.html", f=figures, unanswered=unanswered[-50:][::-1],
                  per_day=bar_chart(figures.per_day, "Patient messages per day"),
                  topics=bar_chart(figures.topics, "Top topics"))


routes = [Route("/insights", insights)]
