#!/usr/bin/env bash
# A throwaway S3 server for tests and benchmarks: a one-node Ceph cluster (one mon, one memstore OSD,
# auth none, loopback only) and radosgw in front of it. Used by test/support/s3-server.ts.
#
#   s3-server.sh start DIR RGW_PORT MON_PORT ACCESS_KEY SECRET_KEY   # prints nothing on success
#   s3-server.sh stop DIR                                            # kills the daemons by pid, waits
#
# Needs: apt-get install -y --no-install-recommends radosgw ceph-mon ceph-osd
# Pools are created up front: radosgw creating them lazily on the first request stalls ~2 s.
set -euo pipefail

# A killed daemon whose parent never reaps it stays a zombie: that counts as gone.
alive() { kill -0 "$1" 2>/dev/null && ! grep -qE '^[0-9]+ \(.*\) Z' "/proc/$1/stat" 2>/dev/null; }

stop() {
  local d=$1 n pids=() pid i left
  for n in client.rgw.a osd.0 mon.a; do
    [ -f "$d/run/$n.pid" ] && pids+=("$(cat "$d/run/$n.pid")")
  done
  [ ${#pids[@]} -gt 0 ] || return 0
  # Throwaway daemons on a memstore OSD: nothing is worth a clean shutdown (SIGTERM costs radosgw ~2 s).
  kill -9 "${pids[@]}" 2>/dev/null || true
  for i in $(seq 1 200); do
    left=0
    for pid in "${pids[@]}"; do alive "$pid" && left=1; done
    [ $left = 0 ] && return 0
    sleep 0.05
  done
  echo "s3-server.sh: daemons ${pids[*]} still running 10 s after SIGKILL" >&2
  return 1
}

start() {
  local D=$1 PORT=$2 MONPORT=$3 AK=$4 SK=$5
  mkdir -p "$D"/{mon,osd,rgw,log,run}
  local FSID OSD_UUID C
  FSID=$(cat /proc/sys/kernel/random/uuid)
  cat > "$D/ceph.conf" <<CONF
[global]
fsid = $FSID
mon host = v1:127.0.0.1:$MONPORT
mon initial members = a
auth cluster required = none
auth service required = none
auth client required = none
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
osd crush update on start = false
osd class update on start = false
mon allow pool size one = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
paxos propose interval = 0.05
run dir = $D/run
pid file = $D/run/\$name.pid
admin socket = $D/run/\$name.asok
log file = $D/log/\$name.log
osd objectstore = memstore
memstore device bytes = 2147483648
ms bind ipv6 = false
[mon.a]
mon data = $D/mon
public addr = 127.0.0.1
[osd.0]
osd data = $D/osd
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$PORT
rgw data = $D/rgw
CONF
  C=(-c "$D/ceph.conf")
  monmaptool --create --add a "v1:127.0.0.1:$MONPORT" --fsid "$FSID" "$D/monmap" >/dev/null
  ceph-mon "${C[@]}" --mkfs -i a --monmap "$D/monmap"
  ceph-mon "${C[@]}" -i a
  OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
  # `osd new` on its own also waits until the mon answers; then one `ceph` process for every other
  # cluster command (each start of the CLI costs ~0.5 s of Python).
  ceph "${C[@]}" osd new "$OSD_UUID" >/dev/null
  ceph-osd "${C[@]}" -i 0 --mkfs --osd-uuid "$OSD_UUID" 2>/dev/null
  {
    echo "osd crush add-bucket localhost host"
    echo "osd crush move localhost root=default"
    echo "osd crush add osd.0 1.0 host=localhost"
    for p in .rgw.root default.rgw.log default.rgw.control default.rgw.meta default.rgw.buckets.index default.rgw.buckets.data default.rgw.buckets.non-ec; do
      echo "osd pool create $p 8 8"
      echo "osd pool application enable $p rgw"
    done
  } | ceph "${C[@]}" >/dev/null 2>&1
  ceph-osd "${C[@]}" -i 0 2>/dev/null
  radosgw "${C[@]}" -n client.rgw.a
  local i
  for i in $(seq 1 240); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/" && break
    [ "$i" = 240 ] && { echo "radosgw did not answer on 127.0.0.1:$PORT within 60 s" >&2; tail -n 5 "$D/log/client.rgw.a.log" >&2 || true; exit 1; }
    sleep 0.25
  done
  radosgw-admin "${C[@]}" user create --uid=test --display-name=test --access-key="$AK" --secret-key="$SK" >/dev/null
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start DIR RGW_PORT MON_PORT ACCESS_KEY SECRET_KEY | stop DIR" >&2; exit 2 ;;
esac
