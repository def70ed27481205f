"""Views of the graph: exports to files (and the HTML explorer, ``kg.views.html``)."""

from kg.views.export import (
    FORMATS,
    ExportFormat,
    export_graph,
    read_csv,
    read_graphml,
    read_jsonl,
)

__all__ = ["FORMATS", "ExportFormat", "export_graph", "read_csv", "read_graphml",
           "read_jsonl"]
