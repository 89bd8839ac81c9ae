package dev.slipway.cli;

/** The server did not answer (down, wrong URL, a broken connection); exit code {@value SlipwayCli#UNREACHABLE}. */
final class UnreachableException extends RuntimeException {

    UnreachableException(String message) {
        super(message);
    }
}
