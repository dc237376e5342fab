"""Python sources: bytes to text to one libcst module, with one clear reason when that fails."""
from __future__ import annotations

import ast
import io
import re
import tokenize

import libcst as cst

from hygiene.gcpolicy import building



class ParseError(Exception):
    """The file could not be read as Python; the message names the reason, not a traceback."""


_PY2_HINTS = re.compile(r"^\s*(print\s+[\"'\w]|exec\s+[\"']|except\s+\w+\s*,\s*\w+\s*:)", re.M)


def decode(data: bytes) -> str:
    """Source bytes as text, honouring a BOM or a PEP 263 coding line."""
    if b"\x00" in data[:8192]:
        raise ParseError("binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:
            raise ParseError(f"not valid utf-8 at byte {bad.start} and no coding line declares another "
                             "encoding; add one (e.g. `# -*- coding: latin-1 -*-`) or re-save as UTF-8") from None
        raise ParseError(f"cannot tell the encoding: {exc.msg}") from None
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc)
        where = f" at byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
        raise ParseError(f"not valid {encoding}{where} ({reason}); declare the encoding with a coding line") from None
    return text[1:] if text.startswith("\ufeff") else text


def _unchecked(self: cst.CSTNode) -> None:
    pass


def _parse_unvalidated(text: str) -> cst.Module:
    """`cst.parse_module`, without libcst's validation of each node it builds (`CSTNode.__post_init__`
    runs `_validate`, which the nodes of its own parser pass; its authors note the same): about a
    fifth of the parse (issue 12). Only while parsing: nodes built anywhere else are validated."""
    base = cst.CSTNode
    validate = base.__dict__["__post_init__"]
    base.__post_init__ = _unchecked  # type: ignore[method-assign]
    try:
        with building():
            return cst.parse_module(text)
    finally:
        base.__post_init__ = validate  # type: ignore[method-assign]


def _async_as_name(text: str) -> str | None:
    """`text` with `async` used as a keyword argument or parameter name (`x.cuda(async=True)`, valid
    before Python 3.7, where PyTorch code of 2017-2018 spelled `non_blocking` so) renamed `async_`;
    None when there is none. Only names right after `(` or `,` and before `=` are renamed, so
    strings, comments and `async def` stay as they are."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None
    spots = [tok.start for before, tok, after in zip(tokens, tokens[1:], tokens[2:])
             if tok.type == tokenize.NAME and tok.string == "async" and before.string in ("(", ",")
             and after.string == "="]
    if not spots:
        return None
    lines = text.splitlines(keepends=True)
    for row, col in reversed(spots):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + "async_" + line[col + len("async"):]
    return "".join(lines)


def parse(text: str) -> cst.Module:
    try:
        return _parse_unvalidated(text)
    except cst.ParserSyntaxError as exc:
        renamed = _async_as_name(text) if "async" in text else None
        if renamed is not None:
            try:
                return _parse_unvalidated(renamed)
            except cst.ParserSyntaxError:
                pass
        hint = " (this looks like Python 2, which hygiene does not read)" if _PY2_HINTS.search(text) else ""
        # Python's own parser places syntax errors better than libcst's and says them the way
        # people are used to reading them.
        try:
            compile(text, "<source>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
        except SyntaxError as py_exc:
            raise ParseError(f"syntax error at line {py_exc.lineno}, column {py_exc.offset or 1}: {py_exc.msg}{hint}") from None
        except (ValueError, RecursionError, MemoryError):
            pass
        message = str(exc.message).strip().splitlines()[0] if exc.message else "invalid syntax"
        raise ParseError(f"syntax error at line {exc.raw_line}, column {exc.raw_column + 1}: {message}{hint}") from None
    except RecursionError:
        raise ParseError("nested too deeply to parse") from None
    except Exception as exc:  # libcst raises a few internal errors on exotic input
        raise ParseError(f"libcst could not parse it: {type(exc).__name__}: {exc}") from None
