package dev.slipway.controlplane.compute;

import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.support.ControlPlaneProperties;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.springframework.stereotype.Service;

/**
 * A branch's SSR runtime log (Amplify's "Hosting compute logs"): compute hosts on this machine append what the
 * branch's server prints, secrets masked, to {@code <data>/compute/logs/<appId>/<branch>.log} in the shared data
 * directory; this reads its tail.
 */
@Service
public class ComputeLogs {

    /** Enough for the console and the API; older lines stay in the file. */
    static final int MAX_TAIL_BYTES = 1 << 20;

    private final BranchService branches;
    private final Path root;

    ComputeLogs(BranchService branches, ControlPlaneProperties properties) {
        this.branches = branches;
        this.root = properties.absoluteDataDir().resolve("compute").resolve("logs");
    }

    /** The last {@code lines} lines (at most 1 MB); empty when the branch's server never printed anything. */
    public String tail(String appId, String branchName, int lines) throws IOException {
        branches.get(appId, branchName);
        Path file = root.resolve(appId).resolve(branchName + ".log").normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return "";
        }
        String text;
        boolean cut;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - MAX_TAIL_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            text = new String(bytes, StandardCharsets.UTF_8);
            cut = start > 0;
        }
        String[] all = text.split("\n", -1);
        int end = text.endsWith("\n") ? all.length - 1 : all.length;
        // a tail that began mid-line drops that partial line
        int from = Math.max(cut ? 1 : 0, end - lines);
        return end <= from ? "" : String.join("\n", Arrays.copyOfRange(all, from, end)) + "\n";
    }
}
