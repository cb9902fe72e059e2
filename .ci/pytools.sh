#!/usr/bin/env bash
# Installs the tools the producer end-to-end tests drive into .cache/pytools (gitignored):
#   .cache/pytools/venv   Python venv from test/python/requirements.txt (pip, PyPI)
#   .cache/pytools/jars   the openlineage-spark jar from test/java/pom.xml (mvn dependency:copy-dependencies)
# A stamp of both files' content skips the work when nothing changed. test/support/pytools.ts reads
# the same paths.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=.cache/pytools
mkdir -p "$CACHE"
stamp=$(cat test/python/requirements.txt test/java/pom.xml | sha256sum | cut -d' ' -f1)
if [ -f "$CACHE/stamp" ] && [ "$(cat "$CACHE/stamp")" = "$stamp" ] && [ -x "$CACHE/venv/bin/python" ]; then
  echo "Python/Java test tools up to date in $CACHE"
  exit 0
fi
if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
fi
command -v java >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null; }
command -v mvn >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null; }
rm -rf "$CACHE/venv" "$CACHE/jars" "$CACHE/stamp"
python3 -m venv "$CACHE/venv"
"$CACHE/venv/bin/pip" install -q --disable-pip-version-check -r test/python/requirements.txt
mvn -q -B -f test/java/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$CACHE/jars"
echo "$stamp" > "$CACHE/stamp"
echo "Python/Java test tools installed in $CACHE"
