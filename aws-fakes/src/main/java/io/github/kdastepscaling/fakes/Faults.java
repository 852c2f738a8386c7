package io.github.kdastepscaling.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fault injection keyed by IAM action, because that is how the code under test and its policy name the calls.
 * Rules for one action are used in the order they were added; a rule is consumed by every HTTP request it
 * answers, SDK retries included. The action {@code "*"} matches every call that has no rule of its own.
 * A faulted call is recorded in {@link FakeAws#calls()} and changes no state (except {@link Fault#delay}).
 * A rule may be scoped to one resource ARN ({@link #failAlwaysOn}), so that one application of several sharing a
 * scaler can be made to fail while the others are served.
 */
public final class Faults {

    /** Key matching any action. */
    public static final String ANY_ACTION = "*";

    private static final class Rule {
        final Fault fault;
        final String resourceArn; // null = any resource
        int remaining; // Integer.MAX_VALUE = forever

        Rule(Fault fault, String resourceArn, int remaining) {
            this.fault = fault;
            this.resourceArn = resourceArn;
            this.remaining = remaining;
        }

        boolean matches(List<String> arns) {
            return resourceArn == null || arns.contains(resourceArn);
        }
    }

    private final Map<String, Deque<Rule>> rules = new HashMap<>();

    Faults() {}

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
        rules.computeIfAbsent(iamAction, k -> new ArrayDeque<>()).addLast(new Rule(fault, null, times));
        return this;
    }

    /** Answers every later call of {@code iamAction} with {@code fault} until {@link #clear()}. */
    public synchronized Faults failAlways(String iamAction, Fault fault) {
        Objects.requireNonNull(iamAction, "iamAction");
        Objects.requireNonNull(fault, "fault");
        rules.computeIfAbsent(iamAction, k -> new ArrayDeque<>()).addLast(new Rule(fault, null, Integer.MAX_VALUE));
        return this;
    }

    /**
     * Answers every later call of {@code iamAction} on {@code resourceArn} (one of the ARNs the call names) with
     * {@code fault} until {@link #clear()}; calls on other resources are served as if the rule did not exist.
     */
    public synchronized Faults failAlwaysOn(String iamAction, String resourceArn, Fault fault) {
        Objects.requireNonNull(iamAction, "iamAction");
        Objects.requireNonNull(resourceArn, "resourceArn");
        Objects.requireNonNull(fault, "fault");
        rules.computeIfAbsent(iamAction, k -> new ArrayDeque<>())
                .addLast(new Rule(fault, resourceArn, Integer.MAX_VALUE));
        return this;
    }

    /** Removes every rule. */
    public synchronized void clear() {
        rules.clear();
    }

    /** Takes the fault for one call on {@code arns}, or null. */
    synchronized Fault next(String iamAction, List<String> arns) {
        Fault f = take(iamAction, arns);
        return f != null ? f : take(ANY_ACTION, arns);
    }

    /** The first rule for {@code key} that matches the call's resources, consumed by one use. */
    private Fault take(String key, List<String> arns) {
        Deque<Rule> q = rules.get(key);
        if (q == null) {
            return null;
        }
        Iterator<Rule> it = q.iterator();
        while (it.hasNext()) {
            Rule r = it.next();
            if (!r.matches(arns)) {
                continue;
            }
            if (r.remaining != Integer.MAX_VALUE) {
                r.remaining--;
                if (r.remaining == 0) {
                    it.remove();
                }
            }
            return r.fault;
        }
        return null;
    }
}
