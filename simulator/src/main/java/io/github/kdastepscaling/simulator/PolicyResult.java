package io.github.kdastepscaling.simulator;

/**
 * One policy's run over the trace.
 *
 * @param summary  the report's figures
 * @param workload    minute by minute: capacity, processing rate, backlog, delay, restarts
 * @param learnedRate the scale-out rate per KPU the scaler had learned after each minute; null when it did not learn
 */
public record PolicyResult(PolicySummary summary, Workload workload, double[] learnedRate) {

    /** A policy that does not learn. */
    public PolicyResult(PolicySummary summary, Workload workload) {
        this(summary, workload, null);
    }

    /** Whether the policy learned its per-KPU rate. */
    public boolean learned() {
        return learnedRate != null;
    }

    public String name() {
        return summary.name();
    }
}
