package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mla4j.io.InvalidInputException;
import org.mla4j.io.Npy;
import org.mla4j.io.NpyArray;

/**
 * Feature cells: one {@code .npy} file per sample holding a ready-made vector (e.g. a text
 * embedding) of any shape with {@code dim} values, floating point or integer; read as float32 in C
 * order. Values must be finite.
 *
 * <p>Manifest: {@code params.dim} (required) and optional {@code params.sample_shape} (default
 * {@code [dim]}).
 */
public final class VectorRecipe implements FeatureRecipe {
    private final int dim;
    private final List<Integer> shape;

    public VectorRecipe(int dim, List<Integer> shape) {
        this.dim = dim;
        this.shape = List.copyOf(shape);
    }

    static VectorRecipe parse(JsonNode entry, String at, ManifestFields f) {
        JsonNode p = f.object(entry, at, "params");
        String pat = ManifestFields.join(at, "params");
        if (p == null) {
            throw InvalidInputException.inFile(f.file(), "missing required key \"" + pat + ".dim\"");
        }
        f.onlyKeys(p, pat, Set.of("dim", "sample_shape"));
        int dim = f.integer(p, pat, "dim", 1, null);
        double[] s = f.numbers(p, pat, "sample_shape");
        List<Integer> shape = new ArrayList<>();
        long product = 1;
        if (s == null) {
            shape.add(dim);
        } else {
            for (double v : s) {
                if (v < 1 || v != Math.rint(v)) {
                    throw f.error(pat + ".sample_shape", "must hold positive integers");
                }
                shape.add((int) v);
                product *= (long) v;
            }
            if (product != dim) {
                throw f.error(pat + ".sample_shape", "holds " + product + " values but dim is " + dim);
            }
        }
        return new VectorRecipe(dim, shape);
    }

    @Override
    public MediaKind kind() {
        return MediaKind.FEATURES;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public List<Integer> shape() {
        return shape;
    }

    @Override
    public float[] extract(List<Input> files) {
        Input in = files.get(0);
        NpyArray a;
        try {
            a = Npy.read(new ByteArrayInputStream(in.bytes()), in.path());
        } catch (IOException e) {
            throw InvalidInputException.inFile(in.path(), "cannot be read (" + e.getMessage() + ")");
        }
        if (a.length() != dim) {
            throw InvalidInputException.inFile(in.path(), "holds " + a.length() + " values (shape "
                    + java.util.Arrays.toString(a.shape()) + ") but the manifest gives dim " + dim);
        }
        float[] v = a.floats();
        for (int j = 0; j < v.length; j++) {
            if (!Float.isFinite(v[j])) {
                throw InvalidInputException.inFile(in.path(), "holds " + v[j] + " at position " + j
                        + "; features must be finite");
            }
        }
        return v;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("dim", dim);
        d.put("sample_shape", shape);
        return d;
    }
}
