"""Statistics and live configuration (omem's section 六)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from mcp_memory.config import STAGES, mask_secret
from mcp_memory.services.decay import DEMOTION, PROMOTION, TIERS
from mcp_memory.registry import REGISTRY, Ctx, NoArgs

_ADMISSION = {
    "presets": {"balanced": {"reject": 0.45, "admit": 0.60}, "conservative": {"reject": 0.52, "admit": 0.68},
                "high_recall": {"reject": 0.34, "admit": 0.52}},
    "weights": {"utility": 0.1, "confidence": 0.1, "novelty": 0.1, "recency": 0.1, "type_prior": 0.6},
}
_SPACES = {"search_weights": {"personal": 1.0, "team": 0.8, "organization": 0.6}, "max_spaces_per_user": 20,
           "max_members_per_team": 50}


class ConfigStatsOut(BaseModel):
    decay: dict[str, Any]
    promotion: dict[str, Any]
    demotion: dict[str, Any]
    retrieval: dict[str, Any]
    admission: dict[str, Any]
    spaces: dict[str, Any]
    categories: list[str]
    tiers: list[str]
    memory_types: list[str]
    states: list[str]
    relation_types: list[str]


@REGISTRY.operation(title="Configuration", read_only=True, idempotent=True, mcp=False)
async def stats_config(ctx: Ctx, args: NoArgs) -> ConfigStatsOut:
    """The live configuration: decay parameters, the retrieval pipeline's settings, admission thresholds."""
    r = ctx.runtime.settings.retrieval
    retrieval = {
        "stages": list(STAGES),
        "disabled_stages": list(r.disabled_stages),
        "default_min_score": r.default_min_score,
        "rrf_k": r.rrf_k,
        "vector_weight": r.vector_weight,
        "bm25_weight": r.bm25_weight,
        **r.model_dump(exclude={"disabled_stages", "default_min_score", "rrf_k", "vector_weight", "bm25_weight",
                                "rerank_api_key"}),
        "rerank_api_key": mask_secret(r.rerank_api_key),
    }
    return ConfigStatsOut(
        decay=ctx.runtime.tiers.model.params.as_config(), promotion=PROMOTION, demotion=DEMOTION, retrieval=retrieval, admission=_ADMISSION,
        spaces=_SPACES, categories=["profile", "preferences", "entities", "events", "cases", "patterns"],
        tiers=["core", "working", "peripheral"], memory_types=["pinned", "insight", "session"],
        states=["active", "archived", "deleted"], relation_types=["supersedes", "contextualizes", "supports",
                                                                  "contradicts"],
    )


class DecayIn(BaseModel):
    memory_id: str = Field(min_length=1, max_length=200)
    points: int = Field(default=90, ge=1, le=3650, description="Days of curve to return.")


class DecayOut(BaseModel):
    memory_id: str
    tier: str
    importance: float
    confidence: float
    access_count: int
    last_accessed_hours_ago: float
    current_strength: float
    composite_score: float
    decay_params: dict[str, float]
    decay_curve: list[dict[str, float]]
    promotion_thresholds: dict[str, Any]
    demotion_thresholds: dict[str, Any]


@REGISTRY.operation(title="Decay curve", read_only=True, idempotent=True, mcp=False)
async def stats_decay(ctx: Ctx, args: DecayIn) -> DecayOut:
    """A memory's Weibull decay curve, its current strength and composite score."""
    memory = await ctx.runtime.memories.get(ctx.caller, args.memory_id)
    tiers = ctx.runtime.tiers
    model, now = tiers.model, tiers.clock()
    idle = model.idle_days(memory, now)
    beta, floor = TIERS.get(memory.tier, TIERS["peripheral"])
    return DecayOut(
        memory_id=memory.id, tier=memory.tier, importance=memory.importance, confidence=memory.confidence,
        access_count=memory.access_count, last_accessed_hours_ago=round(idle * 24, 2),
        current_strength=round(model.recency(memory, idle), 4), composite_score=round(model.composite(memory, now), 4),
        decay_params={"beta": beta, "half_life_days": round(model.half_life(memory.importance), 3),
                      "lambda": round(model.rate(memory.importance, memory.tier), 5), "floor": floor,
                      "importance_modulation": model.params.importance_modulation},
        decay_curve=model.curve(memory, args.points),
        promotion_thresholds={"to_working": {"access_count": PROMOTION["peripheral_to_working"]["min_access_count"],
                                             "composite": PROMOTION["peripheral_to_working"]["min_composite"]},
                              "to_core": {"access_count": PROMOTION["working_to_core"]["min_access_count"],
                                          "composite": PROMOTION["working_to_core"]["min_composite"],
                                          "importance": PROMOTION["working_to_core"]["min_importance"]}},
        demotion_thresholds={"core_to_working": {"composite": DEMOTION["core_to_working"]["max_composite"]},
                             "working_to_peripheral": {"composite": DEMOTION["working_to_peripheral"][
                                 "max_composite"]}},
    )
