package io.github.kdastepscaling.examples.job;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.ProcessingTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.api.windowing.windows.Window;

/**
 * The job's dataflow between its source and its sink: the key of each record (its hash modulo {@link #KEYS}), then a
 * count per key and window, held in keyed state. The source and the sink are the caller's, so the tests run this
 * same code (same operators, same uids) on records from a local Kinesis and collect what it emits; the windows are
 * the caller's too, because a one-minute processing-time window is too slow for a test and fires at times a test
 * cannot choose. The job itself uses {@link #perMinute()}.
 *
 * @param <W> the kind of window the counts are kept in
 */
public final class RecordCountPipeline<W extends Window> {

    /**
     * The job's max parallelism: the number of key groups its keyed state is split into, fixed at the job's first
     * start and kept in every snapshot. A rescale restores each subtask's share of the key groups, so no rescale can
     * go above it: Managed Service for Apache Flink runs the job at {@code KPUs x parallelismPerKpu}, and a
     * {@code maxCapacity} (or a scheduled maximum) whose parallelism is above this number makes that rescale fail.
     * It cannot be changed later without losing the state, so it is set here rather than left to Flink,
     * whose default depends on the parallelism of the first start (128 up to parallelism 85, then 1.5 times the
     * parallelism rounded up to a power of two).
     *
     * <p>128 covers the construct's default KPU quota (64) at one or two parallel tasks per KPU, and it is the
     * number the construct's {@code kda-step-scaling:maxParallelism} warning checks {@code maxCapacity x
     * parallelismPerKpu} against. Larger is not free: every key group is a unit of every snapshot and restore, and
     * above 128 key groups each key in RocksDB (the service's state backend) carries a two-byte key-group prefix
     * instead of one. A power of two splits evenly over the power-of-two parallelisms that doubling steps reach.
     */
    public static final int MAX_PARALLELISM = 128;
    /** The window the job counts in. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** How many distinct keys the records spread over; more than the job's parallelism ever is. */
    static final int KEYS = 256;

    private final WindowAssigner<Object, W> windows;
    private final Trigger<Object, W> trigger;

    RecordCountPipeline(WindowAssigner<Object, W> windows, Trigger<Object, W> trigger) {
        this.windows = windows;
        this.trigger = trigger;
    }

    /** The job's pipeline: a count per key and {@link #WINDOW} of processing time. */
    public static RecordCountPipeline<TimeWindow> perMinute() {
        return tumbling(WINDOW);
    }

    /** Counts per key in tumbling processing-time windows of the given size, emitted when each window ends. */
    static RecordCountPipeline<TimeWindow> tumbling(Duration size) {
        return new RecordCountPipeline<>(TumblingProcessingTimeWindows.of(size), ProcessingTimeTrigger.create());
    }

    /** Sets the job's max parallelism ({@link #MAX_PARALLELISM}) on {@code env}: once, before its first start. */
    public static StreamExecutionEnvironment withMaxParallelism(StreamExecutionEnvironment env) {
        env.setMaxParallelism(MAX_PARALLELISM);
        return env;
    }

    /** Adds the counting to the records' environment and returns the counts, {@code (key, count)} per key and window. */
    public DataStream<Tuple2<Integer, Long>> countPerKey(DataStream<String> records) {
        return records.map(record -> Tuple2.of(keyOf(record), 1L))
                .returns(Types.TUPLE(Types.INT, Types.LONG))
                .name("Key")
                .uid("key")
                .keyBy(count -> count.f0, Types.INT)
                .window(windows)
                .trigger(trigger)
                .sum(1)
                .name("Count per key and window")
                .uid("count");
    }

    /** The key of a record: spreads records evenly over {@link #KEYS} keys. */
    static int keyOf(String record) {
        return Math.floorMod(record.hashCode(), KEYS);
    }
}
