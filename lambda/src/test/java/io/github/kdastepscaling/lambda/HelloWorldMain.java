package io.github.kdastepscaling.lambda;

/** The baseline of {@link ColdStartBenchmark}: a JVM that starts, prints and exits. */
public final class HelloWorldMain {

    private HelloWorldMain() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
