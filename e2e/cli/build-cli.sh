#!/usr/bin/env bash
# Builds the Pulumi CLI (from Go modules, at the version matching our @pulumi/pulumi) and our stand-in
# Node.js language host, and caches both outside the repository. Prints the bin directory on stdout.
#
#   e2e/cli/build-cli.sh            # build if missing, print the bin dir
#   ENCRYPTED_BUCKETS_CACHE=/x ...  # cache root (default ~/.cache/encrypted-buckets)
#
# Progress goes to stderr; stdout is only the bin directory, so callers can do BIN=$(e2e/cli/build-cli.sh).
set -euo pipefail

PULUMI_VERSION=3.276.0
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
langhost_src="$(cd "$here/../langhost" && pwd)"
cache_root="${ENCRYPTED_BUCKETS_CACHE:-$HOME/.cache/encrypted-buckets}"

command -v go >/dev/null || { echo "build-cli: go is not on PATH (Go >= 1.26 and a Go module proxy are needed)" >&2; exit 2; }

# The cache key covers the language host's sources, so editing them rebuilds; the CLI is keyed by version.
langhost_hash="$(cd "$langhost_src" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print0 \
  | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-12)"
dest="$cache_root/pulumi-v$PULUMI_VERSION-$langhost_hash"
bin="$dest/bin"

if [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" ]]; then
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_root"
# Two concurrent first runs (e.g. mocha and a developer shell) must not race on the same directory.
exec 9>"$cache_root/.build.lock"
flock 9
if [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" ]]; then
  echo "$bin"
  exit 0
fi

work="$dest.tmp"
rm -rf "$work"
mkdir -p "$work/bin" "$work/cli"
export GOFLAGS=-mod=mod CGO_ENABLED=0
ldflags_version="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"

# The CLI's own go.mod has replace directives, so `go install pkg@version` refuses it; a wrapper
# module that requires pkg and sdk at the same tag, with the same replaces, builds it instead.
# Reuse a CLI already built at this version under another langhost hash: it does not depend on the host.
existing_cli="$(ls -d "$cache_root"/pulumi-v"$PULUMI_VERSION"-*/bin/pulumi 2>/dev/null | grep -v '\.tmp/' | head -1 || true)"
if [[ -n "$existing_cli" ]]; then
  echo "build-cli: reusing $existing_cli" >&2
  # A hard link keeps the cache from growing by a CLI-sized copy per language host edit.
  ln "$existing_cli" "$work/bin/pulumi" 2>/dev/null || cp "$existing_cli" "$work/bin/pulumi"
else
  cat >"$work/cli/go.mod" <<GOMOD
module local/pulumicli

go 1.26.6

require (
	github.com/pulumi/pulumi/pkg/v3 v$PULUMI_VERSION
	github.com/pulumi/pulumi/sdk/v3 v$PULUMI_VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e

GOMOD
  echo "build-cli: building pulumi v$PULUMI_VERSION (a cold build takes several minutes)" >&2
  start=$(date +%s)
  (cd "$work/cli" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags_version" \
      -o "$work/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi) >&2
  echo "build-cli: pulumi built in $(( $(date +%s) - start ))s" >&2
fi

echo "build-cli: building the stand-in pulumi-language-nodejs" >&2
start=$(date +%s)
(cd "$langhost_src" && go build -trimpath -ldflags "-X main.version=$PULUMI_VERSION" \
    -o "$work/bin/pulumi-language-nodejs" .) >&2
echo "build-cli: language host built in $(( $(date +%s) - start ))s" >&2

"$work/bin/pulumi" version >&2
rm -rf "$dest"
mv "$work" "$dest"
echo "$bin"
