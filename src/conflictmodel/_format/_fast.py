r"""The fast decoder for valid documents, when :mod:`msgspec` is installed.

Each model class is read from its attrs fields (a new field is picked up without a
change here) and decoded by msgspec in C with the format's own strictness: optional
fields without ``null`` (an absent field is ``UNSET``; ``null`` is a type error), no
coercion (msgspec is strict), enumerations by value, arrays of the declared item types.
Two forms:

* **Twins** (records and most nested classes): a subclass of the model class that adds
  no slots, which msgspec decodes as an attrs class -- it makes the object and sets its
  slots in C. The twin's ``__attrs_post_init__`` (generated, :mod:`._fastcode`) makes
  each value the model's, runs the checks, turns the object into an instance of the
  model class (``__class__`` assignment) and runs the class's own
  ``__attrs_post_init__``.
* **Mirrors** (small value objects that recur, shared between equal inputs, and the
  scenario itself): a :class:`msgspec.Struct` with unknown keys refused, and a generated
  builder that makes the model object from it.

Either way every attrs validator and ``__attrs_post_init__`` runs as in the reference
path (a validator with a sufficient condition only when the condition, tested inline,
does not hold; a record's own id, which never recurs, checked for its whole collection
at once by one regex), and dates, periods, id sets and small value objects are shared
between equal inputs (:mod:`._fastvalues`).

What msgspec cannot tell is handled around it:

* **Repeated and unknown keys** (msgspec keeps the last of a repeated key, and skips
  unknown keys of an attrs class): the builders count the keys they read; the text's
  colons are counted in C, and every key is followed by one colon, so when the counts
  are equal no key was repeated or unknown. When strings hold colons too, the colons
  just after a quote or a blank are counted (:func:`_keys_at_most`: every key's colon
  is one of them), and when strings hold such colons too, the colons outside strings
  are counted exactly, in C (:func:`_keys_in`); see :func:`_keys_agree`.
* **Repeated items of a set** are found by the builders, which compare lengths.
* **Lone surrogates**: ``\\ud800`` escapes fail in msgspec; raw surrogates in a ``str``
  fail its encoding to UTF-8.

Any failure -- of msgspec, of a builder, of a check -- returns ``None``: the caller then
runs the reference path, which either accepts the document (the fast path is only ever
an optimisation) or explains every problem with its path.
"""

from __future__ import annotations

import enum
import re
import threading
import types
import typing
from typing import Any

import attrs

from conflictmodel._model._dates import PartialDate, Period
from conflictmodel._model._fields import valid_id
from conflictmodel._model._frozenmap import FrozenMap
from conflictmodel._model._geometry import Geometry
from conflictmodel._model._scenario import RECORD_KINDS, Scenario

from . import _converter
from ._fastcode import _accept as _accept  # noqa: PLC0414 - the tests of the inline conditions reach it here
from ._fastcode import _builder, _default, _Field, _plain, _prefill, never_made
from ._fastvalues import (
    _FACTORY,
    _SCHEMA_VERSION,
    _SHARED_TEXTS,
    Builder,
    _date,
    _enum_mirror,
    _fallback_builder,
    _geometry,
    _id_checked,
    _ids_checked,
    _keys,
    _map,
    _RawShared,
    _RefusedError,
    _set_builder,
    _Shared,
    _text,
    _tuple_builder,
    msgspec,
)

__all__ = ["available", "decode", "decoder_of"]

available = msgspec is not None
"""Whether the fast decoder can run (msgspec is installed)."""

# --- mirrors ------------------------------------------------------------------------


