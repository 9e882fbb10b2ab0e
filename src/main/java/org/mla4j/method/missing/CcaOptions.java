package org.mla4j.method.missing;

import java.util.List;
import org.mla4j.settings.Section;
import org.mla4j.settings.Setting;
import org.mla4j.settings.SettingValues;
import org.mla4j.settings.ValueTypes;
import org.mla4j.settings.WordTypes;

/**
 * CCA's options: the number of canonical dimensions k ({@link #DIMS}, which DCCA and DCCAE read as their
 * networks' output size) and the multi-view form ({@link #FORM}).
 */
public record CcaOptions(int dims, Form form, double ridge) {
    /** How CCA treats M ≥ 2 modalities (spec MISSING-BASELINES §1). */
    public enum Form {
        /** One two-view CCA per unordered pair (GCNet, hence MLA's Table 2): the replication default. */
        PAIRWISE,
        /** Generalised CCA, MAXVAR form: one shared k-dimensional representation of all modalities. */
        MAXVAR
    }

    public static final Setting<Integer> DIMS = Setting.of(Section.OPTIONS, "cca_dims", ValueTypes.integer(1), 10,
            "CCA: canonical dimensions k per pair (at most the narrower modality's width); DCCA/DCCAE: the size of "
                    + "each modality network's output.").label("K");
    public static final Setting<Form> FORM = Setting.of(Section.OPTIONS, "cca_form", WordTypes.choice(Form.class),
            Form.PAIRWISE, "CCA for M ≥ 2 modalities: one CCA per pair of modalities, or MAXVAR generalised CCA.")
            .label("pairwise|maxvar");

    public static final Setting<Double> RIDGE = Setting.of(Section.OPTIONS, "cca_ridge", ValueTypes.nonNegative(), 1.0,
            "CCA: ridge r added to each modality's covariance before whitening (on standardised features; GCNet's "
                    + "1e-4 was for raw ones).").label("R");

    public static final List<Setting<?>> SETTINGS = List.of(DIMS, FORM, RIDGE);

    public static CcaOptions from(SettingValues v) {
        return new CcaOptions(v.get(DIMS), v.get(FORM), v.get(RIDGE));
    }
}
