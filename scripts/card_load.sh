#!/usr/bin/env bash
# Landing-page latency while eight clients loop on a result's preview card.
# Not a test: a throughput figure, measured on this machine, under README's production command
# (gunicorn.conf.py applies). Limits off (RATELIMIT_ENABLED=0): this measures the card's cost,
# not the limiter. Before the card was kept, eight card loops took the landing page's p50 from
# about 2 ms to 170 ms.
#   usage: scripts/card_load.sh            env: DURATION=10s VENV=.venv (or /path/to/venv)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
TMP=$(mktemp -d)
export SECRET_KEY=card-load DATABASE_URL="sqlite:///$TMP/load.sqlite3" RATELIMIT_ENABLED=0 \
       GUNICORN_ACCESS_LOG=""
TOKEN=$("$VENV/bin/python" - <<'PY'
from app import create_app
app = create_app({"WTF_CSRF_ENABLED": False})
client = app.test_client()
with client.session_transaction() as s:
    s["wizard"] = {"answers": {
        "employment": "employed_happy", "searching": "not_looking", "last_interview": "1_to_3y",
        "pivot": "no", "source": "recruiter", "role_interest": "low", "company": "neutral",
        "fit": "partial", "industry": "same", "stage": "first", "prep_time": "some",
        "time_off": "easy", "unsettle": "no", "other_offers": "none"}}
print(client.post("/q/check", data={"company_name": "Acme"}).location.rsplit("/", 1)[1])
PY
)
"$VENV/bin/gunicorn" -w 2 -b 127.0.0.1:0 'app:create_app()' >"$TMP/gunicorn.log" 2>&1 &
GPID=$!
trap 'kill $GPID 2>/dev/null; wait $GPID 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 100); do
  PORT=$(grep -oE 'Listening at: http://127\.0\.0\.1:[0-9]+' "$TMP/gunicorn.log" | head -1 | cut -d: -f4) || true
  [ -n "${PORT:-}" ] && break; sleep 0.1
done
BASE="http://127.0.0.1:$PORT"
curl -fsS -o /dev/null "$BASE/r/$TOKEN/card.png"   # the first GET draws and keeps the card
p50() { grep -E '^ +50%' | awk '{print $2}'; }
echo "landing p50 alone:            $(timeout 60 wrk -t1 -c1 -d"$DURATION" --latency "$BASE/" | p50)"
timeout 60 wrk -t2 -c8 -d"$DURATION" "$BASE/r/$TOKEN/card.png" >"$TMP/card.txt" &
WPID=$!
sleep 1
echo "landing p50, 8 card loops:    $(timeout 60 wrk -t1 -c1 -d"$DURATION" --latency "$BASE/" | p50)"
wait $WPID
echo "card requests/s (8 loops):    $(grep Requests/sec "$TMP/card.txt" | awk '{print $2}')"
