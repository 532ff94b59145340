"""Statistics and live configuration (omem's section 六)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from mcp_memory.config import STAGES
from mcp_memory.registry import REGISTRY, Ctx, NoArgs

# Documented defaults for the parts of the lifecycle that are not configurable yet.
_DECAY = {
    "half_life_days": 14.0, "importance_modulation": 0.5, "recency_weight": 0.4, "frequency_weight": 0.3,
    "intrinsic_weight": 0.3,
    "tiers": {"core": {"beta": 0.8, "floor": 0.4}, "working": {"beta": 1.2, "floor": 0.2},
              "peripheral": {"beta": 1.8, "floor": 0.05}},
}
_PROMOTION = {
    "peripheral_to_working": {"min_access_count": 3, "min_composite": 0.4},
    "working_to_core": {"min_access_count": 10, "min_composite": 0.7, "min_importance": 0.8},
}
_DEMOTION = {"core_to_working": {"max_composite": 0.15}, "working_to_peripheral": {"max_composite": 0.15}}
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
        "rerank_api_key": "***" if r.rerank_api_key and not r.rerank_api_key.startswith("env:") else r.rerank_api_key,
    }
    return ConfigStatsOut(
        decay=_DECAY, promotion=_PROMOTION, demotion=_DEMOTION, retrieval=retrieval, admission=_ADMISSION,
        spaces=_SPACES, categories=["profile", "preferences", "entities", "events", "cases", "patterns"],
        tiers=["core", "working", "peripheral"], memory_types=["pinned", "insight", "session"],
        states=["active", "archived", "deleted"], relation_types=["supersedes", "contextualizes", "supports",
                                                                  "contradicts"],
    )
