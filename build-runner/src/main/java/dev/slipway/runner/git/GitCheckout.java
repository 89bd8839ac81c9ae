package dev.slipway.runner.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * Checks out exactly one commit, shallow: by SHA (init + fetch {@code <sha>:refs/remotes/origin/build} depth 1 +
 * checkout, stack-notes pitfall 14) or, without a SHA, the branch head (depth-1 clone of that branch only).
 * Stateless and thread-safe.
 */
public final class GitCheckout {

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final int TIMEOUT_SECONDS = 120;

    private final RepositoryPolicy policy;

    public GitCheckout(RepositoryPolicy policy) {
        this.policy = policy;
    }

    /** The commit that was checked out. */
    public record CheckedOut(String commitId, String message) {
    }

    /** The repository could not be checked out; the message is for the user (no credentials in it). */
    public static final class CheckoutException extends Exception {
        public CheckoutException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param commitId a full SHA, or null for the branch head
     * @param dir      an empty or absent directory
     */
    public CheckedOut checkout(String repository, String commitId, String branch, Path dir) throws CheckoutException {
        String refusal = policy.refusal(repository);
        if (refusal != null) {
            throw new CheckoutException(refusal, null);
        }
        String shown = RepositoryPolicy.redact(repository);
        try {
            Files.createDirectories(dir);
            if (commitId != null && !commitId.isBlank() && !commitId.equals("HEAD")) {
                if (!SHA.matcher(commitId).matches()) {
                    throw new CheckoutException("commit id '" + commitId + "' is not a full 40-character SHA", null);
                }
                return fetchCommit(repository, commitId.toLowerCase(), dir);
            }
            return cloneBranch(repository, branch, dir);
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            String what = commitId != null ? "commit " + commitId : "branch " + branch;
            throw new CheckoutException("could not fetch " + what + " from " + shown + ": " + rootMessage(e), e);
        }
    }

    private static CheckedOut fetchCommit(String repository, String sha, Path dir) throws GitAPIException, IOException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("slipway-build").call()) {
            git.remoteAdd().setName("origin").setUri(new URIish(repository)).call();
            fetchShallow(git, sha, "refs/remotes/origin/build", TIMEOUT_SECONDS);
            git.checkout().setName(sha).call();
            return describe(git.getRepository(), sha);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("not a valid repository URL", e);
        }
    }

    /**
     * Fetches one commit by its SHA from {@code origin} into {@code ref}, without history (stack-notes pitfall 14:
     * a SHA is fetched through a refspec, never as a branch name).
     */
    static void fetchShallow(Git git, String sha, String ref, int timeoutSeconds) throws GitAPIException {
        git.fetch().setRemote("origin").setRefSpecs(new RefSpec(sha + ":" + ref))
                .setDepth(1).setTimeout(timeoutSeconds).call();
    }

    private static CheckedOut cloneBranch(String repository, String branch, Path dir) throws GitAPIException, IOException {
        try (Git git = Git.cloneRepository().setURI(repository).setDirectory(dir.toFile()).setDepth(1)
                .setBranch(branch).setCloneAllBranches(false).setBranchesToClone(List.of("refs/heads/" + branch))
                .setTimeout(TIMEOUT_SECONDS).call()) {
            ObjectId head = git.getRepository().resolve("HEAD");
            if (head == null) {
                throw new IOException("branch " + branch + " does not exist");
            }
            return describe(git.getRepository(), head.name());
        }
    }

    private static CheckedOut describe(Repository repository, String sha) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(repository.resolve(sha));
            return new CheckedOut(commit.name(), commit.getFullMessage().strip());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof TransportException)) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return RepositoryPolicy.redact(message);
    }
}
