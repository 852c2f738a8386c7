package io.github.kdastepscaling.fakes;

/** The fakes answering AWS JSON 1.1, named by the prefix of the {@code X-Amz-Target} header their calls send. */
enum JsonService {
    KINESIS_ANALYTICS("KinesisAnalytics_20180523.", "kinesisanalyticsv2", "kinesisanalytics"),
    SSM("AmazonSSM.", "ssm", "ssm"),
    APPLICATION_AUTO_SCALING("AnyScaleFrontendService.", "application-autoscaling", "application-autoscaling");

    final String targetPrefix;
    /** The service name recorded with each call ({@link RecordedCall#service()}). */
    final String name;
    /** The IAM service prefix, which is also the service SigV4 signatures are scoped to. */
    final String iamPrefix;

    JsonService(String targetPrefix, String name, String iamPrefix) {
        this.targetPrefix = targetPrefix;
        this.name = name;
        this.iamPrefix = iamPrefix;
    }

    /** @return the service the target names, or null for a target no fake answers */
    static JsonService of(String target) {
        for (JsonService service : values()) {
            if (target.startsWith(service.targetPrefix)) {
                return service;
            }
        }
        return null;
    }
}
