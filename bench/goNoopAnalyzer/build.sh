#!/usr/bin/env bash
# Builds the benchmarks' Go no-op analyzer (main.go) against sdk/v3 at the CLI's version, the way
# e2e/cli/build-cli.sh builds the CLI, and caches it outside the repository. Prints the executable's path on
# stdout: give it to `--policy-pack` as it is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# One version for the CLI and this analyzer: read it from the CLI's build script.
PULUMI_VERSION="$(sed -n 's/^PULUMI_VERSION=//p' "$here/../../e2e/cli/build-cli.sh")"
cache_root="${ENCRYPTED_BUCKETS_CACHE:-$HOME/.cache/encrypted-buckets}"
command -v go >/dev/null || { echo "build-noop-analyzer: go is not on PATH" >&2; exit 2; }

src_hash="$( (cat "$here/main.go"; echo "$PULUMI_VERSION") | sha256sum | cut -c1-12)"
dest="$cache_root/noop-analyzer-v$PULUMI_VERSION-$src_hash"
exe="$dest/bench-go-noop-analyzer"
if [[ -x "$exe" ]]; then
  echo "$exe"
  exit 0
fi

mkdir -p "$cache_root"
exec 9>"$cache_root/.build.lock"
flock 9
if [[ -x "$exe" ]]; then
  echo "$exe"
  exit 0
fi

work="$dest.tmp"
rm -rf "$work"
mkdir -p "$work/src"
cp "$here/main.go" "$work/src/main.go"
cat >"$work/src/go.mod" <<GOMOD
module local/benchnoopanalyzer

go 1.26.6

require github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
GOMOD
export GOFLAGS=-mod=mod CGO_ENABLED=0
echo "build-noop-analyzer: building against sdk/v3 v$PULUMI_VERSION" >&2
start=$(date +%s)
(cd "$work/src" && go mod tidy >&2 && go build -trimpath -o "$work/bench-go-noop-analyzer" .) >&2
echo "build-noop-analyzer: built in $(( $(date +%s) - start ))s" >&2
rm -rf "$dest"
mv "$work" "$dest"
echo "$exe"
