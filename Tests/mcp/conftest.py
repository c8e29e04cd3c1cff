import json
import os
import subprocess
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

BINARY = os.environ["SCHEMALINT_BINARY"]


@pytest.fixture
def anyio_backend():
    return "asyncio"


@asynccontextmanager
async def mcp_session(cwd: Path, *extra: str):
    """`schemalint mcp` in `cwd`, driven by the official Python client, initialised."""
    params = StdioServerParameters(command=BINARY, args=["mcp", *extra], cwd=str(cwd))
    async with stdio_client(params) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            yield session


def cli(cwd: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """The command line on the same input, to compare the tools with."""
    return subprocess.run([BINARY, *args], cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120)


def cli_json(cwd: Path, *args: str, stdin: str | None = None) -> dict:
    run = cli(cwd, "--format", "json", *args, stdin=stdin)
    assert run.returncode in (0, 1), run
    return json.loads(run.stdout)


def text_of(result) -> str:
    return "\n".join(block.text for block in result.content if block.type == "text")
