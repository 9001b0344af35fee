#!/bin/sh
# Registers the JDBC sink connectors of this folder with a Connect worker, filling in placeholders.
# Usage: register.sh <connect-url>   (environment: JDBC_URL, JDBC_USER, JDBC_PASSWORD)
set -eu
url="$1"
dir="$(dirname "$0")"
until curl -fsS "$url/connectors" >/dev/null; do sleep 2; done
for file in "$dir"/*-sink.json; do
  name=$(sed -n 's/.*"name": *"\([^"]*\)".*/\1/p' "$file" | head -n 1)
  # PUT /connectors/<name>/config takes the inner config object: strip the envelope, fill placeholders
  sed -e '1,/"config": {/d' -e '$d' "$file" | sed -e '$d' \
      -e "s|\${topic.decisions}|routing-decisions|g" -e "s|\${topic.registry}|agent-registry|g" \
      -e "s|\${topic.performance}|agent-performance|g" -e "s|\${jdbc.url}|$JDBC_URL|g" \
      -e "s|\${jdbc.user}|$JDBC_USER|g" -e "s|\${jdbc.password}|$JDBC_PASSWORD|g" \
      -e "s|\${replication.factor}|1|g" | { echo "{"; cat; echo "}"; } > "/tmp/$name.json"
  curl -fsS -X PUT -H 'Content-Type: application/json' --data @"/tmp/$name.json" "$url/connectors/$name/config"
  echo " registered $name"
done
