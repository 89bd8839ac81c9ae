package dev.slipway.runner.executor;

import java.io.IOException;

/** A step asked for an image ({@code _CUSTOM_IMAGE}) the engine does not have; images are never pulled. */
public final class MissingImageException extends IOException {

    private final String image;

    public MissingImageException(String image) {
        super("image " + image + " is not present on the Docker engine");
        this.image = image;
    }

    public String image() {
        return image;
    }
}
