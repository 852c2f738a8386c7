package io.github.kdastepscaling.simulator;

/**
 * One policy's run over the trace.
 *
 * @param summary  the report's figures
 * @param workload minute by minute: capacity, processing rate, backlog, delay, restarts
 */
public record PolicyResult(PolicySummary summary, Workload workload) {

    public String name() {
        return summary.name();
    }
}
