#!/usr/bin/env bash
# Start the action server, Rasa (REST + Socket.IO on :5005) and the patient web page.
# Ctrl-C stops all of them.
set -uo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false PYTHONPATH="$PWD" TF_CPP_MIN_LOG_LEVEL=3
BIN=.venv/bin
RASA_PORT=${RASA_PORT:-5005}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
WEB_PORT=${WEB_PORT:-8080}
HOST=${HFS_HOST:-127.0.0.1}  # every server listens on loopback unless an address is set
VAR=${HFS_VAR_DIR:-var}  # tokens, keys, logs and the SQLite database
export HFS_VAR_DIR=$VAR
umask 077  # tokens, logs and the database are readable by this user only
mkdir -p "$VAR"
chmod 700 "$VAR"
secret() {  # a random token kept in a 0600 file under var/
  [ -s "$1" ] || "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(32))' > "$1"
  chmod 600 "$1"
  cat "$1"
}
export RASA_TOKEN=${RASA_TOKEN:-$(secret "$VAR/rasa_token")}
export HFS_ACTION_TOKEN=${HFS_ACTION_TOKEN:-$(secret "$VAR/action_token")}
export HFS_ALLOWED_ORIGINS=${HFS_ALLOWED_ORIGINS:-http://localhost:$WEB_PORT,http://127.0.0.1:$WEB_PORT}

for port in "$RASA_PORT" "$ACTIONS_PORT" "$WEB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is already in use (another copy running?). Stop it, or set RASA_PORT/ACTIONS_PORT/WEB_PORT." >&2
    exit 1
  fi
done

"$BIN/python" -m bot.ops.credentials --out "$VAR/credentials.yml"
"$BIN/python" -m bot.ops.retention  # erase what is older than HFS_RETENTION_DAYS (default 365)

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  echo "Stopped."
}
trap stop INT TERM EXIT

names=()
"$BIN/python" -m bot.actions.server --host 127.0.0.1 --port "$ACTIONS_PORT" > "$VAR/actions.log" 2>&1 &
pids+=($!); names+=(actions)
"$BIN/python" -m bot.ops.rasa_server run --model models/hfs.tar.gz --endpoints endpoints.yml \
  --credentials "$VAR/credentials.yml" --interface "$HOST" --port "$RASA_PORT" --enable-api \
  --cors "http://localhost:$WEB_PORT" --cors "http://127.0.0.1:$WEB_PORT" > "$VAR/rasa.log" 2>&1 &
pids+=($!); names+=(rasa)
"$BIN/python" -m bot.web --host "$HOST" --port "$WEB_PORT" --rasa-url "http://localhost:$RASA_PORT" > "$VAR/web.log" 2>&1 &
pids+=($!); names+=(web)

failed() {  # name the server that stopped and show the end of its log (start-up lines only: no conversation yet)
  echo "The $1 server failed to start; the end of $VAR/$1.log:"
  tail -n 15 "$VAR/$1.log" | sed 's/^/  /'
  exit 1
}

echo "Starting (logs in $VAR/)..."
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$RASA_PORT/" >/dev/null && curl -sf "http://localhost:$ACTIONS_PORT/health" >/dev/null && break
  for i in "${!pids[@]}"; do kill -0 "${pids[$i]}" 2>/dev/null || failed "${names[$i]}"; done
  sleep 1
done
cat <<MSG

The hemifacial spasm assistant is running:
  Patient web page (chat widget):  http://localhost:$WEB_PORT/
  Rasa REST channel:               http://localhost:$RASA_PORT/webhooks/rest/webhook
  Rasa Socket.IO channel:          http://localhost:$RASA_PORT/socket.io
  Action server:                   http://localhost:$ACTIONS_PORT/webhook
  Rasa HTTP API token:             in $VAR/rasa_token
Try:  curl -s localhost:$RASA_PORT/webhooks/rest/webhook -d '{"sender":"me","message":"What is MVD?"}'
Press Ctrl-C to stop everything.
MSG
wait -n "${pids[@]}"
echo "A server exited; see $VAR/*.log"
