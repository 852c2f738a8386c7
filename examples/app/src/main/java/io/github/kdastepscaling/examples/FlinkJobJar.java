package io.github.kdastepscaling.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The example Flink job's shaded jar, which the build embeds in this module as a resource. It is written once to a
 * content-addressed path, so the app finds it whatever the working directory, and the asset hash depends on the
 * job's code only.
 */
final class FlinkJobJar {

    static final String RESOURCE = "/io/github/kdastepscaling/examples/kda-step-scaling-example-flink-job.jar";
    static final String FILE_NAME = "kda-step-scaling-example-flink-job.jar";

    private FlinkJobJar() {}

    static Path path() {
        try {
            Path directory = Files.createTempDirectory("kda-step-scaling-example-");
            Path partial = directory.resolve(FILE_NAME);
            String sha256;
            try (InputStream in = open();
                    DigestInputStream digest = new DigestInputStream(in, sha256())) {
                Files.copy(digest, partial, StandardCopyOption.REPLACE_EXISTING);
                sha256 = HexFormat.of().formatHex(digest.getMessageDigest().digest());
            }
            Path target = directory
                    .resolveSibling("kda-step-scaling-example-job-" + sha256)
                    .resolve(FILE_NAME);
            if (Files.exists(target) && Files.size(target) == Files.size(partial)) {
                Files.delete(partial);
            } else {
                Files.createDirectories(target.getParent());
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.delete(directory);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the example Flink job's jar", e);
        }
    }

    private static InputStream open() {
        InputStream in = FlinkJobJar.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the example Flink job's jar is missing from the classpath (" + RESOURCE
                    + "): run 'mvn -B verify' from the repository root first");
        }
        return in;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
