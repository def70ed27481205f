"""The ``kg`` command: documented options, clean errors, the interface.md formats."""

from __future__ import annotations

import csv
import io
import json

import click
import pytest
from click.testing import CliRunner

from kg.cli import format_rows, main
from kg.queries import NORTH_STAR
from kg.stores.embedded import EmbeddedStore

COMMANDS = ["extract", "build", "stats", "query", "find", "export", "view"]


@pytest.fixture
def graph_dir(tmp_path, sample_records):
    EmbeddedStore(tmp_path / "g").write(sample_records)
    return tmp_path / "g"


def run(*args: str, env: dict[str, str] | None = None):
    base_env = {"NEO4J_URI": "", "FALKORDB_URI": "", "KG_GRAPH": ""}
    return CliRunner().invoke(main, list(args), env={**base_env, **(env or {})},
                              catch_exceptions=False)


def test_cli_lists_every_command_of_the_interface():
    result = run("--help")
    for command in COMMANDS:
        assert f"  {command} " in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_documents_every_option(command: str):
    cmd = main.commands[command]
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"kg {command} {param.opts[0]} has no help"
    assert cmd.help


def test_cli_stats_json_has_the_interface_shape(graph_dir):
    result = run("stats", "--graph", str(graph_dir), "--json")
    counts = json.loads(result.output)
    assert set(counts) == {"nodes", "relationships"}
    assert counts["nodes"]["Paper"] == 3
    assert counts["relationships"]["EVALUATED_ON"] == 3


def test_cli_query_json_answers_the_north_star(graph_dir):
    result = run("query", NORTH_STAR, "--graph", str(graph_dir), "--format", "json")
    rows = json.loads(result.output)
    assert {r["paper"] for r in rows} == {"2501.00001", "2502.00002"}
    assert all(r["organizations"] == ["Ant Group"] for r in rows)


def test_cli_query_syntax_error_is_one_line_without_traceback(graph_dir):
    result = CliRunner().invoke(main, ["query", "MATCH (p RETURN p", "--graph",
                                       str(graph_dir)])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: query rejected")
    assert result.output.count("\n") == 1


def test_cli_stats_on_a_missing_graph_says_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["stats", "--graph", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "kg build" in result.output and "Traceback" not in result.output


def test_cli_explicit_graph_wins_over_server_uri_from_environment(graph_dir):
    result = run("stats", "--graph", str(graph_dir), "--json",
                 env={"NEO4J_URI": "bolt://127.0.0.1:1"})
    assert json.loads(result.output)["nodes"]["Paper"] == 3


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_format_rows_renders_every_row(fmt: str):
    columns, rows = ["name", "papers"], [["GSM8K", 2], ["MATH, hard", None]]
    text = format_rows(columns, rows, fmt)
    if fmt == "json":
        assert json.loads(text) == [{"name": "GSM8K", "papers": 2},
                                    {"name": "MATH, hard", "papers": None}]
    elif fmt == "csv":
        assert list(csv.reader(io.StringIO(text))) == [
            ["name", "papers"], ["GSM8K", "2"], ["MATH, hard", ""]]
    else:
        assert "GSM8K" in text and text.rstrip().endswith("(2 rows)")


def test_cli_extract_gives_one_record_per_csv_row_and_arxiv_line(tmp_path,
                                                                 shared_data):
    import gzip
    import itertools

    from datapaths import ARXIV, GOLD

    csv_path = tmp_path / "papers.csv"
    csv_path.write_text('title,abstract\nA,"We use GRPO on GSM8K."\nB,Plain text.\n'
                        'C,"Multi\nline, with a comma."\n', encoding="utf-8")
    slice_path = tmp_path / "slice.jsonl.gz"
    with gzip.open(ARXIV, "rt", encoding="utf-8") as src, \
            gzip.open(slice_path, "wt", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, 50))
    counts = {}
    for path in (csv_path, slice_path, GOLD / "hf_dev_papers.json"):
        result = run("extract", str(path), "-q")
        counts[path.name] = len(result.stdout.splitlines())
    assert counts == {"papers.csv": 3, "slice.jsonl.gz": 50, "hf_dev_papers.json": 80}


def test_cli_extract_record_has_the_interface_fields(shared_data):
    from datapaths import SEED_PAGE

    lines = run("extract", str(SEED_PAGE), "-q").stdout.splitlines()
    assert len(lines) == 70
    record = json.loads(lines[0])
    assert {"id", "title", "date", "entities", "variant_of", "code"} <= set(record)
    for entity in record["entities"]:
        assert entity["type"] in {"method", "benchmark", "model", "organization",
                                  "metric", "concept"}
        assert entity["evidence"]


@pytest.mark.parametrize("option", [
    ("--falkordb-uri", "redis://127.0.0.1:1/kg"),
    ("--neo4j-uri", "bolt://127.0.0.1:1"),
])
def test_cli_unreachable_server_is_one_line_and_exit_1(option):
    result = CliRunner().invoke(main, ["stats", *option], env={
        "NEO4J_URI": "", "FALKORDB_URI": "", "KG_GRAPH": ""})
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot reach ")
    assert result.output.count("\n") == 1


