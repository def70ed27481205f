"""The ``kg`` command: a thin click layer over :mod:`kg.pipeline` and the stores.

Every library error (:class:`kg.errors.KGError`) becomes one line on stderr and a
non-zero exit; bad records inside usable files are reported as warnings and skipped.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import click

from kg import __version__
from kg.errors import KGError
from kg.progress import Reporter
from kg.records import Problem


class ProblemLog:
    """Collects bad-record reports, prints each as a warning, counts them (records
    apart from whole files: a report with a location is one record)."""

    def __init__(self) -> None:
        self.records = 0
        self.files = 0

    @property
    def count(self) -> int:
        return self.records + self.files

    def __call__(self, problem: Problem) -> None:
        if problem.location:
            self.records += 1
        else:
            self.files += 1
        click.echo(f"warning: {problem}", err=True)

    def summary(self) -> None:
        parts = [_plural(self.records, "bad record"),
                 _plural(self.files, "unreadable file")]
        said = " and ".join(part for part in parts if part)
        if said:
            click.echo(f"skipped {said}; use --strict to stop at the first", err=True)


def _plural(count: int, noun: str) -> str:
    return "" if not count else f"{count} {noun}{'' if count == 1 else 's'}"


def _check_inputs(inputs: tuple[Path, ...]) -> None:
    """Every path the user named exists, before anything is read or written."""
    missing = [str(path) for path in inputs if not path.exists()]
    if missing:
        raise click.ClickException(
            f"{', '.join(missing)}: no such file or directory")


def _fail(exc: KGError) -> click.ClickException:
    return click.ClickException(str(exc))


def _target_options(func):
    """--graph / --neo4j-uri / --falkordb-uri, with their environment defaults."""
    func = click.option("--falkordb-uri", envvar="FALKORDB_URI", metavar="URI",
                        help="FalkorDB server redis://HOST:PORT[/GRAPH] "
                             "(graph 'kg' by default) [env FALKORDB_URI].")(func)
    func = click.option("--neo4j-uri", envvar="NEO4J_URI", metavar="URI",
                        help="Neo4j server, e.g. bolt://localhost:7687 [env "
                             "NEO4J_URI; NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE "
                             "as the Neo4j tools use them].")(func)
    return _graph_option(func)


def _graph_option(func):
    return click.option("--graph", "graph_dir", envvar="KG_GRAPH", default="kg-data",
                        show_default=True, type=click.Path(file_okay=False,
                                                           path_type=Path),
                        help="Embedded graph directory; with a server, where "
                             "`kg build` keeps the papers and resolution state "
                             "[env KG_GRAPH].")(func)


def _quiet_option(func):
    return click.option("--quiet", "-q", is_flag=True,
                        help="No progress bars or summaries on stderr.")(func)


def _server_store(ctx: click.Context, neo4j_uri: str | None,
                  falkordb_uri: str | None):
    """The server store the options name, or None for the embedded graph.

    An explicit ``--graph`` wins over a server URI that only comes from the
    environment, so ``NEO4J_URI`` in a shell never redirects a local build.
    """
    source = ctx.get_parameter_source("graph_dir")
    if source is click.core.ParameterSource.COMMANDLINE and not (
            _explicit(ctx, "neo4j_uri") or _explicit(ctx, "falkordb_uri")):
        return None
    if neo4j_uri and falkordb_uri:
        raise click.UsageError("give either --neo4j-uri or --falkordb-uri, not both")
    if not (neo4j_uri or falkordb_uri):
        return None
    from kg.stores.server import open_server_store

    return open_server_store(neo4j_uri=neo4j_uri, falkordb_uri=falkordb_uri)


def _explicit(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """paper-kg: turn ML paper listings into a knowledge graph.

    \b
    Typical run:
      kg build ../shared/data/seed/ --graph kg-data
      kg stats --graph kg-data
      kg query "MATCH (b:Benchmark) RETURN b.name, b.papers
                ORDER BY b.papers DESC LIMIT 5"
      kg find GSM-8K          (a name through its aliases)
      kg view -o graph.html
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the JSONL records here instead of stdout.")
@click.option("--strict", is_flag=True, help="Stop at the first bad record.")
@click.option("--workers", "-w", default=1, show_default=True,
              type=click.IntRange(1, 64), help="Extraction processes.")
