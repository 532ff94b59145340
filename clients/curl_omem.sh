#!/usr/bin/env bash
# A walk through the omem API (/v1) with curl, against a running `mcp-memory serve`.
#
#   mcp-memory serve &                       # http://127.0.0.1:8765
#   clients/curl_omem.sh                     # or: clients/curl_omem.sh http://127.0.0.1:9000
#
# It creates a tenant (and so gets its own API key and an empty memory space), then stores, searches,
# lists, reads, updates and deletes memories and reads the profile, stats and config. Each step
# prints its request and the JSON answer, and stops the walk if the status is not the expected one.
# JSON fields are picked with jq when it is installed, else with python3 (OMEM_JSON=python forces it).
set -euo pipefail

BASE="${1:-${MCP_MEMORY_URL:-http://127.0.0.1:8765}}"
BASE="${BASE%/}"
PYTHON="${PYTHON:-python3}"
if [[ "${OMEM_JSON:-}" != python ]] && command -v jq >/dev/null 2>&1; then JSON=jq; else JSON=python; fi

# pick PATH: read a field from the JSON on stdin; PATH is dotted, list items by index ("results.0.memory.id").
pick() {
    if [[ $JSON == jq ]]; then
        jq -r --arg p "$1" 'getpath($p | split(".") | map(tonumber? // .)) // empty'
    else
        "$PYTHON" -c '
import json, sys
value = json.load(sys.stdin)
for key in sys.argv[1].split("."):
    value = value[int(key)] if isinstance(value, list) else value.get(key)
    if value is None:
        break
print("" if value is None else value if isinstance(value, str) else json.dumps(value))' "$1"
    fi
}

pretty() {
    if [[ $JSON == jq ]]; then jq .; else "$PYTHON" -m json.tool --no-ensure-ascii; fi
}

# call EXPECTED_STATUS METHOD PATH [curl args...]: print the exchange; the body lands in $BODY.
call() {
    local expected=$1 method=$2 path=$3 out status shown arg
    shift 3
    shown="curl -X $method '$BASE$path'"
    for arg in "$@"; do
        if [[ $arg == -* ]]; then shown+=" $arg"; else shown+=" '${arg//\'/\'\\\'\'}'"; fi
    done
    echo
    echo "\$ $shown"
    out=$(curl -sS -X "$method" "$BASE$path" -w '\n%{http_code}' "$@")
    status=${out##*$'\n'}
    BODY=${out%$'\n'*}
    echo "HTTP $status"
    if [[ -n $BODY ]]; then printf '%s\n' "$BODY" | pretty; fi
    if [[ $status != "$expected" ]]; then
        echo "curl_omem: expected HTTP $expected from $method $path, got $status" >&2
        exit 1
    fi
}

JSON_BODY=(-H 'Content-Type: application/json')

echo "== omem walk-through against $BASE (JSON via $JSON)"
call 200 GET /health

echo; echo "== 1. Create a tenant: its API key is shown once"
call 200 POST /v1/tenants "${JSON_BODY[@]}" -d '{"name": "curl-walkthrough"}'
API_KEY=$(printf '%s' "$BODY" | pick api_key)
TENANT_ID=$(printf '%s' "$BODY" | pick id)
[[ -n $API_KEY ]] || { echo "curl_omem: no api_key in the answer" >&2; exit 1; }
echo "tenant $TENANT_ID"
KEY=(-H "X-API-Key: $API_KEY")

echo; echo "== 2. Store two memories (fast mode: the text is stored as given)"
call 201 POST /v1/memories "${KEY[@]}" "${JSON_BODY[@]}" \
    -d '{"content": "User prefers dark mode in every editor", "tags": ["preferences", "editor"]}'
FIRST_ID=$(printf '%s' "$BODY" | pick id)
call 201 POST /v1/memories "${KEY[@]}" "${JSON_BODY[@]}" \
    -d '{"content": "User is allergic to peanuts", "tags": ["health"]}'
SECOND_ID=$(printf '%s' "$BODY" | pick id)

echo; echo "== 3. Search, with the retrieval trace"
call 200 GET '/v1/memories/search?q=editor+theme&limit=5&include_trace=true' "${KEY[@]}"
[[ $(printf '%s' "$BODY" | pick results.0.memory.id) == "$FIRST_ID" ]] \
    || { echo "curl_omem: the dark-mode memory is not the top hit" >&2; exit 1; }

echo; echo "== 4. List, newest first, and filtered by tag"
call 200 GET '/v1/memories?limit=20&sort=created_at&order=desc' "${KEY[@]}"
call 200 GET '/v1/memories?tags=editor&limit=10' "${KEY[@]}"

echo; echo "== 5. Get one memory"
call 200 GET "/v1/memories/$FIRST_ID" "${KEY[@]}"

echo; echo "== 6. Update it (new text is re-embedded; tags are replaced)"
call 200 PUT "/v1/memories/$FIRST_ID" "${KEY[@]}" "${JSON_BODY[@]}" \
    -d '{"content": "User prefers the Catppuccin Mocha dark theme", "tags": ["preferences", "editor", "theme"]}'

echo; echo "== 7. Delete the other one: a soft delete, so it reads as state \"deleted\" and leaves lists and search"
call 200 DELETE "/v1/memories/$SECOND_ID" "${KEY[@]}"
call 200 GET "/v1/memories/$SECOND_ID" "${KEY[@]}"
[[ $(printf '%s' "$BODY" | pick state) == deleted ]] || { echo "curl_omem: the memory is not marked deleted" >&2; exit 1; }
call 200 GET /v1/memories "${KEY[@]}"
[[ $(printf '%s' "$BODY" | pick total_count) == 1 ]] || { echo "curl_omem: the list should hold one memory" >&2; exit 1; }
call 404 GET /v1/memories/no-such-id "${KEY[@]}"

echo; echo "== 8. Profile, stats and config"
call 200 GET /v1/profile "${KEY[@]}"
call 200 GET '/v1/profile?q=editor+theme' "${KEY[@]}"
call 200 GET /v1/stats/config "${KEY[@]}"
call 200 GET "/v1/stats/decay?memory_id=$FIRST_ID&points=7" "${KEY[@]}"

echo; echo "== 9. A wrong key is refused"
call 401 GET /v1/memories -H "X-API-Key: mm_not_a_real_key"

echo
echo "curl_omem: done; tenant $TENANT_ID keeps memory $FIRST_ID (api key $API_KEY)"
