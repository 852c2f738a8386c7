package io.github.kdastepscaling.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fault injection keyed by IAM action, because that is how the code under test and its policy name the calls.
 * Rules for one action are used in the order they were added; a rule is consumed by every HTTP request it
 * answers, SDK retries included. The action {@code "*"} matches every call that has no rule of its own.
 * A faulted call is recorded in {@link FakeAws#calls()} and changes no state (except {@link Fault#delay}).
 */
public final class Faults {

    /** Key matching any action. */
    public static final String ANY_ACTION = "*";

    private static final class Rule {
        final Fault fault;
        int remaining; // Integer.MAX_VALUE = forever

        Rule(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final Map<String, Deque<Rule>> rules = new HashMap<>();

    Faults() {
    }

    /**
     * Answers the next {@code times} calls of {@code iamAction} with {@code fault}.
     *
     * @param iamAction e.g. {@code kinesisanalytics:UpdateApplication}, or {@code "*"} for any action
     * @return this, for chaining
     */
    public synchronized Faults fail(String iamAction, Fault fault, int times) {
        Objects.requireNonNull(iamAction, "iamAction");
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times (" + times + ") must be >= 1");
        }
        rules.computeIfAbsent(iamAction, k -> new ArrayDeque<>()).addLast(new Rule(fault, times));
        return this;
    }

    /** Answers every later call of {@code iamAction} with {@code fault} until {@link #clear()}. */
    public synchronized Faults failAlways(String iamAction, Fault fault) {
        Objects.requireNonNull(iamAction, "iamAction");
        Objects.requireNonNull(fault, "fault");
        rules.computeIfAbsent(iamAction, k -> new ArrayDeque<>()).addLast(new Rule(fault, Integer.MAX_VALUE));
        return this;
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** Takes the fault for one call, or null. */
    synchronized Fault next(String iamAction) {
        Fault f = take(iamAction);
        return f != null ? f : take(ANY_ACTION);
    }

    private Fault take(String key) {
        Deque<Rule> q = rules.get(key);
        if (q == null || q.isEmpty()) {
            return null;
        }
        Rule r = q.peekFirst();
        if (r.remaining != Integer.MAX_VALUE) {
            r.remaining--;
            if (r.remaining == 0) {
                q.removeFirst();
            }
        }
        return r.fault;
    }
}
