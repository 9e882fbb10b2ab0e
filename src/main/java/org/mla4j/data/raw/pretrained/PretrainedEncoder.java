package org.mla4j.data.raw.pretrained;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mla4j.io.InvalidInputException;

/**
 * A frozen model applied to a modality's preprocessed rows: each row (a float32 tensor of the
 * modality's sample shape S, e.g. C × H × W) is fed as part of a batch {@code [B, ...S]}, and the
 * model's first output {@code [B, ...O]} is flattened, one row of {@code dim = prod(O)} values per
 * sample.
 *
 * <p>Checked when opened, each problem one {@link InvalidInputException} naming the file: an ONNX
 * model must declare exactly one float32 input whose rank and fixed dimensions match {@code [B, ...S]}
 * (the batch dimension may be symbolic or fixed: a fixed batch size k is honoured by running batches
 * of exactly k, the last one padded with zeros and the padding rows dropped); then a probe batch of
 * zeros must give a float32 first output whose first dimension is the batch size. TorchScript files
 * declare no shapes, so for them the probe is the check, and the engine's message says what the
 * network wanted. Every later batch must give the probe's output shape.
 *
 * <p>Batches of {@value #BATCH} rows (or the model's fixed batch size); results do not depend on how
 * the caller splits its rows, only on the model.
 */
public final class PretrainedEncoder implements AutoCloseable {
    public static final int BATCH = 32;

    private final FrozenModel model;
    private final long[] sample;
    private final String what;
    private final int batch;
    private final boolean fixedBatch;
    private final long[] outShape;
    private final int dim;

    private PretrainedEncoder(FrozenModel model, List<Integer> sampleShape, String what) {
        this.model = model;
        this.sample = sampleShape.stream().mapToLong(Integer::longValue).toArray();
        this.what = what;
        long declaredBatch = checkDeclaredInput();
        this.fixedBatch = declaredBatch > 0;
        this.batch = fixedBatch ? Math.toIntExact(declaredBatch) : BATCH;
        int probeRows = fixedBatch ? batch : 1;
        HostTensor out = first(model.run(List.of(HostTensor.ofFloats(new float[probeRows * rowLength()], batchShape(probeRows)))),
                probeRows);
        long[] shape = out.shape();
        this.outShape = Arrays.copyOfRange(shape, 1, shape.length);
        long d = HostTensor.size(outShape);
        if (d < 1 || d > Integer.MAX_VALUE / 64) {
            throw InvalidInputException.inFile(model.file(), "output 0 has shape " + Arrays.toString(shape)
                    + ", which gives " + d + " features per sample; expected between 1 and " + Integer.MAX_VALUE / 64);
        }
        this.dim = (int) d;
    }

    /**
     * Loads and checks a model for rows of {@code sampleShape}.
     *
     * @param where the manifest key naming the file (for messages)
     * @param what  what the rows are, for messages, e.g. {@code "modality 'image' (its image after the manifest's preprocessing, C × H × W)"}
     */
    public static PretrainedEncoder open(Path file, String where, List<Integer> sampleShape, String what, int threads) {
        FrozenModel m = FrozenModel.open(file, where, threads);
        try {
            return new PretrainedEncoder(m, sampleShape, what);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** The declared batch size (> 0), or 0 when open or undeclared. */
    private long checkDeclaredInput() {
        List<TensorSpec> declared = model.inputs();
        if (declared.isEmpty()) {
            return 0;
        }
        String gives = what + " gives float32 " + shapeText(-1);
        if (declared.size() != 1) {
            throw InvalidInputException.inFile(model.file(), "the model has " + declared.size() + " inputs ("
                    + String.join(", ", declared.stream().map(TensorSpec::describe).toList())
                    + ") but a modality's encoder takes one; " + gives);
        }
        TensorSpec in = declared.get(0);
        long[] want = in.shape();
        long[] got = batchShape(want.length > 0 && want[0] > 0 ? want[0] : 1);
        if (!in.type().equals("float32") || !in.accepts(got)) {
            throw InvalidInputException.inFile(model.file(), "the model expects input " + in.describe() + " but " + gives
                    + "; export the model for that shape or change the modality's preprocessing");
        }
        return want[0] > 0 ? want[0] : 0;
    }

    /** Output dimensions after the batch. */
    public long[] outputShape() {
        return outShape.clone();
    }

    /** Features per sample. */
    public int dim() {
        return dim;
    }

    /** Rows per run. */
    public int batchSize() {
        return batch;
    }

    /** The features of {@code rows} (each of the sample shape), row-major {@code rows.size() × dim()}. */
    public float[] encode(List<float[]> rows) {
        float[] out = new float[rows.size() * dim];
        int len = rowLength();
        for (int start = 0; start < rows.size(); start += batch) {
            int count = Math.min(batch, rows.size() - start);
            int runRows = fixedBatch ? batch : count;
            float[] in = new float[runRows * len];
            for (int r = 0; r < count; r++) {
                float[] row = rows.get(start + r);
                if (row.length != len) {
                    throw new IllegalArgumentException("row of " + row.length + " values, expected " + len);
                }
                System.arraycopy(row, 0, in, r * len, len);
            }
            HostTensor y = first(model.run(List.of(HostTensor.ofFloats(in, batchShape(runRows)))), runRows);
            long[] expected = new long[outShape.length + 1];
            expected[0] = runRows;
            System.arraycopy(outShape, 0, expected, 1, outShape.length);
            if (!Arrays.equals(y.shape(), expected)) {
                throw InvalidInputException.inFile(model.file(), "output 0 has shape " + Arrays.toString(y.shape())
                        + " for a batch of " + runRows + " but " + Arrays.toString(expected) + " for earlier batches;"
                        + " every sample needs the same number of features");
            }
            System.arraycopy(y.floats(), 0, out, start * dim, count * dim);
        }
        return out;
    }

    private HostTensor first(List<HostTensor> outputs, long rows) {
        if (outputs.isEmpty()) {
            throw InvalidInputException.inFile(model.file(), "the model returns no tensor");
        }
        HostTensor y = outputs.get(0);
        long[] s = y.shape();
        if (s.length < 1 || s[0] != rows) {
            throw InvalidInputException.inFile(model.file(), "output 0 has shape " + Arrays.toString(s) + " for inputs "
                    + shapeText(rows) + "; expected the batch first, [" + rows + ", …]");
        }
        return y;
    }

    private int rowLength() {
        return Math.toIntExact(HostTensor.size(sample));
    }

    private long[] batchShape(long rows) {
        long[] s = new long[sample.length + 1];
        s[0] = rows;
        System.arraycopy(sample, 0, s, 1, sample.length);
        return s;
    }

    private String shapeText(long rows) {
        List<String> parts = new ArrayList<>();
        parts.add(rows < 0 ? "batch" : Long.toString(rows));
        for (long d : sample) {
            parts.add(Long.toString(d));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    @Override
    public void close() {
        model.close();
    }
}
