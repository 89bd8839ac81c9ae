package dev.slipway.controlplane.console.web;

import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
import dev.slipway.controlplane.job.Job;
import dev.slipway.controlplane.manualdeploy.ManualDeployService;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The branch page's zip drop (static/js/manual-deploy.js): the same create, upload and start as the API, called by
 * the page's script with the session and the form's CSRF token; it answers JSON, then the browser opens the job.
 */
@Controller
@RequiresRole(Role.DEVELOPER)
class ManualDeployPages {

    private final ManualDeployService deploys;

    ManualDeployPages(ManualDeployService deploys) {
        this.deploys = deploys;
    }

    @PostMapping("/apps/{appId}/branches/{branchName}/deployments")
    @ResponseBody
    Map<String, String> create(@PathVariable String appId, @PathVariable String branchName) {
        ManualDeployService.Created created = deploys.create(appId, branchName);
        String origin = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
        return Map.of("jobId", created.job().jobId(), "zipUploadUrl", origin + created.uploadPath());
    }

    @PostMapping("/apps/{appId}/branches/{branchName}/deployments/start")
    @ResponseBody
    Map<String, String> start(@PathVariable String appId, @PathVariable String branchName,
            @RequestParam String jobId) {
        Job job = deploys.start(appId, branchName, new ManualDeployService.Start(jobId, null));
        return Map.of("jobId", job.jobId(), "jobUrl", JobPages.path(appId, branchName, job.jobId()));
    }
}
