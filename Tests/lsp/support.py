"""Shared by the language-server tests: the binary under test, and edits applied as an editor applies them."""
import os

from lsprotocol import types

BINARY = os.environ["SCHEMALINT_BINARY"]


def units(text: str, encoding: str) -> int:
    """Length of text in the code units of an LSP position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def offset(text: str, position: types.Position, encoding: str) -> int:
    """The string index of an LSP position in text."""
    lines = text.split("\n")
    index = sum(len(line) + 1 for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    count = 0
    for i, ch in enumerate(line):
        if count >= position.character:
            return index + i
        count += units(ch, encoding)
    return index + len(line)


def apply_edit(text: str, uri: str, edit: types.WorkspaceEdit, encoding: str) -> str:
    """The text after a WorkspaceEdit's changes to uri, applied from the end so earlier offsets hold."""
    edits = edit.changes[uri]
    spans = [(offset(text, e.range.start, encoding), offset(text, e.range.end, encoding), e.new_text) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def client_capabilities(encodings=None) -> types.ClientCapabilities:
    """What a typical editor declares: diagnostics with code descriptions, quick fixes with edits, markdown hovers."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in encodings]) if encodings is not None else None,
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, code_description_support=True),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix])),
                is_preferred_support=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        ),
    )
