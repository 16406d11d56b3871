#!/usr/bin/env bash
# Checks and benchmarks the CUDA backend on a GPU machine from the folder pack.sh made (this script's folder).
#   bash run.sh [OUTDIR] [STEP...]      steps: parity c3d mlp bbb rank train rank-file (default: all, in that order)
#   V2G_PRECISION=fp16 (or bf16) runs the rank-file step in that precision (default fp32)
# Writes logs to OUTDIR (default: $OUT if set, else ./cuda-device-out). Each step has its own time limit and the
# steps go on after a failure; the summary at the end says which passed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-${OUT:-$PWD/cuda-device-out}}
shift || true
steps=" ${*:-parity c3d mlp bbb rank train rank-file} "
mkdir -p "$out"
exec > >(tee "$out/run.log") 2>&1

echo "== machine"
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1 | head -3
nproc

# Java: the machine's if it has 17+, else the packed one
if [ -z "${V2G_PACKED_JAVA:-}" ] && command -v java >/dev/null && java -version 2>&1 | grep -qE 'version "(1[7-9]|2[0-9])'; then
  JAVA=java
else
  mkdir -p /tmp/v2g-jre && tar -C /tmp/v2g-jre -xzf "$here/jre.tgz" && JAVA=/tmp/v2g-jre/jre/bin/java
fi
$JAVA -version 2>&1 | head -1

# NVIDIA's libraries: the first folder that holds each (a CUDA install, the driver's, or Python wheels)
libdirs=""
for lib in libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcudnn.so.9 libnvrtc.so.13; do
  f=$(find /usr/local/nvidia /usr/local/cuda /usr/local/cuda-13* /usr/lib/x86_64-linux-gnu /usr/lib64 /opt \
       /usr/local/lib -name "$lib" 2>/dev/null | head -1)
  if [ -n "$f" ]; then
    d=$(dirname "$f"); echo "$lib: $f"
    case ":$libdirs:" in *":$d:"*) ;; *) libdirs="$libdirs:$d";; esac
  else
    echo "$lib: NOT FOUND"
  fi
done
export LD_LIBRARY_PATH="${libdirs#:}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

CP=$(ls "$here"/lib/*.jar | tr '\n' ':')
run() { # name, seconds, args...
  local name=$1 secs=$2; shift 2
  echo; echo "== $name"
  local t0=$(date +%s)
  timeout "$secs" $JAVA -Xmx24g -Dorg.slf4j.simpleLogger.defaultLogLevel=info -cp "$CP" \
    io.github.video2gif.bench.CudaBenchmark "$@" 2>&1 | tee "$out/$name.log"
  local rc=${PIPESTATUS[0]}
  echo "== $name: exit $rc in $(( $(date +%s) - t0 )) s"
  summary="$summary\n$name: exit $rc"
}
summary=""
want() { case "$steps" in *" $1 "*) return 0;; *) return 1;; esac; }
want parity && run parity 90 parity "$here/parity"
want c3d && run c3d 150 c3d
want mlp && run mlp 60 mlp
if want bbb && [ -f "$here/bbb.webm" ]; then run bbb 90 bbb "$here/bbb.webm"; fi
want rank && run rank 150 rank 20
want train && run train 75 train "$here/parity"
want rank-file && run rank-file 180 rank-file 5 "${V2G_PRECISION:-fp32}"
echo; echo "== summary"; printf "$summary\n"
