"""Search latency and ingest throughput at 1k/10k/100k memories. Prints figures, never asserts.

    .venv/bin/python bench/search_latency.py                       # 1k, 10k, 100k (~5-10 min)
    .venv/bin/python bench/search_latency.py --sizes 1000,10000 --queries 100 --json /tmp/lat.json
    .venv/bin/python bench/search_latency.py --profile             # + pyinstrument reports (main thread)
    .venv/bin/python bench/search_latency.py --data-dir /tmp/d --sizes 100000   # kept; a rerun tops up only

What it does, on one data directory (a temp dir unless `--data-dir`):

1. Loads `--other-accounts` accounts (default 2) with `--other-size` memories each
   (default 5k) through `Memories.add` in batches of `--batch` (256): other
   tenants' data is in the same ledger and Chroma, as in production.
2. For each size (ascending), tops account "local" (user "u1") up to that many
   memories, again through the service, and measures:
   - service search: `rt.memories.search(Caller("local", "u1"), q, limit=10)`,
     end to end, after a warm-up; also account-level (user_id=None);
   - REST search: `GET /v1/memories/search?q=...&limit=10` with `X-User-Id: u1`
     against the real app served by uvicorn on 127.0.0.1 in this process; the
     client is a child process (httpx, keep-alive) so it does not share the GIL;
     `GET /health` is timed too, as the floor of HTTP overhead. The app listens
     on two sockets: one bound by `mcp_memory.cli._bind` (what `mcp-memory serve`
     users get) and one created with IPPROTO_TCP, on which asyncio turns
     TCP_NODELAY on; the difference is the Nagle/delayed-ACK stall, if any;
   - where the time goes: every public async call of the ledger, the vector
     store and the embedder is wrapped with a timer (robust to pipeline
     rewrites), the pipeline's own `outcome.trace()` stages are aggregated, and
     the synchronous pieces (ONNX single-query run, Chroma count/query with and
     without the user filter, raw FTS5 SQL) are timed without the event loop.
3. Ingest through REST on a small sample: `POST /v1/memories` one by one, and
   the batch path (`POST /v1/memories` with `messages`, up to 1000 a request).

Peak RSS (`ru_maxrss`) and `os.getloadavg()` are recorded around every phase:
on a 2-core machine anything else running halves these figures.
Targets, for context only: search p95 <= 25 ms at 10k, <= 40 ms at 100k;
batch ingest >= 200 memories/s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import peak_rss_mb, rss_now_mb

ROOT = Path(__file__).resolve().parent.parent
USER = "u1"
ACCOUNT = "local"  # what a keyless local-mode HTTP request acts as

# ---------------------------------------------------------------------------
# Deterministic text
# ---------------------------------------------------------------------------

EN = {
    "name": ["Alice", "Bob", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jamal", "Kenji",
             "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wei",
             "Ximena", "Yusuf", "Zoe", "Anders", "Beatriz", "Chidi", "Dana"],
    "relation": ["sister", "brother", "manager", "mother", "father", "cousin", "neighbour", "colleague",
                 "best friend", "dentist", "landlord", "daughter", "son", "mentor", "accountant"],
    "city": ["Lisbon", "Berlin", "Osaka", "Toronto", "Nairobi", "Lima", "Austin", "Krakow", "Hanoi", "Oslo",
             "Melbourne", "Porto", "Seoul", "Denver", "Cape Town", "Valencia", "Montreal", "Tbilisi"],
    "drink": ["dark roast coffee", "oat milk lattes", "green tea", "sparkling water", "matcha", "espresso",
              "chamomile tea", "cold brew", "hot chocolate", "kombucha"],
    "food": ["peanuts", "shellfish", "gluten", "lactose", "strawberries", "sesame", "mushrooms", "cilantro"],
    "hobby": ["bouldering", "sourdough baking", "trail running", "chess", "watercolour painting", "birdwatching",
              "playing the cello", "woodworking", "salsa dancing", "sailing", "photography", "gardening"],
    "pet": ["a beagle named Pixel", "two cats", "a parrot", "a golden retriever", "a tortoise", "a rescue greyhound"],
    "lang": ["Python", "Rust", "Go", "TypeScript", "Kotlin", "Elixir", "C++", "Java", "Swift", "Haskell"],
    "system": ["payment service", "search index", "auth gateway", "billing pipeline", "mobile app",
               "Postgres cluster", "Kafka consumer", "CI runners", "vector store", "recommendation model",
               "notification worker", "data warehouse", "admin dashboard", "GraphQL API", "Redis cache"],
    "team": ["the design team", "platform", "the data science group", "customer support", "the SRE rotation",
             "legal", "marketing", "the mobile squad", "finance", "the infra guild"],
    "symptom": ["latency spikes", "timeouts", "a memory leak", "duplicate events", "stale reads",
                "a deadlock", "502 errors", "flaky tests", "slow cold starts", "disk pressure"],
    "cause": ["the connection pool is too small", "a missing index", "clock skew between nodes",
              "a retry storm", "an expired certificate", "a race in the cache warmer", "a bad feature flag"],
    "action": ["migrate", "deprecate", "refactor", "load test", "document", "shard", "upgrade", "audit",
               "roll back", "benchmark", "rewrite", "monitor"],
    "weekday": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"],
    "food_like": ["spicy ramen", "Thai curry", "sushi", "vegan tacos", "Neapolitan pizza", "pho", "falafel",
                  "dim sum", "paella", "pierogi"],
    "book": ["Dune", "The Pragmatic Programmer", "Middlemarch", "Project Hail Mary", "Thinking, Fast and Slow",
             "Designing Data-Intensive Applications", "The Left Hand of Darkness"],
    "time": ["in the morning", "after lunch", "late at night", "before standup", "on weekends", "at 7am"],
    "adj": ["quiet", "detailed", "short", "async", "written", "blunt", "visual", "early"],
}

EN_CLAUSES = [
    "{name} prefers {drink} {time}.",
    "My {relation} {name} lives in {city} and works as a nurse.",
    "My {relation} lives in {city} now.",
    "The user is allergic to {food} and avoids restaurants that cook with it.",
    "{name}'s birthday is on {month} {day}.",
    "I have {pet} and walk them {time}.",
    "{name} has been into {hobby} since last {month}.",
    "The user wants {adj} status updates, ideally {time}.",
    "Favourite food is {food_like}; hates anything with {food}.",
    "Currently reading {book} and finds it slow going.",
    "Prefers {lang} for backend work but writes {lang} at the day job.",
    "Meeting with {team} on {weekday}: agreed to {action} the {system} before the end of {month}.",
    "Bug in the {system}: {symptom} since the last deploy; root cause looks like {cause}.",
    "Incident INC-{num}: {symptom} in the {system}, mitigated after {small} minutes.",
    "Ticket PROJ-{num} tracks the plan to {action} the {system}.",
    "{name} from {team} owns the {system} on-call this week.",
    "Budget for the {system} work is {num} dollars per month.",
    "Remember that {name} is out of office until {weekday}.",
    "The {system} dashboard shows p99 at {small}0 ms after the fix.",
    "We decided not to {action} the {system} because {cause}.",
    "Flight to {city} leaves {weekday} at {hour}:{minute}, seat {small}A.",
    "Dentist appointment on {month} {day} at {hour}:{minute}.",
    "Gym three times a week, mostly {hobby} on {weekday}s.",
    "Asked to be reminded to call {name} about the {city} trip.",
    "Prefers {adj} code reviews and dislikes long meetings.",
    "The retro with {team} said the {system} rollout went fine apart from {symptom}.",
]

CN = {
    "name": ["小王", "李雷", "韩梅梅", "张伟", "刘洋", "陈静", "王芳", "赵磊", "孙丽", "周杰", "吴敏", "郑浩"],
    "relation": ["姐姐", "哥哥", "妈妈", "爸爸", "同事", "经理", "表妹", "邻居", "室友", "导师"],
    "city": ["北京", "上海", "深圳", "杭州", "成都", "西安", "南京", "武汉", "广州", "厦门"],
    "drink": ["美式咖啡", "绿茶", "乌龙茶", "豆浆", "拿铁", "奶茶", "柠檬水", "普洱茶"],
    "food": ["花生", "海鲜", "芒果", "牛奶", "香菜", "辣椒"],
    "food_like": ["火锅", "西瓜", "小笼包", "麻辣烫", "饺子", "烤鸭", "螺蛳粉", "煎饼果子"],
    "hobby": ["跑步", "游泳", "书法", "围棋", "摄影", "弹吉他", "爬山", "做饭"],
    "system": ["支付系统", "搜索服务", "用户中心", "数据仓库", "推荐系统", "消息队列", "订单服务", "监控平台"],
    "team": ["设计组", "运维组", "数据组", "产品部", "客服团队", "财务部"],
    "symptom": ["延迟升高", "接口超时", "内存泄漏", "重复消息", "数据不一致", "磁盘告警"],
    "action": ["迁移", "重构", "压测", "升级", "下线", "扩容", "回滚", "优化"],
    "weekday": ["一", "二", "三", "四", "五", "六", "日"],
    "time": ["早上", "中午", "晚上", "周末", "下班后"],
}

CN_CLAUSES = [
    "{name}喜欢在{time}喝{drink}。",
    "我的{relation}住在{city}，在一家医院工作。",
    "用户对{food}过敏，点餐时要注意。",
    "我爱吃{food_like}，尤其是夏天。",
    "{name}最近迷上了{hobby}，每周{weekday}都去。",
    "周{weekday}和{team}开会，决定月底之前{action}{system}。",
    "{system}出现{symptom}，怀疑是连接池太小导致的。",
    "故障单{num}：{system}{symptom}，{small}分钟后恢复。",
    "{name}这周负责{system}的值班。",
    "下周{weekday}要飞{city}，记得提前订酒店。",
    "{relation}的生日是{small}月{day}日，要准备礼物。",
    "用户希望回复简短一些，最好{time}发总结。",
    "{team}复盘说{system}上线顺利，只是有点{symptom}。",
]

EN_QUESTIONS = [
    "what does {name} like to drink", "where does my {relation} live", "when is {name}'s birthday",
    "which foods is the user allergic to", "what hobbies does {name} have", "who is on call for the {system}",
    "why did we not {action} the {system}", "root cause of the {system} {symptom}",
    "plan to {action} the {system}", "travel plans for {city}", "favourite dinner options",
    "how does the user want status updates", "what book am I reading", "dentist appointment time",
    "incident with {symptom} last week", "which programming language do they prefer",
    "budget for infrastructure work", "pets and daily routine", "what did the retro conclude about the rollout",
    "coffee or tea preference", "meeting outcomes with {team}",
]
CN_QUESTIONS = [
    "{name}喜欢喝什么", "我的{relation}住在哪里", "用户对什么过敏", "{system}的问题怎么解决", "谁负责{system}值班",
    "最近的出差安排", "喜欢吃什么", "{team}开会的结论", "{relation}的生日是什么时候",
]
UNSEEN = ["quantum", "zebra", "saxophone", "glacier", "origami", "volcano", "telescope", "marathon", "lighthouse",
          "harpsichord", "nebula", "cryptocurrency", "kayak", "tarantula", "blueprint", "pendulum", "recipe for",
          "tax return", "parking ticket", "wedding venue", "solar panels", "piano lessons", "visa renewal"]


class _Filler(dict):
    """`str.format_map` source: each placeholder draws a fresh random word."""

    def __init__(self, rng: random.Random, vocab: dict[str, list[str]]) -> None:
        super().__init__()
        self.rng = rng
        self.vocab = vocab

    def __missing__(self, key: str) -> str:
        r = self.rng
        if key == "num":
            return str(r.randint(100, 99999))
        if key == "small":
            return str(r.randint(1, 12))
        if key == "day":
            return str(r.randint(1, 28))
        if key == "hour":
            return f"{r.randint(6, 22):02d}"
        if key == "minute":
            return f"{r.choice((0, 15, 30, 45)):02d}"
        return r.choice(self.vocab[key])


def _word_target(rng: random.Random) -> int:
    """Mixed lengths, 5-80 words, mostly short like real memories."""
    roll = rng.random()
    if roll < 0.55:
        return rng.randint(5, 18)
    if roll < 0.88:
        return rng.randint(19, 45)
    return rng.randint(46, 80)


def make_texts(n: int, seed: str) -> list[str]:
    """`n` memory texts, ~20% Chinese; the same seed always gives the same list (prefixes too)."""
    rng = random.Random(seed)
    en, cn = _Filler(rng, EN), _Filler(rng, CN)
    out = []
    for _ in range(n):
        target = _word_target(rng)
        if rng.random() < 0.2:
            chars = int(target * 1.6) + 4
            text = ""
            while len(text) < chars:
                text += rng.choice(CN_CLAUSES).format_map(cn)
            if len(text) > chars + 10:
                text = text[:chars].rstrip("，。") + "。"
        else:
            words: list[str] = []
            while len(words) < target:
                words.extend(rng.choice(EN_CLAUSES).format_map(en).split())
            if len(words) > target:
                words = words[:target]
                words[-1] = words[-1].rstrip(".,;:") + "."
            text = " ".join(words)
        out.append(text)
    return out


def make_queries(n: int, stored: list[str], seed: str) -> list[tuple[str, str]]:
    """(kind, query): words from stored memories, paraphrase-like questions, and unseen phrases."""
    rng = random.Random(seed)
    en, cn = _Filler(rng, EN), _Filler(rng, CN)
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.4:
            text = rng.choice(stored)
            if any("\u4e00" <= ch <= "\u9fff" for ch in text[:4]):
                start = rng.randrange(max(1, len(text) - 8))
                out.append(("seen-zh", text[start : start + rng.randint(2, 8)]))
            else:
                words = text.split()
                start = rng.randrange(max(1, len(words) - 6))
                out.append(("seen-en", " ".join(words[start : start + rng.randint(2, 6)]).strip(".,;:")))
        elif roll < 0.8:
            if rng.random() < 0.2:
                out.append(("para-zh", rng.choice(CN_QUESTIONS).format_map(cn)))
            else:
                out.append(("para-en", rng.choice(EN_QUESTIONS).format_map(en)))
        else:
            out.append(("unseen", " ".join(rng.sample(UNSEEN, rng.randint(1, 3)))))
    return [(k, q if q.strip() else "coffee") for k, q in out]


# ---------------------------------------------------------------------------
# Measuring helpers
# ---------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    """Percentile by linear interpolation (numpy's default)."""
    if not values:
        return float("nan")
    data = sorted(values)
    k = (len(data) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summarize(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {"n": 0}
    return {"n": len(ms), "p50": round(pct(ms, 50), 3), "p95": round(pct(ms, 95), 3), "p99": round(pct(ms, 99), 3),
            "mean": round(statistics.fmean(ms), 3), "max": round(max(ms), 3), "min": round(min(ms), 3)}


def cpu_seconds() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def dir_mb(path: Path) -> float:
    total = 0
    for p in path.rglob("*"):
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total / 1e6


class Phases:
    """Load average, CPU time and RSS before/after each named phase."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def start(self, name: str) -> dict[str, Any]:
        rec = {"phase": name, "load_before": [round(x, 2) for x in os.getloadavg()], "_t": time.perf_counter(),
               "_cpu": cpu_seconds()}
        self.records.append(rec)
        return rec

    def end(self, rec: dict[str, Any]) -> None:
        wall = time.perf_counter() - rec.pop("_t")
        cpu = cpu_seconds() - rec.pop("_cpu")
        rec.update(load_after=[round(x, 2) for x in os.getloadavg()], wall_s=round(wall, 2),
                   cpu_s=round(cpu, 2), cpu_util=round(cpu / wall, 2) if wall else None,
                   rss_mb=round(rss_now_mb()), peak_rss_mb=round(peak_rss_mb()))


class CallTimer:
    """Wraps every public coroutine method of some objects, timing each call into the current bucket."""

    def __init__(self) -> None:
        self.bucket: dict[str, list[float]] | None = None

    def wrap(self, label: str, obj: Any) -> None:
        import inspect

        for name in dir(type(obj)):
            if name.startswith("_"):
                continue
            fn = getattr(obj, name, None)
            if fn is None or not inspect.iscoroutinefunction(fn):
                continue
            setattr(obj, name, self._timed(f"{label}.{name}", fn))

    def _timed(self, key: str, fn: Any) -> Any:
        timer = self

        async def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return await fn(*args, **kwargs)
            finally:
                if timer.bucket is not None:
                    timer.bucket.setdefault(key, []).append((time.perf_counter() - start) * 1000)

        return timed

    def collect(self) -> dict[str, list[float]]:
        self.bucket = {}
        return self.bucket


def call_table(bucket: dict[str, list[float]], per: int) -> dict[str, dict[str, float]]:
    """Per wrapped method: calls per operation, ms per call (p50/p95/mean) and total ms per operation."""
    out = {}
    for key, ms in sorted(bucket.items(), key=lambda kv: -sum(kv[1])):
        out[key] = {"calls_per_op": round(len(ms) / max(per, 1), 2), "p50": round(pct(ms, 50), 3),
                    "p95": round(pct(ms, 95), 3), "mean": round(statistics.fmean(ms), 3),
                    "ms_per_op": round(sum(ms) / max(per, 1), 3)}
    return out


# ---------------------------------------------------------------------------
# HTTP client (runs in a child process: `search_latency.py --_http-client`, spec on stdin)
# ---------------------------------------------------------------------------


def http_client_main() -> None:
    import httpx

    spec = json.loads(sys.stdin.read())
    headers = spec.get("headers", {})
    out: dict[str, Any] = {"ms": [], "errors": 0, "statuses": {}, "first_error": None, "results": []}
    with httpx.Client(base_url=spec["url"], headers=headers, timeout=60.0) as client:
        mode = spec["mode"]

        def one(fn: Any) -> tuple[float, httpx.Response]:
            start = time.perf_counter()
            r = fn()
            _ = r.content
            return (time.perf_counter() - start) * 1000, r

        if mode == "search":
            calls = [lambda q=q: client.get("/v1/memories/search", params={"q": q, "limit": spec["limit"]})
                     for q in spec["queries"]]
        elif mode == "health":
            calls = [lambda: client.get("/health") for _ in range(spec["count"])]
        elif mode == "post_one":
            calls = [lambda t=t: client.post("/v1/memories", json={"content": t}) for t in spec["texts"]]
        elif mode == "post_batch":
            b = spec["batch"]
            calls = [lambda chunk=spec["texts"][i : i + b]: client.post(
                "/v1/memories", json={"messages": [{"role": "user", "content": t} for t in chunk], "mode": "raw"})
                for i in range(0, len(spec["texts"]), b)]
        else:
            raise SystemExit(f"unknown mode {mode}")
        for call in calls[: spec.get("warmup", 0)]:
            call()
        wall = time.perf_counter()
        for call in calls[spec.get("warmup", 0):]:
            ms, r = one(call)
            out["ms"].append(ms)
            out["statuses"][str(r.status_code)] = out["statuses"].get(str(r.status_code), 0) + 1
            if r.status_code >= 300:
                out["errors"] += 1
                out["first_error"] = out["first_error"] or r.text[:300]
            elif mode == "search":
                out["results"].append(len(r.json().get("results", [])))
        out["wall_s"] = time.perf_counter() - wall
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forked parent.
    hwm = [line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:")]
    out["child_peak_rss_mb"] = int(hwm[0].split()[1]) / 1024 if hwm else float("nan")
    sys.stdout.write(json.dumps(out))


async def run_client(spec: dict[str, Any]) -> dict[str, Any]:
    import anyio

    done = await anyio.run_process([sys.executable, str(Path(__file__).resolve()), "--_http-client"],
                                   input=json.dumps(spec).encode(), check=False, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(f"http client failed: {done.stderr.decode()[-2000:]}")
    return json.loads(done.stdout)


# ---------------------------------------------------------------------------
# The benchmark
# ---------------------------------------------------------------------------


async def ingest(rt: Any, caller: Any, texts: list[str], batch: int, timer: CallTimer) -> dict[str, Any]:
    from mcp_memory.services.memories import NewMemory

    bucket = timer.collect()
    batch_ms = []
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        t0 = time.perf_counter()
        await rt.memories.add(caller, [NewMemory(content=t) for t in texts[i : i + batch]])
        batch_ms.append((time.perf_counter() - t0) * 1000)
    wall = time.perf_counter() - start
    timer.bucket = None
    n_batches = max(len(batch_ms), 1)
    return {"count": len(texts), "seconds": round(wall, 2), "per_s": round(len(texts) / wall, 1) if wall else None,
            "batch": batch, "batch_ms": summarize(batch_ms),
            "first_batches_ms": [round(x) for x in batch_ms[:3]], "last_batches_ms": [round(x) for x in batch_ms[-3:]],
            "calls": call_table(bucket, n_batches)}


async def service_search(rt: Any, caller: Any, queries: list[tuple[str, str]], warmup: list[tuple[str, str]],
                         timer: CallTimer, limit: int) -> dict[str, Any]:
    for _, q in warmup:
        try:
            await rt.memories.search(caller, q, limit=limit)
        except Exception:
            pass
    bucket = timer.collect()
    ms: list[float] = []
    by_kind: dict[str, list[float]] = {}
    stages: dict[str, list[float]] = {}
    traced_total: list[float] = []
    counts: list[int] = []
    errors: list[str] = []
    for kind, q in queries:
        t0 = time.perf_counter()
        try:
            outcome = await rt.memories.search(caller, q, limit=limit)
        except Exception as exc:  # the pipeline may be mid-rewrite: record, go on
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
            continue
        elapsed = (time.perf_counter() - t0) * 1000
        ms.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
        counts.append(len(outcome.results))
        try:
            trace = outcome.trace()
            for st in trace.get("stages", []):
                stages.setdefault(str(st.get("name")), []).append(float(st.get("duration_ms") or 0.0))
            traced_total.append(float(trace.get("total_duration_ms") or 0.0))
        except Exception:
            pass
    timer.bucket = None
    return {
        "latency_ms": summarize(ms),
        "by_kind": {k: summarize(v) for k, v in sorted(by_kind.items())},
        "trace_total_ms": summarize(traced_total),
        "stages_ms": {k: {"p50": round(pct(v, 50), 3), "p95": round(pct(v, 95), 3),
                          "mean": round(statistics.fmean(v), 3)} for k, v in stages.items()},
        "calls": call_table(bucket, len(ms)),
        "mean_results": round(statistics.fmean(counts), 2) if counts else 0,
        "errors": len(errors), "first_error": errors[0] if errors else None,
    }


def sync_components(rt: Any, queries: list[tuple[str, str]], n: int) -> dict[str, Any]:
    """The blocking pieces alone, on this thread: no event loop, no thread hop."""
    import sqlite3

    from mcp_memory.services.memories import personal_space
    from mcp_memory.stores import lexical
    from mcp_memory.stores.ledger import owner_token

    out: dict[str, Any] = {}
    qs = [q for _, q in queries[:n]]
    emb = rt.embedder
    if hasattr(emb, "embed_sync"):
        emb.embed_sync([qs[0]])
        ms, vecs = [], []
        for q in qs:
            t0 = time.perf_counter()
            vecs.append(emb.embed_sync([q])[0].tolist())
            ms.append((time.perf_counter() - t0) * 1000)
        out["onnx_embed_one_query"] = summarize(ms)
    else:
        return out
    name = rt.indexer.collection_for(ACCOUNT, personal_space(ACCOUNT), USER)
    coll = rt.vectors._collection(name)
    for label, fn in [
        ("chroma_count", lambda v: coll.count()),
        ("chroma_query_k50_user_filter", lambda v: coll.query(query_embeddings=[v], n_results=50,
                                                              where={"user_id": USER}, include=["distances"])),
        ("chroma_query_k50_no_filter", lambda v: coll.query(query_embeddings=[v], n_results=50,
                                                            include=["distances"])),
        ("chroma_query_k150_no_filter", lambda v: coll.query(query_embeddings=[v], n_results=150,
                                                             include=["distances"])),
        ("chroma_query_k10_no_filter", lambda v: coll.query(query_embeddings=[v], n_results=10,
                                                            include=["distances"])),
    ]:
        fn(vecs[0])
        ms = []
        for v in vecs:
            t0 = time.perf_counter()
            fn(v)
            ms.append((time.perf_counter() - t0) * 1000)
        out[label] = summarize(ms)
    db = sqlite3.connect(str(rt.settings.data_dir / "ledger.sqlite3"))
    try:
        sql = ("SELECT m.id, -bm25(memory_lex, 0.0, 1.0) FROM memory_lex JOIN memories m "
               "ON m.seq = memory_lex.rowid WHERE memory_lex MATCH ? AND m.state = 'active' "
               "ORDER BY bm25(memory_lex, 0.0, 1.0) LIMIT 50")
        owner = owner_token(ACCOUNT, USER)
        ms, hits = [], []
        for q in qs:
            expr = lexical.match_query(q)
            if expr is None:
                continue
            t0 = time.perf_counter()
            rows = db.execute(sql, (f'owner : "{owner}" AND lex : ({expr})',)).fetchall()
            ms.append((time.perf_counter() - t0) * 1000)
            hits.append(len(rows))
        out["fts5_raw_sql_k50"] = summarize(ms)
        out["fts5_mean_hits"] = round(statistics.fmean(hits), 1) if hits else 0
        # How many rows match before the LIMIT: what the ranking has to score.
        ms, matched = [], []
        for q in qs[:20]:
            expr = lexical.match_query(q)
            if expr is None:
                continue
            t0 = time.perf_counter()
            matched.append(db.execute("SELECT count(*) FROM memory_lex WHERE memory_lex MATCH ?",
                                      (f"lex : ({expr})",)).fetchone()[0])
            ms.append((time.perf_counter() - t0) * 1000)
        ids = [r[0] for r in db.execute(
            "SELECT id FROM memories WHERE account_id = ? AND user_id = ? LIMIT 2000", (ACCOUNT, USER)).fetchall()]
        rng = random.Random(1)
        ms = []
        for _ in range(30):
            pick = rng.sample(ids, min(50, len(ids)))
            t0 = time.perf_counter()
            db.execute("SELECT * FROM memories WHERE account_id = ? AND id IN (%s)" % ",".join("?" * len(pick)),
                       [ACCOUNT, *pick]).fetchall()
            ms.append((time.perf_counter() - t0) * 1000)
        out["sqlite_raw_fetch_50_rows_by_id"] = summarize(ms)
        # The same with `+account_id`, which stops SQLite from picking ix_memories_owner (account_id, ...)
        # over the unique id index when the ids are bound parameters.
        ms = []
        for _ in range(30):
            pick = rng.sample(ids, min(50, len(ids)))
            t0 = time.perf_counter()
            db.execute("SELECT * FROM memories WHERE +account_id = ? AND id IN (%s)" % ",".join("?" * len(pick)),
                       [ACCOUNT, *pick]).fetchall()
            ms.append((time.perf_counter() - t0) * 1000)
        out["sqlite_raw_fetch_50_by_id_+account_id"] = summarize(ms)
        out["sqlite_plan_fetch_by_id"] = db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM memories WHERE account_id = ? AND id IN (?, ?)",
            [ACCOUNT, ids[0], ids[-1]]).fetchall()[0][-1]
        out["fts5_rows_matched_all_accounts"] = {"mean": round(statistics.fmean(matched)) if matched else 0,
                                                 "max": max(matched) if matched else 0}
    finally:
        db.close()
    return out


async def pyinstrument_search(rt: Any, caller: Any, queries: list[tuple[str, str]], path: Path,
                              limit: int) -> str | None:
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    profiler = Profiler(interval=0.0005, async_mode="enabled")
    profiler.start()
    for _, q in queries:
        try:
            await rt.memories.search(caller, q, limit=limit)
        except Exception:
            pass
    profiler.stop()
    path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
    return str(path)


async def run(args: argparse.Namespace) -> dict[str, Any]:
    import anyio
    import uvicorn

    sys.path.insert(0, str(ROOT))
    from mcp_memory.app import build_app
    from mcp_memory.caller import Caller
    from mcp_memory.config import EmbedderSettings, Settings
    from mcp_memory.runtime import open_runtime
    from mcp_memory.services.memories import personal_space
    from mcp_memory.stores.ledger import MemoryFilter

    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    data_dir = Path(args.data_dir) if args.data_dir else Path(tempfile.mkdtemp(prefix="search-latency-"))
    report: dict[str, Any] = {
        "config": {"sizes": sizes, "queries": args.queries, "warmup": args.warmup, "limit": args.limit,
                   "other_accounts": args.other_accounts, "other_size": args.other_size, "batch": args.batch,
                   "data_dir": str(data_dir), "embedder": "onnx", "reranker": None},
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "load_at_start": os.getloadavg()},
        "ingest": {}, "sizes": {}, "rest_ingest": {},
    }
    phases = Phases()
    timer = CallTimer()
    profile_dir = Path(args.profile_dir)
    if args.profile:
        profile_dir.mkdir(parents=True, exist_ok=True)

    settings = Settings(data_dir=data_dir, embedder=EmbedderSettings(kind="onnx"), sweep_interval_seconds=3600,
                        rate_limit_per_minute=0, log_level="WARNING")
    ph = phases.start("open_runtime")
    async with open_runtime(settings) as rt:
        phases.end(ph)
        report["machine"]["embedder"] = getattr(rt.embedder, "name", "?")
        for label, obj in (("ledger", rt.ledger), ("vectors", rt.vectors), ("embedder", rt.embedder)):
            timer.wrap(label, obj)

        # The real app, served by uvicorn in this process, on two listening sockets: one bound the way
        # `mcp-memory serve` binds (cli._bind), which is what users get, and one created with
        # IPPROTO_TCP so that asyncio sets TCP_NODELAY on accepted connections (asyncio only does so
        # when sock.proto == IPPROTO_TCP; without it, keep-alive requests can stall ~40 ms on the
        # Nagle / delayed-ACK interaction between the headers and body writes).
        try:
            from mcp_memory.cli import _bind as product_bind

            sock = product_bind("127.0.0.1", 0)
            report["config"]["http_socket"] = "mcp_memory.cli._bind"
        except Exception:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 0))
            report["config"]["http_socket"] = "socket.socket(AF_INET, SOCK_STREAM)"
        fast = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        fast.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        fast_url = f"http://127.0.0.1:{fast.getsockname()[1]}"
        report["config"]["http_nodelay_on_product_socket"] = sock.proto == socket.IPPROTO_TCP
        server = uvicorn.Server(uvicorn.Config(build_app(rt), host="127.0.0.1", port=0, log_config=None,
                                               access_log=False, lifespan="on", log_level="warning"))
        async with anyio.create_task_group() as tg:
            tg.start_soon(lambda: server.serve(sockets=[sock, fast]))
            while not server.started:
                await anyio.sleep(0.05)

            # 1. Other tenants.
            for i in range(args.other_accounts):
                acct = f"acct-{chr(ord('b') + i)}"
                caller = Caller(account_id=acct, user_id="someone")
                await rt.ledger.ensure_account(acct, acct)
                have = await rt.ledger.count(MemoryFilter(acct))
                texts = make_texts(args.other_size, seed=acct)[have:]
                if not texts:
                    continue
                ph = phases.start(f"ingest_{acct}")
                res = await ingest(rt, caller, texts, args.batch, timer)
                phases.end(ph)
                report["ingest"][acct] = res
                log(f"ingested {len(texts)} into {acct}: {res['per_s']}/s")

            # 2. Each size of account "local".
            caller = Caller(account_id=ACCOUNT, user_id=USER)
            everyone = Caller(account_id=ACCOUNT, user_id=None)
            all_texts = make_texts(max(sizes), seed="local-u1")
            for size in sizes:
                entry: dict[str, Any] = {}
                have = await rt.ledger.count(MemoryFilter(ACCOUNT, USER))
                if have < size:
                    ph = phases.start(f"ingest_local_to_{size}")
                    res = await ingest(rt, caller, all_texts[have:size], args.batch, timer)
                    phases.end(ph)
                    entry["ingest"] = res
                    report["ingest"][f"local_{have}_to_{size}"] = res
                    log(f"ingested {size - have} into local (now {size}): {res['per_s']}/s")
                entry["memories_in_account"] = await rt.ledger.count(MemoryFilter(ACCOUNT, USER))
                entry["memories_total"] = sum([await rt.ledger.count(MemoryFilter(a)) for a in
                                               [ACCOUNT] + [f"acct-{chr(ord('b') + i)}" for i in range(args.other_accounts)]])
                entry["chroma_count_local"] = await rt.vectors.count(
                    rt.indexer.collection_for(ACCOUNT, personal_space(ACCOUNT), USER))
                entry["data_dir_mb"] = round(dir_mb(data_dir), 1)
                stored = all_texts[:size]
                queries = make_queries(args.queries, stored, seed=f"q{size}")
                warm = make_queries(args.warmup, stored, seed=f"w{size}")

                ph = phases.start(f"service_search_{size}")
                entry["service"] = await service_search(rt, caller, queries, warm, timer, args.limit)
                phases.end(ph)
                s = entry["service"]["latency_ms"]
                log(f"[{size}] service search p50 {s.get('p50')} p95 {s.get('p95')} ms "
                    f"(errors {entry['service']['errors']})")

                ph = phases.start(f"service_search_account_level_{size}")
                entry["service_account_level"] = await service_search(rt, everyone, queries, [], timer, args.limit)
                phases.end(ph)

                ph = phases.start(f"http_search_{size}")
                entry["http"] = {}
                for label, base in (("product_socket", url), ("nodelay_socket", fast_url)):
                    http = await run_client({"url": base, "mode": "search", "queries": [q for _, q in warm + queries],
                                             "warmup": len(warm), "limit": args.limit,
                                             "headers": {"X-User-Id": USER}})
                    health = await run_client({"url": base, "mode": "health", "count": 100, "warmup": 10})
                    entry["http"][label] = {
                        "latency_ms": summarize(http["ms"]), "errors": http["errors"],
                        "first_error": http["first_error"], "statuses": http["statuses"],
                        "mean_results": round(statistics.fmean(http["results"]), 2) if http["results"] else 0,
                        "child_peak_rss_mb": round(http["child_peak_rss_mb"]), "health_ms": summarize(health["ms"])}
                phases.end(ph)
                for label, v in entry["http"].items():
                    h = v["latency_ms"]
                    log(f"[{size}] REST search ({label}) p50 {h.get('p50')} p95 {h.get('p95')} ms "
                        f"(errors {v['errors']})")

                ph = phases.start(f"components_{size}")
                entry["components_sync"] = await anyio.to_thread.run_sync(
                    sync_components, rt, queries, min(100, len(queries)))
                phases.end(ph)

                if args.profile:
                    p = await pyinstrument_search(rt, caller, queries, profile_dir / f"search_{size}.pyinstrument.txt",
                                                  args.limit)
                    entry["profile_file"] = p
                report["sizes"][str(size)] = entry

            # 3. REST ingest sample (into user "rest-ingest", after the search runs so sizes stay exact).
            if args.rest_ingest:
                for label, base in (("post_one_by_one", url), ("post_one_by_one_nodelay", fast_url)):
                    sample = make_texts(args.rest_ingest, seed=f"rest-{label}")
                    ph = phases.start(f"rest_{label}")
                    one = await run_client({"url": base, "mode": "post_one", "texts": sample, "warmup": 5,
                                            "headers": {"X-User-Id": "rest-ingest"}})
                    phases.end(ph)
                    n_ok = len(one["ms"]) - one["errors"]
                    report["rest_ingest"][label] = {
                        "count": len(one["ms"]), "errors": one["errors"], "first_error": one["first_error"],
                        "per_s": round(n_ok / one["wall_s"], 1) if one["wall_s"] else None,
                        "request_ms": summarize(one["ms"])}
                batch_n = args.rest_ingest * 5
                sample = make_texts(batch_n, seed="rest-batch")
                ph = phases.start("rest_post_batch")
                many = await run_client({"url": url, "mode": "post_batch", "texts": sample, "batch": args.rest_batch,
                                         "warmup": 0, "headers": {"X-User-Id": "rest-ingest"}})
                phases.end(ph)
                report["rest_ingest"]["post_batch_messages"] = {
                    "count": batch_n, "batch": args.rest_batch, "errors": many["errors"],
                    "first_error": many["first_error"], "statuses": many["statuses"],
                    "per_s": round(batch_n / many["wall_s"], 1) if many["wall_s"] and not many["errors"] else None,
                    "request_ms": summarize(many["ms"])}
                log(f"REST ingest: one-by-one {report['rest_ingest']['post_one_by_one']['per_s']}/s, "
                    f"batch {report['rest_ingest']['post_batch_messages']['per_s']}/s")

            if args.profile and args.profile_ingest:
                from pyinstrument import Profiler

                texts = make_texts(args.profile_ingest, seed="profile-ingest")
                profiler = Profiler(interval=0.001, async_mode="enabled")
                profiler.start()
                res = await ingest(rt, Caller(account_id=ACCOUNT, user_id="profile"), texts, args.batch, timer)
                profiler.stop()
                path = profile_dir / "ingest.pyinstrument.txt"
                path.write_text(profiler.output_text(unicode=True, color=False, show_all=False))
                report["ingest"]["profiled_sample"] = {**res, "profile_file": str(path)}

            server.should_exit = True
    report["phases"] = phases.records
    report["peak_rss_mb"] = round(peak_rss_mb())
    # The HTTP clients' own peak (RUSAGE_CHILDREN would count the parent's pages of the pre-exec fork).
    report["http_client_peak_rss_mb"] = max(
        [h["child_peak_rss_mb"] for e in report["sizes"].values() for h in e.get("http", {}).values()] or [0])
    report["machine"]["load_at_end"] = os.getloadavg()
    if not args.keep and not args.data_dir:
        shutil.rmtree(data_dir, ignore_errors=True)
        report["config"]["data_dir_removed"] = True
    return report


def log(msg: str) -> None:
    print(f"  .. {time.strftime('%H:%M:%S')} {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Printing
# ---------------------------------------------------------------------------


def fmt_lat(s: dict[str, Any]) -> str:
    if not s or not s.get("n"):
        return "n/a"
    return f"p50 {s['p50']:7.2f}  p95 {s['p95']:7.2f}  mean {s['mean']:7.2f}  max {s['max']:7.2f} ms  (n={s['n']})"


def print_summary(r: dict[str, Any]) -> None:
    c, m = r["config"], r["machine"]
    print("=" * 100)
    print(f"search_latency: {m['cpus']} cpus, python {m['python']}, embedder {m.get('embedder')}, no reranker")
    print(f"load average at start {tuple(round(x, 2) for x in m['load_at_start'])}, "
          f"at end {tuple(round(x, 2) for x in m['load_at_end'])}")
    print(f"sizes {c['sizes']}, {c['queries']} queries per size after {c['warmup']} warm-up, limit {c['limit']}; "
          f"{c['other_accounts']} other accounts x {c['other_size']} memories")
    print("-" * 100)
    print("INGEST (service Memories.add, batches of %d)" % c["batch"])
    for name, ing in r["ingest"].items():
        calls = ", ".join(f"{k.split('.', 1)[1]} {v['ms_per_op']:.0f}" for k, v in list(ing["calls"].items())[:5])
        print(f"  {name:24s} {ing['count']:7d} in {ing['seconds']:7.1f} s = {ing['per_s']:7.1f} /s   "
              f"per batch ms: {calls}")
    for name, ing in r.get("rest_ingest", {}).items():
        print(f"  REST {name:23s} {ing['count']:5d}  {ing['per_s']} /s   request {fmt_lat(ing['request_ms'])}"
              + (f"  errors {ing['errors']}: {ing['first_error']}" if ing.get("errors") else ""))
    print("-" * 100)
    for size, e in r["sizes"].items():
        print(f"SIZE {int(size):,} memories in account 'local' user '{USER}' "
              f"({e['memories_total']:,} in all accounts; chroma local {e['chroma_count_local']:,}; "
              f"data dir {e['data_dir_mb']} MB)")
        sv, sa = e["service"], e["service_account_level"]
        print(f"  service (user filter)  {fmt_lat(sv['latency_ms'])}  results {sv['mean_results']}"
              + (f"  ERRORS {sv['errors']}: {sv['first_error']}" if sv["errors"] else ""))
        print(f"  service (account-wide) {fmt_lat(sa['latency_ms'])}   (caller user_id=None: no Chroma where)")
        for label, h in e["http"].items():
            print(f"  REST search {label[:-7]:10s} {fmt_lat(h['latency_ms'])}  results {h['mean_results']}"
                  + (f"  ERRORS {h['errors']}: {h['first_error']}" if h["errors"] else ""))
            print(f"  REST /health {label[:-7]:9s} {fmt_lat(h['health_ms'])}")
        nd, sl50 = e["http"].get("nodelay_socket", {}).get("latency_ms", {}), sv["latency_ms"].get("p50")
        if nd.get("p50") is not None and sl50 is not None:
            print(f"  HTTP overhead (REST nodelay p50 - service p50): {nd['p50'] - sl50:+.2f} ms")
        print("  by query kind (service): " + "; ".join(
            f"{k} p50 {v['p50']:.1f}/p95 {v['p95']:.1f}" for k, v in sv["by_kind"].items()))
        if sv["stages_ms"]:
            print("  trace stages p50/mean ms: " + ", ".join(
                f"{k} {v['p50']:.2f}/{v['mean']:.2f}" for k, v in sv["stages_ms"].items())
                  + f"; trace total p50 {sv['trace_total_ms'].get('p50')}")
        print("  calls during service search (per search: calls, ms each p50, ms/search):")
        for k, v in sv["calls"].items():
            print(f"      {k:32s} x{v['calls_per_op']:<5} p50 {v['p50']:7.2f}  p95 {v['p95']:7.2f}  "
                  f"= {v['ms_per_op']:7.2f} ms/search")
        comp = e.get("components_sync", {})
        if comp:
            print("  blocking pieces alone (no event loop):")
            for k, v in comp.items():
                if isinstance(v, dict) and "p50" in v:
                    print(f"      {k:32s} p50 {v['p50']:7.2f}  p95 {v['p95']:7.2f}  max {v['max']:7.2f} ms")
                else:
                    print(f"      {k:32s} {v}")
        if e.get("profile_file"):
            print(f"  profile: {e['profile_file']}")
        print()
    print("-" * 100)
    print("PHASES (load average 1/5/15 min before -> after, CPU use of this process)")
    for p in r["phases"]:
        print(f"  {p['phase']:36s} {p['wall_s']:8.1f} s  cpu {p['cpu_util']:.2f} cores  "
              f"load {p['load_before'][0]:.2f}/{p['load_before'][1]:.2f} -> "
              f"{p['load_after'][0]:.2f}/{p['load_after'][1]:.2f}  rss {p['rss_mb']} MB (peak {p['peak_rss_mb']})")
    print(f"PEAK RSS (ru_maxrss) of the benchmark process (server + runtime + embedder): {r['peak_rss_mb']} MB; "
          f"HTTP client child process peak {r['http_client_peak_rss_mb']} MB")
    print("targets for context (not asserted): search p95 <= 25 ms at 10k, <= 40 ms at 100k; "
          "batch ingest >= 200 memories/s")
    print("=" * 100)


def main() -> None:
    if "--_http-client" in sys.argv:
        http_client_main()
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=200, help="measured queries per size")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--other-accounts", type=int, default=2)
    ap.add_argument("--other-size", type=int, default=5000)
    ap.add_argument("--batch", type=int, default=256, help="memories per Memories.add call")
    ap.add_argument("--rest-ingest", type=int, default=200,
                    help="POST one by one this many; the batch path posts 5x as many (0: skip)")
    ap.add_argument("--rest-batch", type=int, default=250, help="messages per batch POST")
    ap.add_argument("--data-dir", default=None, help="reuse/keep this dir (default: a temp dir, removed)")
    ap.add_argument("--keep", action="store_true", help="keep the temp data dir")
    ap.add_argument("--json", default=None, help="write the full report here")
    ap.add_argument("--profile", action="store_true", help="pyinstrument reports of search (and ingest)")
    ap.add_argument("--profile-ingest", type=int, default=2048, help="memories ingested under the profiler")
    ap.add_argument("--profile-dir", default="/tmp/search_latency_profiles")
    args = ap.parse_args()

    import logging

    logging.basicConfig(level=logging.WARNING)
    import anyio

    report = anyio.run(run, args)
    print_summary(report)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2, default=str))
        print(f"JSON written to {args.json}")


if __name__ == "__main__":
    main()
