package dev.slipway.e2e.deploy;

import java.util.ArrayList;
import java.util.List;

import dev.slipway.e2e.deploy.Rendering.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * Secrets and config maps a pod refers to that the rendering lacks (in the pod's namespace, with the key asked
 * for). kustomize appends a hash to generated names and rewrites the references it knows, so a reference it does not
 * know (a misspelt name, a key the generator no longer makes) only shows here, or as a pod stuck at start.
 */
final class References {

    private References() {
    }

    static List<String> missing(Rendering rendering) {
        List<String> missing = new ArrayList<>();
        for (Workload workload : rendering.workloads()) {
            String namespace = workload.namespace();
            for (Container container : workload.allContainers()) {
                for (EnvVar variable : container.getEnv()) {
                    EnvVarSource from = variable.getValueFrom();
                    if (from != null && from.getSecretKeyRef() != null && rendering.secret(namespace,
                            from.getSecretKeyRef().getName()).filter(s -> s.getData().containsKey(
                            from.getSecretKeyRef().getKey())).isEmpty()) {
                        missing.add(container.getName() + " " + variable.getName() + ": " + from.getSecretKeyRef());
                    }
                    if (from != null && from.getConfigMapKeyRef() != null && rendering.configMap(namespace,
                            from.getConfigMapKeyRef().getName()).filter(m -> m.getData().containsKey(
                            from.getConfigMapKeyRef().getKey())).isEmpty()) {
                        missing.add(container.getName() + " " + variable.getName() + ": " + from.getConfigMapKeyRef());
                    }
                }
                for (EnvFromSource from : container.getEnvFrom()) {
                    if (from.getConfigMapRef() != null
                            && rendering.configMap(namespace, from.getConfigMapRef().getName()).isEmpty()
                            || from.getSecretRef() != null
                            && rendering.secret(namespace, from.getSecretRef().getName()).isEmpty()) {
                        missing.add(container.getName() + " envFrom " + from);
                    }
                }
            }
            for (Volume volume : workload.template().getSpec().getVolumes()) {
                if (volume.getSecret() != null
                        && rendering.secret(namespace, volume.getSecret().getSecretName()).isEmpty()
                        || volume.getConfigMap() != null
                        && rendering.configMap(namespace, volume.getConfigMap().getName()).isEmpty()) {
                    missing.add("volume " + volume.getName());
                }
            }
        }
        return missing;
    }
}