class _Mirrors:
    """Mirror structs and builders for the model classes, made once per class."""

    def __init__(self) -> None:
        self.structs: dict[type[Any], Any] = {}
        self.builders: dict[type[Any], Builder] = {}
        self.twins: dict[type[Any], Any] = {}
        self.period = self._period()

    def _period(self) -> tuple[Any, Builder]:
        struct = msgspec.defstruct(
            "Period",
            [("start", str | msgspec.UnsetType, msgspec.UNSET), ("end", str | msgspec.UnsetType, msgspec.UNSET)],
            forbid_unknown_fields=True,
            frozen=True,
            kw_only=True,
            gc=False,  # decoded text holds no cycles: untracked structs are made and freed faster
        )
        unset = msgspec.UNSET

        def build(value: Any) -> Period:
            start, end = value.start, value.end
            _keys[0] += (start is not unset) + (end is not unset)
            return Period(start=None if start is unset else _date(start), end=None if end is unset else _date(end))

        return struct, _Shared(build, counted=True)

    def of(self, type_: Any) -> tuple[Any, Builder | None]:  # noqa: C901, PLR0911, PLR0912 - one branch per kind of type
        """The mirror type of a field type, and how its decoded value becomes the model's."""
        if type_ is str:
            return str, _text
        if type_ in (int, float, bool):
            return type_, None
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return _enum_mirror(type_)
        if type_ is PartialDate:
            return str, _date
        if type_ is Period:
            return self.period
        if type_ is Geometry:
            return dict[str, typing.Any], _geometry
        origin, args = typing.get_origin(type_), typing.get_args(type_)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            inner, build = self.of(args[0])
            if type_ == tuple[str, ...]:
                return tuple[str, ...], _SHARED_TEXTS
            if isinstance(build, _Shared):  # a tuple of shared objects: read as its raw text
                return msgspec.Raw, _RawShared(tuple[inner, ...], _tuple_builder(build))  # type: ignore[arg-type, valid-type]
            return tuple[inner, ...], (None if build is None else _tuple_builder(build))  # type: ignore[valid-type]
        if origin is frozenset:
            inner, build = self.of(args[0])
            shared = args[0] is str or (isinstance(args[0], type) and issubclass(args[0], enum.Enum))
            return tuple[inner, ...], _set_builder(None if args[0] is str else build, shared=shared)  # type: ignore[valid-type]
        if origin is FrozenMap or type_ is FrozenMap:
            value = args[0] if args else typing.Any
            if value not in (str, typing.Any):
                value = typing.Any
            return dict[str, value], _map  # type: ignore[valid-type]
        if attrs.has(type_):
            twin = self.twin(type_)
            if twin is not None:
                return twin, (_id_checked if _batches_id(type_) else None)
            return self.struct(type_), self.builder(type_)
        return typing.Any, _fallback_builder(type_)

    def struct(self, cls: type[Any]) -> Any:
        """The type msgspec decodes ``cls`` into: its twin, or else its mirror struct."""
        twin = self.twin(cls)
        if twin is not None:
            return twin
        if cls not in self.structs:
            self._make(cls)
        return self.structs[cls]

    def builder(self, cls: type[Any]) -> Builder:
        """What makes the ``cls`` object from what msgspec decoded (a twin is one already)."""
        if self.twin(cls) is not None:
            return _same
        if cls not in self.builders:
            self._make(cls)
        return self.builders[cls]

    def decode(self, cls: type[Any], data: bytes) -> Any:
        """One ``cls`` object from its JSON text, or an exception (any: a document's
        decode then asks the reference path), its unknown and repeated keys refused."""
        with _lock:
            _keys[0] = 0
            found = self.builder(cls)(msgspec.json.decode(data, type=self.struct(cls)))
            if self.twin(cls) is not None and _batches_id(cls):
                _id_checked(found)
            if not _keys_agree(data, _keys[0]):
                raise _RefusedError("an unknown or repeated key")
            return found

    def twin(self, cls: type[Any]) -> Any:
        """The twin of ``cls`` (see :func:`_twin`), or ``None`` if it cannot have one."""
        if cls not in self.twins:
            self.twins[cls] = None  # while it is made: a class that holds itself is mirrored
            if cls not in _converter.SHARED and _can_twin(cls):
                fields, plans = self._plans(cls, twin=True)
                self.twins[cls] = _twin(cls, fields, plans)
        return self.twins[cls]

    def _plans(self, cls: type[Any], *, twin: bool) -> tuple[list[tuple[Any, ...]], list[_Field]]:
        """The msgspec fields of ``cls``'s mirror or twin, and how each is made the model's.

        A twin's enumeration fields are the enumeration itself (msgspec finds the member by
        value in C); a mirror holds their texts, which hash in C when it is shared."""
        hints = typing.get_type_hints(cls)
        fields: list[tuple[Any, ...]] = []
        plans: list[_Field] = []
        for field in attrs.fields(cls):
            if not field.init:
                plans.append(_Field(field, None, has_default=True))
                continue
            type_ = hints[field.name]
            optional = _is_optional(type_)
            if optional:
                (type_,) = [a for a in typing.get_args(type_) if a is not type(None)]
            build: Builder | None
            mirror: Any
            if field.name == "id" and type_ is str:
                mirror, build = str, None  # an object's own id is unique: interning it saves nothing
            elif cls.__name__ == "Origin" and field.name == "row":
                # Its texts are not shared with equal texts of other rows, though most
                # columns repeat (country, region, codes): looking each up cost 6.4 µs a
                # row of 42 columns, five times the row's own making, for 44 % less held.
                mirror, build = dict[str, str | int | float | bool | None], _map
            elif twin and isinstance(type_, type) and issubclass(type_, enum.Enum):
                mirror, build = type_, None
            elif cls is Scenario and _is_records(type_):
                mirror, build = self._records(typing.get_args(type_)[0])
            else:
                mirror, build = self.of(type_)
            has_default = optional or field.default is not attrs.NOTHING
            typed = mirror is not typing.Any
            marks = twin and has_default and typed and never_made(_default(field), mirror)
            batched = twin and field.name == "id" and _batches_id(cls)
            plan = _Field(field, build, has_default=has_default, typed=typed, marks_absence=marks, batched=batched)
            plans.append(plan)
            if plan.has_default:
                fields.append((field.name, mirror | msgspec.UnsetType, msgspec.UNSET))
            else:
                fields.append((field.name, mirror))
        return fields, plans

    def _make(self, cls: type[Any]) -> None:
        fields, plans = self._plans(cls, twin=False)
        self.structs[cls] = msgspec.defstruct(
            cls.__name__, fields, forbid_unknown_fields=True, kw_only=True, frozen=cls in _converter.SHARED, gc=False
        )
        build_one = _builder(cls, plans)
        self.builders[cls] = _Shared(build_one, counted=True) if cls in _converter.SHARED else build_one

    def _records(self, cls: type[Any]) -> tuple[Any, Builder | None]:
        """A scenario's collection: decoded straight into its twins when the record class
        has one; else decoded and built one record at a time from its raw text, each
        record's mirror freed as soon as its object is built. Either way the peak memory
        of a decode stays near the memory the scenario holds."""
        twin = self.twin(cls)
        if twin is not None:  # the records' own ids are checked for the collection at once
            return tuple[twin, ...], (_ids_checked if _batches_id(cls) else None)  # type: ignore[valid-type]
        decoder = msgspec.json.Decoder(self.struct(cls))
        decode, build = decoder.decode, self.builder(cls)

        def build_records(raws: tuple[Any, ...]) -> tuple[Any, ...]:
            return tuple([build(decode(raw)) for raw in raws])

        return tuple[msgspec.Raw, ...], build_records


