package io.github.kdastepscaling.fakes;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Minimal XML text escaping for the CloudWatch Query responses. */
final class Xml {
    private Xml() {}

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<':
                    b.append("&lt;");
                    break;
                case '>':
                    b.append("&gt;");
                    break;
                case '&':
                    b.append("&amp;");
                    break;
                case '"':
                    b.append("&quot;");
                    break;
                case '\'':
                    b.append("&apos;");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.toString();
    }

    static void element(StringBuilder b, String name, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof Instant
                ? DateTimeFormatter.ISO_INSTANT.format(((Instant) value).truncatedTo(ChronoUnit.MILLIS))
                : String.valueOf(value);
        b.append('<')
                .append(name)
                .append('>')
                .append(escape(text))
                .append("</")
                .append(name)
                .append('>');
    }
}
