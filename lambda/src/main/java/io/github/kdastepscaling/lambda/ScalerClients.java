package io.github.kdastepscaling.lambda;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;

/**
 * The four clients the scaler uses, built once per execution environment.
 *
 * <p>Built for start-up speed as the SDK's Lambda guide advises: explicit region, the credentials the Lambda runtime
 * provides (see {@link #lambdaCredentials()}) and the URL-connection HTTP client (the Apache and Netty clients are
 * excluded from the jar). Timeouts keep a slow service from using up the time API Gateway waits (29 s): each
 * attempt gets 1.5 s and each call 3 s with the SDK's retries, so the longest decision without learning or snapshot
 * retention, nine calls (store the desire, describe, read and write the attempt record, update, read the target's
 * range, read the alarms, put both), ends within 27 s. Learning adds a read of the learned rate to every call, and
 * snapshot retention a read and a write of the rescale history to a rescale: twelve calls, which could reach 36 s if
 * every one used its whole budget (API Gateway would then answer 504 and a later call finish the work; the desire is
 * stored first). The reconcile's GetMetricData read and pruning are not on an API Gateway path. AWS answers these
 * calls in tens of milliseconds.
 *
 * @param flink the Managed Service for Apache Flink client
 * @param ssm the SSM client for the desired-capacity parameter (two operations, see {@link SsmParameterClient})
 * @param cloudWatch the CloudWatch client for the alarm thresholds
 * @param scalableTargets the Application Auto Scaling client for the scalable target's current range (one
 *                        operation, see {@link ScalableTargetClient})
 */
public record ScalerClients(
        KinesisAnalyticsV2Client flink,
        SsmParameterClient ssm,
        CloudWatchClient cloudWatch,
        ScalableTargetClient scalableTargets)
        implements AutoCloseable {

    static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(1500);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    /** Clients for the Lambda runtime: region from {@code AWS_REGION}, credentials as the runtime provides them. */
    public static ScalerClients forLambda(String region) {
        return builder(Region.of(region), lambdaCredentials()).build();
    }

    /**
     * The execution role's credentials, wherever the Lambda runtime puts them. Without SnapStart they are in the
     * environment ({@code AWS_ACCESS_KEY_ID}...). With SnapStart the runtime sets none of those: it serves them from
     * a container-credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
     * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}), which the SDK's container provider reads and refreshes before they
     * expire, also after a restore. Only these two providers: the full default chain would also look for profile
     * files and instance metadata, which a Lambda never has, at a start-up cost.
     */
    public static AwsCredentialsProvider lambdaCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .build();
    }

    /** A builder for other settings (tests point it at local fakes). */
    public static Builder builder(Region region, AwsCredentialsProvider credentials) {
        return new Builder(region, credentials);
    }

    @Override
    public void close() {
        flink.close();
        ssm.close();
        cloudWatch.close();
        scalableTargets.close();
    }

    /** Settings shared by the four clients. */
    public static final class Builder {
        private final Region region;
        private final AwsCredentialsProvider credentials;
        private URI endpointOverride;
        private Duration attemptTimeout = ATTEMPT_TIMEOUT;
        private Duration callTimeout = CALL_TIMEOUT;
        private Duration retryBackoff;

        private Builder(Region region, AwsCredentialsProvider credentials) {
            this.region = region;
            this.credentials = credentials;
        }

        /** Sends every call to {@code endpoint}; only tests and benchmarks use this. */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint;
            return this;
        }

        public Builder timeouts(Duration attempt, Duration call) {
            this.attemptTimeout = attempt;
            this.callTimeout = call;
            return this;
        }

        /** A fixed delay between retries instead of the SDK's jittered backoff (keeps fault tests fast). */
        public Builder fixedRetryBackoff(Duration delay) {
            this.retryBackoff = delay;
            return this;
        }

        public ScalerClients build() {
            return new ScalerClients(
                    configure(KinesisAnalyticsV2Client.builder()).build(),
                    new SsmParameterClient(jsonClient(SsmParameterClient.SSM)),
                    configure(CloudWatchClient.builder()).build(),
                    new ScalableTargetClient(jsonClient(ScalableTargetClient.APPLICATION_AUTO_SCALING)));
        }

        /** A client of {@code service}'s JSON API, with the settings the generated clients get. */
        private AwsJsonClient jsonClient(AwsJsonClient.Service service) {
            return new AwsJsonClient(
                    service, httpClient().build(), credentials, region, endpointOverride, retries(), callTimeout);
        }

        private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
            builder.region(region)
                    .credentialsProvider(credentials)
                    .httpClientBuilder(httpClient())
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .apiCallAttemptTimeout(attemptTimeout)
                            .apiCallTimeout(callTimeout)
                            .retryStrategy(retries())
                            .build());
            if (endpointOverride != null) {
                builder.endpointOverride(endpointOverride);
            }
            return builder;
        }

        private UrlConnectionHttpClient.Builder httpClient() {
            return UrlConnectionHttpClient.builder()
                    .connectionTimeout(attemptTimeout)
                    .socketTimeout(attemptTimeout);
        }

        private RetryStrategy retries() {
            RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy();
            if (retryBackoff == null) {
                return retries;
            }
            return retries.toBuilder()
                    .backoffStrategy(BackoffStrategy.fixedDelay(retryBackoff))
                    .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(retryBackoff))
                    .build();
        }
    }
}
