"""The `mcp-memory` command as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import anyio
import httpx

from mcp_memory.config import Settings
from mcp_memory.runtime import open_runtime
from tests.conftest import MCP_MEMORY, child_env, make_settings, start_server


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*MCP_MEMORY, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=child_env())


def test_a_second_server_on_the_same_data_dir_is_refused(tmp_path: Path) -> None:
    server = start_server(tmp_path / "data", embedder="hashing")
    try:
        second = run("serve", "--data-dir", str(server.data_dir), "--port", "0")
        assert second.returncode == 1
        assert "in use by process" in second.stderr and str(server.process.pid) in second.stderr
        assert second.stdout == ""
        assert httpx.get(f"{server.url}/health").status_code == 200
    finally:
        server.stop()


def test_keys_are_required_off_loopback_unless_explicitly_waived(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path, host="0.0.0.0").requires_keys
    assert not Settings(data_dir=tmp_path, host="0.0.0.0", insecure_no_auth=True).requires_keys
    assert not Settings(data_dir=tmp_path).requires_keys
    assert Settings(data_dir=tmp_path, auth="required").requires_keys


def test_reindex_rebuilds_chroma_and_the_lexical_index_from_the_ledger(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    server = start_server(data_dir, embedder="hashing")
    try:
        for text in ("Collects vinyl records", "我爱吃西瓜"):
            resp = httpx.post(f"{server.url}/tools/add_memories", json={"text": text}, headers={"X-User-Id": "u"})
            assert resp.status_code == 200
    finally:
        server.stop()
    shutil.rmtree(data_dir / "chroma")  # the vector store is lost; the ledger is the record

    done = run("reindex", "--data-dir", str(data_dir), "--embedder", "hashing")
    assert done.returncode == 0, done.stderr
    assert "reindexed 2 memories into the lexical index and 2 into Chroma" in done.stdout

    async def vectors_held() -> int:
        async with open_runtime(make_settings(data_dir)) as rt:
            return await rt.vectors.count(rt.indexer.collection_for("local", "personal/local", "u"))

    assert anyio.run(vectors_held) == 2

    server = start_server(data_dir, embedder="hashing")
    try:
        for query, expected in (("vinyl", "Collects vinyl records"), ("西瓜", "我爱吃西瓜")):
            hits = httpx.post(f"{server.url}/tools/search_memory", json={"query": query, "limit": 1},
                              headers={"X-User-Id": "u"}).json()["results"]
            assert [h["memory"]["content"] for h in hits] == [expected]
    finally:
        server.stop()


def test_stdio_with_a_wrong_key_says_so_and_exits(tmp_path: Path) -> None:
    done = run("stdio", "--data-dir", str(tmp_path / "data"), "--api-key", "mm_not_a_key", "--embedder", "hashing")
    assert done.returncode == 1 and done.stdout == ""
    assert "unauthorized" in done.stderr and "mm_not_a_key" not in done.stderr
