#!/usr/bin/env bash
# The tests of `make test`: every test on SQLite; with KERUEN_TEST_DATABASE_URL set, the
# non-unit tests again on PostgreSQL, in a second process beside the first (the two runs share
# nothing: each has its own database, schema, cache folder, Redis databases and ports), so a
# 2-core machine runs both in about the time of one. The PostgreSQL run's output is printed
# after the SQLite run's; the exit status fails if either run failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}

if [ -z "${KERUEN_TEST_DATABASE_URL:-}" ]; then
  exec "$BIN/pytest" "$@"
fi

log=$(mktemp -t keruen-pg-tests.XXXXXX)
"$BIN/pytest" -m "not unit" -p no:cacheprovider "$@" >"$log" 2>&1 &
pg=$!
trap 'kill "$pg" 2>/dev/null; rm -f "$log"' INT TERM
echo "== on SQLite (the PostgreSQL run, $KERUEN_TEST_DATABASE_URL, goes on beside it)"
env -u KERUEN_TEST_DATABASE_URL "$BIN/pytest" "$@"
sqlite=$?
wait "$pg"
postgres=$?
echo "== on PostgreSQL ($KERUEN_TEST_DATABASE_URL)"
cat "$log"
rm -f "$log"
echo "== SQLite run: exit $sqlite; PostgreSQL run: exit $postgres"
[ "$sqlite" -eq 0 ] && [ "$postgres" -eq 0 ]
