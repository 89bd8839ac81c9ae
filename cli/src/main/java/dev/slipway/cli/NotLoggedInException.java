package dev.slipway.cli;

/** No URL or token to call the API with; exit code {@value SlipwayCli#NOT_LOGGED_IN}. */
final class NotLoggedInException extends RuntimeException {

    NotLoggedInException(String message) {
        super(message);
    }
}
