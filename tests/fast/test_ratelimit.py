"""The token bucket, on a clock the test controls."""

from __future__ import annotations

from assistant.web.ratelimit import RateLimiter


def test_token_bucket_allows_a_burst_then_the_rate() -> None:
    limiter = RateLimiter(per_minute=6, burst=3)
    assert [limiter.allow("a", now=0.0)[0] for _ in range(4)] == [True, True, True, False]
    allowed, wait = limiter.allow("a", now=1.0)
    assert not allowed and 8 < wait <= 10
    assert limiter.allow("b", now=1.0)[0], "another client has its own bucket"
    assert limiter.allow("a", now=11.0)[0], "a token refills after 10 s at 6 per minute"
    assert RateLimiter(per_minute=0, burst=1).allow("a")[0], "0 turns the limit off"


def test_past_the_bounded_queue_questions_are_turned_away_at_once() -> None:
    import threading

    import pytest

    from assistant.answer import replies
    from assistant.web.context import Admission, RateLimited

    admission = Admission(active=1, waiting=1)
    release, started = threading.Event(), threading.Event()

    def hold() -> None:
        with admission.enter():
            started.set()
            release.wait()

    workers = [threading.Thread(target=hold) for _ in range(2)]
    workers[0].start()
    assert started.wait(10)
    workers[1].start()  # waits for the one slot
    while admission._count < 2:
        threading.Event().wait(0.01)
    with pytest.raises(RateLimited, match=replies.BUSY):
        with admission.enter():
            pass
    release.set()
    for worker in workers:
        worker.join(10)
    assert admission.shed == 1
    with admission.enter():
        pass
