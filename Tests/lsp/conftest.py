import sys
from pathlib import Path

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from support import BINARY, client_capabilities  # noqa: E402


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "server"]))
async def client(lsp_client: LanguageClient):
    """A client initialised with the default encoding (it offers none: UTF-16)."""
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities()))
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BINARY, "server"]),
                    params=[None, ["utf-16"], ["utf-8"], ["utf-32"], ["utf-32", "utf-8", "utf-16"]],
                    ids=["none-offered", "utf-16", "utf-8", "utf-32", "utf-32-preferred"])
async def encoded_client(lsp_client: LanguageClient, request):
    """A client offering these position encodings, in order of preference."""
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities(request.param)))
    lsp_client.expected_encoding = request.param[0] if request.param else "utf-16"
    yield
    await lsp_client.shutdown_session()
