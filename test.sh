#!/usr/bin/env bash
# Brandstats' tests, with their set-up: ./test.sh [maven arguments...]
#
# 1. The system packages the tests need: the libraries the embedded MariaDB's server binary links,
#    Debian's chromium and chromium-driver for the browser test, and Node.js with npm for the contract lint
#    (Debian's, only where none is installed). Missing ones are installed with apt-get
#    when this runs as root or with passwordless sudo; otherwise it stops, naming the command to run.
# 2. Java 17 or later (JAVA_HOME, else java on the PATH, as the Maven wrapper picks it).
# 3. The contract lint: Spectral's OpenAPI rules (openapi/.spectral.yaml) over openapi/brandstats.yaml, with no
#    error and no warning. Spectral is installed with npm into .ci/spectral, at the version its package.json and
#    lockfile pin (node_modules there is git-ignored), when that version is not the one installed.
# 4. The Kubernetes manifests (deploy/kubernetes/*.yaml) checked against the Kubernetes API's schemas with the
#    validators of kubernetes-models, installed with npm into .ci/kubernetes at the version its lockfile pins.
# 5. ./mvnw -B verify with any arguments given here, e.g. ./test.sh -DskipITs (without the cluster tests).
set -euo pipefail
cd "$(dirname "$0")"

# The same list as the Dockerfile's runtime libraries, plus the browser.
packages=(libcrypt1 libsystemd0 libstdc++6 libgcrypt20 liblzma5 libzstd1 liblz4-1 libcap2 chromium chromium-driver)
# Where the browser test looks for them, and what the server binary links, for systems without dpkg.
files=(/usr/bin/chromium /usr/bin/chromedriver)
libraries=(libcrypt.so.1 libsystemd.so.0 libstdc++.so.6 libgcrypt.so.20 liblzma.so.5 libzstd.so.1 liblz4.so.1 libcap.so.2)

problems=0

missing_packages() {
  local pkg
  for pkg in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" = installed ] || echo "$pkg"
  done
  # Node.js and npm for the contract lint, from Debian only where none is installed (another source's will do).
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo nodejs
    echo npm
  fi
}

if command -v dpkg-query >/dev/null 2>&1; then
  mapfile -t missing < <(missing_packages)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
      as_root=""
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root="sudo"
    else
      as_root="cannot"
    fi
    if [ "$as_root" = cannot ]; then
      echo "The tests need these Debian packages, which are not installed: ${missing[*]}" >&2
      echo "Install them, then run ./test.sh again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
      problems=1
    else
      echo "Installing ${missing[*]}"
      $as_root apt-get update -qq
      $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
  fi
else
  absent=()
  for file in "${files[@]}"; do
    [ -x "$file" ] || absent+=("$file")
  done
  command -v npm >/dev/null 2>&1 || absent+=(node npm)
  for library in "${libraries[@]}"; do
    ldconfig -p 2>/dev/null | grep -q "$library" || absent+=("$library")
  done
  if [ ${#absent[@]} -gt 0 ]; then
    echo "This is not a Debian-based system, so nothing can be installed for you. Missing: ${absent[*]}" >&2
    echo "Install Chromium as /usr/bin/chromium with its driver as /usr/bin/chromedriver, and the libraries named" >&2
    echo "(on Debian: apt-get install ${packages[*]})." >&2
    problems=1
  fi
fi

java_cmd=java
if [ -n "${JAVA_HOME:-}" ]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
java_version=$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' || true)
java_major=${java_version#1.}
java_major=${java_major%%.*}
case "$java_major" in
  '' | *[!0-9]*) java_ok=false ;;
  *) [ "$java_major" -ge 17 ] && java_ok=true || java_ok=false ;;
esac
if [ "$java_ok" != true ]; then
  echo "The build needs Java 17 or later; '$java_cmd' is ${java_version:-not there}." >&2
  echo "Install a JDK 17 or later (Debian: sudo apt-get install -y default-jdk-headless, or one from adoptium.net)" >&2
  echo "and put its java on the PATH or set JAVA_HOME to it." >&2
  problems=1
fi

if [ "$problems" -ne 0 ]; then
  exit 1
fi
echo "Java $java_version ($java_cmd)"

spectral=.ci/spectral/node_modules/.bin/spectral
pinned=$(node -p "require('./.ci/spectral/package.json').dependencies['@stoplight/spectral-cli']")
if [ ! -x "$spectral" ] || [ "$("$spectral" --version 2>/dev/null)" != "$pinned" ]; then
  echo "Installing Spectral $pinned into .ci/spectral"
  npm ci --prefix .ci/spectral --no-audit --no-fund --loglevel=error
fi
echo "Contract lint: Spectral $pinned, spectral:oas rules (openapi/.spectral.yaml)"
"$spectral" lint openapi/brandstats.yaml --ruleset openapi/.spectral.yaml --fail-severity warn

if [ ! -d .ci/kubernetes/node_modules/kubernetes-models ] \
   || [ "$(node -p "require('./.ci/kubernetes/node_modules/kubernetes-models/package.json').version")" \
        != "$(node -p "require('./.ci/kubernetes/package.json').dependencies['kubernetes-models']")" ]; then
  echo "Installing the Kubernetes schema check into .ci/kubernetes"
  npm ci --prefix .ci/kubernetes --no-audit --no-fund --loglevel=error
fi
node .ci/kubernetes/check.mjs deploy/kubernetes/*.yaml

exec ./mvnw -B verify "$@"
