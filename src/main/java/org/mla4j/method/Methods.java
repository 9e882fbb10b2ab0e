package org.mla4j.method;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mla4j.core.Method;
import org.mla4j.core.MethodDefinition;
import org.mla4j.core.ModelSpec;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.baseline.BiGated;
import org.mla4j.method.baseline.Concat;
import org.mla4j.method.baseline.Film;
import org.mla4j.method.baseline.LateFusion;
import org.mla4j.method.baseline.OgmGe;
import org.mla4j.method.baseline.OgmOptions;
import org.mla4j.method.baseline.Qmf;
import org.mla4j.method.baseline.QmfOptions;
import org.mla4j.method.baseline.Sum;
import org.mla4j.method.missing.Ae;
import org.mla4j.method.missing.Cca;
import org.mla4j.method.missing.CcaOptions;
import org.mla4j.method.missing.CpmNet;
import org.mla4j.method.missing.CpmNetOptions;
import org.mla4j.method.missing.Cra;
import org.mla4j.method.missing.Dcca;
import org.mla4j.method.missing.Dccae;
import org.mla4j.method.missing.FcEncoders;
import org.mla4j.method.missing.DeepCcaOptions;
import org.mla4j.method.missing.IfMmin;
import org.mla4j.method.missing.IfMminOptions;
import org.mla4j.method.missing.ImputerOptions;
import org.mla4j.method.missing.MissingRecipes;
import org.mla4j.method.missing.Mmin;
import org.mla4j.method.missing.MminOptions;
import org.mla4j.method.missing.Tate;
import org.mla4j.method.missing.TateOptions;
import org.mla4j.method.mla.Mla;
import org.mla4j.method.mla.MlaOptions;
import org.mla4j.method.shared.CommonSettings;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;

/** The registry of methods by command-line name: one line per method. */
public final class Methods {
    private static final Map<String, MethodDefinition> DEFINITIONS = new LinkedHashMap<>();

