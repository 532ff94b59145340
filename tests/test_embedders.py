"""Embedders: the bundled ONNX model, the hashing embedder, and litellm against a fake provider."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import anyio
import numpy as np
import pytest

from mcp_memory.config import EmbedderSettings
from mcp_memory.embedders import Embedder, EmbeddingError, build_embedder
from mcp_memory.embedders.hashing import HashingEmbedder, tokens
from mcp_memory.embedders.litellm_embedder import LiteLLMEmbedder, model_slug
from mcp_memory.embedders.onnx import OnnxEmbedder

SLUG = re.compile(r"^[a-z0-9-]+$")
API_KEY = "sk-test"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def onnx_embedder() -> OnnxEmbedder:
    return OnnxEmbedder()


def cos(a: list[float] | np.ndarray, b: list[float] | np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


# --- ONNX ---------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_onnx_gives_384_dim_unit_vectors(onnx_embedder: OnnxEmbedder) -> None:
    vectors = await onnx_embedder.embed(["The cat sat on the mat.", "Quarterly revenue grew 12%."])
    assert onnx_embedder.dims == 384
    assert len(vectors) == 2
    for v in vectors:
        assert len(v) == 384
        assert all(isinstance(x, float) for x in v[:5])
        assert abs(np.linalg.norm(v) - 1.0) < 1e-4
    assert SLUG.match(onnx_embedder.model_id)
    assert isinstance(onnx_embedder, Embedder)


@pytest.mark.anyio
async def test_onnx_paraphrase_scores_higher_than_unrelated(onnx_embedder: OnnxEmbedder) -> None:
    a, b, c = await onnx_embedder.embed(
        [
            "How do I reset my password?",
            "I forgot my password and need to change it.",
            "The recipe calls for two cups of flour and an egg.",
        ]
    )
    assert cos(a, b) > 0.5
    assert cos(a, b) > cos(a, c) + 0.3


def test_onnx_same_vector_alone_and_among_longer_texts(onnx_embedder: OnnxEmbedder) -> None:
    short = "Short note about coffee."
    longer = ["A much longer sentence that talks at length about many unrelated things, " * k for k in range(1, 9)]
    alone = onnx_embedder.embed_sync([short])[0]
    batch = onnx_embedder.embed_sync([*longer[:3], short, *longer[3:]])
    assert np.allclose(alone, batch[3], atol=1e-4)
    # And the longer ones match their lone vectors too, whatever batch they landed in.
    for i, text in enumerate(longer[:3]):
        assert np.allclose(onnx_embedder.embed_sync([text])[0], batch[i], atol=1e-4)


ORDER_TEXTS = [f"{word} " * n for n, word in enumerate(["apple", "river", "engine", "violin", "galaxy", "tax"], 1)]
ORDER_TEXTS += ["x", "a fairly long sentence about the history of maritime trade in the Mediterranean sea"]


def test_onnx_preserves_order(onnx_embedder: OnnxEmbedder) -> None:
    texts = ORDER_TEXTS
    together = onnx_embedder.embed_sync(texts)
    singles = np.stack([onnx_embedder.embed_sync([t])[0] for t in texts])
    assert together.shape == (len(texts), 384)
    assert np.allclose(together, singles, atol=1e-4)
    reversed_ = onnx_embedder.embed_sync(texts[::-1])
    assert np.allclose(reversed_[::-1], together, atol=1e-4)


def test_onnx_batched_mode_keeps_order_and_masks_padding(onnx_embedder: OnnxEmbedder) -> None:
    """batch_size > 1 drifts a little (int8 scales are per batch) but must stay in order and mask padding."""
    batched = OnnxEmbedder(batch_size=3).embed_sync(ORDER_TEXTS)
    singles = onnx_embedder.embed_sync(ORDER_TEXTS)
    sims = batched @ singles.T
    assert np.all(np.diag(sims) > 0.95)  # unmasked padding gives ~0.6 on the short texts
    assert list(sims.argmax(axis=1)) == list(range(len(ORDER_TEXTS)))


@pytest.mark.anyio
async def test_onnx_empty_inputs(onnx_embedder: OnnxEmbedder) -> None:
    assert await onnx_embedder.embed([]) == []
    assert onnx_embedder.embed_sync([]).shape == (0, 384)
    vectors = await onnx_embedder.embed(["", "   ", "hello"])
    assert len(vectors) == 3
    for v in vectors:
        assert abs(np.linalg.norm(v) - 1.0) < 1e-4


@pytest.mark.anyio
async def test_onnx_concurrent_calls_match_sequential(onnx_embedder: OnnxEmbedder) -> None:
    expected = onnx_embedder.embed_sync(ORDER_TEXTS)
    results: dict[int, list[list[float]]] = {}

    async def one(i: int) -> None:
        results[i] = await onnx_embedder.embed(ORDER_TEXTS[i:] + ORDER_TEXTS[:i])

    async with anyio.create_task_group() as tg:
        for i in range(len(ORDER_TEXTS)):
            tg.start_soon(one, i)
    for i, vectors in results.items():
        assert np.allclose(np.roll(np.array(vectors), i, axis=0), expected, atol=1e-4)
    assert len(results) == len(ORDER_TEXTS)


def test_onnx_truncates_long_text(onnx_embedder: OnnxEmbedder) -> None:
    head = "memory servers store facts for agents " * 60  # > 256 tokens
    v1, v2 = onnx_embedder.embed_sync([head, head + "and then something completely different " * 50])
    assert np.allclose(v1, v2, atol=1e-4)  # only the first 256 tokens count


# --- hashing --------------------------------------------------------------------------------


@pytest.mark.anyio
async def test_hashing_is_deterministic_across_processes() -> None:
    text = "Deterministic vectors, 确定性向量"
    here = (await HashingEmbedder(64).embed([text]))[0]
    code = (
        "import json; from mcp_memory.embedders.hashing import HashingEmbedder;"
        f"print(json.dumps(HashingEmbedder(64).embed_one({text!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": "123"}
    )
    assert json.loads(out.stdout) == here


@pytest.mark.anyio
async def test_hashing_similarity_and_norm() -> None:
    emb = HashingEmbedder()
    a, b, c, empty = await emb.embed(
        ["the quick brown fox jumps", "a quick brown fox leaps", "quarterly tax filing deadline", ""]
    )
    assert len(a) == 384
    for v in (a, b, c, empty):
        assert abs(np.linalg.norm(v) - 1.0) < 1e-9
    assert cos(a, b) > cos(a, c) + 0.3
    assert emb.model_id == "hashing-384"


def test_hashing_tokens_cjk() -> None:
    assert tokens("Hello, World") == ["hello", "world"]
    assert tokens("记忆服务") == ["记", "忆", "服", "务", "记忆", "忆服", "服务"]
    assert tokens("MCP服务器v2") == ["mcp", "服", "务", "器", "服务", "务器", "v2"]
    emb = HashingEmbedder()
    a, b, c = emb.embed_sync(["记忆服务器", "服务器的记忆", "天气很好"])
    assert cos(a, b) > cos(a, c) + 0.3


# --- build_embedder ----------------------------------------------------------------------


def test_build_embedder_kinds() -> None:
    hashing = build_embedder(EmbedderSettings(kind="hashing", dims=128))
    assert isinstance(hashing, HashingEmbedder) and hashing.dims == 128
    assert build_embedder(EmbedderSettings(kind="hashing")).dims == 384
    lite = build_embedder(
        EmbedderSettings(kind="litellm", model="openai/text-embedding-3-small", api_key="env:MCP_TEST_NO_SUCH_VAR")
    )
    assert isinstance(lite, LiteLLMEmbedder)
    assert lite.model_id == "litellm-openai-text-embedding-3-small"
    with pytest.raises(ValueError, match="needs a model"):
        build_embedder(EmbedderSettings(kind="litellm"))


def test_build_embedder_onnx() -> None:
    onnx = build_embedder(EmbedderSettings(kind="onnx"))
    assert isinstance(onnx, OnnxEmbedder)
    assert (onnx.model_id, onnx.dims, onnx.batch_size) == ("minilm-l6-int8", 384, 1)
    assert "bundled" in onnx.name


def test_model_slug() -> None:
    assert model_slug("ollama/nomic-embed-text:latest") == "litellm-ollama-nomic-embed-text-latest"
    long = model_slug("azure/" + "very-long-deployment-name-" * 5)
    assert SLUG.match(long) and len(long) <= 56
    assert long != model_slug("azure/" + "very-long-deployment-name-" * 6)


# --- litellm against a fake OpenAI-compatible server ---------------------------------------


class FakeProvider:
    """An OpenAI-compatible /v1/embeddings on 127.0.0.1, in a thread, for one test."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.fail_status: int | None = None
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                provider.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                if self.path != "/v1/embeddings":
                    return self._send(404, {"error": {"message": "not found"}})
                if provider.fail_status:
                    # Real providers do echo keys in auth errors; the embedder must not pass them on.
                    message = f"Incorrect API key provided: {self.headers.get('Authorization')}"
                    return self._send(provider.fail_status, {"error": {"message": message, "type": "x"}})
                inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                data = [
                    {"embedding": [float(len(t)) + 1.0, 2.0, 0.0, float(i)], "index": i, "object": "embedding"}
                    for i, t in enumerate(inputs)
                ]
                data.reverse()  # the embedder must order by index, not by position
                usage = {"prompt_tokens": 1, "total_tokens": 1}
                self._send(200, {"data": data, "model": "x", "object": "list", "usage": usage})

            def _send(self, status: int, payload: dict[str, Any]) -> None:
                raw = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.api_base = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def provider() -> Iterator[FakeProvider]:
    with FakeProvider() as fake:
        yield fake
    assert not fake.thread.is_alive()


