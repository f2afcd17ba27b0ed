package io.tributary.protocol;

import java.util.Arrays;

/**
 * Hands out one shared array per distinct label-set key (the RW1 label fields of a series, tags and lengths
 * included), so caches on the write path and on the read path of one process do not each keep a copy of the
 * same 300 bytes for every series. The arrays are never written after they are handed out.
 */
public interface LabelBytesInterner {

    /** No sharing: every key is a fresh copy. */
    LabelBytesInterner COPY = (b, off, len) -> Arrays.copyOfRange(b, off, off + len);

    /** An array equal to {@code b[off, off+len)}: an already shared one when there is one, else a new copy. */
    byte[] intern(byte[] b, int off, int len);
}
