package io.github.kdastepscaling.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** What one call asked, saw and did: collected as the call goes, written as one log line at its end. */
final class Decision {

    private final String trigger;
    private final String caller;
    private final OptionalInt asked;
    private final List<String> done = new ArrayList<>();
    private ApplicationState seen;
    private ThresholdReport thresholds;
    private ScalingState answer;
    private ScalerException failure;

    /** @param caller who signed the request (see {@link ApiRequest#caller()}), or null for the schedule */
    Decision(String trigger, String caller, OptionalInt asked) {
        this.trigger = trigger;
        this.caller = caller;
        this.asked = asked;
    }

    void saw(ApplicationState state) {
        this.seen = state;
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

    void failed(ScalerException exception) {
        this.failure = exception;
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

    ScalingState answer() {
        return answer;
    }

    ScalerException failure() {
        return failure;
    }
}
