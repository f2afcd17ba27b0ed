package io.tributary.protocol;

/**
 * Symbols that a remote-write 2.0 style message refers to without carrying them, numbered before its own:
 * Mimir's version-2 records share {@link CommonSymbols} this way. Each symbol is an offset and length into the
 * buffer the message is scanned from; a negative length marks a reserved ref that names no symbol.
 */
public final class SymbolPrefix {
    /** No prefix: a plain remote-write 2.0 request, whose own symbols start at ref 0. */
    public static final SymbolPrefix NONE = new SymbolPrefix(new int[0], new int[0]);

    private final int[] offsets;
    private final int[] lengths;

    SymbolPrefix(int[] offsets, int[] lengths) {
        if (offsets.length != lengths.length) {
            throw new IllegalArgumentException("one length per offset");
        }
        this.offsets = offsets.clone();
        this.lengths = lengths.clone();
    }

    public int size() {
        return offsets.length;
    }

    int offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }
}
