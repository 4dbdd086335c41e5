"""The web application behind ``sitroom serve``: server-rendered pages over one store.

Each page is a function returning a data dict (``sitroom.web.pages``); the route renders
it with a Jinja2 template, or returns it as JSON with ``?format=json``. The store is opened
read-only, so no request can change it. Everything from ingested documents is escaped by
the templates (autoescape), and a Content-Security-Policy allows scripts from this app
only, so a ``<script>`` or an ``onerror=`` in a document cannot run. Errors are pages that
say what went wrong, never a stack trace.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sitroom import __version__
from sitroom.errors import SitroomError
from sitroom.store.sqlite import SQLiteStore
from sitroom.web.cache import StoreViews
from sitroom.web.pages.claims import claims, contested
from sitroom.web.pages.common import NotFound, side_colour
from sitroom.web.pages.document import document_page
from sitroom.web.pages.entity import entity_page
from sitroom.web.pages.figures import figures
from sitroom.web.pages.map import map_page
from sitroom.web.pages.overview import overview
from sitroom.web.pages.search import search_page
from sitroom.web.pages.stories import stories_page
from sitroom.web.pages.timeline import timeline
from sitroom.web.params import BadParameter

log = logging.getLogger("sitroom.web")

NAV = [("/", "Overview"), ("/stories", "Stories"), ("/timeline", "Timeline"), ("/map", "Map"), ("/claims", "Claims"),
       ("/contested", "Contested"), ("/figures", "Figures")]


def template_env() -> Environment:
    """The Jinja2 environment of the app and the static report (autoescape everywhere)."""
    env = Environment(loader=PackageLoader("sitroom.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(nav=NAV, version=__version__, side_colour=side_colour)
    env.filters["num"] = lambda v: "" if v is None else (f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}")
    return env


def content_security_policy(tiles: str = "") -> str:
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
        img += f" {parts.scheme}://{host}"
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'")


class SecurityHeaders:
    """Headers on every response: CSP, no sniffing, no framing, no referrer."""

    def __init__(self, app, csp: str) -> None:
        self.app = app
        self.headers = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"x-frame-options", b"DENY"), (b"referrer-policy", b"no-referrer")]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, default=str), status_code=status,
                    media_type="application/json")


WARM_PAGES = (overview, timeline, map_page, figures, contested)


def warm(views: StoreViews) -> None:
    """Compute the store-wide views (briefing, timeline, markers, series, contested
    groups) so the first visitor does not wait for them; errors are left for the pages
    to report."""
    for fn in WARM_PAGES:
        try:
            with views.lock:
                fn(views, {})
        except Exception:  # noqa: BLE001 - the page itself will show the error
            log.exception("warming %s", fn.__name__)


def create_app(db: str, tiles: str = "", warm_up: bool = True) -> Starlette:
    """The app over the store at ``db`` (opened read-only; a missing or outdated store
    is a ``StoreError`` here, before serving). With ``warm_up`` the store-wide views are
    computed in the background as soon as the server starts."""
    store = SQLiteStore.open_readonly(db)
    views = StoreViews(store, tiles=tiles)
    env = template_env()

    def render(request: Request, template: str, data: dict, status: int = 200) -> Response:
        html = env.get_template(template).render(data=data, request_path=request.url.path,
                                                 query=dict(request.query_params), db=db)
        return HTMLResponse(html, status_code=status)

    def page(template: str, fn: Callable[..., dict]):
        def endpoint(request: Request) -> Response:
            with views.lock:  # one connection: pages run one at a time
                data = fn(views, request.query_params, **request.path_params)
            if request.query_params.get("format") == "json":
                return _json(data)
            return render(request, template, data)

        return endpoint

    def error(request: Request, status: int, title: str, message: str) -> Response:
        if request.query_params.get("format") == "json" or request.url.path.endswith(".json"):
            return _json({"error": title, "message": message, "status": status}, status)
        return render(request, "error.html", {"page": "error", "status": status, "title": title,
                                              "message": message}, status)

    async def not_found(request: Request, exc: Exception) -> Response:
        return error(request, 404, "Not found", str(exc) if isinstance(exc, NotFound) else
                     f"There is no page at {request.url.path}.")

    async def bad_request(request: Request, exc: Exception) -> Response:
        return error(request, 400, "Bad request", str(exc))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return await not_found(request, exc)
        return error(request, exc.status_code, "Request refused", exc.detail or "")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        return error(request, 500, "Something went wrong",
                     "sitroom could not build this page. The error is in the server's log; "
                     "please report it with the address of this page.")

    routes = [
        Route("/", page("overview.html", overview)),
        Route("/stories", page("stories.html", stories_page)),
        Route("/timeline", page("timeline.html", timeline)),
        Route("/map", page("map.html", map_page)),
        Route("/claims", page("claims.html", claims)),
        Route("/contested", page("contested.html", contested)),
        Route("/figures", page("figures.html", figures)),
        Route("/search", page("search.html", search_page)),
        Route("/entity/{entity_id:path}", page("entity.html", entity_page)),
        Route("/document/{doc_id:path}", page("document.html", document_page)),
        Mount("/static", StaticFiles(directory=str(resources.files("sitroom.web") / "static")), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(_app):
        if warm_up:
            threading.Thread(target=warm, args=(views,), name="sitroom-warm", daemon=True).start()
        yield

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders, csp=content_security_policy(tiles))],
        exception_handlers={NotFound: not_found, BadParameter: bad_request, SitroomError: bad_request,
                            HTTPException: http_error, Exception: server_error},
    )
    app.state.views = views
    return app
