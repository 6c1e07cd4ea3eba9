# Sourced by the parts of the test command (scripts/test-c.sh,
# scripts/test-bindings.sh): one counter of checks, and the installation of
# what a fresh machine lacks.

passed=0
failed=0
check() { # check NAME COMMAND...: runs one check, counts it, keeps going
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $name"
  else
    failed=$((failed + 1))
    echo "FAIL $name"
  fi
}

# A Debian package, installed when missing (apt-get update only when the
# install fails without it).
install_package() { # install_package PACKAGE
  echo "== installing $1"
  if ! apt-get install -y -qq "$1" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq "$1" >/dev/null
  fi
}

need() { # need COMMAND PACKAGE
  command -v "$1" >/dev/null 2>&1 || install_package "$2"
}
