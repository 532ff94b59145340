"""Retrieval quality on the in-repo evaluation set. Prints figures, never asserts.

    .venv/bin/python bench/retrieval_quality.py                                  # all presets, all queries
    .venv/bin/python bench/retrieval_quality.py --presets rrf,full --limit-queries 60
    .venv/bin/python bench/retrieval_quality.py --json /tmp/rq.json --show-failures 10

The set (bench/data/, built by bench/data/make_eval_set.py) has ~2,150
memories of six users (four English, two Chinese) and 330 labelled queries of
kinds paraphrase, keyword, name, number_date, long, near_duplicate, chinese and
cross_lingual. Each user's memories are stored through the service
(`rt.memories.add`, account "bench", user = the eval user) and every query is
searched as its own user with `rt.memories.search(..., limit=10,
retrieval=RetrievalSettings.preset(name))`; the `full` preset runs with the
product's default min_score, as users get it.

Metrics, per preset, overall and by kind and by language:
  R@k      share of queries with at least one relevant memory in the top k (k = 1, 5, 10)
  MRR      mean reciprocal rank of the first relevant memory within the top 10 (0 if none)
  all@10   share of queries with every relevant memory in the top 10 (matters for near_duplicate)
  empty    share of queries that returned no result at all (a min_score cut can do that)
plus per-query search latency and the pipeline's own per-stage timings.

Each preset gets a fresh data directory (so access counts written by one
preset's searches cannot move another's ranking); memory vectors are computed
once and reused, query vectors are always computed live.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcp_memory.caller import Caller  # noqa: E402
from mcp_memory.config import EmbedderSettings, RetrievalSettings, Settings  # noqa: E402
from mcp_memory.embedders import build_embedder  # noqa: E402
from mcp_memory.runtime import open_runtime  # noqa: E402
from mcp_memory.services.memories import NewMemory  # noqa: E402

DATA = ROOT / "bench" / "data"
ACCOUNT = "bench"
BATCH = 256
KS = (1, 5, 10)


class ReusingEmbedder:
    """Wraps the real embedder; memory texts seen during ingest are embedded only once across presets."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.model_id = inner.model_id
        self.dims = inner.dims
        self.name = inner.name
        self.multilingual = inner.multilingual
        self.cache: dict[str, list[float]] = {}
        self.ingesting = False

    async def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not self.ingesting:
            return await self.inner.embed(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if todo:
            for text, vec in zip(todo, await self.inner.embed(todo)):
                self.cache[text] = vec
        return [self.cache[t] for t in texts]


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def pick_queries(queries: list[dict], n: int | None) -> list[dict]:
    """All queries, or a deterministic sample of n spread over kinds (original order kept)."""
    if n is None or n >= len(queries):
        return queries
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for q in queries:
        by_kind[q["kind"]].append(q)
    rng = random.Random(7)
    for group in by_kind.values():
        rng.shuffle(group)
    chosen: list[dict] = []
    while len(chosen) < n:
        for kind in sorted(by_kind):
            if by_kind[kind] and len(chosen) < n:
                chosen.append(by_kind[kind].pop())
    keep = {q["id"] for q in chosen}
    return [q for q in queries if q["id"] in keep]


async def ingest(rt: Any, memories: list[dict]) -> tuple[dict[str, str], float]:
    """Store every memory under its user; returns server id -> eval id, and seconds taken."""
    started = time.perf_counter()
    by_user: dict[str, list[dict]] = defaultdict(list)
    for m in memories:
        by_user[m["user"]].append(m)
    server_to_eval: dict[str, str] = {}
    for user, rows in by_user.items():
        caller = Caller(account_id=ACCOUNT, user_id=user)
        for i in range(0, len(rows), BATCH):
            chunk = rows[i : i + BATCH]
            created = await rt.memories.add(
                caller, [NewMemory(content=m["content"], importance=float(m.get("importance", 0.5))) for m in chunk]
            )
            for m, mem in zip(chunk, created):
                server_to_eval[mem.id] = m["id"]
    return server_to_eval, time.perf_counter() - started


async def search_with_retry(rt: Any, q: dict, retrieval: RetrievalSettings, retries: int) -> tuple[Any, float]:
    caller = Caller(account_id=ACCOUNT, user_id=q["user"])
    for attempt in range(retries + 1):
        try:
            t0 = time.perf_counter()
            outcome = await rt.memories.search(caller, q["query"], limit=10, min_score=None, retrieval=retrieval)
            return outcome, (time.perf_counter() - t0) * 1000
        except Exception as exc:
            if attempt == retries:
                raise
            print(f"  search failed ({type(exc).__name__}: {exc}); retrying", file=sys.stderr)
            await anyio.sleep(1.0 + attempt)
    raise AssertionError("unreachable")


def score_query(q: dict, ranked: list[str]) -> dict[str, Any]:
    relevant = set(q["relevant"])
    first = next((i for i, mid in enumerate(ranked[:10], start=1) if mid in relevant), None)
    row: dict[str, Any] = {f"r@{k}": float(first is not None and first <= k) for k in KS}
    row["mrr"] = 1.0 / first if first else 0.0
    row["all@10"] = float(relevant <= set(ranked[:10]))
    row["empty"] = float(not ranked)
    row["first_rank"] = first
    return row


METRICS = ["r@1", "r@5", "r@10", "mrr", "all@10", "empty"]


def aggregate(rows: list[dict]) -> dict[str, float]:
    if not rows:
        return {m: 0.0 for m in METRICS} | {"n": 0}
    out: dict[str, Any] = {m: round(statistics.fmean(r[m] for r in rows), 4) for m in METRICS}
    out["n"] = len(rows)
    return out


async def run_preset(
    name: str, memories: list[dict], queries: list[dict], embedder: ReusingEmbedder, retries: int,
    keep_dir: Path | None,
) -> dict[str, Any]:
    retrieval = RetrievalSettings.preset(name)
    with tempfile.TemporaryDirectory(prefix=f"rq-{name}-") as tmp:
        data_dir = keep_dir / name if keep_dir else Path(tmp)
        settings = Settings(data_dir=data_dir, embedder=EmbedderSettings(kind="onnx"), sweep_interval_seconds=3600)
        async with open_runtime(settings, embedder=embedder) as rt:
            embedder.ingesting = True
            try:
                server_to_eval, ingest_s = await ingest(rt, memories)
            finally:
                embedder.ingesting = False
            per_query: list[dict] = []
            latencies: list[float] = []
            stage_ms: dict[str, list[float]] = defaultdict(list)
            errors = 0
            started = time.perf_counter()
            for q in queries:
                try:
                    outcome, ms = await search_with_retry(rt, q, retrieval, retries)
                except Exception as exc:  # the pipeline may be mid-edit: count it, keep going
                    errors += 1
                    per_query.append({"id": q["id"], "error": f"{type(exc).__name__}: {exc}"[:300],
                                      **score_query(q, [])})
                    continue
                latencies.append(ms)
                try:
                    for st in outcome.trace().get("stages", []):
                        stage_ms[st.get("name", "?")].append(float(st.get("duration_ms", 0.0)))
                except Exception:
                    pass
                ranked = [server_to_eval.get(r.memory.id, "?") for r in outcome.results]
                scores = [round(float(r.score), 4) for r in outcome.results]
                per_query.append({"id": q["id"], "top": ranked, "scores": scores, **score_query(q, ranked)})
            search_s = time.perf_counter() - started
    return {
        "preset": name,
        "ingest_seconds": round(ingest_s, 2),
        "search_seconds": round(search_s, 2),
        "errors": errors,
        "latency_ms": {
            "mean": round(statistics.fmean(latencies), 2) if latencies else None,
            "p50": round(statistics.median(latencies), 2) if latencies else None,
            "p95": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 2) if latencies else None,
        },
        "stage_ms_mean": {k: round(statistics.fmean(v), 3) for k, v in stage_ms.items()},
        "per_query": per_query,
    }


