"""OpenMemory's /api/v1/config: what GET shows, what PUT really changes in the running server, and who may."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mcp_memory.app import build_app
from mcp_memory.config import EmbedderSettings, LLMSettings
from mcp_memory.embedders.hashing import HashingEmbedder
from mcp_memory.runtime import Runtime, open_runtime
from mcp_memory.services.mem0_config import (
    MASK,
    EmbedderProvider,
    LLMProvider,
    embedder_settings,
    embedder_view,
    llm_settings,
    llm_view,
)
from tests.conftest import ServerProcess, free_port, make_settings, serve, start_server
from tests.test_omem_api import key, tenant

pytestmark = pytest.mark.anyio

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_61de8f883d1fcfff.txt"
CONFIG = "/api/v1/config/"
DEADLINE = 60.0


@asynccontextmanager
async def app_client(rt: Runtime) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(rt))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8765") as c:
        yield c


async def switch_done(client: httpx.AsyncClient) -> dict[str, Any]:
    """Poll GET until the embedder switch is no longer running (with a deadline, no fixed sleeps)."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        body = (await client.get(CONFIG)).json()
        if body["status"]["switch"]["state"] != "running":
            return body
        await anyio.sleep(0.05)
    raise AssertionError("the embedder switch did not finish in time")


def unchanged(body: dict[str, Any]) -> dict[str, Any]:
    """The configuration without the switch status (which records history)."""
    return {"openmemory": body["openmemory"], "mem0": body["mem0"]}


class FakeEmbeddings:
    """An OpenAI-compatible /v1/embeddings serving hashing vectors (16 dims); `hold` parks chosen requests."""

    def __init__(self) -> None:
        self.inputs: list[list[str]] = []
        self.hold_when: str | None = None  # park a request whose input contains this text
        self.held = anyio.Event()
        self.release = anyio.Event()
        self._hasher = HashingEmbedder(dims=16)

    async def embeddings(self, request: Request) -> JSONResponse:
        body = await request.json()
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        self.inputs.append(texts)
        if self.hold_when is not None and any(self.hold_when in t for t in texts):
            self.held.set()
            await self.release.wait()
        data = [{"object": "embedding", "index": i, "embedding": self._hasher.embed_one(t)}
                for i, t in enumerate(texts)]
        return JSONResponse({"object": "list", "data": data, "model": body["model"],
                             "usage": {"prompt_tokens": 1, "total_tokens": 1}})

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/v1/embeddings", self.embeddings, methods=["POST"])])


