package io.github.kdastepscaling;

import java.util.Objects;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.amazon.awscdk.services.s3.assets.AssetProps;
import software.constructs.Construct;

/** Where a Flink application's code (its jar) is stored: an S3 object, or a local file shipped as an asset. */
public abstract class ApplicationCode {

    /** The jar is the object {@code key} in {@code bucket}. */
    public static ApplicationCode fromBucket(IBucket bucket, String key) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        return new ApplicationCode() {
            @Override
            Location bind(Construct scope) {
                return new Location(bucket, key);
            }
        };
    }

    /** The jar is a local file, uploaded to the bootstrap bucket as an S3 asset at deploy time. */
    public static ApplicationCode fromAsset(String path) {
        Objects.requireNonNull(path, "path");
        return new ApplicationCode() {
            @Override
            Location bind(Construct scope) {
                Asset asset = new Asset(scope, "Code", AssetProps.builder().path(path).build());
                return new Location(asset.getBucket(), asset.getS3ObjectKey());
            }
        };
    }

    ApplicationCode() {
    }

    /** Resolves the location, creating the asset (if any) under {@code scope}. */
    abstract Location bind(Construct scope);

    /** An S3 object. */
    record Location(IBucket bucket, String key) {
    }
}
