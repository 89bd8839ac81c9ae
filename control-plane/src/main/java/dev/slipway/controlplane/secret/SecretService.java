package dev.slipway.controlplane.secret;

import dev.slipway.controlplane.app.App;
import dev.slipway.controlplane.app.AppService;
import dev.slipway.controlplane.app.EnvironmentVariables;
import dev.slipway.controlplane.branch.Branch;
import dev.slipway.controlplane.branch.BranchService;
import dev.slipway.controlplane.support.Refusal;
import dev.slipway.controlplane.support.SecretCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * App- and branch-level build secrets. Values are encrypted with {@link SecretCipher} before they reach the database,
 * never returned by the API, and decrypted only for a leased job ({@link #forBuild}). A branch's secret overrides the
 * app's secret of the same name. A {@code branchName} of null means the app-level scope.
 */
@Service
public class SecretService {

    /** Shorter values would be masked everywhere they appear in logs by chance, so they are refused. */
    public static final int MIN_LENGTH = 4;

    private final SecretRepository secrets;
    private final AppService apps;
    private final BranchService branches;
    private final SecretCipher cipher;

    SecretService(SecretRepository secrets, AppService apps, BranchService branches, SecretCipher cipher) {
        this.secrets = secrets;
        this.apps = apps;
        this.branches = branches;
        this.cipher = cipher;
    }

    public SecretInfo put(String appId, String branchName, String name, String value) {
        requireScope(appId, branchName);
        EnvironmentVariables.checkSecretName(name);
        EnvironmentVariables.checkValueLength("Secret", name, value);
        if (value.length() < MIN_LENGTH) {
            throw Refusal.invalid("Secret '" + name + "' is too short: a secret needs at least " + MIN_LENGTH
                    + " characters, because shorter values cannot be masked in build logs without hiding ordinary"
                    + " text. Use an environment variable for it instead.");
        }
        return secrets.upsert(appId, branchName, name, cipher.encrypt(value));
    }

    public List<SecretInfo> list(String appId, String branchName) {
        requireScope(appId, branchName);
        return secrets.list(appId, branchName);
    }

    public void delete(String appId, String branchName, String name) {
        requireScope(appId, branchName);
        if (!secrets.delete(appId, branchName, name)) {
            throw Refusal.notFound((branchName == null ? "App '" + appId + "'" : "Branch '" + branchName + "'")
                    + " has no secret '" + name + "'.");
        }
    }

    /** Decrypted values for a build of the branch; only the lease answer may carry them. */
    public Map<String, String> forBuild(String appId, String branchName) {
        Map<String, String> values = new LinkedHashMap<>();
        secrets.encryptedForBranch(appId, branchName).forEach((name, enc) -> values.put(name, decrypt(name, enc)));
        return values;
    }

    /** Names the secret that fails, so the job that cannot get it says which one to set again. */
    private String decrypt(String name, String encrypted) {
        try {
            return cipher.decrypt(encrypted);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Secret '" + name + "' could not be decrypted (was the master key "
                    + "changed?); set it again.", e);
        }
    }

    /**
     * Decrypted values for code of the branch to see (its builds and its SSR compute). A fork's author decides what
     * its pull request runs, so a fork's preview gets none unless the app opted in.
     */
    public Map<String, String> forCode(App app, Branch branch) {
        Branch.PullRequestOrigin pullRequest = branch.pullRequest();
        boolean withheld = pullRequest != null && pullRequest.fromFork() && !app.pullRequestForkSecrets();
        return withheld ? Map.of() : forBuild(app.appId(), branch.branchName());
    }

    private void requireScope(String appId, String branchName) {
        if (branchName == null) {
            apps.get(appId);
        } else {
            branches.get(appId, branchName);
        }
    }
}
