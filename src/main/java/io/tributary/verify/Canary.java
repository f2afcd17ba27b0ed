package io.tributary.verify;

/**
 * The tenant the canaries write as. A tenant of its own keeps canary records and samples out of every real
 * tenant's data, limits and blocks; the double underscores follow Mimir's habit for internal names.
 */
public final class Canary {

    public static final String TENANT = "__tributary_canary__";

    private Canary() {
    }
}
