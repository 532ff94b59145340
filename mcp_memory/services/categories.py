"""OpenMemory categories: assigned to a memory when it is written or its text changes.

With an LLM configured it picks (and may coin) categories, as upstream
OpenMemory does; without one, or when the call fails, a keyword classifier
(English and Chinese) picks among OpenMemory's own names.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from mcp_memory.config import LLMSettings
from mcp_memory.llm import LLMError, complete_json
from mcp_memory.models import Memory
from mcp_memory.stores.categories import CategoryStore

logger = logging.getLogger(__name__)

# Upstream's names, lower-cased as upstream stores them. English words match as whole words,
# or with a plain suffix ("like" matches "likes", not "likely"); Chinese keywords match anywhere.
KEYWORDS: dict[str, tuple[str, ...]] = {
    "personal": ("family", "home", "hobby", "hobbies", "birthday", "my name", "live in", "born",
                 "家人", "家里", "爱好", "生日", "我叫", "名字", "住在", "出生", "老家", "宠物", "猫", "狗"),
    "relationships": ("friend", "wife", "husband", "girlfriend", "boyfriend", "partner", "colleague", "mother",
                      "father", "mom", "dad", "sister", "brother", "son", "daughter", "married",
                      "朋友", "妻子", "老婆", "丈夫", "老公", "女朋友", "男朋友", "同事", "妈妈", "爸爸", "母亲",
                      "父亲", "姐姐", "妹妹", "哥哥", "弟弟", "儿子", "女儿", "结婚"),
    "preferences": ("like", "love", "prefer", "favorite", "favourite", "enjoy", "hate", "dislike", "fond of",
                    "喜欢", "爱吃", "爱喝", "爱看", "爱玩", "偏好", "讨厌", "最爱", "不喜欢", "习惯", "口味", "爱"),
    "health": ("health", "allergic", "allergy", "doctor", "sleep", "diet", "exercise", "workout", "gym", "sick",
               "medicine", "fitness", "健康", "过敏", "医生", "睡眠", "失眠", "饮食", "减肥", "锻炼", "健身", "生病",
               "药", "医院", "跑步"),
    "travel": ("travel", "trip", "flight", "hotel", "vacation", "visit", "commute", "itinerary",
               "旅行", "旅游", "出差", "航班", "机票", "酒店", "度假", "通勤", "行程"),
    "work": ("work", "job", "company", "office", "boss", "manager", "career", "promotion", "salary", "engineer",
             "工作", "公司", "上班", "老板", "领导", "职业", "升职", "工程师", "职位"),
    "education": ("school", "university", "college", "course", "degree", "study", "studying", "learn", "exam",
                  "certification", "学校", "大学", "课程", "学位", "学习", "考试", "证书", "专业", "毕业"),
    "projects": ("project", "deadline", "milestone", "todo", "to-do", "task", "项目", "截止", "里程碑", "待办", "任务"),
    "ai, ml & technology": ("ai", "machine learning", "llm", "model", "python", "algorithm", "software", "code",
                            "programming", "gpu", "人工智能", "机器学习", "大模型", "模型", "算法", "编程", "代码",
                            "软件"),
    "technical support": ("bug", "error", "crash", "fix", "troubleshoot", "故障", "报错", "错误", "崩溃", "修复"),
    "finance": ("money", "income", "expense", "invest", "stock", "bank", "budget", "salary", "billing", "loan",
                "钱", "收入", "支出", "投资", "股票", "银行", "预算", "工资", "账单", "贷款", "理财"),
    "shopping": ("buy", "bought", "purchase", "order", "shop", "wishlist", "delivery", "return",
                 "买", "购买", "下单", "购物", "快递", "退货", "心愿单"),
    "legal": ("contract", "law", "legal", "lawyer", "policy", "regulation", "privacy", "合同", "法律", "律师",
              "政策", "法规", "隐私"),
    "entertainment": ("movie", "film", "music", "song", "game", "book", "novel", "concert", "show", "series",
                      "电影", "音乐", "歌", "游戏", "书", "小说", "演唱会", "综艺", "电视剧", "动漫"),
    "messages": ("email", "sms", "message", "reminder", "notification", "邮件", "短信", "消息", "提醒", "通知"),
    "customer support": ("ticket", "support", "inquiry", "refund", "客服", "工单", "咨询", "退款"),
    "product feedback": ("feedback", "rating", "review", "feature request", "反馈", "评分", "评价", "建议"),
    "news": ("news", "headline", "article", "trending", "新闻", "头条", "文章", "热搜"),
    "organization": ("meeting", "appointment", "calendar", "schedule", "会议", "开会", "预约", "日程", "日历", "安排"),
    "goals": ("goal", "plan to", "want to", "aim", "ambition", "dream", "objective", "目标", "计划", "打算", "梦想",
              "希望", "想要"),
}
CATEGORY_NAMES = tuple(KEYWORDS)

_LATIN = {name: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words if w.isascii()) + r")(?:s|es|d|ed|ing)?\b", re.IGNORECASE)
          for name, words in KEYWORDS.items()}
_CJK = {name: tuple(w for w in words if not w.isascii()) for name, words in KEYWORDS.items()}

PROMPT = (
    "Assign each numbered memory to one or more of these categories: " + ", ".join(CATEGORY_NAMES) + ". "
    "Use several when they apply; you may create a new short category name when none fits. "
    'Answer with JSON: {"items": [{"index": 1, "categories": ["..."]}, ...]}, one item per memory; '
    "an empty list for a memory that cannot be categorised."
)
SCHEMA = {
    "type": "object",
    "properties": {"items": {"type": "array", "items": {
        "type": "object",
        "properties": {"index": {"type": "integer"}, "categories": {"type": "array", "items": {"type": "string"}}},
        "required": ["index", "categories"],
    }}},
    "required": ["items"],
}


def keyword_categories(text: str) -> list[str]:
    """The categories whose keywords occur in `text`, in OpenMemory's order."""
    return [name for name in CATEGORY_NAMES
            if _LATIN[name].search(text) or any(word in text for word in _CJK[name])]


class Categorizer:
    def __init__(self, store: CategoryStore, llm: Callable[[], LLMSettings]) -> None:
        self.store = store
        self.llm = llm  # read on each call: the LLM can be reconfigured while running

    async def categorize(self, texts: Sequence[str]) -> list[list[str]]:
        """Category names for each text: one LLM call for the batch, keywords where the model gives none."""
        settings = self.llm()
        chosen: dict[int, list[str]] = {}
        if settings.model and texts:
            numbered = "\n".join(f"{i}. {text}" for i, text in enumerate(texts, start=1))
            try:
                data = await complete_json(settings, PROMPT, numbered, SCHEMA, name="categories")
                for item in data.get("items") or []:
                    names = [str(c).strip().lower() for c in item.get("categories") or [] if str(c).strip()]
                    if isinstance(item.get("index"), int) and names:
                        chosen[item["index"] - 1] = list(dict.fromkeys(n[:100] for n in names))[:10]
            except (LLMError, AttributeError, TypeError) as exc:  # unusable output: keywords instead
                logger.warning("categorising by LLM failed, using keywords: %s", exc)
        return [chosen.get(i) or keyword_categories(text) for i, text in enumerate(texts)]

    async def assign(self, memories: Sequence[Memory]) -> dict[str, list[str]]:
        """Categorise each memory by its text and store the links; returns the names per memory id."""
        out = {}
        for mem, names in zip(memories, await self.categorize([m.content for m in memories])):
            await self.store.assign(mem.tenant_id, mem.user_id, mem.id, names)
            out[mem.id] = names
        return out
