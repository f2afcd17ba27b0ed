package io.tributary.config;

/** Where ingesters ship their blocks ({@code blocks-storage.backend}); Mimir's gcs, azure and swift are not offered. */
public enum BlocksBackend {
    /** A local directory ({@code blocks-storage.filesystem.dir}): single node, evaluation and tests. */
    FILESYSTEM,
    /** S3 or an S3-compatible store ({@code blocks-storage.s3.*}). */
    S3
}
