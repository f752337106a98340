"""PA-X, the Peace Agreements Database (University of Edinburgh): one row per agreement."""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from conflictmodel._model._actors import Actor, ActorKind
from conflictmodel._model._agreements import Agreement, AgreementActor, AgreementKind, AgreementStatus, Provision, Role
from conflictmodel._model._dates import Precision
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._provenance import Source
from conflictmodel._model._territory import Territory, TerritoryKind

from ._builder import Builder, Progress, RowError
from ._csv import CsvReader, CsvRow
from ._numbers import digits
from ._precision import at, day
from ._source import Input, describe, open_binary
from ._states import STATES, State, by_name, normal_name

if TYPE_CHECKING:
    from collections.abc import Iterator

    from conflictmodel._model._scenario import Record

    from ._report import Imported

__all__ = ["PAX_METADATA_COLUMNS", "read_pax"]

DATASET = "pax"

PAX_METADATA_COLUMNS: tuple[str, ...] = (
    "Con", "Contp", "PP", "PPName", "Reg", "AgtId", "Ver", "Agt", "Dat", "Status", "Lgt", "N_characters",
    "Agtp", "Stage", "StageSub", "Part", "ThrdPart", "OthAgr", "Loc1ISO", "Loc2ISO", "Loc1GWNO", "Loc2GWNO",
    "UcdpCon", "UcdpAgr", "PamAgr", "CowWar",
)  # fmt: skip
"""The descriptive columns of the PA-X CSV; every column after them is a coded provision."""

_REQUIRED = ("AgtId", "Agt", "Dat", "Status", "Agtp", "Stage", "StageSub", "Part", "ThrdPart", "Loc1ISO", "Loc2ISO")

CITATION = Source(
    id="pax:dataset",
    title="PA-X Peace Agreements Database",
    publisher="Political Settlements Research Programme, University of Edinburgh",
    locator="https://www.peaceagreements.org",
)

# Stage (and, for ceasefires, sub-stage) -> kind.
_STAGE = {
    "Pre": AgreementKind.TALKS,  # pre-negotiation and process agreements
    "SubPar": AgreementKind.FRAMEWORK,  # framework or substantive, partial
    "SubComp": AgreementKind.PEACE,  # framework or substantive, comprehensive
    "Imp": AgreementKind.IMPLEMENTATION,  # implementation and renegotiation
    "Ren": AgreementKind.IMPLEMENTATION,  # renewal of earlier agreements
    "Cea": AgreementKind.CEASEFIRE,  # ceasefires and related
    "Oth": AgreementKind.OTHER,
}
_CEASEFIRE_RELATED = "Rel"  # ceasefire-related: de-escalation, separation of forces, truces
_STATUS = {
    "Multiparty signed/agreed": AgreementStatus.SIGNED,
    "Unilateral document": AgreementStatus.SIGNED,
    "Agreement with subsequent status": AgreementStatus.SIGNED,
    "Status unclear": None,
}
_NOT_PROVISION = {"", "0"}
_ENTRY = re.compile(r"[;\r\n]+")
_LIST = re.compile(r",|\band\b")
_PREFIX = re.compile(r"^(?:(?:by|for|the|government of|representative of|signing for|[-•*\d.)]+)\s+)+", re.IGNORECASE)
# Third-party headings and the role the entries under them hold.
_CUES = (
    (re.compile(r"guarant", re.IGNORECASE), Role.GUARANTOR),
    (re.compile(r"mediat|facilitat", re.IGNORECASE), Role.MEDIATOR),
    (re.compile(r"witness|in the presence of|observer|accompanying", re.IGNORECASE), Role.OBSERVER),
)


def entries(cell: str) -> tuple[str, ...]:
    """A party cell's entries: split at line breaks and semicolons, each trimmed."""
    return tuple(part.strip() for part in _ENTRY.split(cell) if part.strip())


def _state(text: str) -> State | None:
    bare = _PREFIX.sub("", normal_name(text)).strip()
    return by_name(bare) if bare else None


def states_in(entry: str) -> list[State]:
    """The states an entry names: the whole entry, or every item of a list of states
    ("Islamic Republic of Iran, the Russian Federation and the Republic of Turkey").
    """
    for head in (entry, *entry.split(":", 1)) if ":" in entry else (entry,):
        whole = _state(head)
        if whole is not None:
            return [whole]
        items = [item for item in _LIST.split(head) if item.strip()]
        found = [_state(item) for item in items]
        if len(found) > 1 and all(found):
            return [s for s in found if s is not None]
    return []


def _third_parties(cell: str) -> Iterator[tuple[State, Role]]:
    role: Role | None = None
    for entry in entries(cell):
        for pattern, cue in _CUES:
            if pattern.search(entry):
                role = cue
                break
        if role is not None:
            for state in states_in(entry):
                yield state, role


def _kind(stage: str, sub: str) -> AgreementKind:
    if stage == "Cea" and sub == _CEASEFIRE_RELATED:
        return AgreementKind.DE_ESCALATION
    try:
        return _STAGE[stage]
    except KeyError:
        raise RowError(f"{stage!r} is not a PA-X stage ({', '.join(_STAGE)})", "Stage") from None


