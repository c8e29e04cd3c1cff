"""The README's editor snippets parse, and the command each starts is a working language server."""
import json
import re
import tomllib
from pathlib import Path

from support import BINARY
from test_protocol import RawClient

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def snippet(name: str) -> str:
    match = re.search(r"<!-- snippet:" + name + r" -->\n```\w+\n(.*?)\n```", README, re.S)
    assert match, f"no snippet:{name} in the README"
    return match.group(1)


def serves(command: list[str]):
    """The snippet's command, with the built binary for `schemalint`, initialises and shuts down cleanly."""
    assert command[0] == "schemalint"
    client = RawClient([BINARY] + command[1:])
    client.initialize()
    assert client.request(2, "shutdown")["result"] is None
    client.send({"jsonrpc": "2.0", "method": "exit"})
    assert client.wait() == 0


def test_vscode():
    settings = json.loads(snippet("vscode"))
    assert settings["glspc.server.languageId"] == ["sql"]
    serves([settings["glspc.server.command"]] + settings["glspc.server.commandArguments"])


def test_helix():
    config = tomllib.loads(snippet("helix"))
    server = config["language-server"]["schemalint"]
    assert config["language"][0] == {"name": "sql", "language-servers": ["schemalint"]}
    serves([server["command"]] + server["args"])


def test_neovim():
    lua = snippet("neovim")
    cmd = re.search(r"cmd = \{ (.*?) \}", lua).group(1)
    serves(json.loads("[" + cmd + "]"))
