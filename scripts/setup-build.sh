#!/usr/bin/env bash
# Build prerequisites on a fresh Debian machine: the Rust toolchain is expected; the
# bundled RocksDB of oxigraph needs a C++ compiler and libclang (for its bindings).
set -euo pipefail
missing=()
for p in libclang-dev g++ make; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "installing ${missing[*]} (apt-get)" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
