package io.tributary.storage.block;

import io.tributary.storage.Labels;
import java.util.Comparator;

/**
 * String and label-set order as Prometheus sees it: by UTF-8 bytes, which is code point order. Java's
 * {@link String#compareTo} orders UTF-16 units instead, and the two disagree when a supplementary character
 * (a surrogate pair) meets a character from U+E000 to U+FFFF. Symbols, postings and series in an index must be
 * in Prometheus's order, because its readers binary-search them.
 */
final class Utf8Order {
    static final Comparator<String> STRINGS = Utf8Order::compare;
    static final Comparator<Labels> LABELS = Utf8Order::compare;

    private Utf8Order() {
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    // Surrogates stand for code points above U+FFFF: move them above U+E000..U+FFFF.
                    x = (char) (x >= 0xE000 ? x - 0x800 : x + 0x2000);
                    y = (char) (y >= 0xE000 ? y - 0x800 : y + 0x2000);
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Prometheus's {@code labels.Compare}: pair by pair, name then value; a prefix sorts first. */
    static int compare(Labels a, Labels b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            int c = compare(a.name(i), b.name(i));
            if (c != 0) {
                return c;
            }
            c = compare(a.value(i), b.value(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
