#!/usr/bin/env bash
# Installs the Debian packages pingfen needs, only those missing; runs apt-get update only
# when something must be installed. Safe to run again. Needs root (or sudo).
set -euo pipefail

packages=(
  cmake g++ make
  antlr4                        # the ANTLR tool: the parser is generated at build time
  libantlr4-runtime-dev
  libfmt-dev
  libboost-program-options-dev
  catch2
  libintelrdfpmath-dev          # IEEE 754 decimal128 (Intel libbid)
  nlohmann-json3-dev            # JSON, read exactly through its SAX interface
  libsimdjson-dev               # JSON's fast path (On-Demand: numbers kept as their text)
  libxlsxwriter-dev             # the .xlsx score sheet (pingfen score --format xlsx)
  libzip-dev libexpat1-dev      # reading .xlsx department data (the zip and its XML parts)
  python3-openpyxl              # tests only: reads the .xlsx back independently
  libopencc-dev libopencc-data  # traditional/simplified Chinese, for the name checks
  liblua5.4-dev                 # the Lua 5.4 contender of the benchmark (bench/)
  libedit-dev                   # line editing in pingfen repl (BSD licence; not GNU readline)
  libcpp-httplib-dev            # pingfen serve: the workbench's HTTP server
  libjs-codemirror              # pingfen serve: the editor (CodeMirror 5), embedded at build time
  chromium chromium-driver python3-selenium  # tests only: the workbench in a real browser
  tmux                          # tests only: drives pingfen repl in a real terminal
  libreoffice-calc poppler-utils  # tests only: the .xlsx 自评表 rendered to PDF and read back (skipped without)
  clang libclang-rt-14-dev      # scripts/ci_extra.sh only: the libFuzzer harnesses (fuzz/)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "pingfen: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
