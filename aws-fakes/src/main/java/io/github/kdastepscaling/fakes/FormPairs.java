package io.github.kdastepscaling.fakes;

import java.util.function.BiConsumer;

/** Splits a form body or a query string into its {@code name=value} pairs, still encoded. */
final class FormPairs {

    private FormPairs() {}

    /**
     * Hands each pair's encoded name and value to {@code pair}, in order: a pair without {@code =} has the value
     * {@code ""}, an empty pair is skipped. Decoding is the caller's: the form reader and the SigV4 canonical query
     * decode a {@code +} differently.
     */
    static void forEach(String encoded, BiConsumer<String, String> pair) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String p : encoded.split("&")) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            pair.accept(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
        }
    }
}
