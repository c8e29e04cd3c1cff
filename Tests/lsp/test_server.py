"""schemalint server driven by pytest-lsp: what an editor sees."""
import asyncio
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from support import apply_edit, units

DIAGNOSTICS = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS


async def open_document(client: LanguageClient, path: Path, text: str, version: int = 1):
    """Opens a document and waits for its diagnostics."""
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="sql", version=version, text=text)))
    await wait_for_diagnostics(client, uri, version)
    return uri


async def change_document(client: LanguageClient, uri: str, text: str, version: int):
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
    await wait_for_diagnostics(client, uri, version)


async def wait_for_diagnostics(client: LanguageClient, uri: str, version: int):
    """Waits for the diagnostics of this version (called right after sending, so none can be missed)."""
    while True:
        params = await asyncio.wait_for(client.wait_for_notification(DIAGNOSTICS), 60)
        if params.uri == uri and params.version == version:
            return


def rules(client: LanguageClient, uri: str):
    return sorted(d.code for d in client.diagnostics[uri])


def finding(client: LanguageClient, uri: str, rule: str) -> types.Diagnostic:
    found = [d for d in client.diagnostics[uri] if d.code == rule]
    assert found, f"no {rule} among {rules(client, uri)}"
    return found[0]


def config(folder: Path, *selected: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".schemalint.toml").write_text("select = [" + ", ".join(f'"{r}"' for r in selected) + "]\n")


LINE = 'CREATE TABLE "é漢字😀" (id bigint PRIMARY KEY, price double precision NOT NULL);'


async def test_position_encodings(encoded_client: LanguageClient, tmp_path: Path):
    """The negotiated encoding is announced, and a finding after é, 漢字 and an emoji is placed in its code units;
    hover and code-action positions are read in them too."""
    client, encoding = encoded_client, encoded_client.expected_encoding
    assert encoded_client.init_result.capabilities.position_encoding == encoding
    config(tmp_path, "float-for-money")
    text = "-- é 漢字 😀\n" + LINE + "\n"
    uri = await open_document(client, tmp_path / "enc.sql", text)
    d = finding(client, uri, "float-for-money")
    prefix = LINE[: LINE.index("price")]
    assert (d.range.start.line, d.range.start.character) == (1, units(prefix, encoding))
    assert d.range.end.line == 1 and d.range.end.character > d.range.start.character
    # Expected values differ by encoding, so a wrong encoding cannot pass: 44 scalars, 45 UTF-16 units, 52 bytes.
    assert units(prefix, encoding) == {"utf-32": 44, "utf-16": 45, "utf-8": 52}[encoding]

    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=d.range.start))
    assert hover is not None and "float-for-money" in hover.contents.value
    assert hover.range == d.range

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))
    suppress = next(a for a in actions if a.title == "Suppress float-for-money for this statement")
    fixed = apply_edit(text, uri, suppress.edit, encoding)
    assert fixed.split("\n")[1].startswith("-- schemalint-ignore float-for-money -- ")
    await change_document(client, uri, fixed, 2)
    assert rules(client, uri) == []


async def test_diagnostic_fields(client: LanguageClient, tmp_path: Path):
    """Rule id as code, its page as codeDescription, severity from the rule, source schemalint."""
    config(tmp_path, "float-for-money", "create-index-without-concurrently")
    uri = await open_document(client, tmp_path / "a.sql",
                              "CREATE TABLE bill (id bigint PRIMARY KEY, price real);\nCREATE INDEX ON dog (name);\n")
    assert rules(client, uri) == ["create-index-without-concurrently", "float-for-money"]
    money = finding(client, uri, "float-for-money")
    assert money.severity == types.DiagnosticSeverity.Error
    assert money.source == "schemalint"
    assert money.code_description.href == \
        "https://github.com/schemalint/schemalint/blob/main/rules/float-for-money.md"
    assert money.range.start.line == 0
    index = finding(client, uri, "create-index-without-concurrently")
    assert index.severity == types.DiagnosticSeverity.Warning
    assert index.range.start == types.Position(line=1, character=0)


