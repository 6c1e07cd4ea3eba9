#!/usr/bin/env bash
# The Python package (python/): builds the abi3 wheel and installs it in a
# virtualenv (.venv), checks the .pyi stubs against the native module
# (mypy.stubtest), then runs the pytest suite: the API, the type checks at the
# boundary, use from threads, every conformance vector through Python, and the
# example notebook executed headless. Installs what it needs from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "-- creating .venv"
  "$python" -m venv .venv
fi
export VIRTUAL_ENV="$PWD/.venv"
export PATH="$VIRTUAL_ENV/bin:$PATH"
export PIP_DISABLE_PIP_VERSION_CHECK=1

echo "-- test requirements (python/requirements-test.txt)"
python -m pip install --quiet -r python/requirements-test.txt

echo "-- the OAI-PMH 2.0 schema (OAI-PMH.xsd, shipped in the pyoai source distribution)"
# test_oai.py validates every response of the repository with it.
schemas=.venv/schemas
if [ ! -f "$schemas/OAI-PMH.xsd" ]; then
  mkdir -p "$schemas"
  python -m pip download --quiet --no-deps --no-binary :all: pyoai==2.5.0 -d "$schemas"
  python - "$schemas" <<'PY'
import sys, tarfile
from pathlib import Path
dest = Path(sys.argv[1])
with tarfile.open(dest / "pyoai-2.5.0.tar.gz") as t:
    member = t.extractfile("pyoai-2.5.0/src/oaipmh/tests/OAI-PMH.xsd")
    assert member is not None
    (dest / "OAI-PMH.xsd").write_bytes(member.read())
PY
fi
# The schema the tests were written against, byte for byte.
echo "1da2a22b2b7753700a5dbf74fef663714927be49a7404b53627a2fdf4e011fc9  $schemas/OAI-PMH.xsd" | sha256sum --check --quiet
export NUMCONC_OAI_XSD="$PWD/$schemas/OAI-PMH.xsd"

echo "-- building and installing numconc (pip install ./python, release build)"
# maturin comes from the pinned test requirements, hence no build isolation;
# a plain `pip install ./python` fetches the same maturin by itself.
python -m pip install --quiet --no-build-isolation --no-deps --force-reinstall ./python

echo "-- mypy.stubtest numconc"
python -m mypy.stubtest numconc

echo "-- pytest python/tests"
python -m pytest python/tests -p no:cacheprovider
