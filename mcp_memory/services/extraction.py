"""Turning conversation turns into atomic facts: by an LLM when configured, by rules otherwise.

The rules are deliberately simple and predictable: each statement the user
made (not questions, not pleasantries) becomes a fact, with a category and an
importance guessed from its words. They keep `smart` ingest useful on a
laptop with no model; results say which method produced them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mcp_memory.config import LLMSettings
from mcp_memory.llm import complete_json

CATEGORIES = ("profile", "preferences", "entities", "events", "cases", "patterns")


@dataclass
class Fact:
    content: str
    category: str = "preferences"
    tags: list[str] = field(default_factory=list)
    importance: float = 0.5
    confidence: float = 0.5
    l0_abstract: str = ""
    l1_overview: str = ""
    l2_content: str = ""


# -- rules ----------------------------------------------------------------------

# A Latin sentence ends at . ! ? followed by a space (not inside "settings.py" or "2.5"); a CJK one at 。！？.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])|\n+")
_ABBREVIATION = re.compile(r"\b(st|dr|mr|mrs|ms|prof|jr|sr|mt|vs|etc|e\.g|i\.e)\.$", re.IGNORECASE)
_PLEASANTRY = re.compile(
    r"^(hi|hello|hey|thanks|thank you|ok|okay|sure|yes|no|bye|good (morning|night)|haha|lol|wow|cool|great|"
    r"nice one|i'm (fine|good|ok)|你好|谢谢|好的|嗯|再见|哈哈)\b",
    re.IGNORECASE,
)
_CONTRACTION = re.compile(r"\b(i'm|i've|i'd|i'll)\b", re.IGNORECASE)
_RULES: list[tuple[str, float, re.Pattern[str]]] = [
    ("profile", 0.8, re.compile(
        r"\b(my name is|i am|i'm|i (now )?work|(i|we) (now |still )?live in|years old|born in|my job|i studied|"
        r"my birthday)\b"
        r"|我叫|我是|我在.{0,12}(工作|上班|上学)|住在|出生|岁", re.IGNORECASE)),
    ("preferences", 0.7, re.compile(
        r"\b(i (really )?(like|love|prefer|enjoy|hate|dislike|can't stand)|favou?rite|i'd rather|not a fan)\b"
        r"|喜欢|爱吃|讨厌|偏好|最爱|不爱|受不了", re.IGNORECASE)),
    ("patterns", 0.6, re.compile(
        r"\b(usually|always|every (day|morning|week|night)|often|tend to|never)\b|通常|每天|总是|经常|一般",
        re.IGNORECASE)),
    ("entities", 0.65, re.compile(
        r"\bmy (wife|husband|partner|son|daughter|kid|mom|mother|dad|father|brother|sister|friend|boss|"
        r"colleague|dog|cat|pet|team|company|car)\b|我(老婆|老公|妻子|丈夫|儿子|女儿|妈|爸|哥|姐|弟|妹|朋友|同事|老板|狗|猫)",
        re.IGNORECASE)),
    ("cases", 0.55, re.compile(
        r"\b(fixed|solved|resolved|the (bug|issue|error|problem)|workaround|turned out)\b|解决|修好|报错|问题是",
        re.IGNORECASE)),
    ("events", 0.5, re.compile(
        r"\b(yesterday|today|tomorrow|last (week|month|year)|next (week|month|year)|on (monday|tuesday|wednesday|"
        r"thursday|friday|saturday|sunday)|went|visited|moved|started|finished|\d{4}-\d{2}-\d{2})\b"
        r"|昨天|今天|明天|上周|下周|去年|明年|刚刚", re.IGNORECASE)),
]
_EMPHASIS = re.compile(r"\b(remember|important|don't forget|never forget)\b|记住|重要|别忘了", re.IGNORECASE)


def _is_statement(sentence: str) -> bool:
    text = sentence.strip()
    if text.endswith(("?", "？")) or _PLEASANTRY.match(text):
        return False
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return cjk >= 4 or len(_CONTRACTION.sub("i x", text).split()) >= 3  # "I'm vegetarian" is three words


def categorise(sentence: str) -> tuple[str, float]:
    """The first matching rule's category and importance; plain statements count as events."""
    for category, importance, pattern in _RULES:
        if pattern.search(sentence):
            break
    else:
        category, importance = "events", 0.4
    if _EMPHASIS.search(sentence):
        importance = min(importance + 0.15, 1.0)
    return category, importance


