/**
 * Images: {@link org.mla4j.data.raw.image.ImageLoader} decodes a file and converts it to the
 * channel-major vector described by {@link org.mla4j.data.raw.image.ImageParams}, resizing with
 * {@link org.mla4j.data.raw.image.Bilinear}.
 */
package org.mla4j.data.raw.image;
