"""The files shipped in the package: the JSON Schemas and the rules.

The package carries, as data, the JSON Schemas (draft 2020-12) of the v1.1
format — ``programme``, ``campaign``, ``command`` and ``saved`` (the file of
:meth:`numconc.Campaign.save`) — and the rules they come from
(``domain.md``, ``import.md``, ``vectors.md``): the same files as the
repository's ``docs/schemas/`` and ``docs/spec/``.

Example:
    >>> import json, numconc
    >>> schema = json.loads(numconc.schema_path("command").read_text(encoding="utf-8"))
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(p.name for p in numconc.schema_path().glob("*.json"))[0]
    'campaign.schema.json'
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

__all__ = ["SCHEMAS", "SPECS", "schema_path", "spec_path"]

_HERE = Path(__file__).resolve().parent

SCHEMAS = ("programme", "campaign", "command", "saved")
"""The names :func:`schema_path` accepts."""

SPECS = ("domain", "import", "vectors")
"""The names :func:`spec_path` accepts."""


def _path(folder: str, names: tuple[str, ...], suffix: str, name: Optional[str]) -> Path:
    directory = _HERE / folder
    if name is None:
        return directory
    if name not in names:
        raise ValueError(f"{name!r}: not one of {', '.join(names)}")
    return directory / f"{name}{suffix}"


def schema_path(name: Optional[str] = None) -> Path:
    """The path of a JSON Schema shipped in the package.

    Args:
        name: ``"programme"``, ``"campaign"``, ``"command"`` or ``"saved"``;
            ``None`` gives the directory that holds the four
            ``<name>.schema.json`` files.

    Returns:
        The file (or directory) path.

    Raises:
        ValueError: for another name (the message lists the accepted ones).

    Example:
        >>> import numconc
        >>> numconc.schema_path("saved").name
        'saved.schema.json'
    """
    return _path("schemas", SCHEMAS, ".schema.json", name)


def spec_path(name: Optional[str] = None) -> Path:
    """The path of a page of the rules shipped in the package.

    Args:
        name: ``"domain"``, ``"import"`` or ``"vectors"``; ``None`` gives
            the directory that holds the three ``<name>.md`` files.

    Returns:
        The file (or directory) path.

    Raises:
        ValueError: for another name (the message lists the accepted ones).

    Example:
        >>> import numconc
        >>> numconc.spec_path("domain").read_text(encoding="utf-8").startswith("# numconc")
        True
    """
    return _path("spec", SPECS, ".md", name)
