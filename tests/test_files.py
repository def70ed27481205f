"""Files written whole or not at all (kg.files)."""

from __future__ import annotations

import pytest

from kg.files import write_atomically


def test_a_complete_write_replaces_the_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    write_atomically(path, ["a\n", "b\r\n"], durable=True)
    assert path.read_bytes() == b"a\nb\r\n"  # line endings as given
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_an_error_while_the_chunks_are_made_keeps_the_old_file_and_no_temporary(
        tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")

    def chunks():
        yield "new half"
        raise ValueError("a row this format cannot hold")

    with pytest.raises(ValueError, match="cannot hold"):
        write_atomically(path, chunks())
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]
