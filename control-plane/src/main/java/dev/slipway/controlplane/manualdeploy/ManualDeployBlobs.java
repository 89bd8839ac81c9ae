package dev.slipway.controlplane.manualdeploy;

import dev.slipway.controlplane.support.LooseBlobs;
import java.util.Collection;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Uploaded zips not deployed yet, as blob GC sees them: freed with their branch or app, never while awaited. */
@Component
class ManualDeployBlobs implements LooseBlobs {

    private final ManualDeployRepository repository;

    ManualDeployBlobs(ManualDeployRepository repository) {
        this.repository = repository;
    }

    @Override
    public Collection<String> blobsOf(String appId, String branchName) {
        return repository.zipsOf(appId, branchName);
    }

    @Override
    public Collection<String> blobsOf(String appId) {
        return repository.zipsOf(appId);
    }

    @Override
    public Set<String> blobsInUse() {
        return repository.zipsInUse();
    }
}
