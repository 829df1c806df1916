#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages, starts it on 127.0.0.1 and creates the test database
# and user the JDBC store's tests use. Idempotent: running it again changes nothing.
#
# Prints only the environment for the tests on stdout, as shell lines; logs go to stderr. In .ci/run:
#   pg_env="$(bash alerting-store-jdbc/ci-postgres.sh)"
#   eval "$pg_env"
# (Two lines on purpose: with `eval "$(...)"` a failure of the script would go unnoticed under set -e.)
set -euo pipefail

DB=vigil_test
DB_USER=vigil_test
# A throwaway password for a throwaway database that listens on loopback only.
DB_PASSWORD=vigil_test_pw
PORT=5432

log() { echo "ci-postgres: $*" >&2; }

SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  log "installing postgresql"
  $SUDO apt-get update -q >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q postgresql >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
CLUSTER=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
  log "creating cluster $VERSION/$CLUSTER"
  $SUDO pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" >&2
fi
CLUSTER_PORT="$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $3}')"

# Loopback only; Debian's pg_hba.conf already asks for a password (scram-sha-256) on 127.0.0.1.
CONF_DIR="/etc/postgresql/$VERSION/$CLUSTER"
if ! grep -q "^listen_addresses = '127.0.0.1'" "$CONF_DIR/postgresql.conf"; then
  echo "listen_addresses = '127.0.0.1'" | $SUDO tee -a "$CONF_DIR/postgresql.conf" >/dev/null
fi

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}' | grep -qx online; then
  log "starting cluster $VERSION/$CLUSTER on port $CLUSTER_PORT"
  $SUDO pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

as_postgres() {
  if [ -z "$SUDO" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}
psql_admin() { as_postgres psql -p "$CLUSTER_PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

for _ in $(seq 1 30); do
  if psql_admin -c "select 1" >/dev/null 2>&1; then break; fi
  sleep 1
done

if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]; then
  log "creating user $DB_USER"
  psql_admin -c "create role $DB_USER login password '$DB_PASSWORD'" >&2
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB'")" != "1" ]; then
  log "creating database $DB"
  # A linguistic (ICU en-US) collation on purpose: the store must sort ids and names by code
  # point even where the database's own order would put "alpha" before "Beta".
  psql_admin -c "create database $DB owner $DB_USER template template0 encoding 'UTF8'
                 locale 'C.UTF-8' locale_provider icu icu_locale 'en-US'" >&2
fi

# Prove the test user can log in over TCP with the password before handing out the settings.
PGPASSWORD="$DB_PASSWORD" psql -h 127.0.0.1 -p "$CLUSTER_PORT" -U "$DB_USER" -d "$DB" -qtA -c "select 1" >/dev/null
log "ready: database $DB on 127.0.0.1:$CLUSTER_PORT"

echo "export VIGIL_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$CLUSTER_PORT/$DB"
echo "export VIGIL_TEST_PG_USER=$DB_USER"
echo "export VIGIL_TEST_PG_PASSWORD=$DB_PASSWORD"