async def test_earlier_migrations_are_context(client: LanguageClient, tmp_path: Path):
    """fk-type-mismatch needs the referenced table, which an earlier migration creates: found with the folder's
    earlier files as context, not from later ones; the open buffer replaces the file on disk."""
    folder = tmp_path / "migrations"
    config(folder, "fk-type-mismatch")
    (folder / "001_dog.sql").write_text("CREATE TABLE dog (id bigint PRIMARY KEY);\n")
    (folder / "002_walk.sql").write_text("CREATE TABLE walk (id bigint PRIMARY KEY, dog_id bigint REFERENCES dog (id));\n")
    (folder / "003_cat.sql").write_text("CREATE TABLE cat (id integer PRIMARY KEY);\n")
    (folder / "010_visit.sql").write_text("-- on disk: not what the editor holds\n")

    # The buffer, not the file on disk (which is clean), and dog from 001.
    walk = await open_document(client, folder / "002_walk.sql",
                               "CREATE TABLE walk (id bigint PRIMARY KEY, dog_id integer REFERENCES dog (id));\n")
    assert rules(client, walk) == ["fk-type-mismatch"]
    assert "dog.id" in finding(client, walk, "fk-type-mismatch").message
    # 010 comes after 003 in natural order (10 > 3): cat's integer id is known.
    visit = await open_document(client, folder / "010_visit.sql",
                                "CREATE TABLE visit (id bigint PRIMARY KEY, cat_id bigint REFERENCES cat (id));\n")
    assert rules(client, visit) == ["fk-type-mismatch"]
    # A new, unsaved migration between 002 and 003: cat is created later, so it is unknown here.
    early = await open_document(client, folder / "002a_visit.sql",
                                "CREATE TABLE visit (id bigint PRIMARY KEY, cat_id bigint REFERENCES cat (id));\n")
    assert rules(client, early) == []
    # The same SQL alone in another folder has no context: no finding.
    config(tmp_path / "elsewhere", "fk-type-mismatch")
    alone = await open_document(client, tmp_path / "elsewhere" / "002_walk.sql",
                                "CREATE TABLE walk (id bigint PRIMARY KEY, dog_id integer REFERENCES dog (id));\n")
    assert rules(client, alone) == []


async def test_edit_updates_diagnostics(client: LanguageClient, tmp_path: Path):
    config(tmp_path, "float-for-money")
    uri = await open_document(client, tmp_path / "edit.sql", "CREATE TABLE bill (id bigint PRIMARY KEY, price numeric);\n")
    assert rules(client, uri) == []
    await change_document(client, uri, "CREATE TABLE bill (id bigint PRIMARY KEY, price float);\n", 2)
    assert rules(client, uri) == ["float-for-money"]
    await change_document(client, uri, "CREATE TABLE bill (id bigint PRIMARY KEY, price numeric(12, 2));\n", 3)
    assert rules(client, uri) == []


async def test_save_relints_later_documents(client: LanguageClient, tmp_path: Path):
    """Saving a migration re-lints the open documents after it: it is their context."""
    config(tmp_path, "fk-type-mismatch")
    first = tmp_path / "001.sql"
    first.write_text("-- nothing yet\n")
    index = await open_document(client, tmp_path / "002.sql",
                                "CREATE TABLE walk (id bigint PRIMARY KEY, dog_id integer REFERENCES dog (id));\n")
    assert rules(client, index) == []
    uri = await open_document(client, first, "-- nothing yet\n")
    # The editor saves the new content: dog is now created before walk.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="CREATE TABLE dog (id bigint PRIMARY KEY);\n")]))
    first.write_text("CREATE TABLE dog (id bigint PRIMARY KEY);\n")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    while not rules(client, index):
        await asyncio.wait_for(client.wait_for_notification(DIAGNOSTICS), 60)
    assert rules(client, index) == ["fk-type-mismatch"]


async def code_actions(client: LanguageClient, uri: str, d: types.Diagnostic):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
        context=types.CodeActionContext(diagnostics=[d])))


