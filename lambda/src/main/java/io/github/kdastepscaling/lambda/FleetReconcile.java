package io.github.kdastepscaling.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Fleet mode's scheduled reconcile: every registered application decided as a single scaler's reconcile decides it,
 * each on its own thread of a bounded pool, all within one deadline below the function's timeout.
 *
 * <p>Applications are kept apart: each gets its own {@link Decision} and log line; a malformed configuration, a
 * failed call or an exception fails that application's decision only; one that is still deciding at the deadline is
 * logged as timed out and left behind, so the others are answered and logged within the invocation. A decision left
 * behind may still finish its calls (the scaler's updates are guarded by the application's version, so a later
 * decision is never contradicted), but its line is not written: each application gets exactly one line per reconcile.
 *
 * <p>A failed application does not fail the invocation: Lambda would retry the whole fleet for it, and the
 * function's Errors metric cannot say which application failed. Its decision line does, with {@code Errors = 1} on
 * dimension {@code Application}. Only a failure to list the fleet's configurations (nothing decided) fails it.
 */
final class FleetReconcile {

    /**
     * The most applications decided at once: above the fifteen a fleet is sized for, so that one slow application
     * never holds up another's turn, while bounding the threads and connections of one invocation.
     */
    static final int MAX_PARALLEL = 16;

    private final FleetConfigurations configurations;
    private final FleetApplications applications;
    private final DecisionLog log;

    FleetReconcile(FleetConfigurations configurations, FleetApplications applications, DecisionLog log) {
        this.configurations = configurations;
        this.applications = applications;
        this.log = log;
    }

    /**
     * Reconciles every registered application, writing one decision line for each.
     *
     * @param budget how long the reconcile may take: an application still deciding then is logged as timed out
     * @return a summary: each application with its answer or failure
     * @throws IllegalStateException when the configurations cannot be listed (nothing was decided)
     */
    String run(Invocation invocation, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<FleetConfigurations.Registered> registered;
        try {
            registered = configurations.list();
        } catch (SdkException e) {
            Decision listing = new Decision(Decision.SCHEDULE, null, OptionalInt.empty(), invocation);
            ScalerFailure failure = ScalerFailure.ofAws(
                    e,
                    "nothing was reconciled: the fleet's configurations under " + configurations.applicationsPath()
                            + " could not be listed: " + AwsFailure.describe(e));
            listing.failed(failure);
            log.write(listing);
            throw new IllegalStateException("reconcile failed (" + failure.kind() + "): " + failure.getMessage());
        }
        List<Slot> slots = new ArrayList<>();
        if (registered.isEmpty()) {
            return summary(slots);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(registered.size(), MAX_PARALLEL), daemonThreads());
        try {
            for (FleetConfigurations.Registered application : registered) {
                Slot slot = new Slot(application.applicationName());
                slot.future = pool.submit(() -> decide(application, slot, invocation));
                slots.add(slot);
            }
            for (Slot slot : slots) {
                await(slot, deadline, budget, invocation);
            }
        } finally {
            pool.shutdownNow();
        }
        return summary(slots);
    }

    /** One application's decision, on a pool thread; never throws. */
    private Decision decide(FleetConfigurations.Registered application, Slot slot, Invocation invocation) {
        Decision decision = new Decision(Decision.SCHEDULE, null, OptionalInt.empty(), invocation);
        decision.application(application.applicationName());
        try {
            if (application.configuration() == null) {
                decision.failed(new ScalerFailure(
                        ScalerFailure.Kind.UNUSABLE_STATE,
                        application.problem() + "; this application was not reconciled (the fleet's others were)"));
            } else {
                Scaler scaler = applications.scaled(application.configuration()).scaler();
                try {
                    scaler.decide(decision);
                    // After the decision, so housekeeping never delays or fails it.
                    scaler.afterReconcile(decision);
                } catch (ScalerFailure e) {
                    // Recorded in the decision by the scaler.
                }
            }
        } catch (RuntimeException e) {
            decision.failed(new ScalerFailure(
                    ScalerFailure.Kind.UNEXPECTED,
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            if (slot.claimLine()) {
                log.write(decision);
            }
        }
        return decision;
    }

    private void await(Slot slot, long deadline, Duration budget, Invocation invocation) {
        try {
            slot.decision = slot.future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            slot.future.cancel(true);
            timedOut(
                    slot,
                    "the decision did not finish within the reconcile's " + budget.toMillis()
                            + " ms (its calls to AWS were slow, or it waited for a thread behind slow ones); what it did so far "
                            + "stands, and the next reconcile decides again",
                    ScalerFailure.Kind.AWS_TIMED_OUT,
                    invocation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            slot.future.cancel(true);
            timedOut(slot, "the reconcile was interrupted", ScalerFailure.Kind.UNEXPECTED, invocation);
        } catch (ExecutionException e) {
            timedOut(slot, "unexpected " + e.getCause(), ScalerFailure.Kind.UNEXPECTED, invocation);
        }
    }

    /** The line of an application whose decision was not had: written unless its own line already was. */
    private void timedOut(Slot slot, String reason, ScalerFailure.Kind kind, Invocation invocation) {
        Decision decision = new Decision(Decision.SCHEDULE, null, OptionalInt.empty(), invocation);
        decision.application(slot.applicationName);
        decision.failed(new ScalerFailure(kind, reason));
        slot.decision = decision;
        if (slot.claimLine()) {
            log.write(decision);
        }
    }

    private static String summary(List<Slot> slots) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("applications").writeStartArray();
        for (Slot slot : slots) {
            json.writeStartObject().writeFieldName("application").writeValue(slot.applicationName);
            ScalingState answer = slot.decision.answer();
            if (answer != null) {
                json.writeFieldName("scalingStatus")
                        .writeValue(answer.scalingStatus().name());
                json.writeFieldName("desiredCapacity").writeValue(answer.desiredCapacity());
            }
            if (slot.decision.failure() != null) {
                json.writeFieldName("failure")
                        .writeValue(slot.decision.failure().kind().name());
                json.writeFieldName("error").writeValue(slot.decision.failure().getMessage());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            // Daemon: a decision left behind at the deadline must not keep the runtime from finishing.
            Thread thread = new Thread(runnable, "fleet-reconcile-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One application's place in the reconcile: its future, its decision, and whether its line was written. */
    private static final class Slot {
        final String applicationName;
        private final AtomicBoolean lineWritten = new AtomicBoolean();
        Future<Decision> future;
        /** Read by the coordinating thread only, after the future completed or timed out. */
        Decision decision;

        Slot(String applicationName) {
            this.applicationName = applicationName;
        }

        /** True once only: whoever claims the line (the decision, or the deadline) writes it. */
        boolean claimLine() {
            return lineWritten.compareAndSet(false, true);
        }
    }
}
