#!/usr/bin/env bash
# Generates the fp64 twins of the fp32 Vector API sources (same algorithm, DoubleVector, double tables).
set -euo pipefail
cd "$(dirname "$0")/src/main/java/ssm4j/conv/simd"
for f in CfftF32 InRegisterF32 RfftF32 VecConvF32 BluesteinF32 RealFftF32; do
  g=${f/F32/F64}
  sed -e 's/F32/F64/g' -e 's/FloatVector/DoubleVector/g' -e 's/VectorSpecies<Float>/VectorSpecies<Double>/g' \
      -e 's/VectorShuffle<Float>/VectorShuffle<Double>/g' -e 's/float\[\]/double[]/g' -e 's/new float\[/new double[/g' \
      -e 's/(float) /(double) /g' -e 's/\bfloat /double /g' -e 's/^ \* fp32/ * fp64/' -e 's/twiddlesF64()/twiddles.clone()/' \
      -e 's/ floats / doubles /g' -e 's/0\.5f/0.5/g' -e 's/Float\.BYTES/Double.BYTES/g' -e 's/float\[\]\[\]/double[][]/g' "$f.java" > "$g.java"
done
