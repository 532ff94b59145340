"""The Weibull decay model against hand-computed values, tier moves, and GET /v1/stats/decay."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from mcp_memory.caller import Caller
from mcp_memory.runtime import Runtime
from mcp_memory.services.decay import DecayModel
from mcp_memory.services.memories import NewMemory
from mcp_memory.stores.ledger import TierRow

pytestmark = pytest.mark.anyio

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
ALICE = Caller(user_id="alice")


def row(tier: str = "peripheral", importance: float = 0.5, access_count: int = 0, days_idle: float = 0) -> TierRow:
    stamp = (NOW - timedelta(days=days_idle)).isoformat()
    return TierRow(id="m", tier=tier, importance=importance, access_count=access_count, created_at=stamp,
                   last_accessed_at=None)


def test_strength_halves_its_decaying_part_at_the_half_life() -> None:
    model = DecayModel()
    memory = row()  # peripheral: beta 1.8, floor 0.05; importance 0.5 stretches 14 days to 17.5
    assert model.half_life(0.5) == pytest.approx(17.5)
    assert model.recency(memory, 0) == pytest.approx(1.0)
    assert model.recency(memory, 17.5) == pytest.approx(0.05 + 0.95 * 0.5)
    lam = math.log(2) ** (1 / 1.8) / 17.5
    assert model.recency(memory, 40) == pytest.approx(0.05 + 0.95 * math.exp(-((lam * 40) ** 1.8)))
    assert model.recency(memory, 3650) == pytest.approx(0.05, abs=1e-6)  # never below the tier's floor


def test_core_memories_fade_slower_and_keep_a_higher_floor() -> None:
    model = DecayModel()
    core, peripheral = row(tier="core"), row(tier="peripheral")
    assert model.recency(core, 60) > model.recency(peripheral, 60)
    assert model.recency(core, 10_000) == pytest.approx(0.4, abs=1e-3)


def test_composite_weights_recency_frequency_and_importance() -> None:
    model = DecayModel()
    fresh = row(importance=0.8, access_count=20)
    assert model.composite(fresh, NOW) == pytest.approx(0.4 * 1.0 + 0.3 * 1.0 + 0.3 * 0.8)


def test_promotion_and_demotion_thresholds() -> None:
    model = DecayModel()
    assert model.next_tier(row(access_count=3), NOW) == "working"
    assert model.next_tier(row(access_count=2), NOW) == "peripheral"
    assert model.next_tier(row(tier="working", importance=0.9, access_count=12), NOW) == "core"
    assert model.next_tier(row(tier="working", importance=0.5, access_count=12), NOW) == "working"
    assert model.next_tier(row(tier="working", importance=0.0, days_idle=400), NOW) == "peripheral"
    assert model.next_tier(row(tier="core", importance=0.0, days_idle=400), NOW) == "core"  # core floor 0.4


async def test_use_promotes_and_the_schedule_demotes(runtime: Runtime) -> None:
    [used] = await runtime.memories.add(ALICE, [NewMemory(content="Plays the cello in an orchestra")])
    [idle] = await runtime.memories.add(ALICE, [NewMemory(content="Once mentioned a parking fine", importance=0.0)])
    for _ in range(3):
        await runtime.memories.search(ALICE, "cello orchestra", limit=1)
    await runtime.access.flush()
    assert (await runtime.memories.get(ALICE, used.id)).tier == "working"

    await runtime.ledger.set_tiers({idle.id: "working"})
    later = datetime.now(timezone.utc) + timedelta(days=400)
    runtime.tiers.clock = lambda: later
    moved = await runtime.tiers.refresh()
    assert moved.get("peripheral", 0) >= 1
    assert (await runtime.memories.get(ALICE, idle.id)).tier == "peripheral"


async def test_decay_route_returns_the_documented_shape(client: httpx.AsyncClient, runtime: Runtime) -> None:
    [memory] = await runtime.memories.add(Caller(), [NewMemory(content="Likes jazz", importance=0.75)])
    resp = await client.get(f"/v1/stats/decay?memory_id={memory.id}&points=90")
    body = resp.json()
    assert resp.status_code == 200
    assert {"memory_id", "tier", "importance", "confidence", "access_count", "last_accessed_hours_ago",
            "current_strength", "composite_score", "decay_params", "decay_curve", "promotion_thresholds",
            "demotion_thresholds"} <= body.keys()
    assert set(body["decay_params"]) == {"beta", "half_life_days", "lambda", "floor", "importance_modulation"}
    curve = body["decay_curve"]
    assert len(curve) == 90 and curve[0] == {"day": 0, "strength": 1.0}
    assert all(a["strength"] >= b["strength"] for a, b in zip(curve, curve[1:]))
    assert body["promotion_thresholds"]["to_core"] == {"access_count": 10, "composite": 0.7, "importance": 0.8}
    assert (await client.get("/v1/stats/decay?memory_id=nope")).status_code == 404
    assert (await client.get("/v1/stats/decay")).status_code == 400
