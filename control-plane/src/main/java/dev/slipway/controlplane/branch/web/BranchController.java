package dev.slipway.controlplane.branch.web;

import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.identity.RequiresRole;
import dev.slipway.controlplane.identity.Role;
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

/** Amplify's CreateBranch / ListBranches / GetBranch / UpdateBranch / DeleteBranch. Names with '/' come URL-encoded. */
@RestController
@RequiresRole(Role.VIEWER)
@RequestMapping("/api/v1/apps/{appId}/branches")
class BranchController {

    private final BranchService branches;
    private final BranchViews views;

    BranchController(BranchService branches, BranchViews views) {
        this.branches = branches;
        this.views = views;
    }

    @RequiresRole(Role.ADMIN)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, BranchView> create(@PathVariable String appId, @RequestBody BranchService.Changes request) {
        return Map.of("branch", views.of(branches.create(appId, request)));
    }

    @GetMapping
    Map<String, List<BranchView>> list(@PathVariable String appId) {
        return Map.of("branches", branches.list(appId).stream().map(views::of).toList());
    }

    @GetMapping("/{branchName}")
    Map<String, BranchView> get(@PathVariable String appId, @PathVariable String branchName) {
        return Map.of("branch", views.of(branches.get(appId, branchName)));
    }

    @RequiresRole(Role.ADMIN)
    @PatchMapping("/{branchName}")
    Map<String, BranchView> update(@PathVariable String appId, @PathVariable String branchName,
            @RequestBody BranchService.Changes changes) {
        return Map.of("branch", views.of(branches.update(appId, branchName, changes)));
    }

    @RequiresRole(Role.ADMIN)
    @DeleteMapping("/{branchName}")
    Map<String, BranchView> delete(@PathVariable String appId, @PathVariable String branchName) {
        return Map.of("branch", views.of(branches.delete(appId, branchName)));
    }
}
