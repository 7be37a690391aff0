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
