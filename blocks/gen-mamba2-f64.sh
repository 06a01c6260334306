#!/usr/bin/env bash
# Generates Mamba2F64.java (the fp64 twin of the Mamba-2 block arithmetic) from Mamba2F32.java: the two differ only
# in the element type, the BLAS routine and literals, so the twin is produced, never edited by hand.
# Run from anywhere: blocks/gen-mamba2-f64.sh
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/src/main/java/ssm4j/blocks/mamba2"
sed -e 's/Mamba2F32/Mamba2F64/g' \
    -e 's/The fp32 arithmetic/The fp64 arithmetic/' \
    -e 's/{@code Mamba2F64} is generated from this file by \(.*\)\./GENERATED from {@code Mamba2F32} by \1: do not edit./' \
    -e 's/new float\[/new double[/g' \
    -e 's/float\[\]/double[]/g' -e 's/\bfloat /double /g' -e 's/(float) //g' \
    -e 's/sgemm/dgemm/g' -e 's/\b1f\b/1.0/g' -e 's/\b0f\b/0.0/g' \
    "$dir/Mamba2F32.java" > "$dir/Mamba2F64.java"
