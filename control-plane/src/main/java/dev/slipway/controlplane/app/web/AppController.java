package dev.slipway.controlplane.app.web;

import dev.slipway.controlplane.app.AppAccessControl;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Amplify's CreateApp / ListApps / GetApp / UpdateApp / DeleteApp, with Amplify's field names and envelopes. */
@RestController
@RequestMapping("/api/v1/apps")
@RequiresRole(Role.VIEWER)
class AppController {

    private final AppService apps;
    private final ControlPlaneProperties properties;
    private final AppAccessControl access;

    AppController(AppService apps, ControlPlaneProperties properties, AppAccessControl access) {
        this.access = access;
        this.apps = apps;
        this.properties = properties;
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, AppView> create(@RequestBody AppService.Changes request) {
        AppService.Created created = apps.create(request);
        return Map.of("app", AppView.of(created.app(), properties, access).withWebhookSecret(created.webhookSecret()));
    }

    @GetMapping
    Map<String, List<AppView>> list() {
        return Map.of("apps", apps.list().stream().map(app -> AppView.of(app, properties, access)).toList());
    }

    @GetMapping("/{appId}")
    Map<String, AppView> get(@PathVariable String appId) {
        return Map.of("app", AppView.of(apps.get(appId), properties, access));
    }

    @RequiresRole(Role.ADMIN)
    @PatchMapping("/{appId}")
    Map<String, AppView> update(@PathVariable String appId, @RequestBody AppService.Changes changes) {
        return Map.of("app", AppView.of(apps.update(appId, changes), properties, access));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{appId}")
    Map<String, AppView> delete(@PathVariable String appId) {
        AppView view = AppView.of(apps.get(appId), properties, access);
        apps.delete(appId);
        return Map.of("app", view);
    }
}
