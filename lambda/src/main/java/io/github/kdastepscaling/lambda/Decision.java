package io.github.kdastepscaling.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * What one call asked, saw and did: collected as the call goes, written as one log line at its end by the layer that
 * answered it (the API, with the HTTP status it chose, or the schedule).
 */
final class Decision {

    /** The trigger of the scheduled reconcile. */
    static final String SCHEDULE = "schedule";

    private final String trigger;
    private final String caller;
    private final OptionalInt asked;
    private final Invocation invocation;
    private final List<String> done = new ArrayList<>();
    private ApplicationState seen;
    private ScalingSuspension suspension;
    private ThresholdReport thresholds;
    private ScalingState answer;
    private ScalerFailure failure;
    private Integer httpStatus;
    private String refusal;
    private boolean rescaleSubmitted;
    private boolean rescaleTook;
    private RateReport rate;
    private Integer snapshotsDeleted;
    private final StateDrift drift = new StateDrift();
    private String application;
    private final long startNanos = System.nanoTime();
    private final long startMillis = System.currentTimeMillis();

    /**
     * @param trigger what made the call: {@code GET}, {@code PATCH}, {@code schedule}, or the method and resource of a
     *                refused request
     * @param caller who signed the request (see {@link ApiRequest#caller()}), or null for the schedule
     * @param asked the capacity a PATCH asked for
     */
    Decision(String trigger, String caller, OptionalInt asked, Invocation invocation) {
        this.trigger = trigger;
        this.caller = caller;
        this.asked = asked;
        this.invocation = invocation;
    }

    void saw(ApplicationState state) {
        this.seen = state;
    }

    /** What the scalable target had suspended when the decision was made. */
    void suspension(ScalingSuspension state) {
        this.suspension = state;
    }

    void did(String action) {
        done.add(action);
    }

    void thresholds(ThresholdReport report) {
        this.thresholds = report;
    }

    void answered(ScalingState state) {
        this.answer = state;
    }

    void failed(ScalerFailure exception) {
        this.failure = exception;
    }

    /** The decision submitted a rescale (UpdateApplication). */
    void rescaleSubmitted() {
        this.rescaleSubmitted = true;
    }

    boolean hasSubmittedRescale() {
        return rescaleSubmitted;
    }

    /** The decision found that the last rescale took (and cleared its record). */
    void rescaleTook() {
        this.rescaleTook = true;
    }

    boolean hasSeenRescaleTake() {
        return rescaleTook;
    }

    /** The per-KPU rate the decision set the thresholds from (learning configured). */
    void rate(RateReport report) {
        this.rate = report;
    }

    /** The rate in use, or null when learning is off or the decision did not get that far. */
    RateReport rate() {
        return rate;
    }

    /** The decision is about {@code name}: set when the call is known to be about an application. */
    void application(String name) {
        this.application = name;
    }

    /** The application decided for, or null when the call was refused before one was known. */
    String application() {
        return application;
    }

    /** The snapshot retention ran in this call and deleted {@code count} snapshots. */
    void snapshotsDeleted(int count) {
        this.snapshotsDeleted = count;
    }

    /** How many snapshots the retention deleted in this call, or null when it did not run. */
    Integer snapshotsDeleted() {
        return snapshotsDeleted;
    }

    /** What the decision found deleted or disabled behind the scaler's back. */
    StateDrift drift() {
        return drift;
    }

    /** Whether the call is the scheduled reconcile (the only one that learns and prunes). */
    boolean isScheduled() {
        return SCHEDULE.equals(trigger);
    }

    /** When the decision started, epoch milliseconds. */
    long startMillis() {
        return startMillis;
    }

    /** Milliseconds since the decision started. */
    double elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /** The API answered with {@code status}. */
    void answeredWithStatus(int status) {
        this.httpStatus = status;
    }

    /** The API refused the request before any decision, with {@code status} and {@code reason}. */
    void refused(int status, String reason) {
        this.httpStatus = status;
        this.refusal = reason;
    }

    String trigger() {
        return trigger;
    }

    String caller() {
        return caller;
    }

    OptionalInt asked() {
        return asked;
    }

    Invocation invocation() {
        return invocation;
    }

    boolean hasDone() {
        return !done.isEmpty();
    }

    List<String> done() {
        return List.copyOf(done);
    }

    ApplicationState seen() {
        return seen;
    }

    ThresholdReport thresholds() {
        return thresholds;
    }

    /** What was suspended, or null when the target was not read. */
    ScalingSuspension suspension() {
        return suspension;
    }

    ScalingState answer() {
        return answer;
    }

    ScalerFailure failure() {
        return failure;
    }

    Integer httpStatus() {
        return httpStatus;
    }

    /** Why the call did not end in a state: the failure's reason or the refusal's, or null. */
    String error() {
        return failure != null ? failure.getMessage() : refusal;
    }
}
