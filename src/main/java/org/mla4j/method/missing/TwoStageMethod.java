package org.mla4j.method.missing;

import ai.djl.ndarray.NDManager;
import org.mla4j.core.Batch;
import org.mla4j.core.Method;
import org.mla4j.core.TensorSplit;
import org.mla4j.core.TrainingStep;

/**
 * The shared loop of the two-stage baselines (MMIN, IF-MMIN, TATE): a teacher trained on complete
 * samples for the first T epochs ({@link TeacherStage}), then the student. The teacher needs enough
 * complete samples (checked in {@link #prepare}), the methods learn from the values a simulated mask
 * hid, and no teacher epoch can be selected by validation. The student starts once, at its first
 * epoch ({@link #startStudent}); a run resumed later in the student stage restores it from the
 * checkpoint instead.
 */
abstract class TwoStageMethod implements Method {
    final TeacherStage stage;
    private boolean studentStarted;

    TwoStageMethod(TeacherStage stage) {
        this.stage = stage;
    }

    @Override
    public final void prepare(TensorSplit fit, NDManager parent) {
        stage.requireTeacherData(fit, parent);
    }

    @Override
    public final boolean readsHiddenValues() {
        return true;
    }

    @Override
    public final boolean selectable(int epoch) {
        return !stage.isTeacherEpoch(epoch);
    }

    @Override
    public final void trainBatch(Batch batch, TrainingStep step) {
        MissingViews views = MissingViews.of(batch, step.random());
        if (stage.isTeacherEpoch(step.epoch())) {
            trainTeacher(batch, views, step);
            return;
        }
        if (stage.isFirstStudentEpoch(step.epoch()) && !studentStarted) {
            startStudent();
        }
        studentStarted = true;
        trainStudent(batch, views, step);
    }

    /** One batch of the teacher stage. */
    abstract void trainTeacher(Batch batch, MissingViews views, TrainingStep step);

    /** Before the student's first batch: e.g. copy the teacher's encoders into the student's. */
    void startStudent() {
    }

    /** One batch of the student stage. */
    abstract void trainStudent(Batch batch, MissingViews views, TrainingStep step);
}
