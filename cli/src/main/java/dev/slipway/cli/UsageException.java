package dev.slipway.cli;

/** The command line cannot be run as written; exit code {@value SlipwayCli#USAGE}. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
