package io.github.kdastepscaling;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.constructs.Construct;

/** The source stream: the existing one, checked to be in the stack's account and region, or a new encrypted one. */
final class SourceStream {

    private SourceStream() {}

    /** {@code existingStream}, or a new stream {@code Stream} under {@code scope} from {@code streamProps}. */
    static IStream of(Construct scope, KdaStepScalingProps props) {
        return props.getExistingStream() != null
                ? requireSameEnvironment(scope, props.getExistingStream())
                : new Stream(scope, "Stream", encrypted(props.getStreamProps()));
    }

    private static StreamProps encrypted(StreamProps props) {
        StreamProps given = props != null ? props : StreamProps.builder().build();
        StreamEncryption encryption = given.getEncryption() != null
                ? given.getEncryption()
                : given.getEncryptionKey() != null ? StreamEncryption.KMS : StreamEncryption.MANAGED;
        if (encryption == StreamEncryption.UNENCRYPTED) {
            throw new IllegalArgumentException("streamProps.encryption (UNENCRYPTED) is not allowed: the source stream"
                    + " must be encrypted at rest");
        }
        return StreamProps.builder()
                .streamName(given.getStreamName())
                .shardCount(given.getShardCount())
                .streamMode(given.getStreamMode())
                .retentionPeriod(given.getRetentionPeriod())
                .removalPolicy(given.getRemovalPolicy())
                .shardLevelMetrics(given.getShardLevelMetrics())
                .encryption(encryption)
                .encryptionKey(given.getEncryptionKey())
                .build();
    }

    private static IStream requireSameEnvironment(Construct scope, IStream existing) {
        Stack stack = Stack.of(scope);
        String streamRegion = existing.getEnv().getRegion();
        String streamAccount = existing.getEnv().getAccount();
        if (!Token.isUnresolved(streamRegion)
                && !Token.isUnresolved(stack.getRegion())
                && !streamRegion.equals(stack.getRegion())) {
            throw new IllegalArgumentException("existingStream (" + existing.getStreamName() + ") is in region "
                    + streamRegion + ", not the stack's region " + stack.getRegion()
                    + ": the alarms can only watch a stream in their own region");
        }
        if (!Token.isUnresolved(streamAccount)
                && !Token.isUnresolved(stack.getAccount())
                && !streamAccount.equals(stack.getAccount())) {
            throw new IllegalArgumentException("existingStream (" + existing.getStreamName() + ") is in account "
                    + streamAccount + ", not the stack's account " + stack.getAccount()
                    + ": the alarms can only watch a stream in their own account");
        }
        return existing;
    }
}
