"""The UCDP Actor Dataset: every actor UCDP codes, with names, types and links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflictmodel._model._actors import Actor, ActorKind
from conflictmodel._model._alignment import Alliance, AllianceKind, Membership
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._provenance import Source

from ._builder import Builder, Progress, RowError
from ._csv import CsvReader, CsvRow
from ._numbers import digits, signed_code
from ._source import Input, describe, open_binary
from ._states import State, by_gwno, by_name, normal_name

if TYPE_CHECKING:
    from collections.abc import Iterable

    from conflictmodel._model._scenario import Record

    from ._report import Imported

__all__ = ["UCDP_ACTOR_COLUMNS", "read_ucdp_actors"]

DATASET = "ucdp-actor"

UCDP_ACTOR_COLUMNS: tuple[str, ...] = (
    "ActorId", "NameData", "NameOrig", "NameOrigFull", "NameOrigFullEng", "NameChange", "NewName",
    "NewNameFullMotherTongue", "NewNameFullEng", "Org", "ConflictId", "DyadId", "PrimaryParty", "OSID",
    "OSCoalition", "OSCoalitionID", "NSID", "NSCoalition", "NSCoalitionID", "Splinter", "NamePrev",
    "ActorIdPrev", "SplitTemp", "NameSplitTemp", "ActorIdSplitTemp", "Alliance", "NameAlliance",
    "ActorIdAlliance", "JoinGroup", "GroupName", "ActorIdGroup", "Location", "GWNOLoc", "Region", "Version",
)  # fmt: skip
"""The columns of the UCDP Actor Dataset CSV (version 22.1)."""

_REQUIRED = ("ActorId", "NameData", "Org", "Location", "GWNOLoc")

CITATION = Source(
    id="ucdp-actor:dataset",
    title="UCDP Actor Dataset",
    publisher="Uppsala Conflict Data Program, Uppsala University",
    locator="https://ucdp.uu.se/downloads/",
)

# Org: 1 formally organised group (rebels and other non-state armed groups), 2 informally
# organised group of a party's supporters, 3 informally organised group along identity
# lines (ethnic, clan, religious), 4 government.
_ORG = {"1": ActorKind.ARMED_GROUP, "2": ActorKind.MILITIA, "3": ActorKind.MILITIA, "4": ActorKind.GOVERNMENT}
_NONE = {"", "n/a", "N/A", "NA"}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _ids(text: str, column: str) -> list[str]:
    parts = _split(text)
    for part in parts:
        digits(part, column, f"a UCDP actor id in the list {text!r}")
    return parts


def _aliases(v: dict[str, str], name: str) -> frozenset[str]:
    found: set[str] = set()
    for column in ("NameOrig", "NameOrigFull", "NameOrigFullEng"):
        if v.get(column, "").strip() not in _NONE:
            found.add(v[column].strip())
    new = [v.get(c, "") for c in ("NewName", "NewNameFullMotherTongue", "NewNameFullEng")]
    lists = [_split(text) for text in new if text.strip() not in _NONE]
    # Successive names are listed comma-separated; split them only where the columns agree
    # on how many there are (a single name may itself contain a comma).
    if lists and len({len(parts) for parts in lists}) == 1:
        for parts in lists:
            found.update(parts)
    else:
        found.update(text.strip() for text in new if text.strip() not in _NONE)
    found.discard(name)
    return frozenset(found)


def _places(v: dict[str, str]) -> list[tuple[str, int | None]]:
    names = _split(v["Location"])
    codes = _split(v["GWNOLoc"])
    if len(names) != len(codes):  # names such as "Macedonia, FYR" hold commas: trust the codes
        names = [""] * len(codes)
    out: list[tuple[str, int | None]] = []
    for name, code in zip(names, codes, strict=True):
        out.append((name, signed_code(code, "GWNOLoc", f"a GW number in the list {v['GWNOLoc']!r}")))
    return out


def _home(v: dict[str, str], kind: ActorKind) -> tuple[State | None, int | None]:
    """The state a government governs (its name in ``Government of X`` matched against
    its locations), or the one state a non-state actor is located in.
    """
    places = _places(v)
    if kind is ActorKind.GOVERNMENT:
        name = v["NameData"].strip().removeprefix("Government of").strip()
        for place, code in places:
            if place and code is not None and normal_name(place) == normal_name(name):
                return by_gwno(code), code
        state = by_name(name)  # a government that fought only abroad
        return (state, state.gwno) if state is not None else (None, None)
    if len(places) == 1:
        code = places[0][1]
        return (by_gwno(code) if code is not None else None), code
    return None, None


def _actor(builder: Builder, row: CsvRow) -> list[Record]:
    v = row.values
    key = digits(v["ActorId"], "ActorId", "a UCDP actor id")
    name = v["NameData"].strip()
    if not name:
        raise RowError("the actor has no name", "NameData")
    try:
        kind = _ORG[v["Org"].strip()]
    except KeyError:
        raise RowError(f"{v['Org']!r} is not an Org code (1 to 4)", "Org") from None
    state, code = _home(v, kind)
    external = {"ucdp": key}
    if code is not None:
        external["gwno"] = str(code)
    parent = None
    if v.get("SplitTemp", "").strip() == "1":
        faction_of = _ids(v.get("ActorIdSplitTemp", ""), "ActorIdSplitTemp")
        if len(faction_of) == 1:
            parent = f"{DATASET}:{faction_of[0]}"
    builder.claim(key, row.number, "ActorId")
    return [
        Actor(
            id=f"{DATASET}:{key}",
            name=name,
            kind=kind,
            aliases=_aliases(v, name),
            parent=parent,
            country=state.iso3 if state is not None else None,
            external_ids=FrozenMap(external),
            sources=builder.sources,
            origin=builder.origin(key, v),
        )
    ]


def _alliances(builder: Builder, rows: Iterable[tuple[str, list[str], str]], known: set[str]) -> None:
    """One coalition per actor that others name as their alliance: its members are that
    actor (when the file has it) and every actor naming it, in file order.
    """
    members: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for member, targets, label in rows:
        labels = _split(label)
        for index, target in enumerate(targets):
            members.setdefault(target, [])
            if member not in members[target]:
                members[target].append(member)
            if target not in names:
                names[target] = labels[index] if len(labels) == len(targets) else label
    for target, group in members.items():
        ids = ([target] if target in known else []) + [m for m in group if m != target]
        builder.update(
            Alliance(
                id=f"{DATASET}:alliance.{target}",
                name=names[target] or f"UCDP actor {target}",
                kind=AllianceKind.COALITION,
                members=tuple(Membership(actor=f"{DATASET}:{m}") for m in ids),
                sources=builder.sources,
                origin=builder.origin(target, None),
            )
        )


def read_ucdp_actors(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read the UCDP Actor Dataset CSV into actors and the coalitions it states.

    Each row becomes an :class:`~conflictmodel.Actor` ``ucdp-actor:<ActorId>`` with
    ``external_ids["ucdp"]``, the kind from ``Org`` (4 government, 1 armed group, 2 and
    3 militia), the original and later names as aliases, the ISO country of the state a
    government governs (or of the one state a group is located in) with its GW number
    in ``external_ids["gwno"]``, and a temporary faction's group as ``parent``. Actors
    that name an alliance (``Alliance``/``ActorIdAlliance``) become members of an
    :class:`~conflictmodel.Alliance` of kind coalition ``ucdp-actor:alliance.<id>``.
    ``version`` defaults to the file's ``Version`` column.
    """
    name = describe(source)
    builder = Builder(
        dataset=DATASET,
        title="UCDP actors",
        version=version,
        source=name,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    links: list[tuple[str, list[str], str]] = []
    versions: set[str] = set()
    with open_binary(source) as handle:
        rows = CsvReader(handle, source=name, required=_REQUIRED)
        for row in rows:
            if version is None and row.values.get("Version", "").strip():
                versions.add(row.values["Version"].strip())
                builder.version = min(versions)

            def make(row: CsvRow = row) -> list[Record]:
                records = _actor(builder, row)
                if row.values.get("Alliance", "").strip() == "1":
                    targets = _ids(row.values.get("ActorIdAlliance", ""), "ActorIdAlliance")
                    links.append((row.values["ActorId"].strip(), targets, row.values.get("NameAlliance", "")))
                return records

            builder.convert(row.number, row.line, make)
    if len(versions) > 1:
        builder.note(f"the file mixes versions {sorted(versions)}; the origins say the first")
    known = {r.id.removeprefix(f"{DATASET}:") for r in builder.records() if isinstance(r, Actor)}
    _alliances(builder, links, known)
    return builder.finish()
