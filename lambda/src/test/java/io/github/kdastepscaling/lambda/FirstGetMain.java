package io.github.kdastepscaling.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a cold Lambda does, in a fresh JVM: the runtime constructs the handler from the environment and passes it
 * the first event. Run by {@link ColdStartBenchmark} on the shaded jar; prints the proxy answer.
 */
public final class FirstGetMain {

    private FirstGetMain() {}

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ScalerHandler handler = new ScalerHandler();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, null);
        System.out.println(answer.toString(StandardCharsets.UTF_8));
    }
}
