package dev.slipway.controlplane.route.web;

import dev.slipway.controlplane.domain.cert.TlsKey;
import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.protocol.edge.EdgeApi;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands the TLS key to edges started with nothing but the control plane's URL and the edge token. */
@RestController
@RoleExempt("edges prove themselves with the edge token (SecurityConfiguration)")
class EdgeTlsKeyController {

    private final TlsKey tlsKey;

    EdgeTlsKeyController(TlsKey tlsKey) {
        this.tlsKey = tlsKey;
    }

    @GetMapping(value = EdgeApi.TLS_KEY, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> tlsKey() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tlsKey.base64());
    }
}