async def test_quick_fix_removes_the_finding(client: LanguageClient, tmp_path: Path):
    config(tmp_path, "create-index-without-concurrently")
    text = "CREATE INDEX dog_name_idx ON dog (name);\n"
    uri = await open_document(client, tmp_path / "fix.sql", text)
    d = finding(client, uri, "create-index-without-concurrently")
    actions = await code_actions(client, uri, d)
    titles = [a.title for a in actions]
    assert titles == ["Apply the suggested fix for create-index-without-concurrently",
                      "Suppress create-index-without-concurrently for this statement"], titles
    fix = actions[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics[0].code == "create-index-without-concurrently"
    fixed = apply_edit(text, uri, fix.edit, "utf-16")
    assert fixed == "CREATE INDEX CONCURRENTLY dog_name_idx ON dog (name);\n"
    await change_document(client, uri, fixed, 2)
    assert rules(client, uri) == []


async def test_suppression_goes_above_the_statement(client: LanguageClient, tmp_path: Path):
    """Above an indented statement (indented alike), and after code on the statement's line; both silence it and
    neither is an unused or invalid suppression."""
    config(tmp_path, "float-for-money", "unused-suppression", "invalid-suppression")
    text = ("CREATE TABLE a (id bigint PRIMARY KEY);\n"
            "  -- a comment of its own\n"
            "  CREATE TABLE bill (id bigint PRIMARY KEY,\n    price real);\n"
            "SELECT 1; CREATE TABLE tip (id bigint PRIMARY KEY, amount float);\n")
    uri = await open_document(client, tmp_path / "suppress.sql", text)
    assert rules(client, uri) == ["float-for-money", "float-for-money"]
    version = 1
    for _ in range(2):
        d = client.diagnostics[uri][0]
        suppress = next(a for a in await code_actions(client, uri, d) if a.title.startswith("Suppress"))
        text = apply_edit(text, uri, suppress.edit, "utf-16")
        version += 1
        await change_document(client, uri, text, version)
    assert rules(client, uri) == []
    assert "  -- a comment of its own\n  -- schemalint-ignore float-for-money -- " in text
    assert "SELECT 1; -- schemalint-ignore float-for-money -- " in text


async def test_hover(client: LanguageClient, tmp_path: Path):
    config(tmp_path, "float-for-money")
    uri = await open_document(client, tmp_path / "hover.sql", "CREATE TABLE bill (id bigint PRIMARY KEY, price real);\n")
    d = finding(client, uri, "float-for-money")
    inside = types.Position(line=d.range.start.line, character=d.range.start.character + 2)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=inside))
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert value.startswith("**float-for-money**")
    assert "Flagged:" in value and "Not flagged:" in value and value.count("```sql") == 2
    assert "rules/float-for-money.md" in value
    outside = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=1)))
    assert outside is None


async def test_unknown_request(client: LanguageClient):
    with pytest.raises(Exception, match="-32601|[Mm]ethod"):
        await client.protocol.send_request_async("schemalint/noSuchMethod", {})



async def test_relint_after_each_keystroke(client: LanguageClient, tmp_path: Path):
    """A 2,000-line file (scripts/generate-ddl schema --lines 2000), changed 15 times: each change gets the
    diagnostics of its own version, and they move with the text. How long a re-lint takes is measured by
    scripts/bench, not here."""
    import subprocess
    repo = Path(__file__).resolve().parents[2]
    path = tmp_path / "big.sql"
    subprocess.run(["python3", str(repo / "scripts/generate-ddl"), "schema", "--lines", "2000", str(path)], check=True)
    text = path.read_text()
    assert text.count("\n") >= 2000
    uri = await open_document(client, path, text)
    first = sorted((d.range.start.line, d.code) for d in client.diagnostics[uri])
    assert first
    for version in range(2, 17):
        typed = version % 2 == 0
        text = text.replace("\n", "\n-- typed\n", 1) if typed else text.replace("\n-- typed\n", "\n", 1)
        await change_document(client, uri, text, version)
        now = sorted((d.range.start.line, d.code) for d in client.diagnostics[uri])
        # A line typed near the top moves every finding after it down one line; removing it moves them back.
        assert now == [(line + 1 if typed and line >= 1 else line, code) for line, code in first]


async def test_per_migration_folders_are_context(client: LanguageClient, tmp_path: Path):
    """diesel: each migration is a folder (`<version>_<name>/up.sql`); the earlier folders' up.sql are context."""
    folder = tmp_path / "migrations"
    config(tmp_path, "fk-type-mismatch")
    for name, up in [("2024-01-01-000000_dog", "CREATE TABLE dog (id bigint PRIMARY KEY);\n"),
                     ("2024-01-02-000000_walk", "-- on disk\n")]:
        (folder / name).mkdir(parents=True)
        (folder / name / "up.sql").write_text(up)
        (folder / name / "down.sql").write_text("DROP TABLE IF EXISTS x;\n")
    walk = await open_document(client, folder / "2024-01-02-000000_walk" / "up.sql",
                               "CREATE TABLE walk (id bigint PRIMARY KEY, dog_id integer REFERENCES dog (id));\n")
    assert rules(client, walk) == ["fk-type-mismatch"]
