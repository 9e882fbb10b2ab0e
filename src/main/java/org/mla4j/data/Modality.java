package org.mla4j.data;

/** One modality of a dataset: its name (unique within the dataset) and its feature size. */
public record Modality(String name, int dim) {
}