def breakdown(result: dict, queries: list[dict]) -> dict[str, dict[str, dict]]:
    qmap = {q["id"]: q for q in queries}
    groups: dict[str, dict[str, list[dict]]] = {"overall": {"all": []}, "kind": defaultdict(list), "lang": defaultdict(list)}
    for row in result["per_query"]:
        q = qmap[row["id"]]
        groups["overall"]["all"].append(row)
        groups["kind"][q["kind"]].append(row)
        groups["lang"][q["lang"]].append(row)
    return {g: {k: aggregate(v) for k, v in sorted(d.items())} for g, d in groups.items()}


def fmt_table(title: str, header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    sep = "-" * len(line(header))
    return "\n".join([title, line(header), sep] + [line(r) for r in rows])


def report(results: list[dict], queries: list[dict], memories: dict[str, dict], show_failures: int) -> str:
    out: list[str] = []
    summaries = {r["preset"]: breakdown(r, queries) for r in results}
    # 1. overall, one row per preset
    rows = []
    for r in results:
        a = summaries[r["preset"]]["overall"]["all"]
        lat = r["latency_ms"]
        rows.append([r["preset"], a["n"], f"{a['r@1']:.3f}", f"{a['r@5']:.3f}", f"{a['r@10']:.3f}", f"{a['mrr']:.3f}",
                     f"{a['all@10']:.3f}", f"{a['empty']:.3f}", lat["p50"], lat["p95"], r["errors"]])
    out.append(fmt_table("== overall ==", ["preset", "n", "R@1", "R@5", "R@10", "MRR@10", "all@10", "empty",
                                            "p50 ms", "p95 ms", "errors"], rows))
    # 2. per group: rows = kind/lang, columns = preset R@1/R@10/MRR
    presets = [r["preset"] for r in results]
    for group in ("kind", "lang"):
        keys = sorted({k for s in summaries.values() for k in s[group]})
        header = [group, "n"] + [f"{p} R@1/R@5/R@10/MRR" for p in presets]
        rows = []
        for k in keys:
            first = summaries[presets[0]][group][k]
            row = [k, first["n"]]
            for p in presets:
                a = summaries[p][group][k]
                row.append(f"{a['r@1']:.2f}/{a['r@5']:.2f}/{a['r@10']:.2f}/{a['mrr']:.2f}")
            rows.append(row)
        out.append("")
        out.append(fmt_table(f"== by {group} ==", header, rows))
    # 3. near-duplicate all-relevant recall
    rows = []
    for p in presets:
        a = summaries[p]["kind"].get("near_duplicate")
        if a:
            rows.append([p, a["n"], f"{a['r@10']:.3f}", f"{a['all@10']:.3f}"])
    if rows:
        out.append("")
        out.append(fmt_table("== near_duplicate ==", ["preset", "n", "any-relevant R@10", "all-relevant R@10"], rows))
    # 4. stage timings
    out.append("")
    out.append("== mean stage time (ms) ==")
    for r in results:
        stages = ", ".join(f"{k}={v:.2f}" for k, v in r["stage_ms_mean"].items())
        out.append(f"{r['preset']}: ingest {r['ingest_seconds']}s, search {r['search_seconds']}s; {stages}")
    # 5. failures
    if show_failures:
        qmap = {q["id"]: q for q in queries}
        for r in results:
            misses = [row for row in r["per_query"] if row["r@10"] == 0.0]
            rng = random.Random(11)
            sample = sorted(rng.sample(misses, min(show_failures, len(misses))), key=lambda row: row["id"])
            out.append("")
            out.append(f"== {r['preset']}: {len(misses)} queries with nothing relevant in the top 10; examples ==")
            for row in sample:
                q = qmap[row["id"]]
                want = memories[q["relevant"][0]]["content"]
                got = memories[row["top"][0]]["content"] if row.get("top") and row["top"][0] in memories else "(no result)"
                if row.get("error"):
                    got = row["error"]
                out.append(f"- [{q['kind']}/{q['lang']}] {q['query']}")
                out.append(f"    expected: {want[:140]}")
                out.append(f"    got #1:   {got[:140]}")
    return "\n".join(out)


async def main_async(args: argparse.Namespace) -> None:
    t_start = time.perf_counter()
    load_before = os.getloadavg()
    memories = load(args.data / "eval_memories.jsonl")
    queries = pick_queries(load(args.data / "eval_queries.jsonl"), args.limit_queries)
    users = {q["user"] for q in queries}
    memories = [m for m in memories if m["user"] in users]
    presets = [p.strip() for p in args.presets.split(",") if p.strip()]
    for p in presets:
        RetrievalSettings.preset(p)  # fail fast on a typo
    embedder = ReusingEmbedder(build_embedder(EmbedderSettings(kind="onnx")))
    print(f"eval set: {len(memories)} memories, {len(queries)} queries, users: {', '.join(sorted(users))}")
    print(f"embedder: {embedder.name} ({embedder.dims} dims)")
    print(f"load average before: {', '.join(f'{x:.2f}' for x in load_before)}  (cores: {os.cpu_count()})")
    results = []
    for p in presets:
        print(f"running preset {p} ...", flush=True)
        results.append(await run_preset(p, memories, queries, embedder, args.retries, args.keep_data))
    elapsed = time.perf_counter() - t_start
    load_after = os.getloadavg()
    print()
    print(report(results, queries, {m["id"]: m for m in memories}, args.show_failures))
    print()
    print(f"load average after: {', '.join(f'{x:.2f}' for x in load_after)}")
    print(f"total run time: {elapsed:.1f}s")
    if args.json:
        payload = {
            "embedder": embedder.name,
            "loadavg_before": load_before,
            "loadavg_after": load_after,
            "total_seconds": round(elapsed, 2),
            "memories": len(memories),
            "queries": len(queries),
            "presets": {r["preset"]: {**{k: v for k, v in r.items() if k != "preset"},
                                      "summary": breakdown(r, queries)} for r in results},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--presets", default="vector,lexical,rrf,full", help="comma-separated RetrievalSettings presets")
    parser.add_argument("--limit-queries", type=int, default=None, help="a deterministic sample of N queries, spread over kinds")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure and per-query ranking here")
    parser.add_argument("--show-failures", type=int, default=8, help="example misses to print per preset (0: none)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder with eval_memories.jsonl and eval_queries.jsonl")
    parser.add_argument("--retries", type=int, default=2, help="retries of a failing search call")
    parser.add_argument("--keep-data", type=Path, default=None, help="keep each preset's data dir under this folder")
    args = parser.parse_args()
    anyio.run(main_async, args)


if __name__ == "__main__":
    main()
