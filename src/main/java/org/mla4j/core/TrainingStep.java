package org.mla4j.core;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;
import org.mla4j.nn.ParameterGroup;

/**
 * What a method uses while it trains: forward passes that record the graph, the gradients they
 * produce, and SGD updates of exactly the parameters it names (with PyTorch's semantics: momentum
 * and weight decay per parameter, a parameter never named does not move). How an update is carried
 * out — in place, or on another core beside the next forward pass — is the engine's business: a
 * forward pass through a group always sees the group's latest update.
 */
public interface TrainingStep extends Forward {
    /** The epoch being trained, counted from 0. */
    int epoch();

    float learningRate();

    /** Seeded per run and epoch: methods draw from it (never from an unseeded source) so runs repeat exactly. */
    SplittableRandom random();

    /** Records the forward passes run while it is open for the backward pass; only one may be open at a time. */
    GradientCollector collector();

    /** {@code group(input)} in training mode. */
    @Override
    NDArray through(ParameterGroup group, NDArray input);

    /**
     * {@code group(input)} in training mode, for a group whose output only feeds what comes after it
     * (an encoder under a head): the backward pass stops at the returned features and the group's own
     * share of it is finished when the group is updated or its gradients are read, which lets the
     * engine run that share beside the next forward pass. Same gradients as one backward pass.
     */
    NDArray encode(ParameterGroup group, NDArray input);

    /** Backward from {@code target} with the given gradient of the loss at {@code target} (same shape). */
    void backward(NDArray target, NDArray gradient);

    /** The parameter's accumulated gradient after backward (a handle the optimiser owns: do not close it). */
    NDArray gradient(Parameter parameter);

    /** Updates every trainable parameter of {@code group} with its accumulated gradient. */
    void update(ParameterGroup group);

    /** Updates {@code parameter} with its accumulated gradient. */
    void update(Parameter parameter);

    /** Updates {@code parameter} with {@code gradient} (e.g. a projected copy of the accumulated one). */
    void update(Parameter parameter, NDArray gradient);

    /** Adds a scalar loss (mean over its batch) under a name such as {@code loss_image} to the epoch's means. */
    void recordLoss(String name, NDArray loss);
}