def _actor(builder: Builder, state: State) -> str:
    code = state.iso3 or f"GW{state.gwno}"  # by_name only finds states with ISO codes
    id_ = f"{DATASET}:state.{code}"
    if builder.find(id_) is None:
        external = {"iso3": code} | ({"gwno": str(state.gwno)} if state.gwno is not None else {})
        builder.update(
            Actor(
                id=id_,
                name=state.name,
                kind=ActorKind.STATE,
                aliases=frozenset(state.aliases),
                country=state.iso3,
                external_ids=FrozenMap(external),
                sources=builder.sources,
                origin=builder.origin(code, None),
            )
        )
    return id_


def _country(builder: Builder, iso3: str, column: str) -> str:
    code = iso3.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise RowError(f"{iso3!r} is not an ISO 3166-1 alpha-3 code", column)
    id_ = f"{DATASET}:t.{code}"
    if builder.find(id_) is None:
        state = by_name(code)
        name = next((s.name for s in STATES if s.iso3 == code), code) if state is None else state.name
        builder.update(
            Territory(
                id=id_,
                name=name,
                kind=TerritoryKind.COUNTRY,
                external_ids=FrozenMap({"iso3": code}),
                sources=builder.sources,
                origin=builder.origin(code, None),
            )
        )
    return id_


def _agreement(builder: Builder, row: CsvRow, provision_columns: list[str]) -> list[Record]:
    v = row.values
    key = digits(v["AgtId"], "AgtId", "an agreement id")
    name = v["Agt"].strip()
    if not name:
        raise RowError("the agreement has no name", "Agt")
    kind = _kind(v["Stage"].strip(), v["StageSub"].strip())
    status_text = v["Status"].strip()
    if status_text not in _STATUS:
        raise RowError(f"{status_text!r} is not a PA-X status", "Status")
    status = _STATUS[status_text]
    signed = at(day(v["Dat"], "Dat"), Precision.DAY) if v["Dat"].strip() else None
    covers = frozenset(
        _country(builder, v[column], column) for column in ("Loc1ISO", "Loc2ISO") if v[column].strip() not in ("", "NA")
    )
    locations = {v[c].strip().upper() for c in ("Loc1ISO", "Loc2ISO")}
    roles: dict[str, set[Role]] = {}
    party_roles = {Role.PARTY} | ({Role.SIGNATORY} if status_text == "Multiparty signed/agreed" else set())
    # Outside states that alone sign a ceasefire (or ceasefire-related) agreement on an
    # intra-state conflict located elsewhere guarantee it: PA-X lists them as parties, the
    # agreements' texts call them guarantors (the Astana memoranda, 2016-2020).
    parties = [states_in(entry) for entry in entries(v["Part"])]
    outside_only = bool(parties) and all(parties) and all(s.iso3 not in locations for ss in parties for s in ss)
    guarantors = outside_only and v["Agtp"].strip() == "InterIntra" and v["Stage"].strip() == "Cea"
    for found in parties:
        for state in found:
            held = roles.setdefault(_actor(builder, state), set())
            held |= party_roles | ({Role.GUARANTOR} if guarantors else set())
    for state, role in _third_parties(v["ThrdPart"]):
        roles.setdefault(_actor(builder, state), set()).add(role)
    provisions = tuple(
        Provision(kind=column, text=v[column].strip())
        for column in provision_columns
        if v[column].strip() not in _NOT_PROVISION
    )
    process = v.get("PPName", "").strip() or None
    builder.claim(key, row.number, "AgtId")
    return [
        Agreement(
            id=f"{DATASET}:{key}",
            name=name,
            kind=kind,
            signed=signed,
            status=status,
            actors=tuple(AgreementActor(actor=actor, roles=frozenset(held)) for actor, held in roles.items()),
            covers=covers,
            provisions=provisions,
            process=process,
            verbatim_parties=entries(v["Part"]),
            verbatim_third_parties=entries(v["ThrdPart"]),
            sources=builder.sources,
            origin=builder.origin(key, v),
        )
    ]


def read_pax(
    source: Input,
    *,
    version: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    keep_rows: bool = True,
) -> Imported:
    """Read the PA-X agreements CSV into agreements, the states they name and the
    countries they cover.

    Each row becomes an :class:`~conflictmodel.Agreement` ``pax:<AgtId>``: kind from
    ``Stage``/``StageSub``, ``signed`` from ``Dat``, status from ``Status``, ``process``
    from ``PPName``, ``covers`` the countries ``Loc1ISO``/``Loc2ISO`` (territories
    ``pax:t.<ISO3>``), every coded provision column with a value other than empty or
    ``0`` as a :class:`~conflictmodel.Provision` (kind = the PA-X column code, text =
    the value), the party and third-party cells entry by entry in
    ``verbatim_parties``/``verbatim_third_parties``, and structured roles for the states
    those entries name (actors ``pax:state.<ISO3>``; see ``docs/importers.md`` for the
    rules, including the guarantors of the Astana memoranda). PA-X files carry no
    version; pass ``version`` to record one.
    """
    name = describe(source)
    builder = Builder(
        dataset=DATASET,
        title="PA-X peace agreements",
        version=version,
        source=name,
        strict=strict,
        progress=progress,
        citation=CITATION,
        keep_rows=keep_rows,
    )
    with open_binary(source) as handle:
        rows = CsvReader(handle, source=name, required=_REQUIRED)
        header = rows.header
        provision_columns = [c for c in header if c not in PAX_METADATA_COLUMNS]
        for row in rows:
            builder.convert(row.number, row.line, partial(_agreement, builder, row, provision_columns))
    return builder.finish()
