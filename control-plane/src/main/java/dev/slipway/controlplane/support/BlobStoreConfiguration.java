package dev.slipway.controlplane.support;

import dev.slipway.protocol.blob.BlobStore;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BlobStoreConfiguration {

    @Bean
    BlobStore blobStore(ControlPlaneProperties properties) throws IOException {
        return properties.blobs().open(properties.blobDir());
    }
}
