package dev.slipway.controlplane.domain.web;

import dev.slipway.controlplane.domain.DomainService;
import dev.slipway.controlplane.domain.web.DomainViews.DomainView;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.support.Refusal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Amplify's domain association calls with its envelopes ({@code domainAssociation}, {@code domainAssociations}).
 * UpdateDomainAssociation is both Amplify's {@code POST .../domains/{domain}} and PATCH. Slipway's own additions:
 * {@code POST .../verify} (look the TXT record up now) and {@code PUT .../certificate} (upload a certificate).
 */
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/v1/apps/{appId}/domains")
class DomainController {

    private final DomainService domains;
    private final DomainViews views;

    DomainController(DomainService domains, DomainViews views) {
        this.domains = domains;
        this.views = views;
    }

    record Upload(String certificateChain, String privateKey) {
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, DomainView> create(@PathVariable String appId, @RequestBody DomainService.Changes request) {
        return Map.of("domainAssociation", views.view(domains.create(appId, request)));
    }

    @GetMapping
    Map<String, List<DomainView>> list(@PathVariable String appId) {
        return Map.of("domainAssociations", domains.list(appId).stream().map(views::view).toList());
    }

    @GetMapping("/{domainName}")
    Map<String, DomainView> get(@PathVariable String appId, @PathVariable String domainName) {
        return Map.of("domainAssociation", views.view(domains.get(appId, domainName)));
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping("/{domainName}")
    Map<String, DomainView> updateAmplifyStyle(@PathVariable String appId, @PathVariable String domainName,
            @RequestBody DomainService.Changes changes) {
        return update(appId, domainName, changes);
    }

    @RequiresRole(Role.ADMIN)
    @PatchMapping("/{domainName}")
    Map<String, DomainView> update(@PathVariable String appId, @PathVariable String domainName,
            @RequestBody DomainService.Changes changes) {
        return Map.of("domainAssociation", views.view(domains.update(appId, domainName, changes)));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{domainName}")
    Map<String, DomainView> delete(@PathVariable String appId, @PathVariable String domainName) {
        return Map.of("domainAssociation", views.view(domains.delete(appId, domainName)));
    }

    @RequiresRole(Role.DEVELOPER)
    @PostMapping("/{domainName}/verify")
    Map<String, DomainView> verify(@PathVariable String appId, @PathVariable String domainName) {
        return Map.of("domainAssociation", views.view(domains.verify(appId, domainName)));
    }

    @RequiresRole(Role.ADMIN)
    @PutMapping("/{domainName}/certificate")
    Map<String, DomainView> upload(@PathVariable String appId, @PathVariable String domainName,
            @RequestBody(required = false) Upload upload) {
        if (upload == null) {
            throw Refusal.invalid("The body must be {\"certificateChain\": PEM, \"privateKey\": PEM}.");
        }
        return Map.of("domainAssociation", views.view(
                domains.uploadCertificate(appId, domainName, upload.certificateChain(), upload.privateKey())));
    }
}
