package io.github.kdastepscaling.simulator;

import java.util.ArrayList;
import java.util.List;

/** A {@link CapacityActuator} whose every request takes effect at the minute it names. */
public final class InMemoryCapacityActuator implements CapacityActuator {

    private record Change(int minute, int capacity) {}

    private final List<Change> changes = new ArrayList<>();

    public InMemoryCapacityActuator(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity (" + initialCapacity + ") must be >= 1");
        }
        changes.add(new Change(Integer.MIN_VALUE, initialCapacity));
    }

    @Override
    public void requestCapacity(int desiredKpus, int minute) {
        if (desiredKpus < 1) {
            throw new IllegalArgumentException("desiredKpus (" + desiredKpus + ") must be >= 1");
        }
        Change last = changes.get(changes.size() - 1);
        if (minute < last.minute()) {
            throw new IllegalArgumentException(
                    "minute " + minute + " is before the last request (" + last.minute() + ")");
        }
        if (minute == last.minute()) {
            changes.set(changes.size() - 1, new Change(minute, desiredKpus));
        } else {
            changes.add(new Change(minute, desiredKpus));
        }
    }

    @Override
    public int capacity(int minute) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).minute() <= minute) {
                return changes.get(i).capacity();
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
