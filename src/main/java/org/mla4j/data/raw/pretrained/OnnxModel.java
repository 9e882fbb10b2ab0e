package org.mla4j.data.raw.pretrained;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mla4j.io.InvalidInputException;

/**
 * An ONNX model on ONNX Runtime's Java API (CPU), with the inputs its graph declares (names, element
 * types, shapes with -1 for symbolic dimensions). Runs are deterministic for a fixed thread count.
 *
 * <p>ONNX Runtime's own API is used rather than DJL's OnnxRuntime engine because that engine hides
 * the declared input and output shapes, which the shape checks of {@link PretrainedEncoder} and their
 * messages need.
 */
public final class OnnxModel implements FrozenModel {
    private final Path file;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final List<TensorSpec> inputs;

    private OnnxModel(Path file, OrtEnvironment env, OrtSession session) {
        this.file = file;
        this.env = env;
        this.session = session;
        this.inputs = specs(file, session);
    }

    /** Loads a model file with {@code threads} intra-op threads. */
    public static OnnxModel load(Path file, int threads) {
        return create(file, null, threads);
    }

    /** Loads a model held in memory (e.g. a resource); {@code name} stands for it in messages. */
    public static OnnxModel load(byte[] model, Path name, int threads) {
        return create(name, model, threads);
    }

    private static OnnxModel create(Path file, byte[] bytes, int threads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            OrtSession session = bytes != null ? env.createSession(bytes, options)
                    : env.createSession(file.toAbsolutePath().toString(), options);
            try {
                return new OnnxModel(file, env, session);
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw InvalidInputException.inFile(file, "is not a readable ONNX model (ONNX Runtime: "
                    + FrozenModel.oneLine(e) + ")");
        }
    }

    private static List<TensorSpec> specs(Path file, OrtSession session) {
        List<TensorSpec> out = new ArrayList<>();
        try {
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                if (!(e.getValue().getInfo() instanceof TensorInfo t)) {
                    throw InvalidInputException.inFile(file, "input '" + e.getKey() + "' is not a tensor ("
                            + e.getValue().getInfo() + "); mla4j feeds tensors only");
                }
                out.add(new TensorSpec(e.getKey(), typeName(t.type), t.getShape()));
            }
        } catch (OrtException e) {
            throw InvalidInputException.inFile(file, "is not a readable ONNX model (ONNX Runtime: "
                    + FrozenModel.oneLine(e) + ")");
        }
        return List.copyOf(out);
    }

    private static String typeName(OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case INT64 -> "int64";
            case INT32 -> "int32";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Format format() {
        return Format.ONNX;
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<HostTensor> run(List<HostTensor> in) {
        if (in.size() != inputs.size()) {
            throw new IllegalArgumentException(file + " takes " + inputs.size() + " inputs, not " + in.size());
        }
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (int i = 0; i < in.size(); i++) {
                HostTensor t = in.get(i);
                feed.put(inputs.get(i).name(), t.isFloat() ? OnnxTensor.createTensor(env, FloatBuffer.wrap(t.floats()), t.shape())
                        : OnnxTensor.createTensor(env, LongBuffer.wrap(t.longs()), t.shape()));
            }
            try (OrtSession.Result result = session.run(feed)) {
                List<HostTensor> out = new ArrayList<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    if (!(e.getValue() instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
                        throw InvalidInputException.inFile(file, "output '" + e.getKey() + "' is "
                                + e.getValue().getInfo() + "; features must be float32 tensors");
                    }
                    FloatBuffer b = t.getFloatBuffer();
                    float[] values = new float[b.remaining()];
                    b.get(values);
                    out.add(HostTensor.ofFloats(values, t.getInfo().getShape()));
                }
                return out;
            }
        } catch (OrtException e) {
            List<String> given = in.stream().map(HostTensor::describe).toList();
            throw InvalidInputException.inFile(file, "cannot run on inputs " + given + " (ONNX Runtime: "
                    + FrozenModel.oneLine(e) + ")");
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": closing the ONNX Runtime session failed", e);
        }
    }
}
