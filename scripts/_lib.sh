# Shared by scripts/start and scripts/test. Sourced, not run.
# Installs what is missing (Debian packages, a virtualenv with the Python
# dependencies) and is quick when everything is already there.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "Needs root to run: $*"; return 1
  fi
}

# ensure_debian_packages CHECK_COMMAND_OR_PATH PACKAGE...
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Django 6 needs Python 3.12+: the newest interpreter on PATH (pyenv included).
find_python() {
  local candidates=(python3.14 python3.13 python3.12 python3)
  for dir in "$HOME/.pyenv/versions"/3.1[2-9]*/bin; do
    [ -d "$dir" ] && candidates+=("$dir/python3")
  done
  for c in "${candidates[@]}"; do
    if command -v "$c" >/dev/null 2>&1 &&
       "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  log "Python 3.12 or newer is needed (Django 6). Install python3.12 and run again."
  return 1
}

ensure_venv() {
  if [ ! -x "$PY" ]; then
    local python; python="$(find_python)"
    log "Creating a virtualenv with $python"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.cw-installed"
  local want; want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    log "Installing Python dependencies"
    "$PY" -m pip install -q --upgrade pip
    "$PY" -m pip install -q -e "$ROOT[dev]"
    echo "$want" > "$stamp"
  fi
}

compile_messages() {
  git -C "$ROOT" config merge.po.driver "python3 scripts/merge_po.py %O %A %B" 2>/dev/null || true
  (cd "$ROOT" && DJANGO_DEBUG=1 "$PY" manage.py compilemessages --ignore=.venv -v 0)
}

# use_port PORT: the quick start's port, and the site address e-mail links use
# (unless DJANGO_SITE_URL is set).
use_port() {
  if ! [[ "$1" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt 65535 ]; then
    log "Not a port number: $1"; return 1
  fi
  export PORT="$1"
  export DJANGO_SITE_URL="${DJANGO_SITE_URL:-http://127.0.0.1:$PORT}"
}
