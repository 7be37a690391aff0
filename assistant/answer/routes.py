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
    EMERGENCY = "emergency"
    GREETING = "greeting"
    THANKS = "thanks"
    SMALL_TALK = "small_talk"
    OWN_RECORD = "own_record"
    SECRET = "secret"
    INJECTION = "injection"
    RECORDS = "records"
    ABUSE = "abuse"
    ILLEGAL = "illegal"
    HATE = "hate"
    INTRUSION = "intrusion"
    FALSIFY = "falsify"
    FAKE_LETTER = "fake_letter"
    PUNGLI = "pungli"
    POLITICAL = "political"
    OFF_TOPIC = "off_topic"
    # decided when the index or the store cannot serve
    NO_INDEX = "no_index"
    # decided by the router, after retrieval
    NO_HITS = "no_hits"
    NEAR_OFF_TOPIC = "near_off_topic"
    WEAK_OFF_TOPIC = "weak_off_topic"
    WEAK_EVIDENCE = "weak_evidence"
    # decided by answerability, after routing
    NOT_COVERED = "not_covered"
    NO_ASPECT = "no_aspect"
    REFERRED = "referred"
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
    Route.EMERGENCY: Reply(Status.EMERGENCY, replies.EMERGENCY),
    Route.GREETING: Reply(Status.GREETING, replies.GREETING),
    Route.THANKS: Reply(Status.GREETING, replies.THANKS),
    Route.SMALL_TALK: Reply(Status.GREETING, replies.SMALL_TALK),
    Route.OWN_RECORD: Reply(Status.NOT_FOUND, replies.OWN_RECORD),
    Route.SECRET: Reply(Status.OUT_OF_SCOPE, replies.SECRET),
    Route.INJECTION: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.RECORDS: Reply(Status.OUT_OF_SCOPE, replies.RECORDS),
    Route.ABUSE: Reply(Status.OUT_OF_SCOPE, replies.ABUSE),
    Route.ILLEGAL: Reply(Status.OUT_OF_SCOPE, replies.ILLEGAL),
    Route.HATE: Reply(Status.OUT_OF_SCOPE, replies.HATE),
    Route.INTRUSION: Reply(Status.OUT_OF_SCOPE, replies.INTRUSION),
    Route.FALSIFY: Reply(Status.OUT_OF_SCOPE, replies.FALSIFY),
    Route.FAKE_LETTER: Reply(Status.OUT_OF_SCOPE, replies.FAKE_LETTER),
    Route.PUNGLI: Reply(Status.OUT_OF_SCOPE, replies.PUNGLI),
    Route.POLITICAL: Reply(Status.OUT_OF_SCOPE, replies.POLITICAL),
    Route.OFF_TOPIC: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.NO_INDEX: Reply(Status.NOT_FOUND, replies.NO_INDEX),
    Route.NO_HITS: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.NEAR_OFF_TOPIC: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.WEAK_OFF_TOPIC: Reply(Status.OUT_OF_SCOPE, replies.OUT_OF_SCOPE),
    Route.WEAK_EVIDENCE: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.NOT_COVERED: Reply(Status.NOT_FOUND, replies.NOT_FOUND),
    Route.NO_ASPECT: Reply(Status.NOT_FOUND, None),
    Route.REFERRED: Reply(Status.NOT_FOUND, None),
    Route.ANSWERED: Reply(Status.ANSWERED, None),
}


def fixed_reply(route: Route, max_question_chars: int) -> tuple[Status, str]:
    """Status and text of a route with a fixed reply (every route but ``ANSWERED``)."""
    reply = ROUTES[route]
    if reply.text is None:
        raise ValueError(f"route {route} is composed from the corpus, it has no fixed reply")
    return reply.status, reply.text.format(limit=max_question_chars)
