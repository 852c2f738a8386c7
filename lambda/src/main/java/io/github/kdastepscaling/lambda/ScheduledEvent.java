package io.github.kdastepscaling.lambda;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** Recognises the EventBridge scheduled event that triggers a reconcile. */
final class ScheduledEvent {

    private ScheduledEvent() {}

    static boolean isScheduledEvent(JsonNode event) {
        return event.isObject()
                && event.field("source")
                        .filter(JsonNode::isString)
                        .map(JsonNode::asString)
                        .filter("aws.events"::equals)
                        .isPresent()
                && event.field("detail-type")
                        .filter(JsonNode::isString)
                        .map(JsonNode::asString)
                        .filter("Scheduled Event"::equals)
                        .isPresent();
    }
}
