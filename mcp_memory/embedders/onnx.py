"""The bundled offline embedder: all-MiniLM-L6-v2, int8 ONNX, 384 dims.

Speed comes from loading one session and tokenizer once and never padding to
256 (see bench/embedder_speed.py). The CPU work runs off the event loop.

Batching: the int8 model quantizes activations dynamically with ONE scale per
tensor, i.e. per batch, so a text's vector shifts with its batch-mates and
padding (cosine to its lone vector down to ~0.98). So by default each text
runs alone (batch size 1): the same text always gets the same vector. Speed
comes instead from running `workers` texts at once, one intra-op thread each,
which on 2 cores beats batch 32 with 2 intra-op threads (~600 vs ~570
sentences/s) and caps embedding at `workers` cores however many requests
embed at once. A larger `batch_size` is still allowed where a little drift is
fine; texts are then sorted by length and each batch padded to its longest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import anyio.to_thread
import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

BUNDLED_MODEL_DIR = Path(__file__).parent / "model"
MAX_TOKENS = 256  # what sentence-transformers uses for this model


def _session_options(threads: int) -> ort.SessionOptions:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3  # errors only
    # With threads > 1, idle pool threads would spin after each run, taking CPU from the event loop.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return opts


class OnnxEmbedder:
    """Mean-pooled, L2-normalised sentence embeddings from a BERT-style ONNX model."""

    multilingual = False

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        batch_size: int = 1,
        max_tokens: int = MAX_TOKENS,
        workers: int | None = None,
        threads: int = 1,
        model_id: str | None = None,
        name: str | None = None,
    ) -> None:
        """`workers`: session runs at once (default: cores, at most 4); `threads`: intra-op threads per run."""
        bundled = model_dir is None
        self.model_dir = Path(model_dir) if model_dir is not None else BUNDLED_MODEL_DIR
        self.batch_size = max(1, batch_size)
        self.max_tokens = max_tokens
        self.model_id = model_id or ("minilm-l6-int8" if bundled else "onnx-custom")
        self.name = name or ("onnx all-MiniLM-L6-v2 int8 (bundled)" if bundled else f"onnx {self.model_dir.name}")

        self.tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        # tokenizer.json ships with fixed padding to 128; padding is done per batch below.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_tokens)

        self.session = ort.InferenceSession(
            str(self.model_dir / "model.onnx"),
            sess_options=_session_options(max(1, threads)),
            providers=["CPUExecutionProvider"],
        )
        self._input_names = {i.name for i in self.session.get_inputs()}
        self.workers = max(1, workers or min(4, os.cpu_count() or 1))
        # Shared by all calls, so concurrent requests together use at most `workers` cores.
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="onnx-embed")
        self.dims = self._read_dims()

    def close(self) -> None:
        """Stop the worker threads; the embedder is unusable afterwards."""
        self._pool.shutdown(wait=True)

    def _read_dims(self) -> int:
        config = self.model_dir / "config.json"
        if config.exists():
            hidden = json.loads(config.read_text()).get("hidden_size")
            if isinstance(hidden, int):
                return hidden
        return int(self.embed_sync(["dims"]).shape[1])

    def embed_sync(self, texts: Sequence[str]) -> np.ndarray:
        """Embed on the calling thread; shape (len(texts), dims), float32, unit rows."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, getattr(self, "dims", 0)), dtype=np.float32)
        ids = [e.ids for e in self.tokenizer.encode_batch(texts)]
        # Longest first: batches hold texts of similar length (little padding),
        # and the workers finish together (the long ones are not left for last).
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]), reverse=True)
        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        if len(batches) == 1:  # a single query: the pool hop would add ~0.7 ms to ~2.5
            results = [self._run([ids[i] for i in batches[0]])]
        else:
            results = list(self._pool.map(lambda idx: self._run([ids[i] for i in idx]), batches))
        out: np.ndarray | None = None
        for idx, vectors in zip(batches, results, strict=True):
            if out is None:
                out = np.empty((len(texts), vectors.shape[1]), dtype=np.float32)
            out[idx] = vectors
        assert out is not None
        return out

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        """One session run over token ids padded to the batch's longest."""
        width = max(len(ids) for ids in batch)
        input_ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        hidden = self.session.run(None, feeds)[0]  # (batch, seq, dims)
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed in a worker thread (which waits on the pool) so the event loop keeps serving."""
        if not texts:
            return []
        vectors = await anyio.to_thread.run_sync(self.embed_sync, list(texts))
        return vectors.tolist()
