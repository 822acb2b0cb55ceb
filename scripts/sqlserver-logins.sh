#!/bin/sh
# Creates each service's SQL Server database, and a login and database user for each service that reaches its own
# database only, with the least rights the service needs. The one place these rights are written: docker-compose.yml
# runs it once (the sqlserver-init container) before the services start, as sa; no service logs in as sa. Run again,
# it changes nothing but the passwords. POSIX sh and sed; it pipes its statements into sqlcmd (the SQL Server image's).
#
#   WEEEVENTS_SQL_SERVER                  the server (default sqlserver)
#   WEEEVENTS_SQL_PASSWORD                sa's password (sqlcmd reads it from SQLCMDPASSWORD, never the command line)
#   WEEEVENTS_SQL_ORDER_PASSWORD, _INVENTORY_PASSWORD, _PAYMENT_PASSWORD, _SHIPPING_PASSWORD   each service's login
#   WEEEVENTS_SQL_PRINT=1                 print the statements instead of running them (the deployment tests read them)
#
# What a service's login may do, in its own database only (a service creates and upgrades its schema at start):
#   read and write every table (db_datareader, db_datawriter), create tables (CREATE TABLE) and alter and index the
#   tables of the dbo schema (ALTER ON SCHEMA::dbo). No server role, no db_owner, no user in any other database: Order's
#   login cannot open the payments database, so it cannot read Payment's data keys (data_keys).
set -eu

server="${WEEEVENTS_SQL_SERVER:-sqlserver}"
sqlcmd="${WEEEVENTS_SQLCMD:-/opt/mssql-tools18/bin/sqlcmd}"

# A password as a T-SQL string literal: quotes doubled. sqlcmd runs with -x, so $( in a password is not a variable.
literal() {
  printf "N'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

# service  database  password
login() {
  service=$1 database=$2 password=$(literal "$3")
  cat <<SQL
IF DB_ID(N'$database') IS NULL CREATE DATABASE [$database];
GO
IF SUSER_ID(N'$service') IS NULL
  CREATE LOGIN [$service] WITH PASSWORD = $password, DEFAULT_DATABASE = [$database], CHECK_POLICY = ON;
ELSE
  ALTER LOGIN [$service] WITH PASSWORD = $password, DEFAULT_DATABASE = [$database];
GO
USE [$database];
IF USER_ID(N'$service') IS NULL CREATE USER [$service] FOR LOGIN [$service] WITH DEFAULT_SCHEMA = [dbo];
ALTER ROLE [db_datareader] ADD MEMBER [$service];
ALTER ROLE [db_datawriter] ADD MEMBER [$service];
GRANT CREATE TABLE TO [$service];
GRANT ALTER ON SCHEMA::[dbo] TO [$service];
GO
SQL
}

statements() {
  login order orders "${WEEEVENTS_SQL_ORDER_PASSWORD:?set WEEEVENTS_SQL_ORDER_PASSWORD}"
  login inventory inventory "${WEEEVENTS_SQL_INVENTORY_PASSWORD:?set WEEEVENTS_SQL_INVENTORY_PASSWORD}"
  login payment payments "${WEEEVENTS_SQL_PAYMENT_PASSWORD:?set WEEEVENTS_SQL_PAYMENT_PASSWORD}"
  login shipping shipping "${WEEEVENTS_SQL_SHIPPING_PASSWORD:?set WEEEVENTS_SQL_SHIPPING_PASSWORD}"
}

if [ "${WEEEVENTS_SQL_PRINT:-}" = "1" ]; then
  statements
  exit 0
fi

# Built before anything runs: a missing password stops the script before it touches the server.
sql=$(statements)
SQLCMDPASSWORD="${WEEEVENTS_SQL_PASSWORD:?set WEEEVENTS_SQL_PASSWORD to SQL Server's sa password}"
export SQLCMDPASSWORD
printf '%s\n' "$sql" | "$sqlcmd" -C -x -b -S "$server" -U sa
echo "[sqlserver-logins] order, inventory, payment, shipping on $server"
