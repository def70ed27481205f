"""Tokenized gazetteer patterns are kept between runs, and a kept copy never
changes what the pipeline finds."""

from __future__ import annotations

import pytest

from kg.extract import pattern_cache
from kg.extract.extractor import build_pipeline
from kg.extract.state import doc_state

TEXTS = ["We fine-tune LLaMA 3.1 70B and Qwen2.5-7B-Instruct on GSM8K and MATH-500.",
         "Results on ImageNet-1K, COCO and ADE20K; accuracy and BLEU improve.",
         "Researchers at Google DeepMind and Tsinghua University compare with PPO."]


def mentions(nlp) -> list[list[str]]:
    return [[repr(m) for m in doc_state(doc).mentions]
            for doc in map(nlp, TEXTS)]


def cache_files(directory) -> list:
    return sorted(directory.glob("patterns-*.bin"))


def test_a_pipeline_from_the_cache_finds_what_a_tokenizing_one_finds(
        tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", "")
    uncached = mentions(build_pipeline())
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    filling = mentions(build_pipeline())
    assert len(cache_files(tmp_path)) == 1
    reading = mentions(build_pipeline())
    assert uncached == filling == reading
    assert any(uncached)


def fake_tokenize(calls: list):
    def tokenize(texts):
        calls.append(list(texts))
        return [[len(word) for word in text.split()] for text in texts]
    return tokenize


def test_the_second_run_reads_what_the_first_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    calls: list = []
    first = pattern_cache.token_hashes("en", ["a bb", "ccc"], fake_tokenize(calls))
    second = pattern_cache.token_hashes("en", ["a bb", "ccc"], fake_tokenize(calls))
    assert len(calls) == 1
    assert [list(k) for k in first] == [list(k) for k in second] == [[1, 2], [3]]
    assert not list(tmp_path.glob(".patterns-*"))  # no half-written file left


def test_other_patterns_get_their_own_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    calls: list = []
    pattern_cache.token_hashes("en", ["a bb"], fake_tokenize(calls))
    pattern_cache.token_hashes("en", ["a bbb"], fake_tokenize(calls))
    assert len(calls) == 2 and len(cache_files(tmp_path)) == 2


@pytest.mark.parametrize("damage", [b"", b"\x01\x00", None])
def test_a_damaged_entry_is_made_again(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    pattern_cache.token_hashes("en", ["a bb", "ccc"], fake_tokenize([]))
    (entry,) = cache_files(tmp_path)
    entry.write_bytes(entry.read_bytes()[:-8] if damage is None else damage)
    calls: list = []
    again = pattern_cache.token_hashes("en", ["a bb", "ccc"], fake_tokenize(calls))
    assert len(calls) == 1 and [list(k) for k in again] == [[1, 2], [3]]
    assert pattern_cache._read(entry, 2) is not None  # written whole again


def test_a_cache_directory_that_cannot_be_made_only_costs_the_time(
        tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))
    calls: list = []
    got = pattern_cache.token_hashes("en", ["a bb"], fake_tokenize(calls))
    assert [list(k) for k in got] == [[1, 2]] and len(calls) == 1


def test_an_empty_KG_CACHE_DIR_turns_the_cache_off(monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", "")
    assert pattern_cache.cache_dir() is None


def test_without_KG_CACHE_DIR_the_cache_follows_XDG(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert pattern_cache.cache_dir() == tmp_path / "paper-kg"


def test_no_home_directory_turns_the_cache_off(monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("KG_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(pattern_cache.Path, "home", staticmethod(no_home))
    assert pattern_cache.cache_dir() is None