def fake_chat(facts: dict[str, Any]) -> tuple[Starlette, list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []

    async def completions(request: Request) -> JSONResponse:
        calls.append(await request.json())
        return JSONResponse({
            "id": "c1", "object": "chat.completion", "created": 1, "model": "fake",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": json.dumps(facts)}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])]), calls


def embedder_block(base: str, model: str = "fake-embed", **config: Any) -> dict[str, Any]:
    return {"provider": "openai", "config": {"model": model, "openai_base_url": f"{base}/v1", "api_key": "sk-emb",
                                             **config}}


async def search_ids(client: httpx.AsyncClient, q: str) -> list[str]:
    resp = await client.get("/v1/memories/search", params={"q": q, "limit": 10})
    assert resp.status_code == 200, resp.text
    return [r["memory"]["id"] for r in resp.json()["results"]]


async def remember(client: httpx.AsyncClient, content: str) -> str:
    resp = await client.post("/v1/memories", json={"content": content})
    assert resp.status_code == 201, resp.text
    return resp.json()["id"]


# -- the mapping, directly ----------------------------------------------------------------


def test_mem0_blocks_map_to_litellm_names_and_back() -> None:
    base = LLMSettings(temperature=0.5, max_tokens=100, api_key="sk-old", timeout_seconds=7)
    ollama = llm_settings(LLMProvider(provider="ollama", config={"model": "qwen2.5",
                                                                 "ollama_base_url": "http://h:11434"}), base)
    assert (ollama.model, ollama.api_base, ollama.temperature, ollama.timeout_seconds) == (
        "ollama/qwen2.5", "http://h:11434", 0.5, 7)
    assert ollama.api_key is None  # a block without a key has none
    kept = llm_settings(LLMProvider(provider="openai", config={"model": "gpt-4o-mini", "api_key": MASK}), base)
    assert kept.model == "openai/gpt-4o-mini" and kept.api_key == "sk-old"
    assert llm_settings(LLMProvider(provider="together", config={"model": "m"}), base).model == "together_ai/m"
    assert llm_settings(LLMProvider(provider="litellm", config={"model": "bedrock/x"}), base).model == "bedrock/x"
    assert llm_settings(LLMProvider(provider=None), kept).model is None
    with pytest.raises(ValueError, match="model is required"):
        llm_settings(LLMProvider(provider="openai"), base)

    assert llm_view(ollama)["provider"] == "ollama" and llm_view(ollama)["config"]["model"] == "qwen2.5"
    assert llm_view(ollama)["config"]["ollama_base_url"] == "http://h:11434"
    assert llm_view(LLMSettings(model="bedrock/x"))["provider"] == "litellm"
    assert llm_view(LLMSettings(model="bedrock/x"))["config"]["model"] == "bedrock/x"
    assert llm_view(LLMSettings(model="together_ai/m", api_key="env:T"))["provider"] == "together"
    assert llm_view(LLMSettings(model="together_ai/m", api_key="env:T"))["config"]["api_key"] == "env:T"

    current = EmbedderSettings(kind="onnx", batch_size=8)
    emb = embedder_settings(EmbedderProvider(provider="openai", config={
        "model": "text-embedding-v4", "openai_base_url": "https://x/v1", "embedding_dims": 1024}), current)
    assert (emb.kind, emb.model, emb.api_base, emb.dims, emb.batch_size) == (
        "litellm", "openai/text-embedding-v4", "https://x/v1", 1024, 8)
    assert embedder_view(emb)["config"]["model"] == "text-embedding-v4"
    assert embedder_settings(EmbedderProvider(provider="onnx"), emb).kind == "onnx"
    assert embedder_view(current)["config"]["model"] == "all-MiniLM-L6-v2"
    with pytest.raises(ValueError, match="all-MiniLM-L6-v2"):
        embedder_settings(EmbedderProvider(provider="onnx", config={"model": "bge-m3"}), current)


# -- GET -------------------------------------------------------------------------------


async def test_get_shows_what_the_server_runs(client: httpx.AsyncClient) -> None:
    for path in ("/api/v1/config/", "/api/v1/config"):
        resp = await client.get(path)
        assert resp.status_code == 200
        body = resp.json()
        assert body["openmemory"] == {"custom_instructions": None}
        # No LLM configured: said plainly, and extraction is by rules.
        assert body["mem0"]["llm"]["provider"] is None and body["mem0"]["llm"]["config"]["model"] is None
        assert body["status"]["extraction"] == "heuristic"
        assert body["mem0"]["embedder"] == {"provider": "hashing", "config": {
            "model": "hashing", "api_key": None, "ollama_base_url": None, "openai_base_url": None,
            "embedding_dims": 384}}
        assert body["mem0"]["vector_store"] is None
        assert body["status"]["embedder"]["model_id"] == "hashing-384"
        assert body["status"]["switch"]["state"] == "idle"
    assert (await client.get("/api/v1/config/mem0/llm")).json()["provider"] is None
    assert (await client.get("/api/v1/config/openmemory")).json() == {"custom_instructions": None}


async def test_default_onnx_embedder_shown_truthfully(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data", embedder="onnx")
    async with open_runtime(settings, workers=False) as rt, app_client(rt) as client:
        body = (await client.get(CONFIG)).json()
    assert body["mem0"]["embedder"]["provider"] == "onnx"
    assert body["mem0"]["embedder"]["config"]["model"] == "all-MiniLM-L6-v2"
    assert body["mem0"]["embedder"]["config"]["embedding_dims"] == 384
    assert body["status"]["embedder"]["model_id"] == "minilm-l6-int8"


# -- PUT, masking, reset ---------------------------------------------------------------------


async def test_put_round_trip_masks_literal_keys_and_keeps_env_references(client: httpx.AsyncClient,
                                                                          runtime: Runtime) -> None:
    before = (await client.get(CONFIG)).json()
    llm = {"provider": "ollama", "config": {"model": "qwen2.5", "temperature": 0.3, "max_tokens": 512,
                                            "api_key": "sk-literal-secret", "ollama_base_url": "http://127.0.0.1:9"}}
    resp = await client.put(CONFIG, json={"openmemory": {"custom_instructions": "Only keep food facts."},
                                          "mem0": {"llm": llm}})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "sk-literal-secret" not in resp.text
    assert body["mem0"]["llm"] == {"provider": "ollama", "config": {
        "model": "qwen2.5", "temperature": 0.3, "max_tokens": 512, "api_key": "***",
        "ollama_base_url": "http://127.0.0.1:9", "openai_base_url": None}}
    assert body["openmemory"]["custom_instructions"] == "Only keep food facts."
    assert body["status"]["extraction"] == "llm"
    # Live: the ingestor's settings are the new ones, with litellm's provider prefix.
    assert runtime.ingestor.llm.model == "ollama/qwen2.5" and runtime.ingestor.llm.api_base == "http://127.0.0.1:9"
    assert runtime.settings.llm.api_key == "sk-literal-secret"

    # Sending the masked value back (a UI saving what it read) keeps the stored secret, and starts no switch.
    assert (await client.put(CONFIG, json=body)).status_code == 200
    assert (await client.get(CONFIG)).json()["status"]["switch"]["state"] == "idle"
    assert runtime.ingestor.llm.api_key == "sk-literal-secret"
    assert (await client.get(CONFIG)).json()["mem0"] == body["mem0"]

    # env: references are not secrets: shown as written.
    llm["config"]["api_key"] = "env:OLLAMA_KEY"
    shown = (await client.put("/api/v1/config/mem0/llm", json=llm)).json()
    assert shown["config"]["api_key"] == "env:OLLAMA_KEY" and runtime.ingestor.llm.api_key == "env:OLLAMA_KEY"

    reset = await client.post("/api/v1/config/reset")
    assert reset.status_code == 200
    assert unchanged(reset.json()) == unchanged(before)
    assert runtime.ingestor.llm.model is None and runtime.ingestor.llm.custom_instructions is None


async def test_bad_input_is_422_and_changes_nothing(client: httpx.AsyncClient, runtime: Runtime) -> None:
    before = (await client.get(CONFIG)).json()
    bad = [
        {"mem0": {"llm": {"provider": "skynet", "config": {"model": "x"}}}},
        {"mem0": {"embedder": {"provider": "qdrant", "config": {"model": "x"}}}},
        {"mem0": {"llm": {"provider": "openai", "config": {"model": "gpt-4o-mini", "temperature": 3}}}},
        {"mem0": {"llm": {"provider": "openai", "config": {"model": "gpt-4o-mini", "temperature": "warm"}}}},
        {"mem0": {"llm": {"provider": "openai", "config": {"model": "gpt-4o-mini", "max_tokens": 0}}}},
        {"mem0": {"llm": {"provider": "openai", "config": {"model": 42}}}},
        {"mem0": {"llm": {"provider": "openai", "config": {}}}},
        {"mem0": {"embedder": {"provider": "onnx", "config": {"embedding_dims": 1024}}}},
        {"mem0": {"embedder": {"provider": "openai", "config": {"embedding_dims": "many", "model": "e"}}}},
        {"mem0": {"vector_store": {"provider": "", "config": {}}}},
        {"openmemory": {"custom_instructions": 7}, "mem0": {"llm": {"provider": "openai",
                                                                     "config": {"model": "gpt-4o-mini"}}}},
        {"mem0": "openai"},
    ]
    for body in bad:
        resp = await client.put(CONFIG, json=body)
        assert resp.status_code == 422, (body, resp.text)
        detail = resp.json()["detail"]
        assert isinstance(detail, list) and detail and "msg" in detail[0]
    assert (await client.put(CONFIG, content=b"{not json")).status_code == 422
    assert (await client.put("/api/v1/config/mem0/llm", json={"config": {"model": "x"}})).status_code == 422
    assert unchanged((await client.get(CONFIG)).json()) == unchanged(before)
    assert runtime.ingestor.llm.model is None


async def test_vector_store_block_is_stored_and_echoed(client: httpx.AsyncClient) -> None:
    qdrant = {"provider": "qdrant", "config": {"collection_name": "c", "host": "localhost", "port": 6333}}
    resp = await client.put("/api/v1/config/mem0/vector_store", json=qdrant)
    assert resp.status_code == 200 and resp.json() == qdrant
    body = (await client.get(CONFIG)).json()
    assert body["mem0"]["vector_store"] == qdrant and "not used" in body["status"]["vector_store"]


# -- the LLM, live --------------------------------------------------------------------------


async def test_llm_switch_and_custom_instructions_reach_the_next_smart_ingest(client: httpx.AsyncClient) -> None:
    facts = {"facts": [{"content": "Alice is a nurse in Lyon", "category": "profile", "importance": 0.9}]}
    app, calls = fake_chat(facts)
    async with serve(app) as base:
        resp = await client.put(CONFIG, json={
            "openmemory": {"custom_instructions": "Write every fact in the third person."},
            "mem0": {"llm": {"provider": "openai", "config": {
                "model": "fake-chat", "openai_base_url": f"{base}/v1", "api_key": "sk-llm", "temperature": 0.0}}}})
        assert resp.status_code == 200, resp.text
        created = await client.post("/v1/memories", headers={"X-User-Id": "alice"}, json={
            "messages": [{"role": "user", "content": "I'm a nurse in Lyon."}], "mode": "smart"})
        assert created.status_code == 202, created.text
        task_id = created.json()["task_id"]
        deadline = time.monotonic() + DEADLINE
        while (task := (await client.get(f"/v1/tasks/{task_id}")).json())["status"] not in ("completed", "failed"):
            assert time.monotonic() < deadline, task
            await anyio.sleep(0.05)
    assert task["status"] == "completed", task
    assert len(calls) >= 1 and calls[0]["model"] == "fake-chat" and calls[0]["temperature"] == 0.0
    assert "Write every fact in the third person." in calls[0]["messages"][0]["content"]
    found = (await client.get("/v1/memories/search", params={"q": "nurse Lyon"},
                              headers={"X-User-Id": "alice"})).json()["results"]
    assert any(r["memory"]["content"] == "Alice is a nurse in Lyon" for r in found)


# -- the embedder, live ------------------------------------------------------------------------


async def test_embedder_switch_reindexes_in_the_background_then_searches_use_new_vectors(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    old_ids = [await remember(client, f"Note {i}: the launch of project {name} is on Friday")
               for i, name in enumerate(["Apollo", "Gemini", "Mercury"])]
    fake = FakeEmbeddings()
    async with serve(fake.app()) as base:
        resp = await client.put(CONFIG, json={"mem0": {"embedder": embedder_block(base, embedding_dims=16)}})
        assert resp.status_code == 200, resp.text
        assert resp.json()["status"]["switch"]["state"] == "running"
        body = await switch_done(client)
        assert body["status"]["switch"]["state"] == "completed", body["status"]
        assert body["status"]["switch"]["indexed"] == 3
        assert body["status"]["embedder"]["model_id"] == "litellm-openai-fake-embed"
        assert body["mem0"]["embedder"]["config"]["api_key"] == "***"
        embedded = [t for batch in fake.inputs for t in batch]
        assert all(any(f"project {n}" in t for t in embedded) for n in ("Apollo", "Gemini", "Mercury"))

        # New collections exist, the old model's are gone; /health reports the new embedder.
        assert len(await runtime.vectors.names_for_model("litellm-openai-fake-embed")) == 1
        assert await runtime.vectors.names_for_model("hashing-384") == []
        assert (await client.get("/health")).json()["embedder"]["model_id"] == "litellm-openai-fake-embed"

        asked = len(fake.inputs)
        hits = await search_ids(client, "launch of project Gemini")
        assert old_ids[1] in hits
        assert any("launch of project Gemini" in t for batch in fake.inputs[asked:] for t in batch)
        new_id = await remember(client, "Project Vulcan ships in May")
        assert new_id in await search_ids(client, "Vulcan ships")


async def test_memories_written_during_the_reindex_reach_the_new_collections(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    kept = await remember(client, "The blue notebook holds the recipes")
    fake = FakeEmbeddings()
    fake.hold_when = "recipes"  # park the reindex pass on the stored memory's old text
    async with serve(fake.app()) as base:
        assert (await client.put(CONFIG, json={"mem0": {"embedder": embedder_block(base)}})).status_code == 200
        with anyio.fail_after(DEADLINE):
            await fake.held.wait()
        # Mid-reindex: searches still use the old embedder; writes go to both models' collections.
        assert runtime.embedder.model_id == "hashing-384"
        changed = "The blue notebook holds the garden plans"
        assert (await client.put(f"/v1/memories/{kept}", json={"content": changed})).status_code == 200
        during = await remember(client, "The red folder holds the tax papers")
        assert during in await search_ids(client, "red folder tax papers")
        deleted = await remember(client, "The green box holds old letters")
        assert (await client.delete(f"/v1/memories/{deleted}")).status_code == 200
        fake.release.set()  # the pass now writes the text it read before the update
        body = await switch_done(client)
        assert body["status"]["switch"]["state"] == "completed", body["status"]
        assert runtime.embedder.model_id == "litellm-openai-fake-embed"
        assert during in await search_ids(client, "red folder tax papers")
        [name] = await runtime.vectors.names_for_model("litellm-openai-fake-embed")
        assert await runtime.vectors.count(name) == 2  # kept + during; the deleted one is not there
        # The updated text's vector, not the one the pass read before the update.
        [(top, similarity)] = await runtime.vectors.query(name, HashingEmbedder(dims=16).embed_one(changed), 1)
        assert top == kept and similarity > 0.999


async def test_failing_embedder_switch_keeps_the_old_one_and_says_why(
    client: httpx.AsyncClient, runtime: Runtime, caplog: pytest.LogCaptureFixture
) -> None:
    mid = await remember(client, "The spare key is under the flower pot")
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    resp = await client.put(CONFIG, json={"mem0": {"embedder": embedder_block(closed, api_key="sk-nowhere")}})
    assert resp.status_code == 200
    body = await switch_done(client)
    switch = body["status"]["switch"]
    assert switch["state"] == "failed" and "fake-embed" in switch["error"] and "sk-nowhere" not in switch["error"]
    assert body["status"]["embedder"]["model_id"] == "hashing-384"
    assert body["mem0"]["embedder"]["provider"] == "hashing"  # what runs; the failed request is in status
    assert runtime.embedder.model_id == "hashing-384"
    assert mid in await search_ids(client, "spare key flower pot")
    assert await runtime.vectors.names_for_model("litellm-openai-fake-embed") == []
    assert any("embedder switch" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records)


async def test_wrong_embedding_dims_refuse_the_switch(client: httpx.AsyncClient, runtime: Runtime) -> None:
    fake = FakeEmbeddings()
    async with serve(fake.app()) as base:
        await client.put(CONFIG, json={"mem0": {"embedder": embedder_block(base, embedding_dims=1024)}})
        body = await switch_done(client)
    assert body["status"]["switch"]["state"] == "failed"
    assert "16" in body["status"]["switch"]["error"] and "1024" in body["status"]["switch"]["error"]
    assert runtime.embedder.model_id == "hashing-384"


async def test_overrides_survive_a_restart(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    async with open_runtime(settings) as rt, app_client(rt) as client:
        mid = await remember(client, "Bob's birthday is in April")
        resp = await client.put(CONFIG, json={
            "openmemory": {"custom_instructions": "Dates matter."},
            "mem0": {"llm": {"provider": "openai", "config": {"model": "gpt-4o-mini", "api_key": "sk-kept"}},
                     "embedder": {"provider": "hashing", "config": {"embedding_dims": 64}},
                     "vector_store": {"provider": "qdrant", "config": {"port": 6333}}}})
        assert resp.status_code == 200
        assert (await switch_done(client))["status"]["switch"]["state"] == "completed"
        first = (await client.get(CONFIG)).json()

    async with open_runtime(make_settings(tmp_path / "data")) as rt, app_client(rt) as client:
        again = (await client.get(CONFIG)).json()
        assert unchanged(again) == unchanged(first)
        assert rt.embedder.model_id == "hashing-64" and rt.ingestor.llm.model == "openai/gpt-4o-mini"
        assert rt.ingestor.llm.api_key == "sk-kept" and rt.ingestor.llm.custom_instructions == "Dates matter."
        assert mid in await search_ids(client, "Bob birthday April")
        # Reset goes back to the start-up settings, the embedder by the same background switch.
        await client.post("/api/v1/config/reset")
        done = await switch_done(client)
        assert done["status"]["switch"]["state"] == "completed" and rt.embedder.model_id == "hashing-384"
        assert mid in await search_ids(client, "Bob birthday April")

    async with open_runtime(make_settings(tmp_path / "data")) as rt:
        assert rt.embedder.model_id == "hashing-384" and rt.ingestor.llm.model is None


# -- who may change it ---------------------------------------------------------------------------


async def test_tenant_keys_may_read_but_not_change_the_server_config(client: httpx.AsyncClient,
                                                                     runtime: Runtime) -> None:
    a, b = await tenant(client, "a"), await tenant(client, "b")
    local = (await client.get(CONFIG)).json()
    assert (await client.get(CONFIG, headers=key(a))).json() == local == (
        await client.get(CONFIG, headers=key(b))).json()
    change = {"mem0": {"llm": {"provider": "openai", "config": {"model": "gpt-4o-mini"}}}}
    for method, path, body in (("PUT", CONFIG, change), ("PATCH", CONFIG, change),
                               ("POST", "/api/v1/config/reset", None),
                               ("PUT", "/api/v1/config/mem0/llm", change["mem0"]["llm"]),
                               ("PUT", "/api/v1/config/openmemory", {"custom_instructions": "x"}),
                               ("PUT", "/api/v1/config/mem0/embedder", {"provider": "hashing"}),
                               ("PUT", "/api/v1/config/mem0/vector_store", {"provider": "qdrant"})):
        resp = await client.request(method, path, json=body, headers=key(a))
        assert resp.status_code == 403, resp.text
        assert "local mode" in resp.json()["detail"]
    for sub in ("mem0/llm", "mem0/embedder", "mem0/vector_store", "openmemory"):
        theirs = await client.get(f"/api/v1/config/{sub}", headers=key(b))
        assert theirs.status_code == 200 and theirs.json() == (await client.get(f"/api/v1/config/{sub}")).json()
    shim = await client.post("/tools/update_config", json=change, headers=key(b))
    assert shim.status_code == 403
    assert (await client.get(CONFIG)).json() == local and runtime.ingestor.llm.model is None


async def test_with_keys_required_nobody_changes_it_over_http(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data").model_copy(update={"auth": "required"})
    async with open_runtime(settings, workers=False) as rt, app_client(rt) as client:
        t = await tenant(client)
        assert (await client.get(CONFIG)).status_code == 401
        assert (await client.get(CONFIG, headers=key(t))).status_code == 200
        change = {"openmemory": {"custom_instructions": "x"}}
        assert (await client.put(CONFIG, json=change)).status_code == 401
        assert (await client.put(CONFIG, json=change, headers=key(t))).status_code == 403
        assert rt.ingestor.llm.custom_instructions is None


async def test_the_admin_key_changes_it_when_keys_are_required(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_ADMIN_KEY", "adm_s3cret-value")
    settings = make_settings(tmp_path / "data").model_copy(update={"auth": "required", "admin_key": "env:TEST_ADMIN_KEY"})
    async with open_runtime(settings, workers=False) as rt, app_client(rt) as client:
        t = await tenant(client)
        change = {"openmemory": {"custom_instructions": "Keep names"}}
        assert (await client.put(CONFIG, json=change, headers={"X-API-Key": "adm_s3cret-valuf"})).status_code == 401
        assert (await client.put(CONFIG, json=change, headers=key(t))).status_code == 403
        assert rt.ingestor.llm.custom_instructions is None
        done = await client.put(CONFIG, json=change, headers={"Authorization": "Bearer adm_s3cret-value"})
        assert done.status_code == 200 and done.json()["openmemory"]["custom_instructions"] == "Keep names"
        assert rt.ingestor.llm.custom_instructions == "Keep names"
        assert "adm_s3cret-value" not in (await client.get(CONFIG, headers=key(t))).text


# -- the document's curl examples ----------------------------------------------------------------


def config_examples() -> list[str]:
    """The curl commands of the document's config section, as written."""
    text = SEED.read_text(encoding="utf-8")
    section = text[text.index("## 配置（Config）相关接口"):]
    commands, current = [], []
    for line in section.splitlines():
        if line.startswith("curl ") or current:
            if line.startswith("~~~"):
                commands.append("\n".join(current).rstrip().rstrip("\\").rstrip())
                current = []
                continue
            current.append(line)
    return commands


@pytest.fixture(scope="module")
def onnx_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = start_server(tmp_path_factory.mktemp("config") / "data")
    yield server
    server.stop()


@pytest.mark.skipif(not SEED.exists(), reason="the OpenMemory document is not beside the repo")
def test_the_documented_curl_examples_run_unchanged(onnx_server: ServerProcess) -> None:
    examples = config_examples()
    assert len(examples) == 3 and "-X 'PUT'" in examples[1] and "/reset" in examples[2]
    url = onnx_server.url
    mid = httpx.post(f"{url}/v1/memories", json={"content": "The cat is called Miso"}).json()["id"]

    def run(command: str) -> tuple[int, dict[str, Any]]:
        runnable = command.replace("http://localhost:3010", url).replace("curl ", "curl -s -w '\\n%{http_code}' ", 1)
        done = subprocess.run(["bash", "-c", runnable], capture_output=True, text=True, timeout=60, check=False)
        body, _, status = done.stdout.rpartition("\n")
        return int(status), json.loads(body)

    status, got = run(examples[0])
    assert status == 200 and got["mem0"]["embedder"]["provider"] == "onnx"
    status, put = run(examples[1])  # qdrant vector store, a remote LLM, DashScope embeddings: no network here
    assert status == 200, put
    assert put["mem0"]["vector_store"]["provider"] == "qdrant"
    assert put["mem0"]["llm"]["config"] == {"model": "qwen3-235b-a22b", "temperature": 0.1, "max_tokens": 2000,
                                            "api_key": "env:MAAS_KEY", "ollama_base_url": None,
                                            "openai_base_url": "https://maas-api.ai-yuanjing.com/openapi/compatible-mode/v1"}
    assert put["mem0"]["embedder"]["config"]["api_key"] == "***"  # the document's "sk-***" is a literal key
    deadline = time.monotonic() + DEADLINE
    while (state := httpx.get(f"{url}{CONFIG}").json())["status"]["switch"]["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert state["status"]["switch"]["state"] == "failed", state["status"]
    assert state["status"]["embedder"]["model_id"] == "minilm-l6-int8"
    found = httpx.get(f"{url}/v1/memories/search", params={"q": "cat called Miso"}).json()["results"]
    assert mid in [r["memory"]["id"] for r in found]
    status, reset = run(examples[2])
    assert status == 200 and reset["mem0"]["llm"]["provider"] is None and reset["mem0"]["vector_store"] is None
    assert re.search(r"embedder switch .* failed", onnx_server.log.read_text())
