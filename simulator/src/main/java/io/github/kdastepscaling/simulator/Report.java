package io.github.kdastepscaling.simulator;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The six policies run over one trace, in the order: policy under test, the same with its lag guard switched (off, or
 * the default guard when it has none), AWS sample, built-in autoscaling, oracle, fixed capacity at the peak; with the
 * scheduled actions that moved the policy under test's range.
 */
public record Report(
        Trace trace, SimulationSettings settings, List<PolicyResult> results, List<RangeChange> rangeChanges) {

    public PolicyResult result(String name) {
        return results.stream()
                .filter(r -> r.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no policy named " + name));
    }
}
