package io.tributary.verify;

import java.util.Set;

/**
 * A check whose identity is fixed when it is built: its id, its title and the checks it needs to have passed. The
 * checks pass them to the constructor instead of each overriding three one-line methods.
 */
abstract class DescribedCheck implements Check {
    private final String id;
    private final String title;
    private final Set<String> requires;

    /** A check that needs no other check to have passed first. */
    DescribedCheck(String id, String title) {
        this(id, title, Set.of());
    }

    DescribedCheck(String id, String title, Set<String> requires) {
        this.id = id;
        this.title = title;
        this.requires = requires;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final Set<String> requires() {
        return requires;
    }
}
