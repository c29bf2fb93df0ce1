#!/usr/bin/env bash
# Posts the example connectors (examples/connectors/source-mysql-canal.json and sink-fc.json) to the Connect worker
# of docker/compose.yaml, with each {{PLACEHOLDER}} replaced by the value for that setup. Override any value through
# the environment, e.g. CONNECT_URL=http://connect.example.com:8083 FC_ENDPOINT=https://... docker/post-connectors.sh
set -euo pipefail
connectors="$(cd "$(dirname "$0")/../examples/connectors" && pwd)"

# A reference to a key of the worker's secrets file (compose.yaml mounts connect/secrets.properties there), which
# the worker's FileConfigProvider resolves: the secret itself is not posted.
secret() {
  printf '${file:/etc/kafka-connect/secrets.properties:%s}' "$1"
}

: "${CONNECT_URL:=http://localhost:8083}"
: "${DB_HOST:=mysql}"
: "${DB_PORT:=3306}"
: "${DB_USER:=binlogfc}"
: "${DB_PASSWORD:=$(secret database.password)}"
: "${DB_CLIENT_SERVER_ID:=5400}"
: "${DATABASE:=demoDatabase}"
: "${TOPIC_PREFIX:=binlogfc}"
: "${KAFKA_BOOTSTRAP:=kafka:9092}"
: "${FC_ENDPOINT:=http://127.0.0.1:9000}"
: "${FC_SERVICE:=demoService}"
: "${FC_FUNCTION:=demoFunction}"
: "${FC_ACCESS_KEY_ID:=local-access-key-id}"
: "${FC_ACCESS_KEY_SECRET:=$(secret fc.access.key.secret)}"
placeholders=(DB_HOST DB_PORT DB_USER DB_PASSWORD DB_CLIENT_SERVER_ID DATABASE TOPIC_PREFIX KAFKA_BOOTSTRAP
  FC_ENDPOINT FC_SERVICE FC_FUNCTION FC_ACCESS_KEY_ID FC_ACCESS_KEY_SECRET)

# The connector request with every placeholder filled in; fails naming a placeholder that has no value.
fill() {
  local text
  text="$(cat "$1")"
  local name value
  for name in "${placeholders[@]}"; do
    value="${!name}"
    value="${value//\\/\\\\}"   # JSON string escapes: backslash, then double quote
    value="${value//\"/\\\"}"
    text="${text//\{\{$name\}\}/"$value"}"
  done
  if [[ "$text" =~ \{\{([A-Z_]+)\}\} ]]; then
    echo "$1 needs a value for {{${BASH_REMATCH[1]}}}" >&2
    exit 1
  fi
  printf '%s' "$text"
}

echo "Waiting for Kafka Connect at $CONNECT_URL ..."
for _ in $(seq 1 60); do
  curl -fsS "$CONNECT_URL/" > /dev/null 2>&1 && break
  sleep 2
done

for file in source-mysql-canal.json sink-fc.json; do
  status="$(fill "$connectors/$file" | curl -sS -o /dev/stderr -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' --data-binary @- "$CONNECT_URL/connectors")"
  echo
  case "$status" in
    201) echo "Posted $file" ;;
    409) echo "$file: a connector of that name exists already; delete it first to post it again" ;;
    *) echo "Posting $file failed with HTTP $status" >&2; exit 1 ;;
  esac
done
echo "Connector status: curl $CONNECT_URL/connectors?expand=status"
