package io.github.kdastepscaling.examples.job;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * A sink that keeps the counts it receives, for the test that ran the job to read. Flink serializes the sink into the
 * job, so the counts live in a static map, under a name each run chooses; the MiniCluster runs in the test's JVM.
 */
final class CollectingSink implements Sink<Tuple2<Integer, Long>> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Queue<Tuple2<Integer, Long>>> RECEIVED = new ConcurrentHashMap<>();

    private final String name;

    CollectingSink(String name) {
        this.name = name;
        RECEIVED.put(name, new ConcurrentLinkedQueue<>());
    }

    /** What the sink has received so far, in the order it arrived. */
    List<Tuple2<Integer, Long>> received() {
        return List.copyOf(RECEIVED.get(name));
    }

    /** The one abstract method in Flink 1.19; its successor, taking a {@code WriterInitContext}, delegates to it. */
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<Tuple2<Integer, Long>> createWriter(InitContext context) {
        Queue<Tuple2<Integer, Long>> queue = RECEIVED.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(Tuple2<Integer, Long> count, Context context) {
                queue.add(count);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
