package org.mla4j.method.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mla4j.core.Forward;
import org.mla4j.core.TrainingStep;
import org.mla4j.data.MultimodalDataset;
import org.mla4j.engine.OptimizerSpec;
import org.mla4j.engine.TrainingSession;
import org.mla4j.linalg.CcaFit;
import org.mla4j.linalg.LinearCca;
import org.mla4j.linalg.RowMatrix;
import org.mla4j.nn.Blocks;
import org.mla4j.nn.ParameterGroup;

/**
 * DCCA's objective as the methods use it: on linear networks set to CCA's projections it is minus linear
 * CCA's total correlation, and the gradient that the seeded backward pass puts into the network parameters
 * (the engine path of {@code dcca}/{@code dccae}: training-mode forward, host objective, seeded backward) matches
 * central differences of the loss, computed with the networks in float64.
 */
class DccaObjectiveTest {
    private static final double TINY_RIDGE = 1e-9;

    @Test
    void onLinearNetworksTheLossIsMinusTheTotalCanonicalCorrelation() {
        MultimodalDataset ds = LatentViews.of(3000, 1, new int[] {5, 4, 4}, new double[] {0.9, 0.5}, 21);
        int n = ds.numSamples();
        List<RowMatrix> views = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            views.add(RowMatrix.of(ds.features(m), n, ds.modality(m).dim()));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            double expected = 0;
            NDList outputs = new NDList();
            List<NDList> perPair = new ArrayList<>();
            for (int[] pair : new int[][] {{0, 1}, {0, 2}, {1, 2}}) {
                CcaFit fit = new LinearCca(3, TINY_RIDGE, TINY_RIDGE).fit(views.get(pair[0]), views.get(pair[1]));
                expected += fit.totalCorrelation();
                NDList pairOutputs = new NDList();
                for (int side = 0; side < 2; side++) {
                    pairOutputs.add(linearNetwork(fit, side, ds, pair[side], manager));
                }
                perPair.add(pairOutputs);
                double corr = -new CorrelationObjective(TINY_RIDGE).evaluate(pairOutputs).loss();
                assertThat(corr).as("pair %d-%d", pair[0], pair[1]).isCloseTo(fit.totalCorrelation(), within(1e-4));
            }
            // M = 3: the loss is the negated sum over the pairs; with the same projections for one view in two
            // pairs it is not the method's layout, so sum the pairs' own objectives
            double sum = 0;
            for (NDList p : perPair) {
                sum -= new CorrelationObjective(TINY_RIDGE).evaluate(p).loss();
            }
            assertThat(sum).isCloseTo(expected, within(3e-4));
            assertThat(expected).as("ρ = (0.9, 0.5) for pairs with view 0, (0.81, 0.25) between the others")
                    .isCloseTo(2 * 1.4 + 1.06, within(0.15));
            outputs.close();
        }
    }

    /** z = (x − μ)A of one side of a CCA fit, through a Linear layer holding Aᵀ and −μA (float32). */
    private static NDArray linearNetwork(CcaFit fit, int side, MultimodalDataset ds, int m, NDManager manager) {
        var projection = fit.projection(side);
        int d = projection.inputDim();
        int k = projection.outputDim();
        Block linear = Blocks.linear(d, k, manager);
        float[] weight = new float[k * d];
        float[] bias = new float[k];
        double[] mean = projection.mean();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                weight[c * d + i] = (float) projection.weight(i, c);
                bias[c] -= (float) (mean[i] * projection.weight(i, c));
            }
        }
        FrozenValues.set(linear.getParameters().get(0).getValue(), weight);
        FrozenValues.set(linear.getParameters().get(1).getValue(), bias);
        NDArray x = manager.create(ds.features(m), new Shape(ds.numSamples(), d));
        return Forward.inference(manager).through(new ParameterGroup("net", linear), x);
    }

    @Test
    void seededBackwardGivesTheFiniteDifferenceGradientOfTheLoss() {
        Engine.getEngine("PyTorch").setRandomSeed(4);
        Random random = new Random(8);
        int n = 300;
        int[] dims = {5, 4, 3};
        CorrelationObjective objective = new CorrelationObjective(1e-3);
        try (NDManager manager = NDManager.newBaseManager();
             TrainingSession session = new TrainingSession(manager, OptimizerSpec.sgd(0f, 0f))) {
            List<ParameterGroup> networks = new ArrayList<>();
            NDList inputs = new NDList();
            for (int m = 0; m < dims.length; m++) {
                networks.add(new ParameterGroup("network." + m, doubleNetwork(dims[m], manager)));
                double[] x = new double[n * dims[m]];
                for (int i = 0; i < x.length; i++) {
                    x[i] = random.nextGaussian() + (i % dims[m] == 0 ? Math.sin(i) : 0);
                }
                inputs.add(manager.create(x, new Shape(n, dims[m])));
            }
            TrainingStep step = session.startEpoch(0, 0.1f, new SplittableRandom(1));
            try (NDManager batch = manager.newSubManager()) {
                session.startBatch(batch);
                try (GradientCollector collector = step.collector()) {
                    NDList outputs = new NDList();
                    for (int m = 0; m < dims.length; m++) {
                        outputs.add(step.through(networks.get(m), inputs.get(m)));
                    }
                    CorrelationObjective.Result r = objective.evaluate(outputs);
                    step.backward(NDArrays.concat(outputs, 1), r.seed(batch).toType(DataType.FLOAT64, false));
                }
                // first-layer weights of network 0, batch-norm scale of network 1, last weights of network 2
                int last = networks.get(2).parameters().size() - 1;
                check(step, networks, inputs, objective, 0, 0, new int[] {0, 7, 23});
                check(step, networks, inputs, objective, 1, 2, new int[] {0, 5});
                check(step, networks, inputs, objective, 2, last - 1, new int[] {0, 13});
                // the correlation ignores a shift of the outputs, and batch norm one of the first layer's outputs
                assertThat(maxAbs(step.gradient(networks.get(2).parameters().get(last)))).isLessThan(1e-7);
                assertThat(maxAbs(step.gradient(networks.get(1).parameters().get(1)))).isLessThan(1e-7);
                session.endBatch();
            }
            session.endEpoch();
        }
    }

    private static void check(TrainingStep step, List<ParameterGroup> networks, NDList inputs,
                              CorrelationObjective objective, int network, int parameter, int[] entries) {
        Parameter p = networks.get(network).parameters().get(parameter);
        double[] gradient = step.gradient(p).toDoubleArray();
        double[] original = p.getArray().toDoubleArray();
        // float64 networks and a step far below the distance to ReLU kinks: the difference quotient is exact to
        // ~1e-8, so the bound tests the seeded backward (whose seed is float32: relative error ~1e-7)
        double epsilon = 1e-6;
        for (int e : entries) {
            double[] loss = new double[2];
            for (int s = 0; s < 2; s++) {
                double[] shifted = original.clone();
                shifted[e] += s == 0 ? epsilon : -epsilon;
                setValues(p, shifted);
                loss[s] = loss(networks, inputs, objective);
            }
            setValues(p, original);
            double numeric = (loss[0] - loss[1]) / (2 * epsilon);
            assertThat(gradient[e]).as("∂L/∂%s[%d]", networks.get(network).parameterNames().get(parameter), e)
                    .isCloseTo(numeric, within(1e-6 + 1e-4 * Math.abs(numeric)));
            assertThat(Math.abs(numeric)).as("a nonzero gradient").isGreaterThan(1e-4);
        }
    }

    /** DCCA's network shape (Linear–BN–ReLU twice, then Linear to 3 outputs) with float64 parameters. */
    private static Block doubleNetwork(int inputDim, NDManager manager) {
        SequentialBlock net = new SequentialBlock();
        for (int layer = 0; layer < 2; layer++) {
            net.add(Linear.builder().setUnits(8).build()).add(BatchNorm.builder().build()).add(Activation.reluBlock());
        }
        net.add(Linear.builder().setUnits(3).build());
        net.initialize(manager, DataType.FLOAT64, new Shape(1, inputDim));
        return net;
    }

    private static double maxAbs(NDArray a) {
        double most = 0;
        for (double v : a.toDoubleArray()) {
            most = Math.max(most, Math.abs(v));
        }
        return most;
    }

    private static void setValues(Parameter p, double[] values) {
        NDArray target = p.getArray();
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            target.subi(target).addi(source);
        }
    }

    /** The loss of the networks' training-mode outputs (batch statistics, as the training step saw them). */
    private static double loss(List<ParameterGroup> networks, NDList inputs, CorrelationObjective objective) {
        try (NDManager temp = inputs.get(0).getManager().newSubManager()) {
            ParameterStore store = new ParameterStore(temp, false);
            NDList outputs = new NDList();
            for (int m = 0; m < networks.size(); m++) {
                outputs.add(networks.get(m).forward(store, inputs.get(m), true));
            }
            return objective.evaluate(outputs).loss();
        }
    }
}
