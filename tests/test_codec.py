"""The record codec: plain data derived from the records' own fields and annotations."""

from __future__ import annotations

import json

import pytest

from gaolint.codec import Codec
from gaolint.engine import FileResult, ReportFacts
from gaolint.model import Finding, Location, Message, Record, Severity, Value
from gaolint.suppress import Suppression


def _codec() -> Codec:
    return Codec(FileResult, ReportFacts, Suppression)


def _round_trip(kind, value):
    codec = _codec()
    return codec.decode(kind, json.loads(json.dumps(codec.encode(value), ensure_ascii=False)))


def test_a_result_round_trips_equal_with_tuples_enums_and_optional_records():
    finding = Finding("GAO601", "carry-over", Severity.WARNING, Message("甲", "a"), "r.md", Location(7, 2, 5),
                      "| 7 |", [(Location(3, 1, None, "第2页"), "上年")])
    facts = ReportFacts("r.md", "某县", "government", 2024, "cn-2021", [1.0, None], None, {"regulations": [1.0, 0.0, 4.0]},
                        {"regulations": [Location(9, 3)]}, {"regulations": ["| 1 |"]})
    suppression = Suppression(4, "row", ("GAO301",), 4, 4, "<!-- x -->", 3, (2, 9), "（一）")
    result = FileResult("r.md", [finding], facts, [suppression], True)
    back = _round_trip(FileResult, result)
    assert back == result
    assert type(back.findings[0].related[0]) is tuple and back.findings[0].severity is Severity.WARNING
    assert type(back.suppressions[0].ids) is tuple and type(back.suppressions[0].span) is tuple
    assert back.facts.locations["regulations"][0] == Location(9, 3)
    assert _round_trip(FileResult, FileResult("a.txt", [])) == FileResult("a.txt", [])


def test_a_record_is_a_list_of_its_fields_in_order():
    assert _codec().encode(Location(3, 4, None, "p")) == [3, 4, None, "p"]
    assert _codec().encode(Severity.ERROR) == "error"


@pytest.mark.parametrize("data", [[1, 2], "x", None, [3, 4, None, "p", "extra"]])
def test_data_of_another_shape_raises(data):
    with pytest.raises(Exception):
        _codec().decode(Location, data)


class _Dated(Value):
    __slots__ = ("when",)

    def __init__(self, when: bytes) -> None:
        self.when = when


class _Reordered(Record):
    __slots__ = ("a", "b")

    def __init__(self, b: int, a: int) -> None:
        self.a = a
        self.b = b


def test_a_field_type_it_does_not_know_is_an_error_not_a_loss():
    with pytest.raises(TypeError):
        Codec().decode(_Dated, [b"x"])
    with pytest.raises(TypeError):
        Codec().decode(_Reordered, [1, 2])


def test_named_records_are_dicts_in_field_order_with_defaults_for_missing_names():
    codec = Codec(Location, named=True)
    assert codec.encode(Location(3, 4)) == {"line": 3, "column": 4, "end_column": None, "place": ""}
    assert codec.decode(Location, {"line": 3}) == Location(3)
    with pytest.raises(KeyError):
        codec.decode(Location, {"column": 3})


def test_the_api_keeps_every_suppression_field_and_the_facts_layout():
    from gaolint import api

    suppression = Suppression(4, "cell", ("GAO302",), 4, 4, "<!-- x -->", 1, (2, 9), "行=6; 列=2")
    result = FileResult("r.md", [], ReportFacts("r.md", locations={"regulations": [Location(9, 3)]}), [suppression])
    data = json.loads(json.dumps(api.result_to_dict(result), ensure_ascii=False))
    assert api.result_from_dict(data) == result
    assert list(data["facts"]) == ["path", "agency", "agency_kind", "year", "format_version", "carried_over",
                                   "carried_forward", "documents", "locations", "source_lines"]
    assert data["facts"]["locations"] == {"regulations": [{"line": 9, "column": 3, "end_column": None, "place": ""}]}
    assert api.facts_from_dict({"path": "a.txt"}) == ReportFacts("a.txt")
