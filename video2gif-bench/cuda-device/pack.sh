#!/usr/bin/env bash
# Packs everything a bare GPU machine (no Java, no Maven, no network) needs to check and benchmark the CUDA
# backend into one folder of about 55 MB: a jlink'ed Java 17 runtime, the project's classes as jars, the JavaCPP
# CUDA and FFmpeg jars, the CPU's reference outputs for the parity checks (computed here, with ND4J), the Big Buck
# Bunny clip, and run.sh. Run from the repository root:
#
#   bash video2gif-bench/cuda-device/pack.sh target/cuda-device
#
# then, on the GPU machine, with that folder carried along:  bash target/cuda-device/run.sh [OUTDIR]
set -euo pipefail
dest=${1:-target/cuda-device}
root=$(pwd)
m2=${M2_REPO:-$HOME/.m2/repository}
rm -rf "$dest"
mkdir -p "$dest/lib" "$dest/parity"

mvn -q -B -o -pl video2gif-bench -am compile dependency:build-classpath -Dmdep.outputFile="$root/target/bench-cp.txt" \
  >/dev/null
for m in api core ffmpeg cuda bench; do
  jar cf "$dest/lib/video2gif-$m.jar" -C "video2gif-$m/target/classes" .
done
for j in org/bytedeco/javacpp/1.5.14/javacpp-1.5.14.jar \
         org/bytedeco/javacpp/1.5.14/javacpp-1.5.14-linux-x86_64.jar \
         org/bytedeco/cuda/13.3-9.25-1.5.14/cuda-13.3-9.25-1.5.14.jar \
         org/bytedeco/cuda/13.3-9.25-1.5.14/cuda-13.3-9.25-1.5.14-linux-x86_64.jar \
         org/bytedeco/javacv/1.5.14/javacv-1.5.14.jar \
         org/bytedeco/ffmpeg/8.1.2-1.5.14/ffmpeg-8.1.2-1.5.14.jar \
         org/bytedeco/ffmpeg/8.1.2-1.5.14/ffmpeg-8.1.2-1.5.14-linux-x86_64.jar \
         org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
         org/slf4j/slf4j-simple/2.0.17/slf4j-simple-2.0.17.jar; do
  cp "$m2/$j" "$dest/lib/"
done

# the CPU's outputs (ND4J runs here, not there)
cp_here="video2gif-bench/target/classes:video2gif-cuda/target/classes:video2gif-core/target/classes"
cp_here="$cp_here:video2gif-api/target/classes:video2gif-ffmpeg/target/classes:$(cat "$root/target/bench-cp.txt")"
java -Xmx6g -cp "$cp_here" io.github.video2gif.bench.CudaParityReference "$dest/parity" 2>&1 | grep -v '^\[main\] INFO'

# a small Java runtime (the GPU machine has none)
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported --strip-debug --no-header-files \
  --no-man-pages --compress=2 --output "$dest/jre"
tar -C "$dest" -czf "$dest/jre.tgz" jre
rm -rf "$dest/jre"

clip=${BBB_CLIP:-../shared/data/bbb/big_buck_bunny_0_30.webm}
if [ -f "$clip" ]; then cp "$clip" "$dest/bbb.webm"; fi
cp video2gif-bench/cuda-device/run.sh "$dest/run.sh"
du -sh "$dest"
