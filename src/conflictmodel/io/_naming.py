"""Reproducible ids for imported records: a dataset namespace and the source's own key.

Ids are ``<namespace>:<key>`` (``pax:2093``, ``ucdp-actor:118``, ``ocha:SY14``), so that
scenarios imported from different datasets merge without collisions. Keys made from
names are slugs; a slug too long for an id (64 characters) is cut and given a short hash
of the whole name, so equal names always give equal ids and different names almost never
share one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["make_id", "slug"]

_MAX = 64
_NOT_ID = re.compile(r"[^a-z0-9]+")
_KEY = re.compile(r"[A-Za-z0-9._:-]+")


@lru_cache(maxsize=1 << 14)
def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by ``-`` (``"Idlib Governorate"`` ->
    ``idlib-governorate``); empty when the text has no Latin letters or digits.
    """
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_ID.sub("-", folded).strip("-")


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:10]


def make_id(namespace: str, *parts: str) -> str:
    """``namespace:part.part…`` as a valid id; parts that are not id-safe are slugged,
    and over-long or empty results are shortened with a hash of the full parts.
    """
    keys = [part if _KEY.fullmatch(part) else slug(part) for part in parts]
    body = ".".join(keys)
    whole = f"{namespace}:{body}"
    if len(whole) <= _MAX and all(keys):
        return whole
    digest = _digest("\x1f".join(parts))
    room = _MAX - len(namespace) - 1 - len(digest) - 1
    head = body[:room].strip(".-")
    return f"{namespace}:{head}-{digest}" if head else f"{namespace}:{digest}"
