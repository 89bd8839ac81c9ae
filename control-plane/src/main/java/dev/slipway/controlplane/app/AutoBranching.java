package dev.slipway.controlplane.app;

import dev.slipway.controlplane.support.Refusal;
import dev.slipway.protocol.glob.GlobMatcher;
import java.util.List;
import java.util.Map;

/**
 * Branch auto-detection (reference §6.1): git branches matching a pattern are connected on their first push, with
 * {@code autoBranchCreationConfig}; with {@code enableBranchAutoDeletion} a branch deleted in git is disconnected.
 *
 * @param autoBranchCreationPatterns {@link GlobMatcher#branchPattern} globs: {@code *} matches within one path segment,
 *                                   {@code **} across {@code /}
 */
public record AutoBranching(boolean enableAutoBranchCreation, List<String> autoBranchCreationPatterns,
        AutoBranchCreationConfig autoBranchCreationConfig, boolean enableBranchAutoDeletion) {

    public static final AutoBranching OFF = new AutoBranching(false, List.of(), null, false);

    /** What an auto-created branch starts with (a subset of Amplify's AutoBranchCreationConfig). */
    public record AutoBranchCreationConfig(String stage, Boolean enableAutoBuild,
            Map<String, String> environmentVariables, String buildSpec, Boolean enablePullRequestPreview) {
    }

    public AutoBranching {
        autoBranchCreationPatterns = autoBranchCreationPatterns == null ? List.of()
                : List.copyOf(autoBranchCreationPatterns);
        for (String pattern : autoBranchCreationPatterns) {
            if (pattern == null || pattern.isEmpty() || pattern.length() > 2048) {
                throw Refusal.invalid("Each of 'autoBranchCreationPatterns' must be 1 to 2,048 characters.");
            }
        }
        if (autoBranchCreationConfig != null) {
            EnvironmentVariables.validate(autoBranchCreationConfig.environmentVariables());
        }
    }

    /** Whether auto-creation is on and {@code branchName} matches one of the patterns. */
    public boolean createsBranch(String branchName) {
        return enableAutoBranchCreation
                && autoBranchCreationPatterns.stream()
                        .anyMatch(pattern -> GlobMatcher.branchPattern(pattern).matcher(branchName).matches());
    }
}
