"""The Weibull decay model and memory tiers (omem's decay parameters).

A memory's recency strength decays as

    recency(t) = floor + (1 - floor) * exp(-(lambda * t) ** beta)

where t is days since it was last used, beta and floor depend on its tier
(core decays slowest and never below 0.4), and lambda is chosen so that the
decaying part halves at the memory's half-life: the base half-life (14 days)
stretched by importance (x (1 + modulation * importance)). The composite
score mixes recency, frequency of use and intrinsic importance, and drives
promotion and demotion between tiers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Protocol


class Decaying(Protocol):
    tier: str
    importance: float
    access_count: int
    created_at: str
    last_accessed_at: str | None


TIERS = {"core": (0.8, 0.4), "working": (1.2, 0.2), "peripheral": (1.8, 0.05)}  # beta, floor


@dataclass(frozen=True)
class DecayParams:
    half_life_days: float = 14.0
    importance_modulation: float = 0.5
    recency_weight: float = 0.4
    frequency_weight: float = 0.3
    intrinsic_weight: float = 0.3
    frequency_saturation: int = 20

    def as_config(self) -> dict[str, Any]:
        return {
            "half_life_days": self.half_life_days, "importance_modulation": self.importance_modulation,
            "recency_weight": self.recency_weight, "frequency_weight": self.frequency_weight,
            "intrinsic_weight": self.intrinsic_weight,
            "tiers": {tier: {"beta": beta, "floor": floor} for tier, (beta, floor) in TIERS.items()},
        }


PROMOTION = {"peripheral_to_working": {"min_access_count": 3, "min_composite": 0.4},
             "working_to_core": {"min_access_count": 10, "min_composite": 0.7, "min_importance": 0.8}}
DEMOTION = {"core_to_working": {"max_composite": 0.15}, "working_to_peripheral": {"max_composite": 0.15}}


def _days_since(stamp: str, now: datetime) -> float:
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return 0.0
    if then.tzinfo is None:
        then = then.replace(tzinfo=timezone.utc)
    return max((now - then).total_seconds() / 86400.0, 0.0)


class DecayModel:
    def __init__(self, params: DecayParams | None = None) -> None:
        self.params = params or DecayParams()

    def half_life(self, importance: float) -> float:
        return self.params.half_life_days * (1.0 + self.params.importance_modulation * importance)

    def rate(self, importance: float, tier: str) -> float:
        beta, _ = TIERS.get(tier, TIERS["peripheral"])
        return math.log(2.0) ** (1.0 / beta) / self.half_life(importance)

    def recency(self, memory: Decaying, days: float) -> float:
        beta, floor = TIERS.get(memory.tier, TIERS["peripheral"])
        lam = self.rate(memory.importance, memory.tier)
        return floor + (1.0 - floor) * math.exp(-((lam * days) ** beta))

    def frequency(self, access_count: int) -> float:
        return min(math.log1p(access_count) / math.log1p(self.params.frequency_saturation), 1.0)

    def idle_days(self, memory: Decaying, now: datetime) -> float:
        return _days_since(memory.last_accessed_at or memory.created_at, now)

    def composite(self, memory: Decaying, now: datetime) -> float:
        p = self.params
        return (p.recency_weight * self.recency(memory, self.idle_days(memory, now))
                + p.frequency_weight * self.frequency(memory.access_count)
                + p.intrinsic_weight * memory.importance)

    def curve(self, memory: Decaying, points: int) -> list[dict[str, float]]:
        return [{"day": day, "strength": round(self.recency(memory, day), 4)} for day in range(points)]

    def next_tier(self, memory: Decaying, now: datetime) -> str:
        """The tier the memory belongs in now: promotion on use, demotion when it fades."""
        composite = self.composite(memory, now)
        tier = memory.tier
        up1, up2 = PROMOTION["peripheral_to_working"], PROMOTION["working_to_core"]
        if tier == "peripheral" and memory.access_count >= up1["min_access_count"] and composite >= up1[
                "min_composite"]:
            tier = "working"
        if (tier == "working" and memory.access_count >= up2["min_access_count"]
                and composite >= up2["min_composite"] and memory.importance >= up2["min_importance"]):
            return "core"
        if tier == memory.tier == "core" and composite <= DEMOTION["core_to_working"]["max_composite"]:
            return "working"
        if tier == memory.tier == "working" and composite <= DEMOTION["working_to_peripheral"]["max_composite"]:
            return "peripheral"
        return tier
