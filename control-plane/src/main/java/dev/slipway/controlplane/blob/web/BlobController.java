package dev.slipway.controlplane.blob.web;

import dev.slipway.controlplane.blob.BlobTransfers;
import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.protocol.blob.BlobTransfer;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The blob transfer API ({@link BlobTransfer}): runners ask which blobs are missing, upload them and read blobs;
 * edges read. The security chains of {@code /runner/**} and {@code /edge/**} admit only their own tokens.
 */
@RestController
@RoleExempt("runners and edges prove themselves with their tokens (SecurityConfiguration)")
class BlobController {

    private static final String RUNNER_BLOB = BlobTransfer.RUNNER_PREFIX + "/{key}";
    private static final String EDGE_BLOB = BlobTransfer.EDGE_PREFIX + "/{key}";
    /** A blob never changes; only its holder's token may fetch it, so no shared cache keeps it. */
    private static final CacheControl IMMUTABLE = CacheControl.maxAge(365, TimeUnit.DAYS).cachePrivate().immutable();

    private final BlobTransfers transfers;

    BlobController(BlobTransfers transfers) {
        this.transfers = transfers;
    }

    @PostMapping(BlobTransfer.RUNNER_PREFIX + BlobTransfer.MISSING)
    BlobTransfer.MissingResponse missing(@RequestBody BlobTransfer.MissingRequest request) {
        return new BlobTransfer.MissingResponse(transfers.missing(request.blobs()));
    }

    @PutMapping(RUNNER_BLOB)
    ResponseEntity<Void> upload(@PathVariable String key, InputStream body) throws IOException {
        transfers.receive(key, body);
        return ResponseEntity.noContent().build();
    }

    @GetMapping({RUNNER_BLOB, EDGE_BLOB})
    ResponseEntity<Resource> download(@PathVariable String key) throws IOException {
        return transfers.source(key).<ResponseEntity<Resource>>map(source -> switch (source) {
            case BlobTransfers.Source.Redirect redirect -> ResponseEntity.status(307)
                    .location(redirect.url()).cacheControl(CacheControl.noStore()).build();
            case BlobTransfers.Source.LocalFile file -> blob(key).body(new FileSystemResource(file.file()));
            case BlobTransfers.Source.Stream stream -> blob(key).body(new InputStreamResource(stream.in()));
        }).orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * Answers from the store, never with a redirect: a client asking whether a blob exists needs no bytes.
     * Last-Modified is the store's touch time (an edge shows it to visitors).
     */
    @RequestMapping(method = RequestMethod.HEAD, path = {RUNNER_BLOB, EDGE_BLOB})
    ResponseEntity<Void> head(@PathVariable String key) throws IOException {
        return transfers.lastTouched(key).map(touched -> blob(key).lastModified(touched).<Void>build())
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    private static ResponseEntity.BodyBuilder blob(String key) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).cacheControl(IMMUTABLE)
                .eTag("\"" + key + "\"").header("X-Content-Type-Options", "nosniff");
    }
}
