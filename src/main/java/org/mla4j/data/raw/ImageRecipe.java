package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mla4j.data.raw.image.ImageLoader;
import org.mla4j.data.raw.image.ImageParams;
import org.mla4j.io.InvalidInputException;

/**
 * Image cells: one image file ({@link ImageLoader}) → a {@code C × H × W} vector, shape
 * {@code [C, H, W]}.
 *
 * <p>Manifest: optional {@code "preset"} ({@value #MNIST}: 1×28×28 in [0,1]; {@value #IMAGENET}:
 * 3×224×224, shorter side resized to 256, ImageNet mean/std) and {@code "params"} with
 * {@code channels} (1 or 3), {@code height}, {@code width}, {@code resize_shorter} (0 = resize
 * straight to H×W), {@code mean} and {@code std} (one number per channel, or both null for none).
 * Without a preset, {@code channels}, {@code height} and {@code width} are required.
 */
public final class ImageRecipe implements FeatureRecipe {
    public static final String MNIST = "mnist";
    public static final String IMAGENET = "imagenet";
    static final Set<String> KEYS = Set.of("channels", "height", "width", "resize_shorter", "mean", "std");

    private final ImageParams params;

    public ImageRecipe(ImageParams params) {
        this.params = params;
    }

    public ImageParams params() {
        return params;
    }

    /** Reads {@code preset} and {@code params} (whose allowed keys are {@code keys}) of a modality entry. */
    static ImageParams parseParams(JsonNode entry, String at, ManifestFields f, Set<String> keys) {
        String preset = f.optional(entry, "preset") == null ? null : f.string(entry, at, "preset", null);
        JsonNode o = f.object(entry, at, "params");
        String pat = ManifestFields.join(at, "params");
        f.onlyKeys(o, pat, keys);
        JsonNode p = o != null ? o : JsonNodeFactory.instance.objectNode();
        ImageParams base;
        if (preset == null) {
            base = null;
        } else if (preset.equals(MNIST)) {
            base = ImageParams.mnist();
        } else if (preset.equals(IMAGENET)) {
            base = ImageParams.imagenet(224);
        } else {
            throw f.error(ManifestFields.join(at, "preset"), "must be " + MNIST + " or " + IMAGENET + " but is \""
                    + preset + "\"");
        }
        int channels = f.integer(p, pat, "channels", 1, base == null ? null : base.channels());
        int height = f.integer(p, pat, "height", 1, base == null ? null : base.height());
        int width = f.integer(p, pat, "width", 1, base == null ? null : base.width());
        int resize = f.integer(p, pat, "resize_shorter", 0, base == null ? 0 : base.resizeShorter());
        boolean explicitNorm = p.has("mean") || p.has("std");
        double[] mean = explicitNorm ? f.numbers(p, pat, "mean") : base == null ? null : base.mean();
        double[] std = explicitNorm ? f.numbers(p, pat, "std") : base == null ? null : base.std();
        try {
            return new ImageParams(channels, height, width, resize, mean, std);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.inFile(f.file(), pat + ": " + e.getMessage());
        }
    }

    static ImageRecipe parse(JsonNode entry, String at, ManifestFields f) {
        return new ImageRecipe(parseParams(entry, at, f, KEYS));
    }

    @Override
    public MediaKind kind() {
        return MediaKind.IMAGE;
    }

    @Override
    public int dim() {
        return params.featureDim();
    }

    @Override
    public List<Integer> shape() {
        return List.of(params.channels(), params.height(), params.width());
    }

    @Override
    public float[] extract(List<Input> files) {
        Input in = files.get(0);
        return ImageLoader.toFeatures(ImageLoader.decode(in.bytes(), in.path()), params);
    }

    @Override
    public Map<String, Object> describe() {
        return describe(params);
    }

    static Map<String, Object> describe(ImageParams params) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("channels", params.channels());
        d.put("height", params.height());
        d.put("width", params.width());
        d.put("resize_shorter", params.resizeShorter());
        d.put("mean", params.mean() == null ? null : Arrays.stream(params.mean()).boxed().toList());
        d.put("std", params.std() == null ? null : Arrays.stream(params.std()).boxed().toList());
        return d;
    }
}