    static {
        add(new MethodDefinition("mla", "MLA: alternating unimodal adaptation, HGM and dynamic fusion",
                MlaOptions.SETTINGS, (spec, o, m) -> new Mla(spec, MlaOptions.from(o), m)));
        add(MethodDefinition.of("sum", "sum of per-modality linear heads, trained jointly", (spec, o, m) -> new Sum(spec, m)));
        add(MethodDefinition.of("concat", "one linear head on the concatenated features, trained jointly",
                (spec, o, m) -> new Concat(spec, m)));
        add(new MethodDefinition("late", "late fusion: each modality trained alone, logits averaged",
                List.of(LateFusion.FUSION), (spec, o, m) -> new LateFusion(spec, o.get(LateFusion.FUSION), m)));
        add(new MethodDefinition("film", "FiLM: one modality conditions the others' features",
                List.of(CommonSettings.CONDITION_MODALITY),
                (spec, o, m) -> new Film(spec, o.get(CommonSettings.CONDITION_MODALITY), m)));
        add(new MethodDefinition("bigated", "gated fusion: one modality gates the others' features",
                List.of(CommonSettings.CONDITION_MODALITY),
                (spec, o, m) -> new BiGated(spec, o.get(CommonSettings.CONDITION_MODALITY), m)));
        add(new MethodDefinition("ogm-ge", "OGM-GE: concat or sum with on-the-fly gradient modulation",
                OgmOptions.SETTINGS, (spec, o, m) -> {
                    OgmOptions ogm = OgmOptions.from(o);
                    return new OgmGe(spec, ogm.modulation(), ogm.fusion(), m);
                }));
        add(new MethodDefinition("qmf", "QMF: quality-aware fusion with energy-based confidence",
                QmfOptions.SETTINGS, (spec, o, m) -> new Qmf(spec, QmfOptions.from(o), m)));
        add(new MethodDefinition("cca", "CCA: closed-form canonical projections per pair of modalities, mean fill, "
                + "linear classifier", CcaOptions.SETTINGS, onFeatureVectors("cca", (spec, o, m) -> new Cca(spec, CcaOptions.from(o), m)),
                MissingRecipes.ccaClassifier()));
        add(new MethodDefinition("dcca", "deep CCA: per-modality networks trained on their pairwise correlations, "
                + "mean fill, linear classifier", DeepCcaOptions.DCCA_SETTINGS,
                onFeatureVectors("dcca", (spec, o, m) -> new Dcca(spec, DeepCcaOptions.from(o), m)), MissingRecipes.deepCca()));
        add(new MethodDefinition("dccae", "DCCAE: deep CCA plus per-modality autoencoders", DeepCcaOptions.DCCAE_SETTINGS,
                onFeatureVectors("dccae", (spec, o, m) -> new Dccae(spec, DeepCcaOptions.from(o), m)), MissingRecipes.deepCca()));
        add(new MethodDefinition("ae", "AE: zero fill, joint autoencoder that reconstructs the missing modalities, "
                + "classifier on its output", ImputerOptions.AE_SETTINGS,
                onFeatureVectors("ae", (spec, o, m) -> new Ae(spec, ImputerOptions.ae(o), m)), MissingRecipes.gcnetAutoencoder()));
        add(new MethodDefinition("cra", "CRA: AE with a cascade of residual autoencoders", ImputerOptions.CRA_SETTINGS,
                onFeatureVectors("cra", (spec, o, m) -> new Cra(spec, ImputerOptions.cra(o), m)), MissingRecipes.gcnetAutoencoder()));
        add(new MethodDefinition("mmin", "MMIN: a teacher on complete samples, then imagination of the missing codes",
                MminOptions.SETTINGS, onFeatureVectors("mmin", (spec, o, m) -> new Mmin(spec, MminOptions.from(o), m)),
                MissingRecipes.gcnet(MminOptions.TEACHER_EPOCHS_DEFAULT)));
        add(new MethodDefinition("if-mmin", "IF-MMIN: MMIN with a modality-invariant encoder trained by CMD",
                IfMminOptions.SETTINGS, onFeatureVectors("if-mmin", (spec, o, m) -> new IfMmin(spec, IfMminOptions.from(o), m)),
                MissingRecipes.gcnet(IfMminOptions.TEACHER_EPOCHS_DEFAULT)));
        add(new MethodDefinition("cpm-net", "CPM-Net: a free latent per sample, degradation nets, class-structure loss",
                CpmNetOptions.SETTINGS, onFeatureVectors("cpm-net", (spec, o, m) -> new CpmNet(spec, CpmNetOptions.from(o), m)),
                MissingRecipes.cpmNet()));
        add(new MethodDefinition("tate", "TATE: tagged modality tokens through a Transformer, pulled toward a teacher",
                TateOptions.SETTINGS, onFeatureVectors("tate", (spec, o, m) -> new Tate(spec, TateOptions.from(o), m)),
                MissingRecipes.tate(TateOptions.TEACHER_EPOCHS_DEFAULT)));
    }

    /** The Table 2 baselines' factories: they refuse encoders other than FC on feature vectors. */
    private static MethodDefinition.Factory onFeatureVectors(String name, MethodDefinition.Factory factory) {
        return (spec, options, manager) -> {
            FcEncoders.requireFeatureVectors(name, spec);
            return factory.create(spec, options, manager);
        };
    }

    private Methods() {
    }

    private static void add(MethodDefinition d) {
        DEFINITIONS.put(d.name(), d);
    }

    public static List<String> names() {
        return List.copyOf(DEFINITIONS.keySet());
    }

    /** The named method's definition, or one line naming the valid ones. */
    public static MethodDefinition definition(String name) {
        MethodDefinition d = DEFINITIONS.get(name);
        if (d == null) {
            throw new InvalidInputException("unknown method '" + name + "'; valid: " + String.join(", ", names()));
        }
        return d;
    }

    /** Builds the named method with the given option values (defaults for the rest). */
    public static Method create(String name, ModelSpec spec, SettingValues options, NDManager manager) {
        return definition(name).create(spec, options, manager);
    }

    public static void requireKnown(String name) {
        definition(name);
    }

    /** Every method option, once per spec key (the first definition of a key stands for all). */
    public static List<Setting<?>> allSettings() {
        Map<String, Setting<?>> byPath = new LinkedHashMap<>();
        for (MethodDefinition d : DEFINITIONS.values()) {
            for (Setting<?> s : d.settings()) {
                byPath.putIfAbsent(s.path(), s);
            }
        }
        return new ArrayList<>(byPath.values());
    }
}
