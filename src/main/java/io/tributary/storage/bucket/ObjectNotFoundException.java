package io.tributary.storage.bucket;

/** Reading a key under which nothing is stored. */
public class ObjectNotFoundException extends BucketException {

    public ObjectNotFoundException(String key, String bucket) {
        super("no object " + key + " in " + bucket);
    }
}
