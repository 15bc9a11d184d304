#!/usr/bin/env bash
# `make test` with KERUEN_TEST_DATABASE_URL set: the SQLite pass and the PostgreSQL pass run at
# the same time, one per core. They share nothing: each test has its own SQLite file or its own
# PostgreSQL schema, the Redis tests use database 7 (SQLite) or 8 (PostgreSQL), screenshots and
# documents go to artifacts/<database>/. Run one after the other, each pass left one of the two
# cores nearly idle (load about 1.1 on 2 cores for the whole run).
# The PostgreSQL pass writes to artifacts/test-postgresql.log, printed when both have ended;
# the exit status is non-zero when either pass failed.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
mkdir -p artifacts
log=artifacts/test-postgresql.log
echo "== SQLite pass here; PostgreSQL pass ($KERUEN_TEST_DATABASE_URL) beside it, output in $log"
"$BIN/pytest" -m "not unit" -o cache_dir=.pytest_cache/postgresql >"$log" 2>&1 &
pg=$!
trap 'kill "$pg" 2>/dev/null' INT TERM
env -u KERUEN_TEST_DATABASE_URL "$BIN/pytest"
sqlite_rc=$?
wait "$pg"
pg_rc=$?
echo "== PostgreSQL pass ($KERUEN_TEST_DATABASE_URL)"
cat "$log"
echo "== SQLite pass: exit $sqlite_rc; PostgreSQL pass: exit $pg_rc"
[ "$sqlite_rc" -eq 0 ] && [ "$pg_rc" -eq 0 ]
