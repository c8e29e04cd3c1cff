"""The base protocol and the lifecycle, with a raw client: malformed input gets JSON-RPC errors and the server goes
on; exit codes follow shutdown."""
import json
import subprocess

import pytest

from support import BINARY


class RawClient:
    def __init__(self, command=None):
        self.process = subprocess.Popen(command or [BINARY, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)

    def send_bytes(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = (message if isinstance(message, str) else json.dumps(message)).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, id, method, params=None):
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.receive()

    def receive(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.process.stdout.read(1)
            assert byte, f"the server closed its output; stderr: {self.process.stderr.read().decode()}"
            header += byte
        length = int(header.split(b":")[1])
        return json.loads(self.process.stdout.read(length))

    def initialize(self):
        reply = self.request(1, "initialize", {"processId": None, "capabilities": {}})
        assert reply["result"]["capabilities"]["positionEncoding"] == "utf-16"
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def wait(self):
        self.process.stdin.close()
        return self.process.wait(timeout=30)


@pytest.fixture
def raw():
    client = RawClient()
    yield client
    if client.process.poll() is None:
        client.process.kill()
        client.process.wait()


def error_code(reply):
    assert "error" in reply, reply
    return reply["error"]["code"]


def test_shutdown_then_exit_exits_0(raw):
    raw.initialize()
    assert raw.request(2, "shutdown") == {"jsonrpc": "2.0", "id": 2, "result": None}
    # After shutdown, requests are invalid; the server still answers them.
    assert error_code(raw.request(3, "textDocument/hover", {})) == -32600
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.wait() == 0


def test_null_params_are_no_params(raw):
    """Clients send `"params": null` for shutdown and exit; that is read as no params, not as an invalid request."""
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    assert raw.receive() == {"jsonrpc": "2.0", "id": 2, "result": None}
    raw.send({"jsonrpc": "2.0", "method": "exit", "params": None})
    assert raw.wait() == 0


def test_exit_without_shutdown_exits_1(raw):
    raw.initialize()
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.wait() == 1


def test_end_of_input_without_exit_exits_1(raw):
    raw.initialize()
    assert raw.wait() == 1


def test_before_initialize(raw):
    assert error_code(raw.request(1, "textDocument/hover", {})) == -32002
    raw.initialize()
    assert error_code(raw.request(2, "initialize", {"capabilities": {}})) == -32600


def test_malformed_input_gets_errors_and_the_server_goes_on(raw):
    raw.initialize()
    raw.send_bytes(b"this is not a header\r\n\r\n")
    reply = raw.receive()
    assert reply["id"] is None and error_code(reply) == -32700
    assert reply["error"]["message"].startswith("malformed message header"), reply
    raw.send_bytes(b"Content-Length: twelve\r\n\r\n")
    assert error_code(raw.receive()) == -32700
    raw.send_bytes(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n")  # no length
    assert error_code(raw.receive()) == -32700
    raw.send("{not json")
    assert error_code(raw.receive()) == -32700
    raw.send('{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": {"truncated"')
    assert error_code(raw.receive()) == -32700
    for invalid in ['[{"jsonrpc": "2.0", "id": 8, "method": "shutdown"}]', '42', '"text"',
                    '{"id": 9, "method": "shutdown"}', '{"jsonrpc": "2.0", "id": 10, "method": 5}',
                    '{"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"}',
                    '{"jsonrpc": "2.0", "id": 11, "method": "textDocument/hover", "params": 3}']:
        raw.send(invalid)
        reply = raw.receive()
        assert error_code(reply) == -32600, (invalid, reply)
    assert error_code(raw.request(12, "no/suchMethod", {})) == -32601
    assert error_code(raw.request(13, "textDocument/hover", {"textDocument": {}})) == -32602
    # Bad notifications have no reply; a document with nonsense positions does not crash the server.
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": 3}})
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///nowhere.sql"}}})
    raw.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "untitled:Untitled-1", "languageId": "sql", "version": 1, "text": "CREATE TABLE é😀 (\n"}}})
    published = raw.receive()
    assert published["method"] == "textDocument/publishDiagnostics"
    assert published["params"]["uri"] == "untitled:Untitled-1"
    for position in [{"line": 99, "character": 99}, {"line": 0, "character": 10**9}, {"line": 0, "character": 14}]:
        reply = raw.request(15, "textDocument/hover", {"textDocument": {"uri": "untitled:Untitled-1"}, "position": position})
        assert "result" in reply, reply
    assert error_code(raw.request(16, "textDocument/hover", {"textDocument": {"uri": "untitled:Untitled-1"},
                                                             "position": {"line": -1, "character": 0}})) == -32602
    assert error_code(raw.request(17, "textDocument/codeAction", {"textDocument": {"uri": "untitled:Untitled-1"}})) == -32602
    assert raw.request(18, "shutdown")["result"] is None
    raw.send({"jsonrpc": "2.0", "method": "exit"})
    assert raw.wait() == 0
    assert raw.process.returncode == 0

