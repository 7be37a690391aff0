"""The plain JSON API for integrators (a city portal, a WhatsApp gateway): ``POST /api/ask``, mounted beside the
Gradio app, with its OpenAPI schema at ``/api/openapi.json``. It calls the same ``WebContext.ask`` as the chat, so
the same rate limit, busy control and question log apply."""

from __future__ import annotations

from typing import Literal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.routing import Mount

from ..answer.schema import Answer
from ..ingest.documents import Audience
from .context import RateLimited, WebContext

API_PREFIX = "/api"
MAX_QUESTION_BODY = 20_000
"""Characters a question may have in a request at all; the assistant's own limit (a setting, shorter) answers
longer questions with ``clarify``, this one keeps bodies bounded."""
MAX_HISTORY_TURNS = 20
RETRY_AFTER_SECONDS = "10"


class AskRequest(BaseModel):
    """One question, as a resident or staff member would type it."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(max_length=MAX_QUESTION_BODY, description="The question, in Indonesian or English.")
    audience: Audience = Field(Audience.WARGA, description="'warga' (residents) or 'petugas' (kelurahan staff).")
    history: list[str] = Field(
        default_factory=list,
        max_length=MAX_HISTORY_TURNS,
        description="Earlier questions of the conversation, oldest first (for follow-ups such as 'syaratnya?').",
    )


class AskResponse(Answer):
    """The Answer of DESIGN.md, plus the token that rates it through the app's ``/feedback`` endpoint."""

    feedback_token: str | None = None


class Health(BaseModel):
    """What this app process serves: for a load balancer's health check and for checking that replicas agree."""

    status: Literal["ok", "warming_up"] = Field(
        description="'warming_up' while a first start answers from the word index only (the full index is building)."
    )
    generation: str = Field(description="The index generation answers come from (the same on every replica).")
    documents: int = Field(description="Documents in that generation.")
    building: bool = Field(description="True while this process builds a newer index in the background.")


class Refused(BaseModel):
    """Why a request was not answered, in Indonesian (shown to the person asking)."""

    detail: str


def api_app(context: WebContext) -> FastAPI:
    """The JSON API as its own small FastAPI app (its own OpenAPI schema, no interactive docs: they load scripts
    from the internet)."""
    app = FastAPI(
        title="Tanya Kelurahan API",
        summary="Answers about Kota Kupang's kelurahan and population services, from cited documents.",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )

    @app.post("/ask", response_model=AskResponse, responses={429: {"model": Refused}})
    def ask(body: AskRequest, request: Request) -> AskResponse | JSONResponse:
        """Answer one question. 429 with a message when this client asks too often or the service is full."""
        try:
            answer, token = context.ask(body.question, body.audience, history=list(body.history), request=request)
        except RateLimited as exc:
            return JSONResponse({"detail": str(exc)}, status_code=429, headers={"Retry-After": RETRY_AFTER_SECONDS})
        return AskResponse(**answer.model_dump(), feedback_token=token)

    @app.get("/health", response_model=Health)
    def health() -> Health:
        """The served index generation and whether the full index is ready (switching first if a newer one exists)."""
        assistant = context.assistant
        generation = assistant.generation()
        return Health(
            status="warming_up" if assistant.warming_up else "ok",
            generation=generation,
            documents=len(assistant.documents()),
            building=assistant.building,
        )

    return app


def api_route(context: WebContext) -> Mount:
    """The API mounted at ``/api``, to go beside the pages, before Gradio's own routes."""
    return Mount(API_PREFIX, app=api_app(context))
