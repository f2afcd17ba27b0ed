package io.tributary.storage.bucket;

/**
 * The one key syntax of every bucket, so that what the filesystem bucket accepts S3 accepts too and a key can never
 * name a file outside the filesystem bucket's root.
 */
final class BucketKeys {

    private BucketKeys() {
    }

    /** {@code key}, if it is a valid object key; otherwise {@link IllegalArgumentException} saying why. */
    static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("bucket key is empty");
        }
        if (key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("bucket key " + key + " starts or ends with '/': keys are relative"
                    + " paths of objects, such as tenant/block/meta.json");
        }
        if (key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bucket key " + key + " has a backslash or NUL: separate parts"
                    + " with '/'");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bucket key " + key + " has an empty, \".\" or \"..\" part");
            }
        }
        return key;
    }

    /** A list prefix may be "" (everything) or end in '/', but may not climb out of the bucket. */
    static String checkPrefix(String prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("bucket prefix is null: use \"\" to list every key");
        }
        if (prefix.isEmpty()) {
            return prefix;
        }
        check(prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix);
        return prefix;
    }
}
