"""Every curl example of the OpenMemory document (seed 000) except config, run unchanged but for host,
port and ids, against a real server."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import ServerProcess

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_61de8f883d1fcfff.txt"
DOC_HOST = "http://localhost:3010"
# The document's memory ids, each mapped to a memory of our own; the two app ids to two apps of user001.
DOC_MEMORIES = ["7f3e525b-cd80-40b0-b1c8-176b73e71499", "fdc123df-3085-4078-a060-7d36ddc5e59e",
                "e04f3901-736b-43d3-8034-9af560e6d8ab", "539b9dba-059d-4fd4-9706-ffe3494df420",
                "875d3ee4-ad2b-433b-8d6f-e3b965733449", "3294ae31-6e68-4090-835a-432b8158f52f"]
DOC_APPS = {"30e92abc-b381-4a17-a4a2-18b24ce1f568": "openmemory", "02616c5b-ddea-4ee8-87f5-4491940da6c0": "claude"}
TEXTS = ["爱吃西瓜", "西瓜很甜", "爱吃香蕉", "喜欢喝茶", "喜欢跑步", "爱看电影"]

pytestmark = pytest.mark.skipif(not SEED.exists(), reason="the OpenMemory document is not beside the repo")


def doc_examples() -> list[str]:
    """The document's curl commands, in order, without the config section's."""
    commands, current = [], []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("curl ") or current:
            current.append(line)
            open_quote = "\n".join(current).count("'") % 2 == 1
            if not line.rstrip().endswith("\\") and not open_quote:
                commands.append("\n".join(current))
                current = []
    return [c for c in commands if "/api/v1/config" not in c]


def test_the_document_has_the_examples_we_expect() -> None:
    examples = doc_examples()
    assert len(examples) == 15
    assert sum("/api/v1/apps/" in e for e in examples) == 5 and any("/api/v1/stats/" in e for e in examples)


def test_every_documented_curl_example_works(live_server: ServerProcess) -> None:
    ids: dict[str, str] = {}
    for doc_id, text in zip(DOC_MEMORIES, TEXTS):
        app = "claude" if text == "喜欢跑步" else "openmemory"
        made = httpx.post(f"{live_server.url}/api/v1/memories/",
                          json={"user_id": "user001", "text": text, "infer": False, "app": app}).json()
        ids[doc_id] = made["id"]
        ids_by_app = {DOC_APPS[k]: k for k in DOC_APPS}
        ids[ids_by_app[app]] = made["app_id"]
    # One read by each app, so the access-log and accessed examples have something to show.
    httpx.post(f"{live_server.url}/tools/search_memory", json={"query": "西瓜"},
               headers={"X-User-Id": "user001", "X-Client-Name": "openmemory"})
    ran = []
    for command in doc_examples():
        runnable = command.replace(DOC_HOST, live_server.url)
        for doc_id, ours in ids.items():
            runnable = runnable.replace(doc_id, ours)
        done = subprocess.run(["bash", "-c", runnable.replace("curl ", "curl -s -w '\\n%{http_code}' ", 1)],
                              check=False, capture_output=True, text=True, timeout=60)
        body, _, status = done.stdout.rpartition("\n")
        first_line = re.sub(r"\s+", " ", command.splitlines()[0])
        assert status == "200", f"{first_line} -> {status} {body}"
        parsed = json.loads(body)
        assert not (isinstance(parsed, dict) and "detail" in parsed), first_line
        ran.append((first_line, parsed))
    assert len(ran) == len(doc_examples())
    created = ran[0][1]
    assert created["content"] == "爱吃瓜子" and created["state"] == "active"
    assert ran[1][1] == {"message": "Successfully deleted 2 memories"}
    assert ran[2][1]["categories"] == ["preferences"] and ran[3][1]["content"] == "喜欢吃香蕉"
    assert ran[4][1]["total"] >= 1 and ran[4][1]["logs"][0]["access_type"] == "search"
    assert ran[7][1] == {"message": "Successfully paused all memories"}
    assert ran[8][1]["total"] == 1 and ran[8][1]["items"][0]["content"] == "西瓜很甜"
    assert ran[11][1] == {"status": "success", "message": "Updated app details successfully"}
    assert ran[14][1]["total_apps"] == 2, ran[14][1]


def test_the_curl_walkthrough_runs(live_server: ServerProcess) -> None:
    script = Path(__file__).resolve().parents[1] / "clients" / "curl_openmemory.sh"
    done = subprocess.run(["bash", str(script), live_server.url], check=False, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    assert "every step answered as expected" in done.stdout
    assert "App claude is currently paused on OpenMemory" in done.stdout
    assert '"categories": [\n        "preferences"\n    ]' in done.stdout
