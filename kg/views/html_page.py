"""Assemble the self-contained explorer page: vendored vis-network, our script, data.

The page makes no request of its own: vis-network (``assets/vis-network.min.js``,
Apache-2.0 OR MIT, header kept) and our CSS/JS are inlined, and the graph travels as
one JSON document in a ``<script type="application/json">`` block that the page
parses.  Every string that came from a listing is inside that JSON and nowhere else,
escaped by :func:`script_json` so it cannot end the script element.  The page
skeleton is a fixed file with five slots filled by plain replacement: no template
engine, so no ``|safe`` filter for user data to slip through.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).with_name("assets")
VIS_JS = "vis-network.min.js"
PAGE = "explorer.html"
SLOTS = ("/*KG:CSP*/", "/*KG:STYLE*/", "/*KG:VIS*/", "/*KG:DATA*/", "/*KG:APP*/")

#: characters that could end a <script> element, start an HTML comment or a
#: character reference, or end a JavaScript line inside an old engine's string
_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                     "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")
_SOURCE_MAP_RE = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe verbatim inside an HTML ``<script>`` element.

    ``<``, ``>``, ``&`` and U+2028/U+2029 only occur inside JSON strings, where
    their ``\\uXXXX`` escapes mean the same characters: the data is unchanged for
    ``JSON.parse`` but ``</script>`` or ``<!--`` can never appear in the markup.
    Values JSON has no type for (a ``datetime.date``) are written as ``str()``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False, default=str)  # dates from a store: text
    return _UNSAFE_RE.sub(lambda m: _UNSAFE_IN_SCRIPT[m.group()], text)


@cache
def asset_text(name: str) -> str:
    """One file of ``kg/views/assets`` (read once per process)."""
    return (ASSETS / name).read_text(encoding="utf-8")


def inline_script(source: str, name: str) -> str:
    """``source`` ready to sit inside ``<script>``: without its source-map comment
    (the map is not shipped, and a devtools fetch for it would be a request), and
    refused if it could close the element early."""
    source = _SOURCE_MAP_RE.sub("", source)
    lowered = source.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ValueError(f"{name} cannot be inlined: it contains '</script' or '<!--'")
    return source


def csp_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_page(data: dict[str, Any]) -> str:
    """The whole HTML page for the explorer ``data`` (nodes, edges, options, meta).

    Its Content-Security-Policy allows no request at all and runs only the two
    inline scripts it was built with (by hash): even markup that slipped in could
    neither load nor execute anything.
    """
    page = asset_text(PAGE)
    vis = inline_script(asset_text(VIS_JS), VIS_JS)
    app = inline_script(asset_text("explorer.js"), "explorer.js")
    fills = {
        "/*KG:CSP*/": f"{csp_hash(vis)} {csp_hash(app)}",
        "/*KG:STYLE*/": asset_text("explorer.css"),
        "/*KG:VIS*/": vis,
        "/*KG:DATA*/": script_json(data),
        "/*KG:APP*/": app,
    }
    for slot in SLOTS:
        if page.count(slot) != 1:
            raise ValueError(f"{PAGE} must contain {slot} exactly once")
    # one pass, so text put into one slot is never searched for the next slot
    return re.sub("|".join(re.escape(s) for s in SLOTS),
                  lambda m: fills[m.group()], page)
