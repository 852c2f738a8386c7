package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How the two AWS protocols the fakes speak frame an error, and the codes they give a refused signature. */
enum WireProtocol {
    /** AWS JSON 1.1 (kinesisanalyticsv2, SSM, Application Auto Scaling): authentication codes end in Exception. */
    JSON {
        @Override
        String authCode(SigV4Verifier.Reason reason) {
            return switch (reason) {
                case MISSING -> "MissingAuthenticationTokenException";
                case INCOMPLETE -> "IncompleteSignatureException";
                case UNKNOWN_KEY -> "UnrecognizedClientException";
                case BAD_SIGNATURE, EXPIRED -> "InvalidSignatureException";
            };
        }

        @Override
        void sendError(HttpExchange ex, String requestId, int status, String code, String message) throws IOException {
            ObjectNode err = FakeAws.MAPPER.createObjectNode();
            err.put("__type", code);
            err.put("message", message);
            ex.getResponseHeaders().set("x-amzn-ErrorType", code);
            send(ex, requestId, status, "application/x-amz-json-1.1", FakeAws.MAPPER.writeValueAsBytes(err));
        }
    },
    /** AWS Query (CloudWatch): the older authentication codes, errors as XML. */
    QUERY {
        @Override
        String authCode(SigV4Verifier.Reason reason) {
            return switch (reason) {
                case MISSING -> "MissingAuthenticationToken";
                case INCOMPLETE -> "IncompleteSignature";
                case UNKNOWN_KEY -> "InvalidClientTokenId";
                case BAD_SIGNATURE, EXPIRED -> "SignatureDoesNotMatch";
            };
        }

        @Override
        void sendError(HttpExchange ex, String requestId, int status, String code, String message) throws IOException {
            String type = status >= 500 ? "Receiver" : "Sender";
            String xml = "<ErrorResponse xmlns=\"" + FakeCloudWatch.XMLNS + "\"><Error><Type>" + type + "</Type><Code>"
                    + Xml.escape(code) + "</Code><Message>" + Xml.escape(message == null ? "" : message)
                    + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
            send(ex, requestId, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
        }
    };

    /** @return the error code this protocol's services answer a refused signature with */
    abstract String authCode(SigV4Verifier.Reason reason);

    abstract void sendError(HttpExchange ex, String requestId, int status, String code, String message)
            throws IOException;

    static void send(HttpExchange ex, String requestId, int status, String contentType, byte[] body)
            throws IOException {
        ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
        ex.getResponseHeaders().set("Content-Type", contentType);
        // A fresh connection per call: on a reused loopback connection the client's Nagle algorithm (headers and
        // body are written separately) meets the server's delayed ACK, and every call waits 40 ms for nothing.
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
