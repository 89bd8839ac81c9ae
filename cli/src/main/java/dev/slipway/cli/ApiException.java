package dev.slipway.cli;

/**
 * The API refused a call: its status and the problem+json's title and detail, which say what to change. 401 means the
 * token is missing, wrong or revoked.
 */
final class ApiException extends RuntimeException {

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
