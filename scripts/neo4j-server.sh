#!/usr/bin/env bash
# A real Neo4j 5 Community server (the 5.26 LTS line) for tests, with no Docker:
#
#   scripts/neo4j-server.sh start DIR   # prints bolt://127.0.0.1:PORT once it answers
#   scripts/neo4j-server.sh stop DIR    # ends the server that `start DIR` started
#   scripts/neo4j-server.sh admin DIR ARGS...  # neo4j-admin ARGS with DIR as NEO4J_HOME
#
# `admin` runs the neo4j-admin command line (org.neo4j.cli.AdminTool, from the same
# jars) on DIR while no server runs there, e.g. `database import full` of a
# `kg export --format neo4j-admin` directory (scripts/neo4j-admin.sh is the same as a
# `neo4j-admin` binary for its import.sh); `start DIR` then serves what it imported.
#
# The server is the embedded DatabaseManagementService of the Maven artifact
# org.neo4j:neo4j with its Bolt connector, run by the launcher in
# tools/neo4j-launcher (built by scripts/setup.sh, or here on first use; its jars stay
# in Maven's local repository, so later starts need no network).  Bolt listens on a
# port the OS picks on 127.0.0.1, without authentication.  DIR holds the databases,
# Neo4j's own logs (DIR/logs), the launcher's output (DIR/launcher.log), the pid
# (DIR/neo4j.pid) and the URI (DIR/bolt-uri).  The Bolt URI is the only line on
# stdout; everything else goes to stderr or DIR.
#
# Environment: NEO4J_HEAP (JVM heap, default 1g), NEO4J_PAGECACHE_MB (default 512),
# NEO4J_START_TIMEOUT (seconds, default 180), JAVA (default: java on PATH).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LAUNCHER="$ROOT/tools/neo4j-launcher"
JAVA=${JAVA:-java}

die() { echo "neo4j-server: $*" >&2; exit 1; }

usage() { die "usage: $0 start DIR | stop DIR | admin DIR ARGS..."; }

running_pid() {  # the pid of DIR's server if it runs, else nothing
  local pid_file="$1/neo4j.pid" pid
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

build_launcher() {
  if [ -f "$LAUNCHER/target/neo4j-launcher.jar" ] \
      && [ -f "$LAUNCHER/target/classpath.txt" ]; then
    return
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to build the launcher: run scripts/setup.sh"
  echo "neo4j-server: building tools/neo4j-launcher with Maven" >&2
  mvn -q -B -f "$LAUNCHER/pom.xml" package >&2 \
    || die "building tools/neo4j-launcher failed (see Maven's output above)"
}

classpath() {
  echo "$LAUNCHER/target/neo4j-launcher.jar:$(cat "$LAUNCHER/target/classpath.txt")"
}

# The JVM options are those Neo4j's own neo4j.conf ships for Java 17.
JVM_OPTIONS=(-XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
  -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields
  -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024
  -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED)

admin() {
  local dir="$1" pid
  shift
  mkdir -p "$dir/conf"
  dir=$(cd "$dir" && pwd)
  pid=$(running_pid "$dir")
  [ -z "$pid" ] || die "a server (pid $pid) runs in $dir: stop it first"
  [ -f "$dir/conf/neo4j.conf" ] || : >"$dir/conf/neo4j.conf"
  command -v "$JAVA" >/dev/null 2>&1 || die "Java 17 or 21 is needed: run scripts/setup.sh"
  build_launcher
  NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" exec "$JAVA" -Xmx"${NEO4J_HEAP:-1g}" \
    "${JVM_OPTIONS[@]}" -cp "$(classpath)" org.neo4j.cli.AdminTool "$@"
}

start() {
  local dir="$1" pid deadline
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  pid=$(running_pid "$dir")
  if [ -n "$pid" ]; then
    [ -f "$dir/bolt-uri" ] || die "a server (pid $pid) is starting in $dir"
    echo "neo4j-server: already running in $dir (pid $pid)" >&2
    cat "$dir/bolt-uri"
    return
  fi
  command -v "$JAVA" >/dev/null 2>&1 || die "Java 17 or 21 is needed: run scripts/setup.sh"
  build_launcher
  rm -f "$dir/bolt-uri"
  nohup "$JAVA" -Xms"${NEO4J_HEAP:-1g}" -Xmx"${NEO4J_HEAP:-1g}" \
    -Dpaperkg.pagecacheMb="${NEO4J_PAGECACHE_MB:-512}" "${JVM_OPTIONS[@]}" \
    -cp "$(classpath)" \
    paperkg.Neo4jLauncher "$dir" >"$dir/launcher.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/neo4j.pid"
  deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-180}))
  until [ -f "$dir/bolt-uri" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$dir/neo4j.pid"
      tail -n 20 "$dir/launcher.log" >&2 || true
      die "Neo4j exited before it answered: see $dir/launcher.log and $dir/logs"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      stop "$dir"
      die "Neo4j did not answer within ${NEO4J_START_TIMEOUT:-180}s: see $dir/launcher.log"
    fi
    sleep 0.2
  done
  cat "$dir/bolt-uri"
}

stop() {
  local dir="$1" pid waited=0
  [ -d "$dir" ] || die "no directory $dir"
  pid=$(running_pid "$dir")
  if [ -z "$pid" ]; then
    rm -f "$dir/neo4j.pid" "$dir/bolt-uri"
    echo "neo4j-server: no server runs in $dir" >&2
    return
  fi
  kill -TERM "$pid"  # the launcher's shutdown hook closes the databases cleanly
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$waited" -ge 600 ]; then  # 60 s
      echo "neo4j-server: pid $pid did not stop in 60s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$dir/neo4j.pid" "$dir/bolt-uri"
}

[ $# -ge 2 ] || usage
case "$1" in
  start) [ $# -eq 2 ] || usage; start "$2" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  admin) shift; admin "$@" ;;
  *) usage ;;
esac
