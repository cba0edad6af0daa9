#!/usr/bin/env bash
# A real NFSv3 server on 127.0.0.1 for tests: nfs-ganesha with its VFS backend, exporting
# WORKDIR/export over TCP.
#
#   nfs-server.sh up WORKDIR     installs what is missing (Debian packages nfs-ganesha,
#                                nfs-ganesha-vfs, rpcbind; needs root), starts the server and
#                                prints two lines:
#                                  NFS_URI=nfs://127.0.0.1<WORKDIR>/export
#                                  NFS_BACKING=<WORKDIR>/export
#   nfs-server.sh down WORKDIR   stops the server started for WORKDIR (the export stays)
#
# The server takes port 2049, so there is one per machine (per network namespace): "up" after
# "down" with the same WORKDIR restarts it on the same export, which is how tests take the server
# away and bring it back. NFSv3 clients mount the server's real path (not a pseudo path), hence
# the export path inside NFS_URI. The kernel of the test machines has no NFS client: tests speak
# to the server through a Java NFSv3 client (see docs/storage.md, NFS).
set -euo pipefail

usage() { echo "usage: nfs-server.sh up|down WORKDIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
command=$1
workdir=$(realpath -m "$2")

install_server() {
  if command -v ganesha.nfsd >/dev/null && command -v rpcbind >/dev/null \
      && command -v rpcinfo >/dev/null; then
    return
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    nfs-ganesha nfs-ganesha-vfs rpcbind >/dev/null
}

write_config() {
  cat > "$workdir/ganesha.conf" <<CONF
NFS_CORE_PARAM {
  Bind_addr = 127.0.0.1;
  NFS_Port = 2049;
  Protocols = 3;
  Enable_NLM = false;
  Enable_RQUOTA = false;
}
NFSv4 { Graceless = true; RecoveryBackend = fs; RecoveryRoot = $workdir/recov; }
NFS_KRB5 { Active_krb5 = false; }
EXPORT {
  Export_Id = 1;
  Path = $workdir/export;
  Pseudo = /export;
  Access_Type = RW;
  Squash = No_Root_Squash;
  SecType = sys;
  Protocols = 3;
  Transports = TCP;
  FSAL { Name = VFS; }
}
LOG { Default_Log_Level = WARN; }
CONF
}

# true once both the NFS and the MOUNT programs answer over TCP
serving() {
  rpcinfo -t 127.0.0.1 100003 3 >/dev/null 2>&1 && rpcinfo -t 127.0.0.1 100005 3 >/dev/null 2>&1
}

stop_server() {
  local pidfile=$workdir/ganesha.pid
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$pidfile"
}

case $command in
  up)
    install_server
    mkdir -p "$workdir/export" "$workdir/recov"
    write_config
    # rpcbind maps the NFS and MOUNT programs to their ports; it stays up between servers
    rpcinfo -p 127.0.0.1 >/dev/null 2>&1 || rpcbind -w
    stop_server
    if serving; then
      echo "nfs-server: another NFS server already answers on 127.0.0.1:2049 (one per machine);" \
        "stop it first (nfs-server.sh down ITS_WORKDIR): $(pgrep -a ganesha.nfsd || echo '?')" >&2
      exit 1
    fi
    ganesha.nfsd -L "$workdir/ganesha.log" -f "$workdir/ganesha.conf" -N NIV_WARN \
      -p "$workdir/ganesha.pid"
    for _ in $(seq 1 200); do
      serving && break
      sleep 0.1
    done
    if ! serving; then
      echo "nfs-server: ganesha did not come up within 20 s; see $workdir/ganesha.log" >&2
      exit 1
    fi
    echo "NFS_URI=nfs://127.0.0.1$workdir/export"
    echo "NFS_BACKING=$workdir/export"
    ;;
  down)
    stop_server
    ;;
  *)
    usage
    ;;
esac
