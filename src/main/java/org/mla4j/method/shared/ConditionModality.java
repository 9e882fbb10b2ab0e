package org.mla4j.method.shared;

import java.util.List;
import org.mla4j.core.ModelSpec;
import org.mla4j.data.Modality;
import org.mla4j.io.InvalidInputException;
import org.mla4j.method.baseline.BiGated;

/**
 * The modality that conditions (FiLM) or gates (BiGated) the others: the one named by
 * {@code options.condition_modality}, or the dataset's first when none is named.
 */
public final class ConditionModality {
    private ConditionModality() {
    }

    /**
     * Index of the conditioning modality.
     *
     * @throws InvalidInputException if the name is not one of the model's modalities, or the model has
     *                               fewer than two modalities (there would be nothing to condition)
     */
    public static int resolve(ModelSpec spec, String name, String method) {
        if (spec.numModalities() < 2) {
            throw new InvalidInputException(method + " needs at least two modalities; the data has "
                    + spec.numModalities());
        }
        if (name == null) {
            return 0;
        }
        validate(spec.modalities(), name);
        for (int m = 0; m < spec.numModalities(); m++) {
            if (spec.modalities().get(m).name().equals(name)) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    /** Checks that {@code name} (if given) is one of {@code modalities}, naming the valid ones if not. */
    public static void validate(List<Modality> modalities, String name) {
        if (name != null && modalities.stream().noneMatch(m -> m.name().equals(name))) {
            throw new InvalidInputException("--condition-modality '" + name + "' is not a modality of the data; valid: "
                    + String.join(", ", modalities.stream().map(Modality::name).toList()));
        }
    }
}
