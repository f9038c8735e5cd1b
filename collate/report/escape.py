"""How text reaches each report, whatever it holds: the rules in one place.

Witness text, sigla, metadata, paths, summaries and anomaly causes are data. No character of
them may end or change the markup around it, stop a file from being written, or move what a
terminal shows. Each report has its context, and its rule:

- JSON (the apparatus, CollateX's table): UTF-8 as it is; JSON's own escapes for quotes,
  backslashes and control characters; an unpaired surrogate (a Python string can hold one,
  read from a CollateX JSON file's ``"\\ud800"``) as its ``\\uXXXX`` escape, so the file can be
  written and reads back to the same string.
- JSON inside the HTML page's ``<script type="application/json">``: as above, and ``<``,
  ``>``, ``&``, U+2028 and U+2029 as ``\\u003c`` ... escapes, so that no ``</script>``, ``<!--``
  or ``<script`` can end the block or put the HTML parser into a state that swallows the rest
  of the page (`script_json`).
- HTML markup written here (cards, titles, the summary table): `html_text`, which escapes
  ``& < > " '`` for both text and attribute values and writes an unpaired surrogate as U+FFFD.
  The page's script inserts everything else as text nodes, never as markup.
- Links: only an ``http`` or ``https`` address becomes a link (`link_target`); ``javascript:``,
  ``data:``, relative or malformed addresses are shown as text.
- TEI XML: a character XML 1.0 cannot hold (NUL and the other C0 controls but tab, line feed
  and carriage return; unpaired surrogates; U+FFFE, U+FFFF) is a ``<g ref="#U+XXXX"/>``
  declared in the header's ``charDecl`` (`xml_unsafe`); a carriage return is ``&#13;``.
- LaTeX (`latex_text`): TeX's special characters (``\\ { } $ & # ^ _ % ~``) as the commands
  that print them, so that no witness can run a command, open a group or end the document;
  ``[`` and ``]`` inside braces, where no command can take them for an optional argument;
  what `visible` shows as ``⟨U+XXXX⟩`` likewise; line ends as spaces.
- The text report (a terminal): control characters, bidirectional overrides and isolates,
  line and paragraph separators and unpaired surrogates as ``⟨U+XXXX⟩`` (`visible`), so that a
  line of the report is one line and reads in the order it is written.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Any
from urllib.parse import urlsplit

_SURROGATE = re.compile("[\ud800-\udfff]")

_UNCARRIED = re.compile("[\x00\ud800-\udfff]")
"""What HTML markup cannot carry: NUL (the parser drops or replaces it), unpaired surrogates
(UTF-8 cannot encode them)."""

_SCRIPT = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
"""Characters that only ever stand inside JSON strings, and their JSON escapes (replaced one
after another: ``str.replace`` runs at memory speed, ``str.translate`` with a table of strings
took 17 times as long on a whole book's data)."""

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters outside XML 1.0's ``Char`` production."""

_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
"""Characters that move or hide what a terminal shows (tab and line feed are left to the
report's own layout)."""


def _escape_surrogate(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text(value: Any, *, separators: tuple[str, str] = (", ", ": "), **options: Any) -> str:
    """``json.dumps`` with UTF-8 left as it is, an unpaired surrogate as its escape.

    >>> json_text({"t": "a\\ud800b"})
    '{"t": "a\\\\ud800b"}'
    >>> json.loads(json_text("a\\ud800b")) == "a\\ud800b"
    True
    """
    text = json.dumps(value, ensure_ascii=False, separators=separators, **options)
    return _SURROGATE.sub(_escape_surrogate, text)


def script_json(value: Any) -> str:
    """JSON that can stand inside an HTML ``<script>`` element, whatever its strings hold.

    >>> script_json(["<!--<script>", "</script>"])
    '["\\\\u003c!--\\\\u003cscript\\\\u003e","\\\\u003c/script\\\\u003e"]'
    """
    text = json_text(value, separators=(",", ":"))
    for char, escaped in _SCRIPT:
        text = text.replace(char, escaped)
    return text


def html_text(text: str) -> str:
    """Text for HTML markup, in an element or a quoted attribute value.

    >>> html_text('"><svg onload=alert(1)>')
    '&quot;&gt;&lt;svg onload=alert(1)&gt;'
    """
    return _UNCARRIED.sub("\ufffd", escape(text, quote=True))


def link_target(value: object) -> str | None:
    """``value`` if it is an absolute ``http`` or ``https`` address a page may link to, else None.

    >>> link_target("https://example.org/doc/1"), link_target("javascript:alert(1)")
    ('https://example.org/doc/1', None)
    >>> link_target(" JaVaScRiPt:alert(1)"), link_target("data:text/html,x"), link_target("//evil")
    (None, None, None)
    """
    if not isinstance(value, str) or value != value.strip() or _INVISIBLE.search(value) or " " in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def xml_unsafe(text: str) -> set[str]:
    """The characters of ``text`` that XML 1.0 cannot hold, even as character references."""
    return set(_XML_UNSAFE.findall(text))


def xml_char_name(char: str) -> str:
    """The id a character XML cannot hold is declared under in a TEI ``charDecl``.

    >>> xml_char_name("\\x0c")
    'U000C'
    """
    return f"U{ord(char):04X}"


def xml_chars(text: str, element: str) -> str:
    """Serialised XML ``text`` with each character XML cannot hold made ``element`` (a
    format string given the character's id), in text content; in markup (where no witness
    text is written) such a character would be U+FFFD."""
    if not _XML_UNSAFE.search(text):
        return text
    pieces = re.split(r"(<[^<>]*>)", text)
    for n, piece in enumerate(pieces):
        if n % 2:
            pieces[n] = _XML_UNSAFE.sub("\ufffd", piece)
        else:
            pieces[n] = _XML_UNSAFE.sub(lambda m: element.format(xml_char_name(m.group())), piece)
    return "".join(pieces)


def visible(text: str) -> str:
    """Text for a terminal: characters that would move or hide what it shows as ``⟨U+XXXX⟩``.

    >>> visible("abc\\u202edef\\x1b[2J")
    'abc⟨U+202E⟩def⟨U+001B⟩[2J'
    """
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)


_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
    "[": "{[}",
    "]": "{]}",
}
_LATEX_SPECIAL = re.compile(r"[\\{}$&#^_%~\[\]]")


def latex_text(text: str) -> str:
    r"""Text for a LaTeX document: printed as it is, never read as markup.

    >>> latex_text("50% of \\end{document} [sic]")
    '50\\% of \\textbackslash{}end\\{document\\} {[}sic{]}'
    """
    flat = " ".join(visible(text).split("\n")).replace("\r", " ")
    return _LATEX_SPECIAL.sub(lambda m: _LATEX[m.group()], flat)
