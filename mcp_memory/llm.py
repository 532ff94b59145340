"""The one place litellm is imported.

Imported bare, litellm fetches a model price list from the internet (and
retries for seconds when offline) and prints help banners to stdout, which
would corrupt MCP's stdio transport. Everything that needs litellm calls
`litellm_module()`, which switches both off first. The import costs ~2 s, so
it happens only when a provider is actually configured.
"""

from __future__ import annotations

import os
from functools import cache
from types import ModuleType


@cache
def litellm_module() -> ModuleType:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    import litellm

    litellm.suppress_debug_info = True
    return litellm
