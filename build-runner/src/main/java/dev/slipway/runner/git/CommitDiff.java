package dev.slipway.runner.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Whether anything under a directory differs between a {@link GitCheckout} and an earlier commit. The checkout is
 * shallow, so the earlier commit is fetched by SHA first (depth 1: only its tree is compared, never the history).
 */
public final class CommitDiff {

    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final int TIMEOUT_SECONDS = 60;

    private CommitDiff() {
    }

    /**
     * @param checkout a directory {@link GitCheckout} filled, with its {@code origin} remote
     * @param earlier  the full SHA to compare with
     * @param path     a directory relative to the repository root, {@code /}-separated; empty for the whole tree
     * @throws IOException when the earlier commit cannot be fetched or read
     */
    public static boolean changedSince(Path checkout, String earlier, String path) throws IOException {
        if (earlier == null || !SHA.matcher(earlier).matches()) {
            throw new IOException("'" + earlier + "' is not a full commit SHA");
        }
        try (Git git = Git.open(checkout.toFile())) {
            Repository repository = git.getRepository();
            ObjectId head = repository.resolve("HEAD");
            if (head.name().equals(earlier)) {
                return false;
            }
            ObjectId previous = ObjectId.fromString(earlier);
            if (!repository.getObjectDatabase().has(previous)) {
                GitCheckout.fetchShallow(git, earlier, "refs/remotes/origin/previous", TIMEOUT_SECONDS);
            }
            try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(walk.parseCommit(previous).getTree());
                tree.addTree(walk.parseCommit(head).getTree());
                tree.setRecursive(true);
                tree.setFilter(path.isEmpty() ? TreeFilter.ANY_DIFF
                        : AndTreeFilter.create(PathFilter.create(path), TreeFilter.ANY_DIFF));
                return tree.next();
            }
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException("could not compare with commit " + earlier + ": " + e.getMessage(), e);
        }
    }
}
