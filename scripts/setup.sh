#!/usr/bin/env bash
# Set up paper-kg on a fresh Debian/Ubuntu machine: Chromium (for the explorer's
# browser tests), Java 17 and Maven with the Neo4j test-server launcher
# (scripts/neo4j-server.sh), a virtual environment in .venv, and the project with its
# dev extra.  Safe to run again.  Needs root (or sudo) only for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Chromium from Debian (browser tests of kg view)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# Java 17+ and Maven: the live Neo4j tests run a real Neo4j 5 Community server from
# Maven Central's artifacts (tools/neo4j-launcher), no Docker needed.
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing Java 17 and Maven from Debian (the Neo4j test server)" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    openjdk-17-jdk-headless maven >/dev/null
fi
echo "setup: building tools/neo4j-launcher (Neo4j 5.26 jars into ~/.m2 on first run)" >&2
mvn -q -B -f tools/neo4j-launcher/pom.xml package >&2

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PYTHON --version)" >&2
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
echo "setup: installing paper-kg[dev] into .venv" >&2
.venv/bin/python -m pip install -q -e ".[dev]"
echo "setup: done; activate with: . .venv/bin/activate" >&2
