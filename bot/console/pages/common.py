"""What every console page uses: templates, the signed-in user's rights, the audit log, app settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from bot.console import accounts

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))


def db_url(request: Request) -> Optional[str]:
    """The database the app was created for (``app.state.db_url``)."""
    return request.app.state.db_url


def sees_personal_data(request: Request) -> bool:
    """Coordinators and admins see personal data; reviewers see it masked."""
    return "personal_data" in request.auth.scopes


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    """A template with the signed-in user, role and session CSRF token available."""
    signed_in = request.user.is_authenticated
    context.update(user=request.user.name if signed_in else None, role=request.user.role if signed_in else None,
                   csrf=request.user.csrf if signed_in else "")
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def audit(request: Request, action: str, target: str = "", detail: str = "") -> None:
    """One audit record for the signed-in user (``?`` when nobody is)."""
    user = request.user.name if request.user.is_authenticated else "?"
    accounts.audit(user, action, target, detail, db_url(request))
