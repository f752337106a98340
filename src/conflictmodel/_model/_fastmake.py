"""Making objects of frozen attrs classes without their ``__init__``, for hot paths.

A query or a validation run can make hundreds of thousands of small answer objects
(control states, findings). Their classes are frozen and slotted, and their
``__init__`` only stores its arguments, but a frozen class stores through its
``__setattr__``-guarded slot descriptors, keyword by keyword. :func:`maker` makes the
same object on a subclass that adds no slots and has :class:`object`'s attribute
setting, fills the slots with the interpreter's plain stores, and turns the object into
the class itself by ``__class__`` assignment (the layouts are the same): 0.14 against
0.57 µs for a :class:`~conflictmodel.Finding`, measured alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

import attrs

__all__ = ["maker"]

T = TypeVar("T")


def maker(cls: type[T], names: tuple[str, ...], fixed: Mapping[str, object] | None = None) -> Callable[..., T]:
    """A function ``make(*values)``: the ``cls`` object whose fields, in ``names`` order,
    are ``values``, equal to ``cls(**dict(zip(names, values)))``; the fields named in
    ``fixed`` always get the value given there and are not arguments.

    ``names`` must be every field of ``cls`` in its order, so that a field added or
    moved is an error at import and never a value stored in the wrong slot. ``cls`` must
    be a frozen, slotted attrs class whose ``__init__`` only stores: no validator,
    converter, ``on_setattr`` hook, field left out of ``__init__``, pre- or post-init
    (a :class:`TypeError` otherwise: what the function skips must be nothing).
    """
    fields = attrs.fields(cast("type[attrs.AttrsInstance]", cls))
    if tuple(field.name for field in fields) != names:
        raise TypeError(f"{cls.__name__}'s fields are {[f.name for f in fields]}, not {list(names)}")
    plain = all(f.validator is None and f.converter is None and f.init and f.on_setattr is None for f in fields)
    hooks = hasattr(cls, "__attrs_pre_init__") or hasattr(cls, "__attrs_post_init__")
    if not plain or hooks or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__}'s __init__ does more than store its fields, or it has no slots")
    unfrozen = type(
        f"_Unfrozen{cls.__name__}",
        (cls,),
        {
            "__slots__": (),
            "__module__": cls.__module__,
            "__doc__": f"{cls.__name__}'s layout with object's own attribute setting (see maker).",
            # both, or CPython keeps the slow path for stores
            "__setattr__": object.__setattr__,
            "__delattr__": object.__delattr__,
        },
    )
    fixed = fixed or {}
    if not set(fixed) <= set(names):
        raise TypeError(f"{cls.__name__} has no field {min(set(fixed) - set(names))!r}")
    values = ", ".join(f"v{i}" for i, name in enumerate(names) if name not in fixed)
    stores = "".join(f"    o.{name} = {'f' if name in fixed else 'v'}{i}\n" for i, name in enumerate(names))
    code = f"def make({values}):\n    o = new(unfrozen)\n{stores}    o.__class__ = cls\n    return o\n"
    scope: dict[str, Any] = {"new": object.__new__, "unfrozen": unfrozen, "cls": cls}
    scope.update((f"f{i}", fixed[name]) for i, name in enumerate(names) if name in fixed)
    exec(code, scope)  # noqa: S102 - code built from the class's own field names, checked above
    make: Callable[..., T] = scope["make"]
    make.__doc__ = f"A {cls.__name__} from its fields' values, in field order (see maker)."
    return make
