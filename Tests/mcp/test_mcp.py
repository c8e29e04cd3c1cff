"""`schemalint mcp` driven by the official MCP Python client (PyPI `mcp`): the tools it lists, each tool's result
set beside the command line's on the same input, paths outside the working directory, bad arguments, and malformed
messages."""
import json
import os
import re
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import BINARY, cli, cli_json, mcp_session, text_of

pytestmark = pytest.mark.anyio

PET = ("CREATE TABLE pet (id bigint PRIMARY KEY, name text NOT NULL, "
       "created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A working directory with a goose migration folder: the table, then an index on it (and a Down section)."""
    (tmp_path / "migrations").mkdir()
    (tmp_path / "migrations/001_pet.sql").write_text("-- +goose Up\n" + PET + "-- +goose Down\nDROP TABLE pet;\n")
    (tmp_path / "migrations/002_index.sql").write_text(
        "-- +goose Up\nCREATE INDEX pet_name_idx ON pet (name);\n-- +goose Down\nDROP INDEX pet_name_idx;\n")
    (tmp_path / "schema.sql").write_text(PET)
    return tmp_path


async def test_lists_the_four_tools_with_their_schemas(project):
    async with mcp_session(project) as session:
        tools = {tool.name: tool for tool in (await session.list_tools()).tools}
    assert set(tools) == {"lint_sql", "fix_sql", "explain_rule", "list_rules"}
    for tool in tools.values():
        assert tool.description
        assert tool.input_schema["type"] == "object"
        assert tool.input_schema["additionalProperties"] is False
        assert tool.annotations.read_only_hint is True
    assert set(tools["lint_sql"].input_schema["properties"]) == {
        "sql", "filename", "paths", "context", "select", "ignore", "pg_version"}
    assert tools["fix_sql"].input_schema["required"] == ["sql"]
    assert tools["explain_rule"].input_schema["required"] == ["rule"]
    assert tools["lint_sql"].input_schema["properties"]["pg_version"]["minimum"] == 9


async def test_lint_sql_on_text_gives_the_json_reporters_findings(project):
    sql = "CREATE TABLE toy (id serial PRIMARY KEY, price float, at timestamp);\nCREATE TABLE (;\nDROP TABLE pet;\n"
    async with mcp_session(project) as session:
        result = await session.call_tool("lint_sql", {"sql": sql, "filename": "db/toy.sql"})
    assert not result.is_error, text_of(result)
    expected = cli_json(project, "--stdin-filename", "db/toy.sql", "-", stdin=sql)
    assert result.structured_content["diagnostics"] == expected["diagnostics"]
    assert result.structured_content["summary"] == expected["summary"]
    rules = {d["rule"] for d in expected["diagnostics"]}
    # A syntax error is reported, and the statements around it are still linted.
    assert {"syntax-error", "float-for-money", "drop-table"} <= rules
    text = text_of(result)
    assert text.startswith(f"{len(expected['diagnostics'])} findings:")
    assert "db/toy.sql:2:" in text and "[syntax-error]" in text


async def test_lint_sql_on_a_migration_folder_reads_its_layout(project):
    async with mcp_session(project) as session:
        result = await session.call_tool("lint_sql", {"paths": ["migrations"]})
    assert not result.is_error, text_of(result)
    expected = cli_json(project, "migrations")
    assert result.structured_content == expected | {"tool": result.structured_content["tool"]}
    findings = result.structured_content["diagnostics"]
    # The index is on a table an earlier migration made; the Down sections are set aside, not linted.
    assert any(d["rule"] == "create-index-without-concurrently" and d["file"] == "migrations/002_index.sql" for d in findings)
    assert not any(d["rule"] in ("drop-table", "drop-index-without-concurrently") for d in findings)
    assert result.structured_content["summary"]["layout"] == "goose"


async def test_context_is_replayed_first_and_not_reported(project):
    sql = "CREATE INDEX CONCURRENTLY pet_id_idx ON pet (id);\n"
    async with mcp_session(project) as session:
        alone = await session.call_tool("lint_sql", {"sql": sql})
        with_context = await session.call_tool("lint_sql", {"sql": sql, "context": ["schema.sql"]})
    assert [d["rule"] for d in alone.structured_content["diagnostics"]] == []
    expected = cli_json(project, "--context", "schema.sql", "--stdin-filename", "<sql>", "-", stdin=sql)
    assert with_context.structured_content["diagnostics"] == expected["diagnostics"]
    # The index repeats the primary key's, which only the context shows; the context's own findings stay out.
    assert [d["rule"] for d in expected["diagnostics"]] == ["duplicate-index"]


async def test_paths_outside_the_working_directory_are_refused(project):
    outside = Path(tempfile.mkdtemp())
    (outside / "other.sql").write_text("DROP TABLE pet;\n")
    (project / "link.sql").symlink_to(outside / "other.sql")
    async with mcp_session(project) as session:
        for arguments in ({"paths": [str(outside / "other.sql")]}, {"paths": [os.path.relpath(outside, project)]},
                          {"paths": ["link.sql"]}, {"sql": "SELECT 1;", "context": [str(outside)]}):
            result = await session.call_tool("lint_sql", arguments)
            assert result.is_error, arguments
            assert "outside the server's working directory" in text_of(result)
            assert "--allow-outside-cwd" in text_of(result)
    async with mcp_session(project, "--allow-outside-cwd") as session:
        result = await session.call_tool("lint_sql", {"paths": [str(outside / "other.sql")]})
    assert not result.is_error, text_of(result)
    assert "drop-table" in [d["rule"] for d in result.structured_content["diagnostics"]]


async def test_fix_sql_returns_the_fixed_sql_and_the_findings_it_removed(project):
    sql = "CREATE INDEX pet_name_idx ON pet (name);\nCREATE TABLE visit (id bigint PRIMARY KEY, at timestamp NOT NULL);\n"
    async with mcp_session(project) as session:
        safe = await session.call_tool("fix_sql", {"sql": sql})
        unsafe = await session.call_tool("fix_sql", {"sql": sql, "unsafe_fixes": True})
        again = await session.call_tool("fix_sql", {"sql": unsafe.structured_content["sql"], "unsafe_fixes": True})
    assert not safe.is_error, text_of(safe)
    # The same SQL as the command's --fix writes.
    assert safe.structured_content["sql"] == cli(project, "--fix", "-", stdin=sql).stdout
    assert unsafe.structured_content["sql"] == cli(project, "--fix", "--unsafe-fixes", "-", stdin=sql).stdout
    assert "CREATE INDEX CONCURRENTLY pet_name_idx" in safe.structured_content["sql"]
    assert "at timestamp NOT NULL" in safe.structured_content["sql"]
    assert "timestamptz" in unsafe.structured_content["sql"]
    assert [d["rule"] for d in safe.structured_content["fixed"]] == ["create-index-without-concurrently"]
    assert "timestamp-without-time-zone" in [d["rule"] for d in safe.structured_content["remaining"]]
    assert safe.structured_content["unsafeFixesLeft"] >= 1
    assert "timestamp-without-time-zone" in [d["rule"] for d in unsafe.structured_content["fixed"]]
    # What remains is what the command reports on the fixed SQL.
    remaining = cli_json(project, "--stdin-filename", "<sql>", "-", stdin=unsafe.structured_content["sql"])
    assert unsafe.structured_content["remaining"] == remaining["diagnostics"]
    # A second fix changes nothing.
    assert again.structured_content["changed"] is False
    assert again.structured_content["fixed"] == []
    # No file was written.
    assert sorted(p.name for p in project.iterdir()) == ["migrations", "schema.sql"]


async def test_explain_rule_gives_the_rules_page(project):
    async with mcp_session(project) as session:
        result = await session.call_tool("explain_rule", {"rule": "fk-without-index"})
        unknown = await session.call_tool("explain_rule", {"rule": "fk-index"})
    assert not result.is_error
    assert text_of(result).strip() == cli(project, "explain", "fk-without-index").stdout.strip()
    assert result.structured_content["id"] == "fk-without-index"
    assert result.structured_content["category"] == "design"
    assert unknown.is_error
    assert "unknown rule `fk-index`" in text_of(unknown)
    assert "fk-without-index" in text_of(unknown)


async def test_list_rules_gives_the_catalogue(project):
    async with mcp_session(project) as session:
        every = await session.call_tool("list_rules", {})
        safety = await session.call_tool("list_rules", {"category": "safety"})
        bad = await session.call_tool("list_rules", {"category": "speed"})
    catalogue = json.loads(cli(project, "rules", "--format", "json").stdout)["rules"]
    assert every.structured_content["rules"] == catalogue
    assert len(text_of(every).splitlines()) == len(catalogue)
    assert safety.structured_content["rules"] == [r for r in catalogue if r["category"] == "safety"]
    assert bad.is_error and "unknown category `speed`" in text_of(bad)


@pytest.mark.parametrize("tool, arguments, message", [
    ("lint_sql", {}, "give `sql` (SQL text) or `paths`"),
    ("lint_sql", {"sql": 5}, "`sql` must be a string, not the number 5"),
    ("lint_sql", {"paths": "a.sql"}, "`paths` must be an array of strings"),
    ("lint_sql", {"sql": "SELECT 1;", "paths": ["schema.sql"]}, "give `sql` or `paths`, not both"),
    ("lint_sql", {"sql": "SELECT 1;", "bogus": 1}, "unknown argument `bogus`"),
    ("lint_sql", {"sql": "SELECT 1;", "pg_version": 3}, "`pg_version` must be between 9 and 18, not 3"),
    ("lint_sql", {"sql": "SELECT 1;", "pg_version": "15"}, "`pg_version` must be an integer"),
    ("lint_sql", {"sql": "SELECT 1;", "select": ["no-such-rule"]}, "no-such-rule"),
    ("lint_sql", {"paths": ["missing.sql"]}, "no such file or folder: missing.sql"),
    ("lint_sql", {"paths": []}, "`paths` is empty"),
    ("fix_sql", {}, "missing required argument `sql`"),
    ("fix_sql", {"sql": "SELECT 1;", "unsafe_fixes": "yes"}, "`unsafe_fixes` must be true or false"),
    ("explain_rule", {"rule": 1}, "`rule` must be a string"),
    ("no_such_tool", {}, "unknown tool `no_such_tool`"),
])
async def test_a_bad_argument_gets_a_tool_error_that_says_what_is_wrong(project, tool, arguments, message):
    async with mcp_session(project) as session:
        result = await session.call_tool(tool, arguments)
        # The server is still there for the next call.
        after = await session.call_tool("lint_sql", {"sql": "SELECT 1;"})
    assert result.is_error
    assert message in text_of(result), text_of(result)
    assert not after.is_error and text_of(after) == "No findings."


def test_malformed_messages_get_errors_and_the_server_survives(project):
    lines = [
        "this is not json",
        json.dumps([1, 2]),
        json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "1"}}}),
        json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}),
        json.dumps({"jsonrpc": "2.0", "id": 2, "method": "no/such/method"}),
        json.dumps({"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": "list_rules", "arguments": {}}}),
    ]
    process = subprocess.Popen([BINARY, "mcp"], cwd=project, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    # As a client does, the input stays open until every request has its reply.
    process.stdin.write("\n".join(lines) + "\n")
    process.stdin.flush()
    replies, by_id = [], {}
    watchdog = threading.Timer(60, process.kill)
    watchdog.start()
    try:
        while not {1, 2, 3} <= set(by_id):
            line = process.stdout.readline()
            assert line, f"the server stopped; it answered {replies}"
            replies.append(json.loads(line))
            by_id[replies[-1].get("id")] = replies[-1]
        process.stdin.close()
        assert process.wait(timeout=30) == 0, process.stderr.read()
    finally:
        watchdog.cancel()
    assert by_id[1]["result"]["serverInfo"]["name"] == "schemalint"
    assert by_id[2]["error"]["code"] == -32601
    assert by_id[3]["result"]["isError"] is False
    assert any(reply.get("error", {}).get("code") == -32700 for reply in replies), replies


async def test_the_readmes_client_configuration_starts_a_working_server(project):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    match = re.search(r"<!-- snippet:mcp -->\n```json\n(.*?)\n```", readme, re.S)
    assert match, "no snippet:mcp in the README"
    server = json.loads(match.group(1))["mcpServers"]["schemalint"]
    assert server["command"] == "schemalint"
    async with mcp_session(project, *server["args"][1:]) as session:
        assert server["args"][0] == "mcp"
        names = [tool.name for tool in (await session.list_tools()).tools]
    assert "lint_sql" in names