def _same(value: Any) -> Any:
    return value


def _batches_id(cls: type[Any]) -> bool:
    """Whether the twin of ``cls`` leaves its own ``id`` to whoever asks for the object
    (a record kind whose id is a plain well-formed id): a collection's ids are then
    checked at once (:func:`._fastvalues._ids_checked`), a lone object's by itself."""
    return cls in RECORD_KINDS and attrs.fields(cls).id.validator is valid_id


def _can_twin(cls: type[Any]) -> bool:
    """Whether ``cls`` can have a twin: slotted, every field set by ``__init__`` with no
    factory default, no cached hash, no ``__attrs_pre_init__``, and field names that are
    identifiers (the twin's code names them)."""
    return (
        "__slots__" in cls.__dict__
        and "_attrs_cached_hash" not in cls.__slots__
        and not hasattr(cls, "__attrs_pre_init__")
        and all(
            field.init and _plain(field.name) and not isinstance(field.default, _FACTORY) for field in attrs.fields(cls)
        )
    )


def _twin(cls: type[Any], fields: list[tuple[Any, ...]], plans: list[_Field]) -> Any:
    """A subclass of ``cls`` that adds no slots, which msgspec decodes as an attrs class.

    msgspec makes the object in C and sets every slot it read (unknown keys are skipped:
    the document's key count catches them), then calls the twin's
    ``__attrs_post_init__``: a generated function that makes each value the model's
    (shared dates and periods, interned texts, sets), runs the checks the builder of a
    mirror runs, turns the object into a ``cls`` object (``__class__`` assignment: the
    twin adds nothing to its layout) and runs ``cls``'s own ``__attrs_post_init__``. The
    twin's attributes have no validators (msgspec would call each one) and ``UNSET`` for
    every default (an absent field then tells itself from a given one). ``None`` when
    CPython refuses the assignment."""
    by_name = {field[0]: field for field in fields}
    attributes = tuple(
        plan.field.evolve(
            default=msgspec.UNSET if plan.has_default else attrs.NOTHING,
            validator=None,
            converter=None,
            type=by_name[plan.field.name][1],
        )
        for plan in plans
    )
    namespace = {
        "__slots__": (),
        "__module__": __name__,
        "__qualname__": f"twin of {cls.__qualname__}",
        "__attrs_attrs__": attributes,
        "__annotations__": {name: type_ for name, type_, *_ in fields},
        "__attrs_pre_init__": _prefill(plans),
        # object's own: the twin's stores are then the interpreter's fastest (a slot store)
        "__setattr__": object.__setattr__,
        "__delattr__": object.__delattr__,
        "__attrs_post_init__": _builder(cls, plans, twin=True),
    }
    twin = type(cls.__name__, (cls,), namespace)
    probe: Any = object.__new__(twin)
    try:
        object.__setattr__(probe, "__class__", cls)
    except TypeError:  # pragma: no cover - every model class has a layout its twin can share
        return None
    return twin


