package dev.slipway.controlplane.manualdeploy.web;

import dev.slipway.controlplane.identity.RoleExempt;
import dev.slipway.controlplane.manualdeploy.ManualDeployService;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The {@code zipUploadUrl} of a manual deployment: PUT the zip, no token (the URL's signature is the credential). */
@RestController
@RoleExempt("the upload URL's signature is the credential, as an S3 presigned URL's")
class ZipUploadController {

    private final ManualDeployService deploys;

    ZipUploadController(ManualDeployService deploys) {
        this.deploys = deploys;
    }

    @PutMapping("/uploads/manual-deploys/{uploadId}")
    @SecurityRequirements
    ResponseEntity<Void> upload(@PathVariable long uploadId, @RequestParam long expires,
            @RequestParam String signature, InputStream body) throws IOException {
        deploys.receive(uploadId, expires, signature, body);
        return ResponseEntity.ok().build();
    }
}
