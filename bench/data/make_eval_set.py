"""Build the retrieval evaluation set: bench/data/eval_memories.jsonl and eval_queries.jsonl.

    .venv/bin/python bench/data/make_eval_set.py          # writes both files next to this script
    .venv/bin/python bench/data/make_eval_set.py --check  # rebuilds in memory, fails if the files differ

The relevant memories and many hard negatives are hand-written (facts_en.py,
facts_zh.py); distractors come from templates (distractors.py) filled by a
seeded random.Random, so the output is byte-for-byte identical on every run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import distractors  # noqa: E402
import facts_en  # noqa: E402
import facts_zh  # noqa: E402

SEED = 20240611
# memories per user (hand-written + distractors)
TARGET = {"maya": 380, "daniel": 350, "priya": 340, "tom": 310, "lina": 400, "chenwei": 370}
TICKET_PREFIXES = {
    "maya": ["PAY", "PLAT", "ATLAS"], "daniel": ["IT", "SCI"], "priya": ["WF", "GROW"], "tom": ["INV", "WO"],
    "lina": ["UX", "DS"], "chenwei": ["MES", "QA", "ECN"],
}
KINDS = ["paraphrase", "keyword", "name", "number_date", "long", "near_duplicate", "chinese", "cross_lingual"]
_CJK = re.compile(r"[\u3400-\u9fff]")


def lang_of(text: str) -> str:
    return "zh" if _CJK.search(text) else "en"


def build() -> tuple[list[dict], list[dict]]:
    rng = random.Random(SEED)
    memories: list[dict] = []
    queries: list[dict] = []
    for user in facts_en.USERS + facts_zh.USERS:
        uid = user["id"]
        facts: dict[str, str] = user["facts"]
        texts = list(facts.values())
        if len(set(texts)) != len(texts):
            raise SystemExit(f"{uid}: duplicate hand-written memory text")
        taken = set(re.findall(r"\d{4}", " ".join(texts)))
        persona = dict(user["persona"], ticket_prefixes=TICKET_PREFIXES[uid])
        n_distract = TARGET[uid] - len(facts)
        fillers = distractors.generate(persona, user["lang"], n_distract, rng, set(texts), taken)

        # one pool, shuffled so hand-written facts are not clustered; ids follow the shuffled order
        pool = [("fact", key, text) for key, text in facts.items()] + [("distractor", None, t) for t in fillers]
        rng.shuffle(pool)
        key_to_id: dict[str, str] = {}
        for n, (origin, key, text) in enumerate(pool, start=1):
            mid = f"{uid}-{n:04d}"
            if key is not None:
                key_to_id[key] = mid
            memories.append({
                "id": mid,
                "user": uid,
                "content": text,
                "created_days_ago": rng.randint(0, 540),
                "importance": rng.choice([0.3, 0.4, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9]),
                "origin": origin,
            })

        for n, (kind, query, keys) in enumerate(user["queries"], start=1):
            if kind not in KINDS:
                raise SystemExit(f"{uid}: unknown kind {kind!r}")
            missing = [k for k in keys if k not in key_to_id]
            if missing or not keys:
                raise SystemExit(f"{uid}: query {query!r} names unknown memories {missing}")
            queries.append({
                "id": f"q-{uid}-{n:03d}",
                "user": uid,
                "query": query,
                "relevant": [key_to_id[k] for k in keys],
                "kind": kind,
                "lang": lang_of(query),
            })
    return memories, queries


def dump(rows: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def summary(memories: list[dict], queries: list[dict]) -> str:
    lines = [f"memories: {len(memories)}  queries: {len(queries)}"]
    per_user = Counter(m["user"] for m in memories)
    lines.append("memories per user: " + ", ".join(f"{u}={c}" for u, c in per_user.items()))
    lines.append("memories per lang: " + ", ".join(f"{k}={v}" for k, v in Counter(lang_of(m["content"]) for m in memories).items()))
    lines.append("long memories (>300 chars): " + str(sum(len(m["content"]) > 300 for m in memories)))
    lines.append("queries per kind: " + ", ".join(f"{k}={v}" for k, v in Counter(q["kind"] for q in queries).items()))
    lines.append("queries per lang: " + ", ".join(f"{k}={v}" for k, v in Counter(q["lang"] for q in queries).items()))
    lines.append("queries per user: " + ", ".join(f"{k}={v}" for k, v in Counter(q["user"] for q in queries).items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="fail if the files on disk differ from a fresh build")
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write into (default: this folder)")
    args = parser.parse_args()
    memories, queries = build()
    files = {"eval_memories.jsonl": dump(memories), "eval_queries.jsonl": dump(queries)}
    if args.check:
        stale = [name for name, text in files.items()
                 if not (args.out / name).exists() or (args.out / name).read_text(encoding="utf-8") != text]
        if stale:
            raise SystemExit(f"out of date: {', '.join(stale)} (run make_eval_set.py)")
        print("eval set is up to date")
    else:
        for name, text in files.items():
            (args.out / name).write_text(text, encoding="utf-8")
    print(summary(memories, queries))


if __name__ == "__main__":
    main()
