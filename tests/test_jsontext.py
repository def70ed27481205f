"""JSON text of the hot paths: orjson, with the standard library where it refuses."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.jsontext import dumps, dumps_bytes, loads

_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@given(_VALUES)
def test_any_value_round_trips_as_valid_utf8(value) -> None:
    data = dumps_bytes(value, sort_keys=True)
    data.decode("utf-8")  # never invalid UTF-8, even for lone surrogates
    assert loads(data) == value == json.loads(dumps(value))


def test_sorted_keys_and_compact_text() -> None:
    assert dumps_bytes({"b": 1, "a": [1, "é"]}, sort_keys=True) == \
        '{"a":[1,"é"],"b":1}'.encode()
    # orjson refuses both values; the standard library's text starts with a space
    # because it holds an integer orjson would read back as a float
    assert dumps({"x": 10**30, "s": "\ud800"}) == \
        ' {"x":1000000000000000000000000000000,"s":"\\ud800"}'
    assert dumps({"s": "\ud800"}) == '{"s":"\\ud800"}'


@pytest.mark.parametrize("value", [-2**63 - 1, 2**64, [1, {"n": -10**30}]])
def test_integers_beyond_64_bits_round_trip_exactly(value) -> None:
    for text in (dumps(value), dumps_bytes(value)):
        assert loads(text) == value
        assert not isinstance(loads(text), float)


def test_unmarked_text_is_plain_json_for_other_readers() -> None:
    assert dumps({"big": 10**30}, marked=False) == \
        '{"big":1000000000000000000000000000000}'
    assert json.loads(dumps({"big": 10**30}, marked=False)) == {"big": 10**30}
