package dev.slipway.controlplane.accesslog.web;

import dev.slipway.controlplane.accesslog.AccessLogStore;
import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.support.PayloadTooLargeException;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.accesslog.AccessLogBatch;
import dev.slipway.protocol.edge.EdgeApi;
import dev.slipway.protocol.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;

/** Edges post their access log batches here (edge tokens only, see SecurityConfiguration). */
@RestController
@RoleExempt("edges prove themselves with the edge token (SecurityConfiguration)")
class EdgeAccessLogController {

    /** A full batch is a few MB of JSON; a gzip bomb stops here, not in memory. */
    static final long MAX_DECOMPRESSED = 64L * 1024 * 1024;

    private final AccessLogStore store;

    EdgeAccessLogController(AccessLogStore store) {
        this.store = store;
    }

    @PostMapping(EdgeApi.ACCESS_LOGS)
    ResponseEntity<?> post(@RequestHeader(value = "Content-Encoding", required = false) String encoding,
            InputStream body) throws IOException {
        AccessLogBatch batch;
        try (InputStream in = "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body) {
            byte[] json = in.readNBytes((int) MAX_DECOMPRESSED + 1);
            if (json.length > MAX_DECOMPRESSED) {
                throw new PayloadTooLargeException(MAX_DECOMPRESSED);
            }
            batch = JsonMappers.LENIENT.readValue(json, AccessLogBatch.class);
        } catch (ZipException | JacksonException e) {
            throw Refusal.invalid("The body is not a gzip-compressed JSON access log batch: " + e.getMessage());
        }
        if (batch == null || batch.entries() == null) {
            throw Refusal.invalid("The batch has no entries.");
        }
        if (batch.entries().size() > AccessLogBatch.MAX_ENTRIES) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONTENT_TOO_LARGE, "A batch holds at most " + AccessLogBatch.MAX_ENTRIES
                            + " entries; this one has " + batch.entries().size() + "."));
        }
        store.store(batch);
        return ResponseEntity.noContent().build();
    }
}