@pytest.mark.anyio
async def test_litellm_embeds_in_batches_in_order(provider: FakeProvider) -> None:
    emb = LiteLLMEmbedder("openai/fake-embed", api_base=provider.api_base, api_key=API_KEY, batch_size=2, max_retries=0)
    assert emb.dims == 0
    texts = ["a", "bbb", "cc", "dddd", "e"]
    vectors = await emb.embed(texts)

    assert emb.dims == 4
    assert [r["input"] for r in provider.requests] == [["a", "bbb"], ["cc", "dddd"], ["e"]]
    assert {r["path"] for r in provider.requests} == {"/v1/embeddings"}
    assert {r["model"] for r in provider.requests} == {"fake-embed"}
    assert {r["auth"] for r in provider.requests} == {f"Bearer {API_KEY}"}
    for text, v in zip(texts, vectors, strict=True):
        assert abs(np.linalg.norm(v) - 1.0) < 1e-9
        # first component is len(text)+1 before normalisation: checks order survives batching and reversal
        assert v[0] / v[1] == pytest.approx((len(text) + 1) / 2.0)
    assert await emb.embed([]) == []


@pytest.mark.anyio
async def test_litellm_rejects_wrong_dims(provider: FakeProvider) -> None:
    emb = LiteLLMEmbedder("openai/fake-embed", api_base=provider.api_base, api_key=API_KEY, dims=8, max_retries=0)
    with pytest.raises(EmbeddingError, match="returned 4 dims"):
        await emb.embed(["x"])


@pytest.mark.anyio
@pytest.mark.parametrize("status", [401, 500])
async def test_litellm_provider_error_hides_key(
    provider: FakeProvider, status: int, capfd: pytest.CaptureFixture[str]
) -> None:
    provider.fail_status = status
    emb = LiteLLMEmbedder("openai/fake-embed", api_base=provider.api_base, api_key=API_KEY, max_retries=0)
    with pytest.raises(EmbeddingError) as info:
        await emb.embed(["hello"])
    message = str(info.value)
    assert provider.requests, "the request never reached the fake provider"
    assert "fake-embed" in message
    assert API_KEY not in message
    assert API_KEY not in repr(emb)
    assert info.value.__cause__ is None and info.value.__suppress_context__
    assert capfd.readouterr().out == ""  # stdout belongs to the MCP stdio transport
