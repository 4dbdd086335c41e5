"""Query parameters of the pages, checked: a bad value is a 400 page naming the parameter,
never a stack trace or a silently ignored filter."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sitroom.errors import SitroomError


class BadParameter(SitroomError):
    """A query parameter a page cannot use."""


def text(params: Mapping[str, str], name: str, max_len: int = 200) -> str | None:
    value = (params.get(name) or "").strip()
    if len(value) > max_len:
        raise BadParameter(f"{name} is longer than {max_len} characters")
    return value or None


def day(params: Mapping[str, str], name: str) -> str | None:
    value = text(params, name, 10)
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise BadParameter(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    value = text(params, name)
    if value is not None and value not in allowed:
        raise BadParameter(f"{name} must be one of {', '.join(allowed)}")
    return value


def integer(params: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    value = text(params, name, 12)
    if value is None:
        return default
    try:
        n = int(value)
    except ValueError:
        raise BadParameter(f"{name} must be a whole number") from None
    if not lo <= n <= hi:
        raise BadParameter(f"{name} must be between {lo} and {hi}")
    return n
