#!/usr/bin/env bash
# The last step of `make run`: the web server, and beside it the worker that runs the background
# jobs (PDFs, workbooks, the contract-end package: django-tasks' database backend, so the queue is
# a table of the same database and no other server is needed). The worker stops when the web
# server does (Ctrl-C stops both).
set -euo pipefail
cd "$(dirname "$0")/.."
py="${ITAKU_PYTHON:-.venv/bin/python}"
port="${PORT:-8000}"

"$py" manage.py db_worker --no-startup-delay &
worker=$!
stop_worker() {
  kill "$worker" 2>/dev/null || true
  wait "$worker" 2>/dev/null || true
}
trap stop_worker EXIT
trap 'exit 130' INT TERM
"$py" manage.py runserver "127.0.0.1:$port"
