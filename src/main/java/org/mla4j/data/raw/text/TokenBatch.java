package org.mla4j.data.raw.text;

/**
 * Token ids of a batch of texts, padded on the right to the longest: row-major {@code batch × length}.
 * Padding positions hold id 0 ({@code [PAD]}) and mask 0.
 *
 * @param ids    token ids
 * @param mask   1 for a real token, 0 for padding
 * @param batch  number of texts
 * @param length tokens per row (the longest text's count, special tokens included)
 */
public record TokenBatch(long[] ids, long[] mask, int batch, int length) {

    public TokenBatch {
        if (ids.length != (long) batch * length || mask.length != ids.length) {
            throw new IllegalArgumentException("a " + batch + " × " + length + " batch needs " + batch * length + " ids");
        }
    }

    /** Packs one id sequence per text. */
    public static TokenBatch pad(long[][] sequences) {
        int length = 0;
        for (long[] s : sequences) {
            length = Math.max(length, s.length);
        }
        long[] ids = new long[sequences.length * length];
        long[] mask = new long[ids.length];
        for (int b = 0; b < sequences.length; b++) {
            System.arraycopy(sequences[b], 0, ids, b * length, sequences[b].length);
            for (int t = 0; t < sequences[b].length; t++) {
                mask[b * length + t] = 1;
            }
        }
        return new TokenBatch(ids, mask, sequences.length, length);
    }

    /** Segment ids (all 0: one sentence per text). */
    public long[] typeIds() {
        return new long[ids.length];
    }
}
