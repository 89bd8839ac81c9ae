package dev.slipway.runner.executor;

import java.util.function.Consumer;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/**
 * Follows a container's stdout and stderr as lines. Docker 20.10 can end a follow stream before the last chunk a
 * container wrote (a final line without newline is often lost), so once the follow ends and the container has
 * stopped, the complete log is read once more and only the bytes beyond what was already seen are delivered.
 * One instance per container and call.
 */
public final class DockerLogFollower {

    private final DockerClient docker;
    private final String containerId;
    private final LineSplitter out;
    private final LineSplitter err;
    private long outBytes;
    private long errBytes;

    public DockerLogFollower(DockerClient docker, String containerId, Consumer<String> lines) {
        this.docker = docker;
        this.containerId = containerId;
        Consumer<String> ordered = line -> {
            synchronized (lines) {
                lines.accept(line);
            }
        };
        this.out = new LineSplitter(ordered);
        this.err = new LineSplitter(ordered);
    }

    /** Blocks until the container's output ended; delivers every line including a last partial one. */
    public void follow() throws InterruptedException {
        try {
            read(true, 0, 0);
            if (!isRunning()) {
                long seenOut = outBytes;
                long seenErr = errBytes;
                outBytes = 0;
                errBytes = 0;
                read(false, seenOut, seenErr);
            }
        } catch (NotFoundException gone) {
            // the container was destroyed (cancel, timeout): nothing more to show
        } finally {
            out.finish();
            err.finish();
        }
    }

    private void read(boolean followStream, long skipOut, long skipErr) throws InterruptedException {
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                boolean stderr = frame.getStreamType() == StreamType.STDERR;
                byte[] payload = frame.getPayload();
                long before = stderr ? errBytes : outBytes;
                long skip = Math.max(0, Math.min(payload.length, (stderr ? skipErr : skipOut) - before));
                if (stderr) {
                    errBytes += payload.length;
                } else {
                    outBytes += payload.length;
                }
                if (skip < payload.length) {
                    (stderr ? err : out).accept(payload, (int) skip, payload.length - (int) skip);
                }
            }
        };
        docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(followStream)
                .exec(callback).awaitCompletion();
    }

    private boolean isRunning() {
        Boolean running = docker.inspectContainerCmd(containerId).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }
}
