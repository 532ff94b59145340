#!/usr/bin/env bash
# A walk through the OpenMemory REST API (/api/v1) with curl, against a running `mcp-memory serve`.
#
#   mcp-memory serve &                       # http://127.0.0.1:8765
#   clients/curl_openmemory.sh               # or: clients/curl_openmemory.sh http://127.0.0.1:9000
#
# An OpenMemory client changes only its host (http://localhost:3010 -> the server). In local mode no key is
# needed; with keys, set MCP_MEMORY_API_KEY and it is sent as X-API-Key. The walk creates memories for
# user001 through two apps, reads them back with their categories, lists, filters and relates them, pauses
# and resumes memories and an app, reads the access log and the stats, and shows the documented errors.
# Each step prints its request and the JSON answer and stops the walk if the status is not the expected one.
# Needs curl and python3.
set -euo pipefail

SERVER="${1:-${MCP_MEMORY_URL:-http://127.0.0.1:8765}}"
SERVER="${SERVER%/}"
API="$SERVER/api/v1"
PYTHON="${PYTHON:-python3}"
HEADERS=(-H 'Content-Type: application/json')
if [[ -n ${MCP_MEMORY_API_KEY:-} ]]; then HEADERS+=(-H "X-API-Key: $MCP_MEMORY_API_KEY"); fi
USER_ID="walkthrough-$RANDOM$RANDOM"

# pick PATH: read a field ("id", "items.0.id") from the JSON on stdin.
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
    echo "\$ curl -X $method '$url' $*"
    out=$(curl -sS -X "$method" "$url" -w '\n%{http_code}' "${HEADERS[@]}" "$@")
    status=${out##*$'\n'}
    BODY=${out%$'\n'*}
    echo "HTTP $status"
    if [[ -n $BODY ]]; then printf '%s\n' "$BODY" | "$PYTHON" -m json.tool --no-ensure-ascii; fi
    if [[ $status != "$expected" ]]; then
        echo "curl_openmemory: expected HTTP $expected from $method $url, got $status" >&2
        exit 1
    fi
}

echo "# Create memories (infer=false stores the text as given; the default runs smart ingest)"
call 200 POST "$API/memories/" -d "{\"user_id\":\"$USER_ID\",\"text\":\"爱吃西瓜\",\"infer\":false,\"app\":\"openmemory\"}"
WATERMELON=$(printf '%s' "$BODY" | pick id)
APP_ID=$(printf '%s' "$BODY" | pick app_id)
call 200 POST "$API/memories/" -d "{\"user_id\":\"$USER_ID\",\"text\":\"I love green tea and my sister loves hiking\"}"
call 200 POST "$API/memories/" -d "{\"user_id\":\"$USER_ID\",\"text\":\"爱吃香蕉\",\"infer\":false,\"app\":\"claude\"}"
BANANA=$(printf '%s' "$BODY" | pick id)
CLAUDE_APP=$(printf '%s' "$BODY" | pick app_id)

echo
echo "# Read one back: categories are assigned automatically"
call 200 GET "$API/memories/$WATERMELON?user_id=$USER_ID"
call 200 PUT "$API/memories/$WATERMELON" -d "{\"memory_content\":\"喜欢吃西瓜和葡萄\",\"user_id\":\"$USER_ID\"}"

echo
echo "# List, filter, relate, categories"
call 200 POST "$API/memories/filter" -d "{\"user_id\":\"$USER_ID\",\"page\":1,\"size\":10,\"search_query\":\"西瓜\",\"sort_column\":\"memory\",\"sort_direction\":\"asc\"}"
call 200 GET "$API/memories/$WATERMELON/related?user_id=$USER_ID"
call 200 GET "$API/memories/categories?user_id=$USER_ID"

echo
echo "# Pause a memory (it leaves search), then make it active again"
call 200 POST "$API/memories/actions/pause" -d "{\"memory_ids\":[\"$BANANA\"],\"state\":\"paused\",\"user_id\":\"$USER_ID\"}"
call 200 POST "$API/memories/actions/pause" -d "{\"memory_ids\":[\"$BANANA\"],\"state\":\"active\",\"user_id\":\"$USER_ID\"}"

echo
echo "# Who read what"
call 200 GET "$API/memories/$WATERMELON/access-log?page=1&page_size=10"

echo
echo "# Apps: list, detail, their memories and reads; pause one (its creates and MCP calls are refused)"
call 200 GET "$API/apps/?page=1&page_size=10&sort_by=name&sort_direction=asc"
call 200 GET "$API/apps/$APP_ID"
call 200 GET "$API/apps/$APP_ID/memories?page=1&page_size=10"
call 200 GET "$API/apps/$APP_ID/accessed?page=1&page_size=10"
call 200 PUT "$API/apps/$CLAUDE_APP?is_active=false"
call 403 POST "$API/memories/" -d "{\"user_id\":\"$USER_ID\",\"text\":\"爱吃橙子\",\"app\":\"claude\"}"
call 200 PUT "$API/apps/$CLAUDE_APP?is_active=true"

echo
echo "# Stats, then delete"
call 200 GET "$API/stats/?user_id=$USER_ID"
call 200 DELETE "$API/memories/" -d "{\"memory_ids\":[\"$WATERMELON\",\"$BANANA\"],\"user_id\":\"$USER_ID\"}"

echo
echo "# Errors: 422 for bad input, 404 for what is not there"
call 422 POST "$API/memories/" -d '{"text":"no user"}'
call 422 GET "$API/memories/not-a-uuid"
call 404 GET "$API/memories/00000000-0000-0000-0000-000000000000"

echo
echo "curl_openmemory: every step answered as expected"