@_quiet_option
def extract(inputs: tuple[Path, ...], output: Path | None, strict: bool,
            workers: int, quiet: bool) -> None:
    """Print one JSON extraction record per paper (interface.md's record).

    INPUTS: HF Daily Papers pages (*.txt), HF API responses (*.json), JSONL or
    JSONL.GZ (arXiv exports), CSV with title and abstract columns, or directories.
    """
    from kg.pipeline import extract_inputs

    _check_inputs(inputs)
    problems = ProblemLog()
    reporter = Reporter(quiet=quiet)
    count = 0
    sink = (open(output, "w", encoding="utf-8") if output  # noqa: SIM115
            else contextlib.nullcontext(sys.stdout))
    try:
        with sink as handle:
            for record in extract_inputs(inputs, strict=strict, workers=workers,
                                         on_problem=problems, reporter=reporter):
                handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                count += 1
    except KGError as exc:
        raise _fail(exc) from None
    if not quiet:
        problems.summary()
        if output:
            click.echo(f"wrote {count} records to {output}", err=True)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Stop at the first bad record.")
@_target_options
@click.option("--workers", "-w", default=1, show_default=True,
              type=click.IntRange(1, 64), help="Extraction processes.")
@click.option("--rebuild", is_flag=True,
              help="Rewrite the graph directory whole from the stored records "
                   "and INPUTS instead of adding in place (compacts the embedded "
                   "database, which additions grow; a server is then sent the "
                   "whole graph, stale elements deleted).")
@click.option("--curation", type=click.Path(path_type=Path), metavar="FILE",
              help="YAML corrections of entity identity (merge, split, rename, "
                   "retype, drop, alias; docs/resolution.md).  The graph directory "
                   "remembers it: later builds without --curation keep applying "
                   "it, a new --curation replaces it, an empty file clears it.")
@_quiet_option
@click.pass_context
def build(ctx: click.Context, inputs: tuple[Path, ...], strict: bool, graph_dir: Path,
          neo4j_uri: str | None, falkordb_uri: str | None, workers: int,
          rebuild: bool, curation: Path | None, quiet: bool) -> None:
    """Extract INPUTS and add them to a graph (embedded directory or a server).

    INPUTS: HF Daily Papers pages (*.txt), HF API responses (*.json), JSONL or
    JSONL.GZ (arXiv exports), CSV with title and abstract columns, or directories.
    The embedded graph is incremental: papers already in it with unchanged text
    are not extracted again, and new papers are added in place (the graph then
    equals a build of everything from scratch).  A server build keeps the same
    state in --graph DIR and sends the server only what changed since the graph
    it holds, so builds on different days add up to one graph.
    """
    from kg.pipeline import build_embedded, build_server
    from kg.stores.embedded import EmbeddedStore

    _check_inputs(inputs)
    problems = ProblemLog()
    reporter = Reporter(quiet=quiet)
    try:
        server = _server_store(ctx, neo4j_uri, falkordb_uri)
        if server is None:
            target = str(graph_dir)
            summary = build_embedded(inputs, EmbeddedStore(graph_dir), strict=strict,
                                     workers=workers, on_problem=problems,
                                     reporter=reporter, rebuild=rebuild,
                                     curation=curation)
        else:
            target = neo4j_uri or falkordb_uri
            try:
                summary = build_server(inputs, server,
                                       EmbeddedStore.for_server(graph_dir),
                                       strict=strict, workers=workers,
                                       on_problem=problems, reporter=reporter,
                                       rebuild=rebuild, curation=curation)
            finally:
                server.close()
    except KGError as exc:
        raise _fail(exc) from None
    for warning in summary.warnings:  # shown even with -q: the file needs a fix
        click.echo(f"warning: {warning}", err=True)
    if not quiet:
        problems.summary()
        _print_build_summary(summary, target)
        if server is None:
            _print_growth_hint(EmbeddedStore(graph_dir))