def _is_records(type_: Any) -> bool:
    args = typing.get_args(type_)
    return typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0])


def _is_optional(type_: Any) -> bool:
    origin = typing.get_origin(type_)
    return origin in (typing.Union, types.UnionType) and type(None) in typing.get_args(type_)


# --- documents ----------------------------------------------------------------------


class _Document:
    """The decoder of whole documents: a mirror of :class:`Scenario` with its ``schema``."""

    def __init__(self) -> None:
        mirrors = _Mirrors()
        scenario = mirrors.struct(Scenario)
        self.build = mirrors.builder(Scenario)
        fields = [
            (f.name, f.type, f.default) if f.default is not msgspec.NODEFAULT else (f.name, f.type)
            for f in msgspec.structs.fields(scenario)
        ]
        document = msgspec.defstruct(
            "Document", [("schema", str), *fields], forbid_unknown_fields=True, kw_only=True, gc=False
        )
        self.decoder = msgspec.json.Decoder(document)

    def __call__(self, data: bytes | str) -> Scenario | None:
        _keys[0] = 1  # the schema key; the twins count theirs as msgspec makes them
        document: Any = self.decoder.decode(data)
        if document.schema != _SCHEMA_VERSION:
            return None
        scenario = typing.cast("Scenario", self.build(document))
        if not _keys_agree(data, _keys[0]):
            return None
        return scenario


def _keys_agree(data: bytes | str, seen: int) -> bool:
    """Whether a valid JSON text has exactly ``seen`` keys (each occurrence: a repeated
    key is counted twice in the text and once by the decoder, and never more).

    Three counts in C, each an upper bound on the keys, the cheaper first; the first
    that equals ``seen`` proves it (the keys are at least the ``seen`` ones): all colons
    (exact when no string holds one); the colons just after a quote or a blank (exact
    unless a string holds such a colon: every key's colon follows its closing quote or
    blanks); and :func:`_keys_in`, exact."""
    colons = data.count(":") if isinstance(data, str) else data.count(b":")
    return colons == seen or _keys_at_most(data) == seen or _keys_in(data) == seen