def sentences(text: str) -> list[str]:
    """Split on sentence ends, but not after abbreviations ("St. Mary's", "Dr. Lee")."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        part = piece.strip()
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out


def heuristic_facts(messages: list[tuple[str, str]], max_facts: int) -> list[Fact]:
    """Statements from the user's turns, in order, without repeats."""
    facts: list[Fact] = []
    seen: set[str] = set()
    for role, content in messages:
        if role != "user":
            continue
        for sentence in sentences(content):
            key = sentence.lower().rstrip(".!。！")
            if not _is_statement(sentence) or key in seen:
                continue
            seen.add(key)
            category, importance = categorise(sentence)
            facts.append(Fact(content=sentence, category=category, importance=importance, confidence=0.6,
                              l0_abstract=sentence[:120], l1_overview=sentence, l2_content=sentence))
            if len(facts) >= max_facts:
                return facts
    return facts


# -- LLM ------------------------------------------------------------------------

FACTS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "facts": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "content": {"type": "string"},
                    "category": {"type": "string", "enum": list(CATEGORIES)},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "importance": {"type": "number"},
                    "confidence": {"type": "number"},
                    "l0_abstract": {"type": "string"},
                    "l1_overview": {"type": "string"},
                    "l2_content": {"type": "string"},
                },
                "required": ["content", "category"],
            },
        }
    },
    "required": ["facts"],
}

SYSTEM_PROMPT = """You extract durable memories about the user from a conversation.
Return JSON {"facts": [...]}. Each fact is one self-contained statement about the user, written in the
language the user used, understandable without the conversation (resolve "it", "there", "him").
Only facts worth remembering in later conversations: identity and circumstances (profile), likes and
dislikes (preferences), people, pets, places, projects and things in their life (entities), things that
happened or are planned, with dates when given (events), problems and how they were solved (cases), habits
and recurring behaviour (patterns). Skip pleasantries, questions, and what the assistant said unless the
user confirmed it. For each fact give: content; category (profile, preferences, entities, events, cases,
patterns); tags (a few lowercase keywords); importance and confidence (0 to 1); l0_abstract (one line);
l1_overview (a short paragraph); l2_content (the full detail). Return at most {max_facts} facts."""


def _clip(value: Any, default: float) -> float:
    try:
        return min(max(float(value), 0.0), 1.0)
    except (TypeError, ValueError):
        return default


async def llm_facts(
    settings: LLMSettings, messages: list[tuple[str, str]], entity_context: str | None = None,
    custom_instructions: str | None = None, mock_response: str | None = None,
) -> list[Fact]:
    """Facts from the model; raises `LLMError` when the call or its output fails."""
    system = SYSTEM_PROMPT.replace("{max_facts}", str(settings.max_facts))
    if custom_instructions:
        system += f"\n\nAdditional instructions from the operator:\n{custom_instructions}"
    transcript = "\n".join(f"{role}: {content}" for role, content in messages)
    user = (f"Context about the people and things involved:\n{entity_context}\n\n" if entity_context else "")
    user += f"Conversation:\n{transcript}"
    data = await complete_json(settings, system, user, FACTS_SCHEMA, name="facts", mock_response=mock_response)
    facts: list[Fact] = []
    for item in data.get("facts", [])[: settings.max_facts]:
        if not isinstance(item, dict) or not str(item.get("content", "")).strip():
            continue
        content = str(item["content"]).strip()
        category = item.get("category") if item.get("category") in CATEGORIES else categorise(content)[0]
        facts.append(Fact(
            content=content,
            category=category,
            tags=[str(t) for t in item.get("tags", []) if isinstance(t, str)][:10],
            importance=_clip(item.get("importance"), 0.5),
            confidence=_clip(item.get("confidence"), 0.7),
            l0_abstract=str(item.get("l0_abstract") or content[:120]),
            l1_overview=str(item.get("l1_overview") or content),
            l2_content=str(item.get("l2_content") or content),
        ))
    return facts
