"""How fast is the bundled ONNX embedder on this machine? Prints, never asserts.

    .venv/bin/python bench/embedder_speed.py

Reports sentences/s at batch 1 (the default: exact, batch-independent vectors)
and batch 32, single-query latency through `embed` (worker-thread hop
included), the RSS the model adds, and the load average, since another busy
process on a 2-core machine halves every figure.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

import anyio
import numpy as np
import onnxruntime

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mcp_memory.embedders.onnx import OnnxEmbedder  # noqa: E402
from machine import rss_now_mb  # noqa: E402  (bench/ is on sys.path when run as a script)

SUBJECTS = ["The user", "Our team", "The agent", "My manager", "A customer", "The build server", "She", "Nobody"]
VERBS = ["prefers", "asked about", "forgot", "deployed", "reviewed", "complained about", "scheduled", "fixed"]
OBJECTS = [
    "dark roast coffee in the morning",
    "the quarterly revenue report",
    "a flaky integration test in the payment service",
    "the meeting with the design team on Thursday",
    "vector search over long-term memories",
    "the Postgres migration that failed last night",
    "a trip to Lisbon in early spring",
    "password reset emails that never arrive",
]
TAILS = [
    "",
    " because the deadline moved.",
    " and wants a summary by Friday, including open questions and who owns each follow-up item.",
    " — see the notes from last week, which list every step we tried, what broke, and the workaround "
    "that finally kept the service up while the database was being restored from the nightly backup.",
]


def sentences(n: int = 500, seed: int = 7) -> list[str]:
    """Varied, memory-like texts from a few to ~70 tokens; seeded so runs compare."""
    rng = random.Random(seed)
    return [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}" for _ in range(n)]


def throughput(embedder: OnnxEmbedder, texts: list[str]) -> float:
    embedder.embed_sync(texts[:32])  # warm-up
    start = time.perf_counter()
    embedder.embed_sync(texts)
    return len(texts) / (time.perf_counter() - start)


async def latencies(embedder: OnnxEmbedder, queries: list[str]) -> list[float]:
    for q in queries[:10]:
        await embedder.embed([q])
    out = []
    for q in queries:
        start = time.perf_counter()
        await embedder.embed([q])
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    texts = sentences()
    print(f"cpus {os.cpu_count()}, onnxruntime {onnxruntime.__version__}, numpy {np.__version__}")
    print(f"loadavg at start {os.getloadavg()}")
    rss_before = rss_now_mb()
    start = time.perf_counter()
    single = OnnxEmbedder()
    load_s = time.perf_counter() - start
    tokens = [len(e.ids) for e in single.tokenizer.encode_batch(texts)]
    print(
        f"{len(texts)} texts, tokens mean {statistics.mean(tokens):.0f} "
        f"p50 {statistics.median(tokens):.0f} max {max(tokens)}; model load {load_s * 1000:.0f} ms"
    )

    print(f"batch 1:  {throughput(single, texts):6.0f} sentences/s")
    lat = anyio.run(latencies, single, texts[:200])
    p50, p95 = np.percentile(lat, [50, 95])
    print(f"single query via embed(): p50 {p50:.2f} ms, p95 {p95:.2f} ms ({len(lat)} queries)")
    rss_single = rss_now_mb()
    print(f"RSS delta {rss_single - rss_before:+.0f} MB (bundled embedder, batch 1, after the runs above)")

    batched = OnnxEmbedder(batch_size=32)
    print(f"batch 32: {throughput(batched, texts):6.0f} sentences/s")
    print(f"RSS delta {rss_now_mb() - rss_single:+.0f} MB more for a second session at batch 32 (larger arena)")
    print(f"loadavg at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
