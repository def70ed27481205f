"""Organizations: the listing's own (metadata) and those named in the text.

Text patterns: "University of X", "X University", "X Institute of Technology",
"X Research"/"X Lab"/"X Labs"/"X AI" after a capitalised name; the Epoch
organization gazetteer is matched separately. URLs are never organizations:
:func:`kg.extract.assemble.assemble` drops every mention inside one.
"""

from __future__ import annotations

import re

from kg.extract.mentions import Mention
from kg.extract.scan import Windows, WordTrigger, finditer_in, text_windows

_CAP = r"[A-Z][A-Za-z&.'-]+"
_ORG_PATTERNS = (
    (re.compile(rf"(?<![\w/.])(?:The\s)?University\sof\s{_CAP}(?:\s{_CAP}){{0,2}}"
                rf"(?:,\s(?:{_CAP}))?(?=[\s,.;)]|$)"), "organization.university_of"),
    (re.compile(rf"(?<![\w/.])(?:{_CAP}\s){{1,3}}(?:University|Institute of Technology"
                rf"|Institute|Academy|College)(?![\w-])"), "organization.x_university"),
    (re.compile(r"(?<![\w/.])(?:Google|Microsoft|Meta|Amazon|Apple|NVIDIA|IBM|"
                r"Alibaba|Tencent|ByteDance|Baidu|Huawei|Samsung|Adobe|Salesforce|"
                r"Intel|Sony|OpenAI|Anthropic|DeepMind|Google DeepMind)"
                r"(?:\s(?:Research|AI|Brain|DeepMind|Cloud|Labs?))?(?![\w-])"),
     "organization.company"),
)
_UNIVERSITY_OF_TAIL = re.compile(r"\s(?:and|in|at|for|with)$")


_TRIGGER_WORDS = re.compile(
    r"Universit|Institut|Academy|College|Google|Microsoft|Meta$|Amazon|Apple|NVIDIA|"
    r"IBM|Alibaba|Tencent|ByteDance|Baidu|Huawei|Samsung|Adobe|Salesforce|Intel|"
    r"Sony|OpenAI|Anthropic|DeepMind")


def word_triggers() -> dict[str, WordTrigger]:
    """A token holding an organization head word or a company name."""
    return {"organization.patterns": WordTrigger(_TRIGGER_WORDS, 60, 41)}


def find_organizations(text: str, windows: Windows | None = None) -> list[Mention]:
    """Organization names written in the text."""
    if windows is None:
        windows = text_windows(text, word_triggers())
    spans = windows["organization.patterns"]
    out = []
    for rx, rule in _ORG_PATTERNS:
        for m in finditer_in(rx, text, spans):
            surface = _UNIVERSITY_OF_TAIL.sub("", m.group(0)).rstrip(",.")
            out.append(Mention(m.start(), m.start() + len(surface), "organization",
                               rule, surface, priority=2))
    return out
