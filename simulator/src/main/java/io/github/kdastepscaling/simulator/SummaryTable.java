package io.github.kdastepscaling.simulator;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The per-policy figures ({@link PolicySummary}) as a Markdown table, one row per policy: the one renderer of
 * {@code report.md} (every column, plain numbers) and {@code recommendation.md} (fewer columns, thousands grouped),
 * which choose their columns and number style.
 */
final class SummaryTable {

    /** How numbers are written: {@code 1234.5} or {@code 1,234.5}. */
    enum Digits {
        PLAIN("%."),
        GROUPED("%,.");

        private final String pattern;

        Digits(String pattern) {
            this.pattern = pattern;
        }

        String format(double value, int decimals) {
            return String.format(Locale.ROOT, pattern + decimals + "f", value);
        }
    }

    /** One column: its header and its cell, given the row, the oracle's KPU-hours and the number style. */
    enum Column {
        KPU_HOURS("KPU-hours", c -> c.digits.format(c.row.kpuHours(), 2)),
        VS_ORACLE("vs oracle", c -> c.digits.format(c.row.kpuHours() / c.oracleKpuHours, 3) + "x"),
        COST("cost", c -> c.digits.format(c.row.cost(), 2)),
        MINUTES_WITH_BACKLOG("minutes with backlog", c -> String.valueOf(c.row.minutesWithBacklog())),
        MAX_BACKLOG("max backlog (records)", c -> c.digits.format(c.row.maxBacklogRecords(), 0)),
        MAX_DELAY("max delay (s)", c -> c.digits.format(c.row.maxProcessingDelaySeconds(), 1)),
        MAX_LAG("max lag (s)", c -> c.digits.format(c.row.maxLagSeconds(), 1)),
        RESCALES("rescales", c -> String.valueOf(c.row.rescales())),
        BY_THE_LAG_GUARD("by the lag guard", c -> String.valueOf(c.row.lagGuardScaleOuts())),
        RESTART_DOWNTIME("restart downtime (min)", c -> String.valueOf(c.row.restartDowntimeMinutes()));

        private final String header;
        private final Function<Cell, String> cell;

        Column(String header, Function<Cell, String> cell) {
            this.header = header;
            this.cell = cell;
        }
    }

    /** What a cell is written from. */
    private record Cell(PolicySummary row, double oracleKpuHours, Digits digits) {}

    /** {@code report.md}'s columns. */
    static final List<Column> REPORT = List.of(
            Column.KPU_HOURS,
            Column.VS_ORACLE,
            Column.COST,
            Column.MINUTES_WITH_BACKLOG,
            Column.MAX_BACKLOG,
            Column.MAX_DELAY,
            Column.MAX_LAG,
            Column.RESCALES,
            Column.BY_THE_LAG_GUARD,
            Column.RESTART_DOWNTIME);
    /** {@code recommendation.md}'s columns. */
    static final List<Column> RECOMMENDATION = List.of(
            Column.KPU_HOURS,
            Column.VS_ORACLE,
            Column.COST,
            Column.MAX_DELAY,
            Column.MAX_LAG,
            Column.MINUTES_WITH_BACKLOG,
            Column.RESCALES);

    private SummaryTable() {}

    /** The table of {@code rows}, which must hold the oracle's ({@link OracleCapacity#ORACLE}). */
    static String markdown(List<PolicySummary> rows, List<Column> columns, Digits digits) {
        double oracle = Recommendation.row(rows, OracleCapacity.ORACLE).kpuHours();
        StringBuilder md = new StringBuilder("| policy |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Column column : columns) {
            md.append(' ').append(column.header).append(" |");
            rule.append("---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (PolicySummary row : rows) {
            md.append("| ").append(row.name()).append(" |");
            for (Column column : columns) {
                md.append(' ')
                        .append(column.cell.apply(new Cell(row, oracle, digits)))
                        .append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
