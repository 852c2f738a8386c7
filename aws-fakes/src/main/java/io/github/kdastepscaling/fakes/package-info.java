/**
 * Stateful local fakes of the four AWS APIs the scaler calls (kinesisanalyticsv2, SSM, Application Auto Scaling,
 * CloudWatch alarms and metric data),
 * served over HTTP so tests run the real AWS SDK v2 clients (marshalling, SigV4 signing, error mapping, retries)
 * instead of mocking the client interfaces.
 *
 * <p>Use from another module's tests (dependency {@code kda-step-scaling-aws-fakes}, scope test):
 * <pre>{@code
 * try (FakeAws aws = FakeAws.start()) {
 *     FakeApplication app = aws.flink().addApplication("orders").parallelism(2).autoScalingEnabled(false);
 *     KinesisAnalyticsV2Client kda = KinesisAnalyticsV2Client.builder()
 *             .endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
 *             .httpClient(UrlConnectionHttpClient.create()).build();
 *     aws.faults().fail("kinesisanalytics:UpdateApplication", Fault.throttling(), 1);
 *     // ... run the code under test ...
 *     aws.flink().completeTransitions();
 *     assertEquals(4, app.currentParallelism());
 *     assertEquals(2, aws.calls("kinesisanalytics:UpdateApplication").size());
 * }
 * }</pre>
 * To prove the code under test signs its requests correctly (SigV4, as AWS checks it), register the key it uses
 * with {@code aws.acceptCredentials("AKID", "secret")}: from then on a request with a wrong signature, an unknown
 * key, a scope for another region or service, or a stale {@code X-Amz-Date} is refused with 403 as AWS would.
 * Code that reads its endpoint from the environment can be pointed at the fakes with
 * {@code AWS_ENDPOINT_URL=aws.endpoint()} instead of {@code endpointOverride}.
 *
 * <p>Wire formats, as the 2.40.x SDK uses them: kinesisanalyticsv2, SSM and Application Auto Scaling are AWS
 * JSON 1.1 ({@code X-Amz-Target: KinesisAnalytics_20180523.Op} / {@code AmazonSSM.Op} /
 * {@code AnyScaleFrontendService.Op}, errors as {@code __type});
 * CloudWatch is still AWS Query (form-encoded {@code Action=...}, XML answers, errors as
 * {@code <ErrorResponse><Error><Code>}), signed for the service name {@code monitoring}; it sends no
 * {@code x-amzn-query-mode} header. An explicitly empty list is sent as {@code Key=} with no members.
 */
package io.github.kdastepscaling.fakes;
