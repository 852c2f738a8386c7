package io.github.kdastepscaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The scaler Lambda's shaded jar, which travels inside the construct's jar as a resource. CDK needs a file to make
 * an asset, so the jar is written once to a content-addressed path under the temporary directory: the same code
 * always gives the same path and the same asset hash, and concurrent syntheses never see a half-written file.
 */
final class ScalerJar {

    static final String RESOURCE = "/io/github/kdastepscaling/scaler/kda-step-scaling-lambda.jar";
    static final String FILE_NAME = "kda-step-scaling-lambda.jar";

    private static Path extracted;

    private ScalerJar() {}

    /** The path of the extracted jar, extracting it on first use. */
    static synchronized Path path() {
        if (extracted == null) {
            extracted = extract(Path.of(System.getProperty("java.io.tmpdir")));
        }
        return extracted;
    }

    static Path extract(Path directory) {
        byte[] jar = read();
        Path target = directory.resolve("kda-step-scaling-" + sha256(jar)).resolve(FILE_NAME);
        try {
            if (Files.exists(target) && Files.size(target) == jar.length) {
                return target;
            }
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), FILE_NAME, ".partial");
            Files.write(partial, jar);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scaler Lambda's jar to " + target, e);
        }
    }

    private static byte[] read() {
        try (InputStream in = ScalerJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the scaler Lambda's jar is missing from the classpath (" + RESOURCE
                        + "): build the construct with 'mvn package' (or 'mvn verify') from the repository root");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
