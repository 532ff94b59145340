#!/usr/bin/env bash
# A walk through the Memokit API (/memokit/v1) with curl, against a running `mcp-memory serve`.
#
#   mcp-memory serve &                       # http://127.0.0.1:8765
#   clients/curl_memokit.sh                  # or: clients/curl_memokit.sh http://127.0.0.1:9000
#
# A Memokit client only changes its base URL (https://api.memokit.dev/v1 -> <server>/memokit/v1) and uses a
# tenant key as its Bearer key. This script creates a tenant for the key, then creates, searches, lists,
# reads and permanently deletes memories, and shows the documented errors. Each step prints its request
# and the JSON answer, and stops the walk if the status is not the expected one. Needs curl and python3.
set -euo pipefail

SERVER="${1:-${MCP_MEMORY_URL:-http://127.0.0.1:8765}}"
SERVER="${SERVER%/}"
BASE="$SERVER/memokit/v1"
PYTHON="${PYTHON:-python3}"

# pick KEY: read a top-level field (or "items.0.id"-style path) from the JSON on stdin.
pick() {
    "$PYTHON" -c '
import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[int(key)] if isinstance(value, list) else value.get(key)
print(value if isinstance(value, str) else json.dumps(value))' "$1"
}

# call EXPECTED_STATUS METHOD URL [curl args...]: print the exchange; the body lands in $BODY.
call() {
    local expected=$1 method=$2 url=$3 out status
    shift 3
    echo
    echo "\$ curl -X $method '$url' ${*//$KEY/\$KEY}"
    out=$(curl -sS -X "$method" "$url" -w '\n%{http_code}' "$@")
    status=${out##*$'\n'}
    BODY=${out%$'\n'*}
    echo "HTTP $status"
    if [[ -n $BODY ]]; then printf '%s\n' "$BODY" | "$PYTHON" -m json.tool --no-ensure-ascii; fi
    if [[ $status != "$expected" ]]; then
        echo "curl_memokit: expected HTTP $expected from $method $url, got $status" >&2
        exit 1
    fi
}

KEY=unset
echo "# A tenant, for its API key (sent as Authorization: Bearer)"
call 200 POST "$SERVER/v1/tenants" -H 'Content-Type: application/json' -d '{"name": "memokit-walkthrough"}'
KEY=$(printf '%s' "$BODY" | pick api_key)
AUTH=(-H "Authorization: Bearer $KEY" -H 'Content-Type: application/json')

echo
echo "# Create memories"
call 201 POST "$BASE/memories" "${AUTH[@]}" -d '{
    "content": "用户提到他们偏好用 Python 做数据科学工作",
    "userId": "user_123",
    "agentId": "agent_456",
    "tags": ["偏好", "编程"],
    "metadata": {"source": "chat", "sessionId": "sess_789"}
  }'
ID=$(printf '%s' "$BODY" | pick id)
call 201 POST "$BASE/memories" "${AUTH[@]}" \
    -d '{"content": "用户说他们用 JavaScript 做 Web 开发", "userId": "user_123", "tags": ["编程"]}'
call 201 POST "$BASE/memories" "${AUTH[@]}" \
    -d '{"content": "The user prefers dark mode in every editor", "userId": "user_123", "tags": ["preferences"]}'

echo
echo "# Search (threshold: minimum similarity 0-1, default 0.5; tags: AND)"
call 200 POST "$BASE/memories/search" "${AUTH[@]}" \
    -d '{"query": "用户偏好什么编程语言?", "userId": "user_123", "limit": 5, "threshold": 0.6}'
call 200 POST "$BASE/memories/search" "${AUTH[@]}" \
    -d '{"query": "programming", "tags": ["偏好", "编程"], "threshold": 0}'

echo
echo "# List, one page at a time"
call 200 GET "$BASE/memories?userId=user_123&limit=2" "${AUTH[@]}"
call 200 GET "$BASE/memories?userId=user_123&limit=2&page=2" "${AUTH[@]}"
call 200 GET "$BASE/memories?tags=%E7%BC%96%E7%A8%8B" "${AUTH[@]}"

echo
echo "# Get one"
call 200 GET "$BASE/memories/$ID" "${AUTH[@]}"

echo
echo "# Errors: one shape, {\"error\": {\"code\", \"message\"}}"
call 400 POST "$BASE/memories" "${AUTH[@]}" -d '{"content": "who is this about?"}'
LONG=$("$PYTHON" -c 'import json; print(json.dumps({"content": "x" * 10001, "userId": "user_123"}))')
call 400 POST "$BASE/memories" "${AUTH[@]}" -d "$LONG"
call 400 POST "$BASE/memories/search" "${AUTH[@]}" -d '{"query": "x", "limit": 500}'
call 401 GET "$BASE/memories" -H 'Authorization: Bearer mk_not_a_real_key'

echo
echo "# Delete permanently; afterwards the id is unknown"
call 200 DELETE "$BASE/memories/$ID" "${AUTH[@]}"
call 404 GET "$BASE/memories/$ID" "${AUTH[@]}"
call 404 DELETE "$BASE/memories/$ID" "${AUTH[@]}"

echo
echo "curl_memokit: every step answered as expected"
