"""Routes: why a question got the reply it got. One table maps each route to its status and fixed reply."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import replies
from .schema import Status


class Route(StrEnum):
    """Every way a question can end; the guard, the index and the router each pick one."""

    # decided by the guard, before retrieval
    EMPTY = "empty"
    TOO_LONG = "too_long"
    UNREADABLE = "unreadable"
    GREETING = "greeting"
    THANKS = "thanks"
    SECRET = "secret"
    INJECTION = "injection"
    RECORDS = "records"
    ABUSE = "abuse"
    ILLEGAL = "illegal"
    POLITICAL = "political"
    OFF_TOPIC = "off_topic"
    # decided when the index or the store cannot serve
    NO_INDEX = "no_index"
    # decided by the router, after retrieval
    NO_HITS = "no_hits"
    NEAR_OFF_TOPIC = "near_off_topic"
    NEAR_UNCOVERED = "near_uncovered"
    OTHER_AGENCY = "other_agency"
    WEAK_OFF_TOPIC = "weak_off_topic"
    WEAK_UNCOVERED = "weak_uncovered"
    ANSWERED = "answered"


@dataclass(frozen=True)
class Reply:
    """The status and the fixed text of a route (``None`` text: composed from the corpus)."""

    status: Status
    text: str | None


ROUTES: dict[Route, Reply] = {
    Route.EMPTY: Reply(Status.CLARIFY, replies.EMPTY),
    Route.TOO_LONG: Reply(Status.CLARIFY, replies.TOO_LONG),
    Route.UNREADABLE: Reply(Status.CLARIFY, replies.UNREADABLE),
    Route.GREETING: Reply(Status.GREETING, replies.GREETING),
    Route.THANKS: Reply(Status.GREETING, replies.THANKS),
    Route.SECRET: Reply(Status.OUT_OF_SCOPE, replies.SECRET),
    Route.INJECTION: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.RECORDS: Reply(Status.OUT_OF_SCOPE, replies.RECORDS),
    Route.ABUSE: Reply(Status.OUT_OF_SCOPE, replies.ABUSE),
    Route.ILLEGAL: Reply(Status.OUT_OF_SCOPE, replies.ILLEGAL),
    Route.POLITICAL: Reply(Status.OUT_OF_SCOPE, replies.POLITICAL),
    Route.OFF_TOPIC: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.NO_INDEX: Reply(Status.NOT_FOUND, replies.NO_INDEX),
    Route.NO_HITS: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.NEAR_OFF_TOPIC: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.NEAR_UNCOVERED: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.OTHER_AGENCY: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.WEAK_OFF_TOPIC: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.WEAK_UNCOVERED: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.ANSWERED: Reply(Status.ANSWERED, None),
}


def fixed_reply(route: Route, max_question_chars: int) -> tuple[Status, str]:
    """Status and text of a route with a fixed reply (every route but ``ANSWERED``)."""
    reply = ROUTES[route]
    if reply.text is None:
        raise ValueError(f"route {route} is composed from the corpus, it has no fixed reply")
    return reply.status, reply.text.format(limit=max_question_chars)
