"""Plain data from records and back, derived from the records themselves.

A ``model.Record`` lists its fields (``_names``) and takes them, in that order, as the
parameters of its ``__init__``, whose annotations say what each holds. ``Codec`` reads those
annotations once per class and builds an encoder/decoder pair from them, so a record type
needs no serialiser of its own and a new field is stored as soon as it exists:

* a record is a list of its fields' values, in field order (the result cache's compact form),
  or with ``named=True`` a dict of field name to value, in field order, a missing name taking
  the ``__init__`` default (the api's readable form: ``api.facts_to_dict``);
* an ``Enum`` is its value; a tuple or list is a list; a dict is a dict (string keys);
* ``X | None`` is null or X; ``str``, ``int``, ``float``, ``bool`` and an unparameterised
  ``list``/``dict`` are stored as they are (they must hold plain data then).

``decode`` rebuilds equal records, tuples as tuples (a ``tuple[...]`` annotation) and lists as
lists. The result is JSON-ready. Annotations are evaluated in the namespace of the record's
module plus the classes the codec is given, without ``typing`` (``typing`` costs a few
milliseconds of a run that answers from the cache): ``list[X]``, ``tuple[X, ...]``,
``dict[K, V]`` and ``X | None`` are all Python's own objects since 3.10. A field type the codec
does not know (a date, a union of two types) is a ``TypeError`` when the plan is built, never
a silent loss.
"""

from __future__ import annotations

import builtins
import sys
import types
from collections.abc import Callable
from enum import Enum

from .model import Record

_PLAIN = (str, int, float, bool, type(None), list, dict)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    #: None: a decoder that keeps the value as it is (saves a call per plain field).
    Decoder: TypeAlias = Callable[[Any], Any] | None


class Codec:
    """Encoders and decoders for ``classes`` and every record their fields hold."""

    def __init__(self, *classes: type, named: bool = False) -> None:
        self._namespace: dict[str, object] = {klass.__name__: klass for klass in classes}
        self._records: dict[type, Callable[[Any], Any]] = {}
        self.named = named

    # --- encoding: driven by the values ---------------------------------------------------

    def encode(self, value):
        """``value`` as lists, dicts, strings, numbers, booleans and None."""
        if isinstance(value, Record):
            if self.named:
                return {name: self.encode(getattr(value, name)) for name in value._names}
            return [self.encode(getattr(value, name)) for name in value._names]
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, (list, tuple)):
            return [self.encode(item) for item in value]
        if isinstance(value, dict):
            return {key: self.encode(item) for key, item in value.items()}
        return value

    # --- decoding: driven by the annotations ----------------------------------------------

    def decode(self, kind, data):
        """The value of type ``kind`` (a record, an enum, ``list[X]``…) that ``data`` (from
        ``encode``) holds. Raises on data of another shape (ValueError, TypeError,
        KeyError…): a caller reading untrusted data catches ``Exception``."""
        decoder = self._records.get(kind) or self._decoder(kind)
        return data if decoder is None else decoder(data)

    def _record(self, klass: type) -> Callable[[Any], Any]:
        known = self._records.get(klass)
        if known is not None:
            return known
        names = klass._names  # type: ignore[attr-defined]
        init = klass.__init__  # type: ignore[misc]
        code = init.__code__
        parameters = code.co_varnames[1:code.co_argcount]
        if tuple(parameters) != tuple(names):
            raise TypeError(f"{klass.__name__}: __init__ parameters {parameters} are not its fields {names}")
        namespace = {**vars(builtins), **vars(sys.modules[klass.__module__]), **self._namespace}
        count = len(names)
        defaults = (_REQUIRED,) * (count - len(init.__defaults__ or ())) + tuple(init.__defaults__ or ())

        def decode(data):
            if type(data) is not list or len(data) != count:
                raise ValueError(f"{klass.__name__}: {count} fields expected")
            return klass(*[value if field is None else field(value) for field, value in zip(fields, data)])

        def decode_named(data):
            if type(data) is not dict:
                raise ValueError(f"{klass.__name__}: a mapping expected")
            values = []
            for name, field, default in zip(names, fields, defaults):
                if name in data:
                    value = data[name]
                    values.append(value if field is None else field(value))
                elif default is _REQUIRED:
                    raise KeyError(f"{klass.__name__}: {name}")
                else:
                    values.append(default)
            return klass(*values)

        if self.named:
            decode = decode_named

        self._records[klass] = decode  # before the fields: a record may hold its own kind
        annotations = init.__annotations__
        fields = [self._decoder(_evaluated(annotations[name], namespace)) for name in names]
        return decode

    def _decoder(self, kind) -> Decoder:
        if kind in _PLAIN or kind is None:
            return None
        if isinstance(kind, type) and issubclass(kind, Record):
            return self._record(kind)
        if isinstance(kind, type) and issubclass(kind, Enum):
            return kind
        if kind is tuple:
            return _as_tuple
        if isinstance(kind, types.UnionType):
            options = [option for option in kind.__args__ if option is not type(None)]
            if len(options) != 1:
                raise TypeError(f"unsupported union {kind}")
            inner = self._decoder(options[0])
            return None if inner is None else (lambda data: None if data is None else inner(data))
        if isinstance(kind, types.GenericAlias):
            return self._generic(kind)
        raise TypeError(f"unsupported field type {kind!r}")

    def _generic(self, kind: types.GenericAlias) -> Decoder:
        origin, arguments = kind.__origin__, kind.__args__
        if origin is list:
            item = self._decoder(arguments[0])
            return None if item is None else (lambda data: [item(value) for value in data])
        if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
            each = self._decoder(arguments[0])
            return _as_tuple if each is None else (lambda data: tuple([each(value) for value in data]))
        if origin is tuple:
            parts = [self._decoder(argument) for argument in arguments]
            width = len(parts)

            def decode_tuple(data):
                if len(data) != width:
                    raise ValueError(f"{width} items expected")
                return tuple([value if part is None else part(value) for part, value in zip(parts, data)])

            return decode_tuple
        if origin is dict:
            if arguments[0] is not str:
                raise TypeError(f"dict keys must be str: {kind}")
            value_of = self._decoder(arguments[1])
            return None if value_of is None else (lambda data: {key: value_of(value) for key, value in data.items()})
        raise TypeError(f"unsupported field type {kind!r}")


_REQUIRED = object()


def _as_tuple(data) -> tuple:
    return tuple(data)  # a list from JSON


def _evaluated(annotation, namespace: dict):
    """An annotation as an object: ``from __future__ import annotations`` keeps them as text."""
    if not isinstance(annotation, str):
        return annotation
    if annotation.isidentifier():  # most fields: no compile needed
        return namespace[annotation]
    return eval(annotation, namespace)  # noqa: S307 - gaolint's own source text, not data


__all__ = ["Codec"]
