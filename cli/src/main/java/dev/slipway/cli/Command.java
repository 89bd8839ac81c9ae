package dev.slipway.cli;

import java.io.IOException;

/** One of the CLI's commands; the exit code it returns is the process's. */
interface Command {

    int run(Context context) throws IOException;
}
