package org.mla4j.data.raw;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.mla4j.data.raw.audio.LogMelExtractor;
import org.mla4j.data.raw.audio.LogMelParams;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;
import org.mla4j.io.NpyArray;

/**
 * Checks that Java log-mel features match a reference {@code .npy}: for each selected row i of an
 * {@code index.csv}, computes the features of its audio file and
 * {@code d_i = max_j |java_i[j] − ref[i][j]|}; reports {@code max_i d_i} and the row attaining it.
 * Row i of the index must be row i of the reference (shape N × featureDim).
 */
public final class LogMelParity {
    private LogMelParity() {
    }

    /**
     * Result of a comparison.
     *
     * @param rows          the index rows compared
     * @param perRowMaxDiff {@code d_i} for each compared row, aligned with {@code rows}
     * @param maxAbsDiff    the largest {@code d_i}
     * @param worstRow      index.csv row (0-based) with the largest difference
     * @param worstId       that row's id
     * @param millis        wall time of decoding, extracting and comparing the selected rows (loading
     *                      the index and the reference excluded)
     */
    public record Report(int[] rows, double[] perRowMaxDiff, double maxAbsDiff, int worstRow, String worstId,
                         long millis) {
        /** Number of compared rows whose difference exceeds {@code tolerance}. */
        public long rowsAbove(double tolerance) {
            return java.util.Arrays.stream(perRowMaxDiff).filter(d -> !(d <= tolerance)).count();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d rows: max abs diff %.3e (row %d, %s), %d ms",
                    rows.length, maxAbsDiff, worstRow, worstId, millis);
        }
    }

    /** Compares every row. */
    public static Report compare(Path indexCsv, Path referenceNpy, LogMelParams params) {
        RawIndex index = RawIndex.read(indexCsv);
        return compare(index, Npy.read(referenceNpy), referenceNpy, params,
                IntStream.range(0, index.size()).toArray());
    }

    /** Compares the given 0-based rows. */
    public static Report compare(Path indexCsv, Path referenceNpy, LogMelParams params, int[] rows) {
        return compare(RawIndex.read(indexCsv), Npy.read(referenceNpy), referenceNpy, params, rows);
    }

    private static Report compare(RawIndex index, NpyArray ref, Path refFile, LogMelParams params, int[] rows) {
        long t0 = System.nanoTime();
        int dim = params.featureDim();
        if (dim < 0) {
            throw new IllegalArgumentException("parity needs a fixed frame count (params.frames() > 0)");
        }
        if (ref.rank() != 2 || ref.dim(0) != index.size() || ref.dim(1) != dim) {
            throw InvalidInputException.inFile(refFile, "shape " + java.util.Arrays.toString(ref.shape())
                    + " does not match " + index.size() + " index rows × " + dim + " features");
        }
        float[] r = ref.floats();
        LogMelExtractor extractor = new LogMelExtractor(params);
        double[] per = new double[rows.length];
        double max = -1;
        int worst = -1;
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            if (row < 0 || row >= index.size()) {
                throw new IllegalArgumentException("row " + row + " outside 0.." + (index.size() - 1));
            }
            float[] f = extractor.extract(index.row(row).audio());
            double d = 0;
            int off = row * dim;
            for (int j = 0; j < dim; j++) {
                double e = Math.abs((double) f[j] - r[off + j]);
                if (!(e <= d)) {
                    d = e; // also propagates NaN
                }
            }
            per[i] = d;
            if (!(d <= max)) {
                max = d;
                worst = row;
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Report(rows.clone(), per, max, worst, worst >= 0 ? index.row(worst).id() : "", ms);
    }

    /** {@code LogMelParity index.csv reference.npy}: compares all rows with the av_mnist_fsdd recipe. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: LogMelParity <index.csv> <reference.npy>");
            System.exit(2);
        }
        Report rep = compare(Path.of(args[0]), Path.of(args[1]), LogMelParams.avMnistFsdd());
        System.out.println(rep);
        System.out.println("rows above 1e-3: " + rep.rowsAbove(1e-3));
    }
}
