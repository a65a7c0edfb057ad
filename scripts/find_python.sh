#!/usr/bin/env bash
# Print the path of a Python 3.10 interpreter: $PYTHON, python3.10 on PATH, or pyenv's 3.10.x.
set -euo pipefail
is310() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' 2>/dev/null; }
if [ -n "${PYTHON:-}" ]; then
  is310 "$PYTHON" || { echo "PYTHON=$PYTHON is not Python 3.10" >&2; exit 1; }
  command -v "$PYTHON"; exit 0
fi
for candidate in python3.10 "$(command -v pyenv >/dev/null 2>&1 && pyenv root)/versions/"3.10*/bin/python \
                 "$HOME/.pyenv/versions/"3.10*/bin/python /usr/bin/python3.10 /usr/local/bin/python3.10; do
  [ -n "$candidate" ] || continue
  path=$(command -v "$candidate" 2>/dev/null || true)
  if [ -n "$path" ] && is310 "$path"; then
    # pyenv shims may point at a version that is not installed; resolve the real binary.
    real=$("$path" -c 'import sys; print(sys.executable)')
    echo "$real"; exit 0
  fi
done
echo "Python 3.10 not found. Install it (e.g. 'pyenv install 3.10.13') or set PYTHON=/path/to/python3.10" >&2
exit 1
