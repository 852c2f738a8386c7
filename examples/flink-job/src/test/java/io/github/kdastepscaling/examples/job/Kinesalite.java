package io.github.kdastepscaling.examples.job;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * A local Kinesis for a test class: kinesalite (pinned in the root {@code package.json}, installed by {@code npm ci})
 * in a subprocess on a free port, started before the class's tests and stopped after them. It keeps its streams in
 * memory, so every class starts with none. Records are written with the AWS SDK's own Kinesis client; the job reads
 * them with the real Kinesis connector.
 */
final class Kinesalite implements BeforeAllCallback, AfterAllCallback {

    static final String REGION = "us-east-1";
    private static final String ACCESS_KEY = "local";
    private static final String SECRET_KEY = "local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private Process process;
    private URI endpoint;
    private KinesisClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path executable = Path.of(System.getProperty("kinesalite", "node_modules/.bin/kinesalite"))
                .toAbsolutePath()
                .normalize();
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("kinesalite is not installed at " + executable
                    + ": run 'npm ci' in the repository root before the tests");
        }
        // kinesalite's CBOR answers to large requests are cut short ("Unexpected end-of-input"): every client
        // speaks JSON to it. The AWS SDK v2 (this class's, and the one the connector shades) reads the first
        // property, the SDK v1 inside the connector's FlinkKinesisConsumer the second (its name relocated by the
        // connector's shading).
        System.setProperty("aws.cborEnabled", "false");
        System.setProperty("org.apache.flink.kinesis.shaded.com.amazonaws.sdk.disableCbor", "true");
        int port = freePort();
        process = new ProcessBuilder(
                        executable.toString(),
                        "--port",
                        String.valueOf(port),
                        "--createStreamMs",
                        "0",
                        "--deleteStreamMs",
                        "0",
                        "--updateStreamMs",
                        "0")
                .redirectErrorStream(true)
                // Not inherited: Surefire reads the test JVM's standard output as its own channel.
                .redirectOutput(new File("target/kinesalite-" + port + ".log"))
                .start();
        awaitListening(port);
        endpoint = URI.create("http://127.0.0.1:" + port);
        client = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (client != null) {
            client.close();
        }
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Creates a stream and waits until it is active. */
    void createStream(String name, int shards) {
        client.createStream(request -> request.streamName(name).shardCount(shards));
        client.waiter().waitUntilStreamExists(request -> request.streamName(name));
    }

    /** Writes the records, each its own partition key, so they spread over the shards. */
    void put(String stream, List<String> records) {
        for (int from = 0; from < records.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = records.subList(from, Math.min(from + 500, records.size())).stream()
                    .map(record -> PutRecordsRequestEntry.builder()
                            .partitionKey(record)
                            .data(SdkBytes.fromUtf8String(record))
                            .build())
                    .collect(Collectors.toList());
            PutRecordsResponse response =
                    client.putRecords(request -> request.streamName(stream).records(entries));
            if (response.failedRecordCount() > 0) {
                throw new IllegalStateException(
                        response.failedRecordCount() + " records not written: " + response.records());
            }
        }
    }

    /**
     * The job's consumer settings ({@link KinesisRecords#consumerConfig}), pointed at this endpoint with its fake
     * credentials, and reading from the oldest record, since the tests write before the job starts.
     */
    Properties consumerConfig() {
        Properties config = KinesisRecords.consumerConfig(REGION);
        config.setProperty(AWSConfigConstants.AWS_ENDPOINT, endpoint.toString());
        config.setProperty(
                AWSConfigConstants.AWS_CREDENTIALS_PROVIDER, AWSConfigConstants.CredentialProvider.BASIC.name());
        config.setProperty(AWSConfigConstants.AWS_ACCESS_KEY_ID, ACCESS_KEY);
        config.setProperty(AWSConfigConstants.AWS_SECRET_ACCESS_KEY, SECRET_KEY);
        config.setProperty(
                ConsumerConfigConstants.STREAM_INITIAL_POSITION,
                ConsumerConfigConstants.InitialPosition.TRIM_HORIZON.name());
        return config;
    }

    private void awaitListening(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("kinesalite exited with " + process.exitValue()
                            + "; see target/kinesalite-" + port + ".log");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "kinesalite did not listen on port " + port + " within " + START_TIMEOUT.toSeconds() + " s",
                            notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
