# Shared by bin/backup and bin/restore: which database DATABASE_URL names, and
# where PostgreSQL's client tools are. Sourced, never run.

# Print the path of a PostgreSQL client tool: the newest version installed
# under /usr/lib/postgresql (pg_dump must be at least the server's version),
# else the one on PATH.
pg_tool() {
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$newest" ]; then
        echo "$newest"
    elif command -v "$1" >/dev/null 2>&1; then
        command -v "$1"
    else
        echo "$1 is not installed (Debian: apt-get install postgresql-client)" >&2
        exit 1
    fi
}

# Print "postgres" or "sqlite" for DATABASE_URL; the settings' default is SQLite.
database_kind() {
    case "${DATABASE_URL:-}" in
        postgres://* | postgresql://*) echo postgres ;;
        "" | sqlite:*) echo sqlite ;;
        *) echo "bin/backup and bin/restore know PostgreSQL and SQLite, not ${DATABASE_URL%%:*}" >&2; exit 1 ;;
    esac
}

# Print the SQLite file DATABASE_URL names (sqlite:////absolute/path), or the default.
sqlite_file() {
    local project
    project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    case "${DATABASE_URL:-}" in
        sqlite:///*) echo "${DATABASE_URL#sqlite://}" ;;
        *) echo "$project/db.sqlite3" ;;
    esac
}
