#!/usr/bin/env bash
# The stage clock of `make test`: every later change sees what it costs (docs/testing.md).
#
#   scripts/timed.sh FILE NAME COMMAND...   runs COMMAND and records "NAME<TAB>SECONDS<TAB>ok|failed"
#                                           in FILE; on failure prints the table and fails too
#   scripts/timed.sh FILE --report          prints the table of the recorded stages
set -uo pipefail
file=$1
shift

report() {
  [ -s "$file" ] || return 0
  echo
  echo "Time by stage (make test):"
  awk -F'\t' '
    { total += $2; printf "  %-28s %4d:%02d  %s\n", $1, $2 / 60, $2 % 60, $3 }
    END { printf "  %-28s %4d:%02d\n", "total", total / 60, total % 60 }' "$file"
}

if [ "${1:-}" = "--report" ]; then
  report
  exit 0
fi

name=$1
shift
start=$(date +%s)
"$@"
status=$?
seconds=$(($(date +%s) - start))
if [ "$status" = 0 ]; then
  printf '%s\t%s\tok\n' "$name" "$seconds" >>"$file"
else
  printf '%s\t%s\tfailed (exit %s)\n' "$name" "$seconds" "$status" >>"$file"
  report
fi
exit "$status"
