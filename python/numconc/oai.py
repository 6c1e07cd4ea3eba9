"""An OAI-PMH 2.0 repository of what was digitised.

The records are the published documents of one or several campaigns, in
``oai_dc`` (Dublin Core); identifiers are
``oai:<repository-id>:<campaign>/<document>``, datestamps the day of the
latest publication (granularity ``YYYY-MM-DD``), sets ``campaign:<id>``,
``institution:<id>`` and ``target:<name>``. Lists are paged by resumption
tokens. The core answers: this module only supplies the clock by default.

Example:
    >>> import datetime, numconc, numconc.oai
    >>> xml = numconc.oai.respond([], "verb=Identify",
    ...     base_url="https://bm.example.org/oai",
    ...     now=datetime.datetime(2026, 9, 21, tzinfo=datetime.timezone.utc))
    >>> "<granularity>YYYY-MM-DD</granularity>" in xml
    True
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ._native import Campaign, oai_respond

__all__ = ["respond"]


def respond(
    campaigns: Sequence[Campaign],
    query: str,
    *,
    base_url: str,
    now: datetime.datetime | None = None,
    repository_name: str | None = None,
    repository_id: str | None = None,
    admin_emails: Sequence[str] | None = None,
    page_size: int = 100,
) -> str:
    """The response (XML text) of the repository to one request.

    Args:
        campaigns: the campaigns the repository holds (ids unique).
        query: the request's query string without ``?`` (or the form body
            of a POST), percent-encoded as sent.
        base_url: the address the repository answers at (``http(s)``).
        now: the response date, a ``datetime.datetime`` with a time zone;
            by default the current time in UTC.
        repository_name: ``repositoryName``; by default the programmes' names.
        repository_id: the namespace of item identifiers; by default the
            host of ``base_url``.
        admin_emails: ``adminEmail``s; by default ``admin@<repository-id>``.
        page_size: records or identifiers per page of a list (1 to 10 000).

    Returns:
        The response XML. A wrong request is answered with the protocol's
        errors (``badVerb``, ``badArgument``, …), never an exception.

    Raises:
        ValidationError: the repository itself is wrong (``INVALID_URL``,
            ``DUPLICATE_ID`` for a campaign given twice, ``OUT_OF_RANGE``
            for the page size, ``INCONSISTENT`` for an email).
        TypeError, ValueError: an argument of a wrong Python type, a
            datetime without a time zone.
    """
    if now is None:
        now = datetime.datetime.now(datetime.timezone.utc)
    return oai_respond(
        list(campaigns),
        query,
        base_url=base_url,
        now=now,
        repository_name=repository_name,
        repository_id=repository_id,
        admin_emails=admin_emails,
        page_size=page_size,
    )
