package io.tributary.query;

import java.util.ArrayList;
import java.util.List;

/** A read-consistency gate that records what it was asked and, when told to, fails as a timeout would. */
final class RecordingGate implements ReadConsistencyGate {

    record Call(String tenant, String level) {
    }

    final List<Call> calls = new ArrayList<>();
    private String failure;

    RecordingGate failingWith(String reason) {
        this.failure = reason;
        return this;
    }

    @Override
    public void await(String tenant, String consistencyHeader) throws ReadConsistencyException {
        calls.add(new Call(tenant, consistencyHeader));
        if (failure != null) {
            throw new ReadConsistencyException(failure);
        }
    }
}
