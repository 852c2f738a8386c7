package io.github.kdastepscaling.fakes;

import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/** Real SDK clients pointed at a {@link FakeAws}, as the Lambda builds them. */
final class Clients {
    static final String ACCESS_KEY = "AKIAFAKETEST0001";
    static final String SECRET = "fake-secret";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET));
    static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();

    /** No retries, so a test sees exactly what one HTTP answer does. */
    static final Consumer<ClientOverrideConfiguration.Builder> NO_RETRY =
            o -> o.retryStrategy(AwsRetryStrategy.doNotRetry());

    private Clients() {}

    static KinesisAnalyticsV2Client kda(FakeAws aws) {
        return kda(aws, NO_RETRY);
    }

    static KinesisAnalyticsV2Client kda(FakeAws aws, Consumer<ClientOverrideConfiguration.Builder> override) {
        return KinesisAnalyticsV2Client.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(HTTP)
                .overrideConfiguration(override)
                .build();
    }

    static SsmClient ssm(FakeAws aws) {
        return ssm(aws, NO_RETRY);
    }

    static SsmClient ssm(FakeAws aws, Consumer<ClientOverrideConfiguration.Builder> override) {
        return SsmClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(HTTP)
                .overrideConfiguration(override)
                .build();
    }

    static CloudWatchClient cloudWatch(FakeAws aws) {
        return cloudWatch(aws, NO_RETRY);
    }

    static CloudWatchClient cloudWatch(FakeAws aws, Consumer<ClientOverrideConfiguration.Builder> override) {
        return CloudWatchClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(HTTP)
                .overrideConfiguration(override)
                .build();
    }

    static KinesisAnalyticsV2Client kda(FakeAws aws, AwsCredentialsProvider credentials, Region region) {
        return KinesisAnalyticsV2Client.builder()
                .endpointOverride(aws.endpoint())
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(HTTP)
                .overrideConfiguration(NO_RETRY)
                .build();
    }

    static SsmClient ssm(FakeAws aws, AwsCredentialsProvider credentials, Region region) {
        return SsmClient.builder()
                .endpointOverride(aws.endpoint())
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(HTTP)
                .overrideConfiguration(NO_RETRY)
                .build();
    }

    static CloudWatchClient cloudWatch(FakeAws aws, AwsCredentialsProvider credentials, Region region) {
        return CloudWatchClient.builder()
                .endpointOverride(aws.endpoint())
                .region(region)
                .credentialsProvider(credentials)
                .httpClient(HTTP)
                .overrideConfiguration(NO_RETRY)
                .build();
    }
}