#: Above this, a build suggests ``--rebuild`` (additions grow the database file).
GROWTH_HINT = 2.0


def _print_growth_hint(store) -> None:
    growth = store.database_growth()
    if growth > GROWTH_HINT:
        click.echo(f"{store.directory}: additions have grown the database to "
                   f"{growth:.1f}x its compact size; `kg build INPUT --graph "
                   f"{store.directory} --rebuild` writes it compactly", err=True)


def _print_build_summary(summary, target: str) -> None:
    if summary.note:
        click.echo(f"{target}: {summary.note}", err=True)
    if not summary.changed:
        click.echo(f"{target}: already up to date ({summary.papers_total} papers; "
                   f"{summary.seconds:.1f}s)", err=True)
        return
    write = summary.write
    rows = f"{write.nodes} nodes, {write.relationships} relationships"
    if summary.sent:
        rows = f"sent {rows} ({summary.sent})"
    click.echo(f"{target}: {summary.papers_total} papers ({summary.papers_extracted} "
               f"extracted, {summary.papers_reused} unchanged), {rows} in "
               f"{summary.seconds:.1f}s", err=True)


def _open_reader(ctx: click.Context, graph_dir: Path, neo4j_uri: str | None,
                 falkordb_uri: str | None):
    from kg.stores.embedded import EmbeddedStore

    return _server_store(ctx, neo4j_uri, falkordb_uri) or EmbeddedStore(graph_dir)


@main.command()
@_target_options
@click.option("--json", "as_json", is_flag=True,
              help='Print {"nodes": {label: n}, "relationships": {type: n}}.')
@click.pass_context
def stats(ctx: click.Context, graph_dir: Path, neo4j_uri: str | None,
          falkordb_uri: str | None, as_json: bool) -> None:
    """Count nodes per label and relationships per type."""
    try:
        store = _open_reader(ctx, graph_dir, neo4j_uri, falkordb_uri)
        try:
            counts = store.stats()
            details = {} if as_json else _relationship_details(store, counts)
        finally:
            store.close() if hasattr(store, "close") else None
    except KGError as exc:
        raise _fail(exc) from None
    if as_json:
        click.echo(json.dumps(counts, sort_keys=True))
        return
    for section in ("nodes", "relationships"):
        click.echo(f"{section}: {sum(counts[section].values())}")
        for name, n in sorted(counts[section].items()):
            click.echo(f"  {name:<16} {n}")
            for detail, m in details.get(name, []) if section == "relationships" \
                    else []:
                click.echo(f"    {detail:<16} {m}")


def _relationship_details(store, counts: dict) -> dict[str, list[tuple[str, int]]]:
    """USES_MODEL per usage and MENTIONS per target label, for ``kg stats``; none
    for a graph written before usage existed (its tables lack the property)."""
    from kg.queries import MENTIONS_TARGETS, USES_MODEL_BY_USAGE, mentions_of

    rels = counts.get("relationships", {})
    details: dict[str, list[tuple[str, int]]] = {}
    try:
        if rels.get("USES_MODEL"):
            details["USES_MODEL"] = [
                (f"usage={usage or '?'}", int(n))
                for usage, n in store.query(USES_MODEL_BY_USAGE).rows]
        if rels.get("MENTIONS"):
            found = ((label, int(store.query(mentions_of(label)).rows[0][0]))
                     for label in MENTIONS_TARGETS)
            details["MENTIONS"] = [(f"-> {label}", n) for label, n in found if n]
    except KGError:
        return {}
    return details


@main.command()
@click.argument("cypher")
@_target_options
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True,
              help="Output format; json gives evidence as a list of objects.")
@click.option("--max-width", default=60, show_default=True, type=click.IntRange(0),
              metavar="N", help="Table cells wider than N characters are wrapped "
                                "onto more lines (0: never, one line per row).")
