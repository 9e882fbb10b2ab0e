/**
 * Text: {@link org.mla4j.data.raw.text.SentenceEncoder} (the bundled sentence encoder
 * all-MiniLM-L6-v2, or a user's text model, on {@link org.mla4j.data.raw.text.WordPieceTokenizer}'s
 * token ids), {@link org.mla4j.data.raw.text.TokenBatch} (padded id batches) and
 * {@link org.mla4j.data.raw.text.MeanPooling} (masked mean over tokens, L2 normalisation).
 */
package org.mla4j.data.raw.text;
