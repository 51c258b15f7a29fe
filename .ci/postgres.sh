#!/usr/bin/env bash
# Installs and starts a local PostgreSQL (Debian package) for the inference-log
# integration test, creates its user and database, and prints the variable to export:
#   eval "$(bash .ci/postgres.sh)"      (progress goes to stderr, the exports to stdout)
# Idempotent: safe to run again on a machine where it already ran. Runs as root.
set -euo pipefail

DB_NAME=${RISKPIPE_PG_DB:-riskpipe_test}
DB_USER=${RISKPIPE_PG_USER:-riskpipe}
DB_PASSWORD=${RISKPIPE_PG_PASSWORD:-riskpipe}
DB_PORT=${RISKPIPE_PG_PORT:-5432}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(pg_lsclusters -h 2>/dev/null)" ]; then
  echo "== installing postgresql (Debian)" >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi

# Start every cluster that is down (a fresh install has one, "main").
while read -r version cluster port status _; do
  if [ "$status" != "online" ]; then
    echo "== starting cluster $version/$cluster on port $port" >&2
    pg_ctlcluster "$version" "$cluster" start >&2
  fi
done < <(pg_lsclusters -h)

for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -p $DB_PORT"; then break; fi
  sleep 1
done
su postgres -c "pg_isready -p $DB_PORT" >&2

psql_admin() { su postgres -c "psql -p $DB_PORT -v ON_ERROR_STOP=1 -qtAc \"$1\""; }

if [ "$(psql_admin "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]; then
  psql_admin "create role $DB_USER login password '$DB_PASSWORD'" >&2
fi
if [ "$(psql_admin "select 1 from pg_database where datname = '$DB_NAME'")" != "1" ]; then
  psql_admin "create database $DB_NAME owner $DB_USER" >&2
fi

echo "export RISKPIPE_TEST_DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$DB_PORT/$DB_NAME"
# The cluster behind that port, for the outage test (it stops and restarts it).
cluster=$(pg_lsclusters -h | awk -v port="$DB_PORT" '$3 == port { print $1 " " $2; exit }')
echo "export RISKPIPE_TEST_PG_CLUSTER=\"$cluster\""