@click.option("--truncate", is_flag=True,
              help="Cut wide table cells with '…' instead of wrapping them.")
@click.pass_context
def query(ctx: click.Context, cypher: str, graph_dir: Path, neo4j_uri: str | None,
          falkordb_uri: str | None, fmt: str, max_width: int, truncate: bool) -> None:
    """Run a read-only CYPHER query and print its rows.

    Write the query as for Neo4j: on the embedded graph the common Neo4j idioms
    (labels(n), type(r), p.date.year, shortestPath, CALL db.labels() ...) are
    rewritten, and the rest is refused with the equivalent (docs/queries.md,
    Cheat-sheet).  Columns are named as RETURN writes them.  To look a name up
    through its aliases, use `kg find NAME`.

    \b
    Example:
      kg query "MATCH (p:Paper)-[:EVALUATED_ON]->(b:Benchmark {name: 'GSM8K'})
                RETURN p.id AS paper, p.title AS title LIMIT 5"
    """
    try:
        store = _open_reader(ctx, graph_dir, neo4j_uri, falkordb_uri)
        try:
            result = store.query(cypher)
        finally:
            store.close() if hasattr(store, "close") else None
    except KGError as exc:
        raise _fail(exc) from None
    click.echo(format_rows(result.columns, result.rows, fmt, max_width=max_width,
                           truncate=truncate), nl=False)


def format_rows(columns: list[str], rows: list[list[Any]], fmt: str, *,
                max_width: int = 60, truncate: bool = False) -> str:
    """Render query rows as a text table, a JSON list of objects, or CSV.

    In the table a cell wider than ``max_width`` is wrapped onto more lines (or cut
    with "…" when ``truncate``); ``max_width=0`` never narrows a cell.  JSON gives
    the stores' evidence text (``evidence_json``) as the list it encodes.
    """
    if fmt == "json":
        objects = [dict(zip(columns, [_decoded(v) for v in row], strict=True))
                   for row in rows]
        return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"
    cells = [[_cell(v) for v in row] for row in rows]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        return out.getvalue()
    cap = max_width or None
    widths = [max([len(c), *(min(len(r[i]), cap or len(r[i])) for r in cells)])
              for i, c in enumerate(columns)]
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "-+-".join("-" * w for w in widths)]
    for row in cells:
        if truncate:
            parts = [[_clip(v, w)] for v, w in zip(row, widths, strict=True)]
        else:
            parts = [_wrap(v, w) for v, w in zip(row, widths, strict=True)]
        for k in range(max(len(p) for p in parts) if parts else 0):
            lines.append(" | ".join((p[k] if k < len(p) else "").ljust(w)
                                    for p, w in zip(parts, widths, strict=True))
                         .rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _decoded(value: Any) -> Any:
    """Evidence kept as JSON text by the stores, as the list it encodes (also
    inside ``properties(r)``); any other value as it is."""
    if isinstance(value, dict):
        return {k: _decoded(v) if k.endswith("_json") else v
                for k, v in value.items()}
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    if isinstance(value, str) and value.startswith("[{") and value.endswith("}]"):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        if all(isinstance(item, dict) for item in decoded):
            return decoded
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken at spaces where
    there are some (a line break in a cell starts a new line too)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, width, break_long_words=True,
                               break_on_hyphens=False) or [""]
    return lines


@main.command()
@click.argument("name")
@_target_options
@click.option("--label", metavar="LABEL",
              help="Only nodes of this label (Method, Benchmark, Model, ...).")
@click.option("--json", "as_json", is_flag=True,
              help="Print the matches as a JSON list of objects.")
