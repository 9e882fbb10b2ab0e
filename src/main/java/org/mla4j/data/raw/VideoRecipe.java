package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mla4j.data.raw.image.ImageLoader;
import org.mla4j.data.raw.image.ImageParams;

/**
 * Video cells: several image files (the frames, in order, separated by the manifest's list
 * separator). K frames are taken at evenly spaced positions {@code ⌊(k + ½)·n/K⌋}, k = 0 … K−1, of
 * the n listed (a frame repeats when n &lt; K), each loaded as {@link ImageRecipe} does, then pooled
 * over time: {@link Pool#MEAN} averages them into one {@code [C, H, W]} image; {@link Pool#STACK}
 * concatenates them along the channel axis, {@code [K·C, H, W]}, frame-major, so a convolutional
 * encoder sees motion.
 *
 * <p>Manifest: the image keys of {@link ImageRecipe} plus {@code params.frames} (K, default 1) and
 * {@code params.pool} ({@code "mean"} (default) or {@code "stack"}).
 */
public final class VideoRecipe implements FeatureRecipe {
    /** How frames are pooled over time. */
    public enum Pool { MEAN, STACK }

    private final ImageParams image;
    private final int frames;
    private final Pool pool;

    public VideoRecipe(ImageParams image, int frames, Pool pool) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be at least 1, got " + frames);
        }
        this.image = image;
        this.frames = frames;
        this.pool = pool;
    }

    static VideoRecipe parse(JsonNode entry, String at, ManifestFields f) {
        Set<String> keys = new HashSet<>(ImageRecipe.KEYS);
        keys.add("frames");
        keys.add("pool");
        ImageParams image = ImageRecipe.parseParams(entry, at, f, keys);
        JsonNode p = f.object(entry, at, "params");
        if (p == null) {
            p = JsonNodeFactory.instance.objectNode();
        }
        String pat = ManifestFields.join(at, "params");
        return new VideoRecipe(image, f.integer(p, pat, "frames", 1, 1), f.choice(p, pat, "pool", Pool.class, Pool.MEAN));
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public boolean multipleFiles() {
        return true;
    }

    @Override
    public int dim() {
        return (pool == Pool.STACK ? frames : 1) * image.featureDim();
    }

    @Override
    public List<Integer> shape() {
        return List.of((pool == Pool.STACK ? frames : 1) * image.channels(), image.height(), image.width());
    }

    /** Positions of the K frames taken from n listed ones. */
    static int[] framePositions(int n, int k) {
        int[] pos = new int[k];
        for (int i = 0; i < k; i++) {
            pos[i] = (int) (((2L * i + 1) * n) / (2L * k));
        }
        return pos;
    }

    @Override
    public float[] extract(List<Input> files) {
        int per = image.featureDim();
        float[] out = new float[dim()];
        int[] positions = framePositions(files.size(), frames);
        for (int k = 0; k < frames; k++) {
            Input in = files.get(positions[k]);
            float[] f = ImageLoader.toFeatures(ImageLoader.decode(in.bytes(), in.path()), image);
            if (pool == Pool.STACK) {
                System.arraycopy(f, 0, out, k * per, per);
            } else {
                for (int j = 0; j < per; j++) {
                    out[j] += f[j] / frames;
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = ImageRecipe.describe(image);
        d.put("frames", frames);
        d.put("pool", pool.name().toLowerCase(Locale.ROOT));
        return d;
    }
}
