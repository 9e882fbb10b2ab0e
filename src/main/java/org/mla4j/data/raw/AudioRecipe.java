package org.mla4j.data.raw;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mla4j.data.raw.audio.LogMelExtractor;
import org.mla4j.data.raw.audio.LogMelParams;
import org.mla4j.data.raw.audio.MelFilterBank;
import org.mla4j.data.raw.audio.MelScale;
import org.mla4j.data.raw.audio.WavAudio;
import org.mla4j.data.raw.audio.WavReader;
import org.mla4j.data.raw.audio.WindowFunction;
import org.mla4j.io.InvalidInputException;

/**
 * Audio cells: one WAV file ({@link WavReader}) → log-mel features ({@link LogMelExtractor}) with a
 * fixed number of frames T and B mel bands; shape {@code [1, B, T]} for the band-major layout,
 * {@code [1, T, B]} for frame-major.
 *
 * <p>Manifest: {@code "preset"} ({@value #AV_MNIST_FSDD} or {@value #KALDI_FBANK}) and optional
 * {@code "params"} overriding any field of {@link LogMelParams} by its snake_case name:
 * {@code sample_rate, window_samples, frame_length, n_fft, hop, window, frames, mel_bands, fmin_hz,
 * fmax_hz, mel_scale, triangles, power, log_floor, floor_mode, preemphasis, remove_dc, layout}
 * (enums in lower case, e.g. {@code "window": "hamming"}). For {@value #KALDI_FBANK},
 * {@code sample_rate}, {@code mel_bands} and {@code frames} rebuild the preset (frame length 25 ms and
 * shift 10 ms follow the rate, fmax the Nyquist frequency) before the other overrides apply.
 * {@code frames} must be positive: every row has the same length.
 */
public final class AudioRecipe implements FeatureRecipe {
    public static final String AV_MNIST_FSDD = "av_mnist_fsdd";
    public static final String KALDI_FBANK = "kaldi_fbank";
    static final Set<String> KEYS = Set.of("sample_rate", "window_samples", "frame_length", "n_fft", "hop", "window",
            "frames", "mel_bands", "fmin_hz", "fmax_hz", "mel_scale", "triangles", "power", "log_floor", "floor_mode",
            "preemphasis", "remove_dc", "layout");

    private final LogMelParams params;
    private final LogMelExtractor extractor;

    public AudioRecipe(LogMelParams params) {
        if (params.frames() < 1) {
            throw new IllegalArgumentException("audio features need a fixed number of frames (frames > 0)");
        }
        this.params = params;
        this.extractor = new LogMelExtractor(params);
    }

    public LogMelParams params() {
        return params;
    }

    /** Reads {@code preset} and {@code params} of a modality entry at {@code at}. */
    static AudioRecipe parse(JsonNode entry, String at, ManifestFields f) {
        String preset = f.string(entry, at, "preset", null);
        JsonNode o = f.object(entry, at, "params");
        String pat = ManifestFields.join(at, "params");
        f.onlyKeys(o, pat, KEYS);
        JsonNode p = o != null ? o : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        LogMelParams base = switch (preset) {
            case AV_MNIST_FSDD -> LogMelParams.avMnistFsdd();
            case KALDI_FBANK -> {
                LogMelParams k = LogMelParams.kaldiFbank();
                yield LogMelParams.kaldiFbank(f.integer(p, pat, "sample_rate", 1, k.sampleRate()),
                        f.integer(p, pat, "mel_bands", 1, k.melBands()), f.integer(p, pat, "frames", 1, k.frames()));
            }
            default -> throw f.error(ManifestFields.join(at, "preset"), "must be " + AV_MNIST_FSDD + " or " + KALDI_FBANK
                    + " but is \"" + preset + "\"");
        };
        try {
            LogMelParams params = new LogMelParams(
                    f.integer(p, pat, "sample_rate", 1, base.sampleRate()),
                    f.integer(p, pat, "window_samples", 0, base.windowSamples()),
                    f.integer(p, pat, "frame_length", 1, base.frameLength()),
                    f.integer(p, pat, "n_fft", 1, base.nFft()),
                    f.integer(p, pat, "hop", 1, base.hop()),
                    f.choice(p, pat, "window", WindowFunction.class, base.window()),
                    f.integer(p, pat, "frames", 1, base.frames()),
                    f.integer(p, pat, "mel_bands", 1, base.melBands()),
                    f.number(p, pat, "fmin_hz", base.fminHz()),
                    f.number(p, pat, "fmax_hz", base.fmaxHz()),
                    f.choice(p, pat, "mel_scale", MelScale.class, base.melScale()),
                    f.choice(p, pat, "triangles", MelFilterBank.Triangles.class, base.triangles()),
                    f.bool(p, pat, "power", base.power()),
                    f.number(p, pat, "log_floor", base.logFloor()),
                    f.choice(p, pat, "floor_mode", LogMelParams.FloorMode.class, base.floorMode()),
                    f.number(p, pat, "preemphasis", base.preemphasis()),
                    f.bool(p, pat, "remove_dc", base.removeDc()),
                    f.choice(p, pat, "layout", LogMelParams.Layout.class, base.layout()));
            return new AudioRecipe(params);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.inFile(f.file(), at + ": " + e.getMessage());
        }
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public int dim() {
        return params.featureDim();
    }

    @Override
    public List<Integer> shape() {
        return params.layout() == LogMelParams.Layout.BAND_MAJOR ? List.of(1, params.melBands(), params.frames())
                : List.of(1, params.frames(), params.melBands());
    }

    @Override
    public float[] extract(List<Input> files) {
        Input in = files.get(0);
        WavAudio audio = WavReader.decode(in.bytes(), in.path());
        try {
            return extractor.extract(audio.samples(), audio.sampleRate());
        } catch (InvalidInputException e) {
            throw InvalidInputException.inFile(in.path(), e.getMessage());
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sample_rate", params.sampleRate());
        d.put("window_samples", params.windowSamples());
        d.put("frame_length", params.frameLength());
        d.put("n_fft", params.nFft());
        d.put("hop", params.hop());
        d.put("window", lower(params.window()));
        d.put("frames", params.frames());
        d.put("mel_bands", params.melBands());
        d.put("fmin_hz", params.fminHz());
        d.put("fmax_hz", params.fmaxHz());
        d.put("mel_scale", lower(params.melScale()));
        d.put("triangles", lower(params.triangles()));
        d.put("power", params.power());
        d.put("log_floor", params.logFloor());
        d.put("floor_mode", lower(params.floorMode()));
        d.put("preemphasis", params.preemphasis());
        d.put("remove_dc", params.removeDc());
        d.put("layout", lower(params.layout()));
        return d;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
