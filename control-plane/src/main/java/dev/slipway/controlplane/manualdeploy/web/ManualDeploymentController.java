package dev.slipway.controlplane.manualdeploy.web;

import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.job.web.JobViews;
import dev.slipway.controlplane.manualdeploy.ManualDeployService;
import java.util.Map;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Amplify's CreateDeployment ({@code jobId} and a {@code zipUploadUrl} valid for 8 hours) and StartDeployment
 * ({@code jobId} of an uploaded zip, or a {@code sourceUrl}): deploys without git, for apps created without a
 * repository. The job (MANUAL, steps DEPLOY and VERIFY) is then read through the jobs API like any other.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}/branches/{branchName}/deployments")
@RequiresRole(Role.DEVELOPER)
class ManualDeploymentController {

    private final ManualDeployService deploys;

    ManualDeploymentController(ManualDeployService deploys) {
        this.deploys = deploys;
    }

    /** {@code fileUploadUrls} stays empty: per-file uploads ({@code fileMap}) are not offered, the zip is. */
    record CreatedView(String jobId, String zipUploadUrl, Map<String, String> fileUploadUrls) {
    }

    @PostMapping
    CreatedView create(@PathVariable String appId, @PathVariable String branchName) {
        ManualDeployService.Created created = deploys.create(appId, branchName);
        String origin = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return new CreatedView(created.job().jobId(), origin + created.uploadPath(), Map.of());
    }

    @PostMapping("/start")
    Map<String, JobViews.Summary> start(@PathVariable String appId, @PathVariable String branchName,
            @RequestBody ManualDeployService.Start request) {
        return Map.of("jobSummary", JobViews.summary(deploys.start(appId, branchName, request)));
    }
}