@click.pass_context
def find(ctx: click.Context, name: str, graph_dir: Path, neo4j_uri: str | None,
         falkordb_uri: str | None, label: str | None, as_json: bool) -> None:
    """Look NAME up through the names and aliases of the graph's entities.

    Case, spacing and hyphens do not matter (GSM-8K finds GSM8K, whose alias it
    is, where MATCH (b {name: 'GSM-8K'}) finds nothing).  Prints each node's
    label, name, id, aliases and paper count; when nothing matches, the nearest
    names (did you mean ...?) and exit status 1.
    """
    from kg.find import find as find_name

    try:
        store = _open_reader(ctx, graph_dir, neo4j_uri, falkordb_uri)
        try:
            result = find_name(store, name, label=label)
        finally:
            store.close() if hasattr(store, "close") else None
    except KGError as exc:
        raise _fail(exc) from None
    if as_json:
        click.echo(json.dumps([_found_dict(f) for f in result.matches],
                              ensure_ascii=False, indent=2))
    for found in [] if as_json else result.matches:
        via = f" (as {found.matched!r})" if found.matched != found.name else ""
        click.echo(f"{found.name}  [{found.label}]  {found.id}{via}")
        click.echo(f"  aliases: {', '.join(found.aliases) or '-'}")
        click.echo(f"  papers:  {found.papers}")
    if not result.matches:
        hint = "; ".join(f"{f.name} [{f.label}]" for f in result.suggestions)
        click.echo(f"no node named {name!r}"
                   + (f"; did you mean: {hint}?" if hint else ""), err=True)
        ctx.exit(1)


def _found_dict(found) -> dict[str, Any]:
    return {"id": found.id, "label": found.label, "name": found.name,
            "aliases": found.aliases, "papers": found.papers,
            "matched": found.matched}


@main.command()
@_graph_option
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "jsonl", "graphml", "neo4j-admin"]),
              help="graphml writes one file; the others a directory.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File (graphml) or directory (csv, jsonl, neo4j-admin).")
@_quiet_option
def export(graph_dir: Path, fmt: str, output: Path, quiet: bool) -> None:
    """Export the embedded graph's nodes and relations."""
    from kg.stores.embedded import EmbeddedStore
    from kg.views.export import export_graph

    progress = Reporter(quiet=quiet)
    try:
        written = export_graph(EmbeddedStore(graph_dir).graph(progress), fmt, output,
                               progress)
    except KGError as exc:
        raise _fail(exc) from None
    if not quiet:
        for path in written:
            click.echo(f"wrote {path}", err=True)


@main.command()
@_graph_option
@click.option("-o", "--output", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write (self-contained, works offline).")
@click.option("--max-nodes", default=1500, show_default=True,
              type=click.IntRange(1), help="Keep the most connected nodes.")
@click.option("--focus", metavar="NAME",
              help="Draw only the neighbourhood of this entity (name or alias).")
@click.option("--hops", default=1, show_default=True, type=click.IntRange(0, 5),
              help="Neighbourhood radius for --focus.")
@_quiet_option
def view(graph_dir: Path, output: Path, max_nodes: int, focus: str | None,
         hops: int, quiet: bool) -> None:
    """Write an interactive HTML explorer of the graph (pyvis / vis-network)."""
    from kg.stores.embedded import EmbeddedStore
    from kg.views.html import write_html

    progress = Reporter(quiet=quiet)
    try:
        graph = EmbeddedStore(graph_dir).graph(progress)
        with progress.status(f"choosing the nodes to show and writing {output}"):
            summary = write_html(graph, output, max_nodes=max_nodes, focus=focus,
                                 hops=hops)
    except KGError as exc:
        raise _fail(exc) from None
    if not quiet:
        click.echo(f"wrote {output}: {summary}", err=True)


def run() -> None:
    """The console script: ``main`` with a last guard, so that even a bug in paper-kg
    ends in one line (set ``KG_DEBUG=1`` to see the traceback)."""
    try:
        main(standalone_mode=True)
    except OSError as exc:  # a path, a permission, a full disk: the user's to fix
        if os.environ.get("KG_DEBUG"):
            raise
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the guard of last resort
        if os.environ.get("KG_DEBUG"):
            raise
        click.echo(f"Error: internal error ({type(exc).__name__}: {exc}); please "
                   "report it, rerun with KG_DEBUG=1 for the traceback", err=True)
        sys.exit(2)


if __name__ == "__main__":
    run()
