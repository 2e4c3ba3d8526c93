#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (the repo's .clang-format) makes of it.
# One clang-format process per batch of files (not per file): the check is CI's, and its time counts.
set -u
cd "$(dirname "$0")/../.."
command -v clang-format >/dev/null || { echo "check-format: clang-format is not installed"; exit 1; }
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null)
[ -n "$files" ] || files=$(find app components map network tests -name '*.cpp' -o -name '*.h' 2>/dev/null)
bad=$(echo "$files" | xargs -P 2 -n 100 clang-format --dry-run --Werror 2>&1 |
  sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)
for f in $bad; do
  echo "not formatted: $f (run: clang-format -i $f)"
done
echo "check-format: $(echo "$files" | wc -w) files, $(echo "$bad" | grep -c .) not formatted"
[ -z "$bad" ]
