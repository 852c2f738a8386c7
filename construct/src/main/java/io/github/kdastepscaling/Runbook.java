package io.github.kdastepscaling;

/**
 * Where each alarm's entry in the runbook (docs/runbook.md) lives: every alarm the construct creates ends its
 * description with the link, so the on-call engineer goes from the notification to what to do. The anchors are the
 * runbook's headings; {@code RunbookTest} checks that each one exists.
 */
final class Runbook {

    /** The runbook on the repository's main branch: a stable address, whatever version of the library is deployed. */
    static final String URL = "https://github.com/kdastepscaling/kda-step-scaling/blob/main/docs/runbook.md";

    private Runbook() {}

    /** {@code description}, then the link to the runbook's entry {@code anchor}. */
    static String describe(String description, String anchor) {
        return description + ". Runbook: " + URL + "#" + anchor;
    }
}