def _keys_at_most(data: bytes | str, size: int = 1 << 16) -> int:
    """The colons of a text that follow a quote or a JSON blank: at least its keys.

    The blanks are mapped to quotes and the pairs ``":`` counted, 64 KiB of the text at
    a time (each piece one byte longer, so that no pair is lost at a cut; a piece stays
    in the processor's cache, and no copy of the whole text is made): 150 ms for the
    benchmark document spelled as real data is, against 240 ms for the exact count."""
    total = 0
    for start in range(0, len(data), size):
        piece = data[start : start + size + 1]
        raw = piece.encode() if isinstance(piece, str) else piece
        total += raw.translate(_BLANKS_TO_QUOTES).count(b'":')
    return total


def _keys_in(data: bytes | str, size: int = 1 << 16) -> int:
    """The number of keys of every object in a valid JSON text (each occurrence,
    repeated or not): its colons outside strings, one after each key.

    Counted in C, without parsing, a piece of the text at a time (never cut after a
    backslash, so that each escape is whole in one piece; whether a piece starts inside
    a string is carried over). Each piece is cut down to its quotes and colons (first
    keeping each backslash beside the character it escapes, so that an escaped
    backslash and an escaped quote can be taken out), the quotes of strings without a
    colon are dropped in pairs (which keeps the parity of every later quote), and the
    colons that follow an even number of quotes are the keys'. 30-60 ms for the
    100,000-record benchmark document (parsing it again with the standard library and a
    pairs hook took 200 ms), 240 ms for the same spelled as real data is (91 MB, escaped
    quotes in every event's row); msgspec has already checked that the text is JSON."""
    total, inside, start = 0, False, 0
    while start < len(data):
        end = start + size
        if end < len(data) and data[end - 1] in _BACKSLASHES:  # up to the next other character
            after = _NOT_BACKSLASH_STR.search(data, end) if isinstance(data, str) else _NOT_BACKSLASH.search(data, end)
            end = len(data) if after is None else after.end()
        piece = data[start:end]
        raw = piece.encode() if isinstance(piece, str) else piece
        if b"\\" in raw:
            raw = raw.translate(None, _NOT_ESCAPES).replace(b"\\\\", b"").replace(b'\\"', b"")
        parts = raw.translate(None, _NOT_QUOTES_OR_COLONS).replace(b'""', b"").split(b'"')
        total += sum(map(len, parts[inside::2]))
        inside ^= len(parts) % 2 == 0  # an odd number of quotes: the next piece starts in a string
        start = end
    return total


# what the count keeps of a text: quotes and colons; and, while escapes are taken out,
# backslashes and every character that can follow one in JSON
_NOT_QUOTES_OR_COLONS = bytes(c for c in range(256) if c not in b'":')
_NOT_ESCAPES = bytes(c for c in range(256) if c not in b'":\\/bfnrtu')
_BLANKS_TO_QUOTES = bytes.maketrans(b" \t\n\r", b'""""')
_BACKSLASHES = ("\\", 92)  # a str's character, a bytes' byte
_NOT_BACKSLASH = re.compile(rb"[^\\]")
_NOT_BACKSLASH_STR = re.compile(r"[^\\]")


_document: _Document | None = None
_BOM = b"\xef\xbb\xbf"
_lock = threading.RLock()


def decoder_of() -> _Document:
    """The document decoder, built on first use."""
    global _document  # noqa: PLW0603 - built once, on first use
    if _document is None:
        _document = _Document()
    return _document


def decode(text: object) -> Scenario | None:
    """The scenario of a valid document, or ``None`` for the reference path to decide."""
    data: bytes | str
    if type(text) is str and text.isascii():
        data = text  # msgspec reads an ASCII str's own buffer: no copy to make (8 % of a decode)
    elif type(text) is str:
        try:
            data = text.encode("utf-8").removeprefix(_BOM)
        except UnicodeEncodeError:
            return None
    elif type(text) is bytes:
        data = text.removeprefix(_BOM)
    else:
        return None
    # One decode at a time: the builders count keys in one shared counter.
    with _lock:
        try:
            return decoder_of()(data)
        except Exception:  # noqa: BLE001 - the reference path explains any refusal
            return None
