"""The memory service called directly: no HTTP, no MCP."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mcp_memory.caller import Caller
from mcp_memory.config import Settings
from mcp_memory.errors import InvalidInput, NotFound
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services.memories import NewMemory
from mcp_memory.stores.ledger import Ledger
from tests.conftest import make_settings

pytestmark = pytest.mark.anyio

ALICE = Caller(user_id="alice", client_name="test")
BOB = Caller(user_id="bob", client_name="test")


async def add(rt: Runtime, caller: Caller, *texts: str) -> list[str]:
    created = await rt.memories.add(caller, [NewMemory(content=t) for t in texts])
    return [m.id for m in created]


async def test_add_then_get_returns_every_field(runtime: Runtime) -> None:
    [memory_id] = await add(runtime, ALICE, "Alice prefers green tea")
    mem = await runtime.memories.get(ALICE, memory_id)
    assert mem.content == "Alice prefers green tea"
    assert mem.user_id == "alice" and mem.app_name == "test" and mem.state == "active"
    fields = mem.model_dump()
    omem_fields = {"l0_abstract", "l1_overview", "l2_content", "tier", "relations", "provenance", "space_id"}
    assert omem_fields <= fields.keys() and fields["space_id"] == "personal/local"


async def test_other_users_memory_is_not_found(runtime: Runtime) -> None:
    [memory_id] = await add(runtime, ALICE, "Alice's secret")
    with pytest.raises(NotFound):
        await runtime.memories.get(BOB, memory_id)
    with pytest.raises(NotFound):
        await runtime.memories.update(BOB, memory_id, content="hijacked")
    assert await runtime.memories.delete(BOB, [memory_id]) == []
    assert await runtime.memories.delete_all(BOB) == ([], 0)
    assert (await runtime.memories.get(ALICE, memory_id)).content == "Alice's secret"


async def test_search_only_sees_the_callers_memories(runtime: Runtime) -> None:
    await add(runtime, ALICE, "Alice plays the violin")
    await add(runtime, BOB, "Bob plays the violin too")
    alice = await runtime.memories.search(ALICE, "violin")
    bob = await runtime.memories.search(BOB, "violin")
    assert [r.memory.user_id for r in alice.results] == ["alice"]
    assert [r.memory.user_id for r in bob.results] == ["bob"]


async def test_two_character_chinese_query_finds_its_memory(runtime: Runtime) -> None:
    await add(runtime, ALICE, "我爱吃西瓜", "我喜欢跑步", "The weather is nice")
    outcome = await runtime.memories.search(ALICE, "西瓜", limit=1)
    assert outcome.results[0].memory.content == "我爱吃西瓜"


async def test_lexical_rescues_an_exact_code(runtime: Runtime) -> None:
    await add(runtime, ALICE, "The staging server is build-7731", "Lunch was pasta", "The dog is called Rex")
    outcome = await runtime.memories.search(ALICE, "7731", limit=1)
    assert outcome.results[0].memory.content == "The staging server is build-7731"


async def test_update_reindexes_new_content(runtime: Runtime) -> None:
    [memory_id] = await add(runtime, ALICE, "Lives in Paris")
    await runtime.memories.update(ALICE, memory_id, content="Lives in Berlin")
    found = await runtime.memories.search(ALICE, "Berlin", limit=1)
    assert found.results[0].memory.id == memory_id
    stale = await runtime.memories.search(ALICE, "Paris")
    assert all("Paris" not in r.memory.content for r in stale.results)


async def test_deleted_memories_leave_search_and_list(runtime: Runtime) -> None:
    ids = await add(runtime, ALICE, "first fact about kayaks", "second fact about kayaks")
    assert await runtime.memories.delete(ALICE, ids[:1]) == ids[:1]
    found = await runtime.memories.search(ALICE, "kayaks")
    assert [r.memory.id for r in found.results] == ids[1:]
    items, total = await runtime.memories.list(ALICE)
    assert total == 1 and [m.id for m in items] == ids[1:]
    assert (await runtime.memories.get(ALICE, ids[0])).state == "deleted"


async def test_list_pages_and_counts_in_the_ledger(runtime: Runtime) -> None:
    await add(runtime, ALICE, *[f"fact number {i}" for i in range(7)])
    page, total = await runtime.memories.list(ALICE, limit=3, offset=3)
    assert total == 7 and len(page) == 3
    everything, _ = await runtime.memories.list(ALICE, limit=10, order="asc")
    assert [m.content for m in everything] == [f"fact number {i}" for i in range(7)]


async def test_bad_input_is_rejected_and_nothing_changes(runtime: Runtime) -> None:
    [memory_id] = await add(runtime, ALICE, "kept as is")
    with pytest.raises(InvalidInput):
        await runtime.memories.add(ALICE, [NewMemory(content="   ")])
    with pytest.raises(InvalidInput):
        await runtime.memories.update(ALICE, memory_id, content="")
    with pytest.raises(InvalidInput):
        await runtime.memories.update(ALICE, memory_id, state="bogus")
    with pytest.raises(InvalidInput):
        await runtime.memories.search(ALICE, "  ")
    mem = await runtime.memories.get(ALICE, memory_id)
    assert mem.content == "kept as is" and mem.state == "active"


async def test_search_counts_accesses(runtime: Runtime) -> None:
    [memory_id] = await add(runtime, ALICE, "counts how often it is recalled")
    await runtime.memories.search(ALICE, "recalled")
    await runtime.memories.search(ALICE, "how often")
    await runtime.access.flush()
    mem = await runtime.memories.get(ALICE, memory_id)
    assert mem.access_count == 2 and mem.last_accessed_at is not None


async def test_everything_survives_a_restart(settings: Settings) -> None:
    async with open_runtime(settings) as rt:
        [memory_id] = await add(rt, ALICE, "persisted across restarts")
    async with open_runtime(settings) as rt:
        assert (await rt.memories.get(ALICE, memory_id)).content == "persisted across restarts"
        found = await rt.memories.search(ALICE, "restarts")
        assert [r.memory.id for r in found.results] == [memory_id]


CRASH_SCRIPT = textwrap.dedent(
    """
    import os, sys, anyio
    from pathlib import Path
    from mcp_memory.caller import Caller
    from mcp_memory.runtime import open_runtime
    from mcp_memory.services.memories import NewMemory
    from mcp_memory.stores.vectors import VectorStore
    from tests.conftest import make_settings

    class DiesOnWrite(VectorStore):
        async def upsert(self, *args, **kwargs):
            os._exit(17)  # the process dies after the ledger commit, before Chroma has the vector

    async def main():
        settings = make_settings(Path(sys.argv[1]))
        async with open_runtime(settings, vectors=DiesOnWrite(path=settings.chroma_path)) as rt:
            await rt.memories.add(Caller(user_id="alice"), [NewMemory(content="survives a crash mid-write")])

    anyio.run(main)
    """
)


async def test_sweeper_repairs_a_crash_between_ledger_and_vector_write(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", CRASH_SCRIPT, str(data_dir)], cwd=root, capture_output=True)
    assert done.returncode == 17, done.stderr.decode()

    settings = make_settings(data_dir)
    ledger = Ledger(settings.ledger_url)
    await ledger.open()
    assert len(await ledger.pending()) == 1  # the crash left the vector write owed
    await ledger.close()

    async with open_runtime(settings) as rt:  # start-up sweep pays it
        assert await rt.ledger.pending() == []
        collection = rt.indexer.collection_for("local", "personal/local", "alice")
        assert await rt.vectors.count(collection) == 1
        found = await rt.memories.search(ALICE, "crash", limit=1)
        assert found.results[0].memory.content == "survives a crash mid-write"
