#!/usr/bin/env bash
# GPU check for ssm4j's native-gpu tier (cuFFT/cuBLAS through FFM), for a machine with a CUDA device but no JDK
# or Maven (the lent H100: CUDA 13 libraries known to ldconfig).
#
#   native/gpu-check.sh stage DIR   # here (JDK 25 + Maven): build, then pack into DIR a jlink-ed JDK 25
#                                   # (tar.xz), the jars, the test classes and Debian's libfftw3{,f}.so.3
#   native/gpu-check.sh run DIR     # there: unpack, run the GPU tests (GpuTestMain), then the W3 rows of
#                                   # FftwConvBench for native-gpu and native (FFTW) at 1 and $THREADS threads
#
# With the device tool: stage into /work/main/.device/ssm4j-native (git-ignored), then
#   run(command="bash .device/ssm4j-native/gpu-check.sh run .device/ssm4j-native", carry=[".device"])
set -euo pipefail
mode="${1:?usage: gpu-check.sh stage|run DIR}"
dir="${2:?usage: gpu-check.sh stage|run DIR}"

if [ "$mode" = stage ]; then
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  jdk="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
  export JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH"
  (cd "$root" && mvn -B -q -pl native,jmh -am install -DskipTests)
  (cd "$root" && mvn -B -q -pl native dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$root/native/target/test-cp.txt" >/dev/null)
  rm -rf "$dir" && mkdir -p "$dir/lib"
  tr ':' '\n' < "$root/native/target/test-cp.txt" | while read -r j || [ -n "$j" ]; do cp "$j" "$dir/lib/"; done
  cp "$root"/native/target/ssm4j-native-*.jar "$dir/lib/"
  (cd "$root/native/target/test-classes" && "$jdk/bin/jar" cf "$dir/lib/ssm4j-native-tests.jar" .)
  cp "$root/jmh/target/benchmarks.jar" "$dir/"
  cp -L /usr/lib/x86_64-linux-gnu/libfftw3f.so.3 /usr/lib/x86_64-linux-gnu/libfftw3.so.3 \
        /usr/lib/x86_64-linux-gnu/libfftw3f_omp.so.3 /usr/include/fftw3.h "$dir/" 2>/dev/null || true
  cp "$root/../shared/anchors/fftw_conv.c" "$dir/" 2>/dev/null || true   # the W3 C anchor, built there
  cp "$root/../shared/anchors/gpu/bench_gpu.py" "$dir/" 2>/dev/null || true # the PyTorch GPU anchor
  rm -rf /tmp/ssm4j-jdk-gpu
  "$jdk/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.incubator.vector,jdk.unsupported,java.xml,java.naming \
      --strip-debug --no-header-files --no-man-pages --output /tmp/ssm4j-jdk-gpu 2>/dev/null
  tar -C /tmp -cJf "$dir/jdk.tar.xz" ssm4j-jdk-gpu
  cp "$0" "$dir/gpu-check.sh"
  du -sh "$dir"
  exit 0
fi

[ "$mode" = run ] || { echo "unknown mode $mode" >&2; exit 64; }
THREADS="${THREADS:-16}"
work=/tmp/ssm4j-gpu && mkdir -p "$work"
tar -C "$work" -xJf "$dir/jdk.tar.xz"
JAVA="$work/ssm4j-jdk-gpu/bin/java"
FLAGS=(--add-modules=jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
FFTW=(-Dssm4j.fftw3f.path="$(cd "$dir" && pwd)/libfftw3f.so.3" -Dssm4j.fftw3.path="$(cd "$dir" && pwd)/libfftw3.so.3")
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true
nproc; lscpu | grep -m1 'Model name' || true
anchor() {
  if [ -x "$work/fftw_conv" ]; then
    for t in 1 "$THREADS"; do LD_LIBRARY_PATH="$dir" OMP_NUM_THREADS="$t" "$work/fftw_conv" 8 256 4096 "$t" | grep fused; done
  fi
}
if command -v gcc >/dev/null && [ -f "$dir/fftw_conv.c" ]; then
  gcc -O3 -march=native -fopenmp -I"$dir" "$dir/fftw_conv.c" -o "$work/fftw_conv" -L"$dir" \
      -l:libfftw3f_omp.so.3 -l:libfftw3f.so.3 -lm || echo "anchor build failed"
fi
echo "== W3 C anchor (FFTW fused per row), before"
anchor
echo "== GPU tests"
set +e
"$JAVA" "${FLAGS[@]}" "${FFTW[@]}" -cp "$dir/lib/*" ssm4j.nativ.cuda.GpuTestMain
tests=$?
set -e
echo "GpuTestMain exit $tests"
echo "== W3 FftwConvBench (B=8 H=256 L=4096, Java heap in/out)"
"$JAVA" "${FLAGS[@]}" -jar "$dir/benchmarks.jar" "${BENCH:-FftwConvBench}" -f 1 -wi 3 -w 1 -i 5 -r 1 \
    -p backend=native-gpu,native -p threads=1,"$THREADS" -jvmArgsAppend "${FFTW[*]}" \
    -rf json -rff "${OUT:-/tmp}/gpu-w3.json" 2>&1 | grep -E '^(Benchmark|FftwConvBench)|backend:|Exception|Error' || true
echo "== W3 C anchor (FFTW fused per row), after"
anchor
if [ -f "$dir/bench_gpu.py" ] && python3 -c "import torch" 2>/dev/null; then
  echo "== PyTorch GPU anchor (same session)"
  PYTHONUNBUFFERED=1 python3 "$dir/bench_gpu.py" 2>&1 | grep -E "^#|W3|PCIE" || true
fi
exit $tests