def test_cli_guard_turns_an_unexpected_bug_into_one_line(monkeypatch, capsys):
    import kg.cli

    def broken(**_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(kg.cli, "main", broken)
    monkeypatch.delenv("KG_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        kg.cli.run()
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: internal error (RuntimeError: boom)")
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [
    ["export", "--format", "jsonl", "-o"], ["export", "--format", "graphml", "-o"],
    ["view", "-o"], ["extract", "{seed}", "-o"]])
def test_cli_an_output_path_that_cannot_be_written_is_named_not_a_bug(
        command, tmp_path, shared_data, monkeypatch, capsys):
    """Writing under a regular file, into a missing mount, without permission:
    the path and the reason, exit 1, not an "internal error"."""
    import kg.cli
    from datapaths import SEED_PAGE

    graph = tmp_path / "g"
    assert CliRunner().invoke(main, ["build", str(SEED_PAGE), "--graph", str(graph),
                                     "-q"]).exit_code == 0
    (tmp_path / "a-file").write_text("not a directory")
    out = tmp_path / "a-file" / "out.x"
    argv = [a.replace("{seed}", str(SEED_PAGE)) for a in command]
    monkeypatch.setattr("sys.argv", ["kg", *argv, str(out), "--graph", str(graph)]
                        if argv[0] != "extract" else ["kg", *argv, str(out)])
    monkeypatch.delenv("KG_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        kg.cli.run()
    err = capsys.readouterr().err
    assert info.value.code == 1, err
    assert err.startswith("Error: ") and "a-file" in err and "internal error" not in err
    assert any(reason in err for reason in ("Not a directory", "File exists"))


def test_cli_build_adds_in_place_and_rebuild_writes_a_new_generation(
        tmp_path, paper_files):
    paper_files(tmp_path, 4, 2, "Paper {i}", "We fine-tune Qwen2.5-{i}B with DPO.")
    graph = str(tmp_path / "g")
    assert run("build", str(tmp_path / "a.jsonl"), "--graph", graph).exit_code == 0
    added = run("build", str(tmp_path / "b.jsonl"), "--graph", graph)
    assert "4 papers (2 extracted, 2 unchanged)" in added.output
    assert EmbeddedStore(graph).manifest()["generation"] == 1
    rebuilt = run("build", str(tmp_path / "b.jsonl"), "--graph", graph, "--rebuild")
    assert "4 papers (0 extracted, 4 unchanged)" in rebuilt.output
    assert EmbeddedStore(graph).manifest()["generation"] == 2


def test_cli_build_suggests_rebuild_when_additions_have_grown_the_database(
        tmp_path, monkeypatch, paper_files):
    import kg.cli as cli

    paper_files(tmp_path, 4, 2, "Paper {i}", "We fine-tune Qwen2.5-{i}B with DPO.")
    graph = str(tmp_path / "g")
    assert "--rebuild" not in run("build", str(tmp_path / "a.jsonl"), "--graph",
                                  graph).output
    assert EmbeddedStore(graph).database_growth() == pytest.approx(1.0)
    monkeypatch.setattr(cli, "GROWTH_HINT", 0.5)  # any addition is growth enough
    added = run("build", str(tmp_path / "b.jsonl"), "--graph", graph)
    assert "--rebuild` writes it compactly" in added.output


def test_cli_build_curation_warns_of_unmatched_entries_and_keeps_the_file(
        tmp_path, paper_files):
    paper_files(tmp_path, 4, 2, "Paper {i} on GRPO",
                "We train Qwen2.5-{i}B with GRPO on GSM8K.")
    curation = tmp_path / "cur.yaml"
    curation.write_text("rename:\n  - {label: Method, name: GRPO, to: Group RPO}\n"
                        "drop:\n  - {label: Model, name: NoSuchModel}\n",
                        encoding="utf-8")
    graph = str(tmp_path / "g")
    result = run("build", str(tmp_path / "a.jsonl"), "--graph", graph, "-q",
                 "--curation", str(curation))
    assert result.exit_code == 0, result.output
    assert result.output == (f"warning: {curation}:4: drop entry: no Model named "
                             "'NoSuchModel'; nothing changed\n")
    result = run("build", str(tmp_path / "b.jsonl"), "--graph", graph, "-q")
    assert result.exit_code == 0, result.output
    rows = run("query", "MATCH (m:Method) RETURN m.name, m.papers", "--graph", graph,
               "--format", "json").output
    assert json.loads(rows) == [{"m.name": "Group RPO", "m.papers": 4}]
    assert "remembers it" in run("build", "--help").output


def test_cli_build_bad_curation_is_one_line_naming_the_line(tmp_path, paper_files):
    paper_files(tmp_path, 2, 1, "Paper {i} on GRPO", "We use GRPO.")
    curation = tmp_path / "cur.yaml"
    curation.write_text("merge:\n  - label: Method\n    names: [A, B]\n"
                        "  - label: Technique\n    names: [C, D]\n", encoding="utf-8")
    result = run("build", str(tmp_path / "a.jsonl"), "--graph", str(tmp_path / "g"),
                 "--curation", str(curation))
    assert result.exit_code == 1
    assert result.output == (f"Error: {curation}:4: unknown label 'Technique'; "
                             "expected one of Method, Benchmark, Model, "
                             "Organization, Metric, Concept\n")
    assert not (tmp_path / "g").exists()  # checked before anything was built


LONG = ("Experiments on GSM8K, MATH500, SVAMP, College Math, and GSM+ demonstrate "
        "that curriculum-based training consistently outperforms baselines.")


def test_format_rows_table_wraps_wide_cells_without_losing_text():
    text = format_rows(["sentence", "n"], [[LONG, 1]], "table", max_width=30)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 30 + 3 + 1
    assert "…" not in text
    left = " ".join(line.split("|")[0].strip() for line in lines[2:-1])
    assert left == LONG


def test_format_rows_table_max_width_zero_keeps_one_line_per_row():
    text = format_rows(["sentence"], [[LONG], ["short"]], "table", max_width=0)
    assert LONG in text and len(text.splitlines()) == 2 + 2 + 1


def test_format_rows_table_truncate_cuts_with_ellipsis():
    text = format_rows(["sentence"], [[LONG]], "table", max_width=20, truncate=True)
    assert LONG[:19] + "…" in text


def test_format_rows_json_gives_evidence_as_a_list():
    evidence = [{"sentence": "We use GSM8K.", "rule": "r", "start": 7}]
    text = format_rows(["e", "props", "name"],
                       [[json.dumps(evidence), {"evidence_json": json.dumps(evidence)},
                         "[{not json}]"]], "json")
    (row,) = json.loads(text)
    assert row == {"e": evidence, "props": {"evidence_json": evidence},
                   "name": "[{not json}]"}


def test_cli_query_columns_are_named_as_written(graph_dir):
    result = run("query", "MATCH (p:Paper) RETURN count(p), labels(p)[0]", "--graph",
                 str(graph_dir), "--format", "csv")
    assert result.output.splitlines() == ["count(p),labels(p)[0]", "3,Paper"]


def test_cli_query_json_evidence_is_a_list(graph_dir):
    result = run("query", "MATCH (:Paper)-[r:EVALUATED_ON]->() RETURN r.evidence_json "
                 "AS evidence LIMIT 1", "--graph", str(graph_dir), "--format", "json")
    (row,) = json.loads(result.output)
    assert isinstance(row["evidence"], list) and row["evidence"][0]["sentence"]


def test_cli_find_goes_through_aliases(graph_dir):
    result = run("find", "antgroup", "--graph", str(graph_dir))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("Ant Group  [Organization]")
    assert "antgroup" in lines[1] and lines[2].split() == ["papers:", "3"]


def test_cli_find_normalises_case_spacing_and_hyphens(graph_dir):
    result = run("find", "gsm-8k", "--graph", str(graph_dir), "--json")
    (found,) = json.loads(result.output)
    assert (found["name"], found["label"], found["papers"]) == ("GSM8K", "Benchmark", 2)


def test_cli_find_unknown_name_suggests_and_fails(graph_dir):
    result = CliRunner().invoke(main, ["find", "Step GRP", "--graph", str(graph_dir)])
    assert result.exit_code == 1
    assert "no node named 'Step GRP'; did you mean: Step-GRPO [Method]" in result.output


def test_cli_find_help_says_it_reads_aliases():
    assert "aliases" in run("find", "--help").output
    assert "kg find" in run("query", "--help").output


@pytest.fixture
def one_bad_row(tmp_path):
    path = tmp_path / "papers.csv"
    path.write_text("title,abstract\nGood paper,We evaluate on GSM8K.\n"
                    ",a row without a title\n", encoding="utf-8")
    return path


def test_cli_build_counts_one_skipped_row_as_one_record(tmp_path, one_bad_row):
    result = CliRunner().invoke(main, ["build", str(one_bad_row), "--graph",
                                       str(tmp_path / "g")])
    assert result.exit_code == 0
    assert "skipped 1 bad record; use --strict" in result.output
    assert "record(s)" not in result.output and "file(s)" not in result.output


def test_cli_strict_message_does_not_say_skipped(tmp_path, one_bad_row):
    result = CliRunner().invoke(main, ["extract", str(one_bad_row), "--strict"])
    assert result.exit_code == 1
    assert "skipped" not in result.output
    assert "line 3: no title" in result.output and "--strict" in result.output


@pytest.mark.parametrize("command", ["build", "extract"])
def test_cli_named_path_that_does_not_exist_is_an_error(tmp_path, one_bad_row,
                                                        command):
    missing = tmp_path / "missing.json"
    args = [command, str(one_bad_row), str(missing)]
    if command == "build":
        args += ["--graph", str(tmp_path / "g")]
    else:
        args += ["-o", str(tmp_path / "out.jsonl")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert f"{missing}: no such file or directory" in result.output
    assert not (tmp_path / "g").exists() and not (tmp_path / "out.jsonl").exists()
